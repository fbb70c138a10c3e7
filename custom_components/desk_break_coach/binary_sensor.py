"""Binary sensors: a break is due, and the debounced presence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import DeskBreakCoachConfigEntry
from .engine import View
from .entity import CoachEntity

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class CoachBinarySensorDescription(BinarySensorEntityDescription):
    """A binary sensor reading the coach's view."""

    is_on_fn: Callable[[View], bool]


BINARY_SENSORS: tuple[CoachBinarySensorDescription, ...] = (
    CoachBinarySensorDescription(key="break_due", is_on_fn=lambda view: view.break_due),
    CoachBinarySensorDescription(
        key="occupied",
        device_class=BinarySensorDeviceClass.OCCUPANCY,
        is_on_fn=lambda view: view.occupied,
    ),
    CoachBinarySensorDescription(
        key="over_daily_limit", is_on_fn=lambda view: view.over_daily_limit
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's binary sensors."""
    async_add_entities(
        CoachBinarySensor(entry, description) for description in BINARY_SENSORS
    )


class CoachBinarySensor(CoachEntity, BinarySensorEntity):
    """A binary sensor of the coach's view."""

    entity_description: CoachBinarySensorDescription

    @property
    def is_on(self) -> bool:
        """Whether it is on."""
        return bool(self._shown)

    def shown(self) -> bool:
        """Return the on/off state, from the coach's view."""
        return self.entity_description.is_on_fn(self.coach.view)
