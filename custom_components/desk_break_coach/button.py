"""Buttons: start, next, finish, snooze and skip."""

from __future__ import annotations

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import DeskBreakCoachConfigEntry
from .entity import CoachEntity
from .services import run

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0

BUTTONS: tuple[ButtonEntityDescription, ...] = tuple(
    ButtonEntityDescription(key=key)
    for key in ("start_break", "next_exercise", "finish_break", "snooze", "skip_break")
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's buttons."""
    async_add_entities(CoachButton(entry, description) for description in BUTTONS)


class CoachButton(CoachEntity, ButtonEntity):
    """Runs the action of the same name."""

    async def async_press(self) -> None:
        """Run the action; a refusal is a translated error."""
        run(self.coach, self.entity_description.key)
