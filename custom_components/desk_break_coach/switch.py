"""The reminders switch: off pauses reminders until it is turned on again."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import DeskBreakCoachConfigEntry
from .entity import CoachEntity

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's reminders switch."""
    async_add_entities(
        [RemindersSwitch(entry, SwitchEntityDescription(key="reminders"))]
    )


class RemindersSwitch(CoachEntity, SwitchEntity):
    """Reminders on or paused."""

    @property
    def is_on(self) -> bool:
        """Whether reminders are on."""
        return self.coach.view.reminders

    def shown(self) -> bool:
        """Return the on/off state."""
        return self.is_on

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Reminders on."""
        self.coach.command("set_reminders", True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Reminders off until turned on."""
        self.coach.command("set_reminders", False)
