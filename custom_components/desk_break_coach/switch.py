"""The reminders switch: whether reminders are active; off pauses them until on again.

It is off during any pause (for minutes or until resume), and turning it on
resumes, as the resume action does.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import BUTTON, DeskBreakCoachConfigEntry
from .engine import Command
from .entity import CoachEntity
from .services import run

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
    """Reminders active, or paused."""

    @property
    def is_on(self) -> bool:
        """Whether reminders are active."""
        return bool(self._shown)

    def shown(self) -> bool:
        """Return the on/off state, from the coach's view."""
        return self.coach.view.reminders

    async def async_turn_on(self, **kwargs: Any) -> None:
        """End the pause (already on: nothing to do)."""
        if not self.coach.view.reminders:
            run(self.coach.run, Command.RESUME, BUTTON)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Pause reminders until turned on (already off: nothing to do)."""
        if Command.PAUSE in self.coach.view.available_commands:
            run(self.coach.run, Command.PAUSE, BUTTON)
