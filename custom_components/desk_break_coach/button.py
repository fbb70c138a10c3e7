"""Buttons: start, next, finish, snooze and skip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import DeskBreakCoachConfigEntry
from .coach import BUTTON, Coach
from .engine import Command, Event
from .entity import CoachEntity
from .services import run

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class CoachButtonDescription(ButtonEntityDescription):
    """A button that runs one coach command."""

    press_fn: Callable[[Coach], list[Event]]


BUTTONS: tuple[CoachButtonDescription, ...] = (
    CoachButtonDescription(
        key=Command.START_BREAK.value, press_fn=lambda coach: coach.start_break(BUTTON)
    ),
    CoachButtonDescription(
        key=Command.NEXT_EXERCISE.value,
        press_fn=lambda coach: coach.next_exercise(BUTTON),
    ),
    CoachButtonDescription(
        key=Command.FINISH_BREAK.value,
        press_fn=lambda coach: coach.finish_break(BUTTON),
    ),
    CoachButtonDescription(
        key=Command.SNOOZE.value, press_fn=lambda coach: coach.snooze(BUTTON)
    ),
    CoachButtonDescription(
        key=Command.SKIP_BREAK.value, press_fn=lambda coach: coach.skip_break(BUTTON)
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's buttons."""
    async_add_entities(CoachButton(entry, description) for description in BUTTONS)


class CoachButton(CoachEntity, ButtonEntity):
    """Runs the command of the same name."""

    entity_description: CoachButtonDescription

    async def async_press(self) -> None:
        """Run the command; a refusal is a translated error."""
        run(self.entity_description.press_fn, self.coach)
