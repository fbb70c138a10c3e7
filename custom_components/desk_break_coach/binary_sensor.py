"""Binary sensors: a break is due, and the debounced presence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    #: Shows how each presence and do-not-disturb entity is read (attribute `sources`).
    sources: bool = False


BINARY_SENSORS: tuple[CoachBinarySensorDescription, ...] = (
    CoachBinarySensorDescription(key="break_due", is_on_fn=lambda view: view.break_due),
    CoachBinarySensorDescription(
        key="occupied",
        device_class=BinarySensorDeviceClass.OCCUPANCY,
        is_on_fn=lambda view: view.occupied,
        sources=True,
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
        return bool(self._shown[0])

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """How each presence and do-not-disturb entity is read, for `occupied`."""
        if not self.entity_description.sources:
            return None
        return {"sources": dict(self._shown[1])}

    def shown(self) -> tuple[bool, tuple[tuple[str, str], ...]]:
        """Return the on/off state (and the sources), from the coach."""
        sources = (
            tuple(self.coach.inputs.sources().items())
            if self.entity_description.sources
            else ()
        )
        return self.entity_description.is_on_fn(self.coach.view), sources
