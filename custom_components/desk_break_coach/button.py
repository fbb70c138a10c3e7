"""Buttons: one per command whose row in `COMMANDS` asks for one."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import BUTTON, DeskBreakCoachConfigEntry
from .commands import specs
from .const import DOMAIN
from .engine import Command
from .entity import CoachEntity
from .services import async_run

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class CoachButtonDescription(ButtonEntityDescription):
    """A button that runs one coach command."""

    command: Command
    needs_desk: bool = False


#: One button per command its row in `COMMANDS` gives a button.
BUTTONS: tuple[CoachButtonDescription, ...] = tuple(
    CoachButtonDescription(
        key=spec.key, command=spec.command, needs_desk=spec.needs_desk
    )
    for spec in specs("button")
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's buttons (the desk's only with a desk; gone without one)."""
    desk = entry.runtime_data.has_desk
    registry = er.async_get(hass)
    for description in BUTTONS:
        if description.needs_desk and not desk:
            unique_id = f"{entry.entry_id}_{description.key}"
            if entity_id := registry.async_get_entity_id("button", DOMAIN, unique_id):
                registry.async_remove(entity_id)
    async_add_entities(
        CoachButton(entry, description)
        for description in BUTTONS
        if desk or not description.needs_desk
    )


class CoachButton(CoachEntity, ButtonEntity):
    """Runs the command of the same name."""

    entity_description: CoachButtonDescription

    async def async_press(self) -> None:
        """Run the command (and wait for the desk's move); a refusal is a translated error."""
        await async_run(self.coach, self.entity_description.command, BUTTON)
