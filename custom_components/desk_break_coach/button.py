"""Buttons: one per command whose row in `COMMANDS` asks for one."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import BUTTON, DeskBreakCoachConfigEntry
from .commands import specs
from .engine import Command
from .entity import CoachEntity
from .services import run

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class CoachButtonDescription(ButtonEntityDescription):
    """A button that runs one coach command."""

    command: Command


#: One button per command its row in `COMMANDS` gives a button.
BUTTONS: tuple[CoachButtonDescription, ...] = tuple(
    CoachButtonDescription(key=spec.key, command=spec.command)
    for spec in specs("button")
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
        run(self.coach.run, self.entity_description.command, BUTTON)
