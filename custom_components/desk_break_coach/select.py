"""The program select, mirroring the `program` option: shipped programs and own routines."""

from __future__ import annotations

from typing import Any

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import DeskBreakCoachConfigEntry
from .const import CONF_PROGRAM, DEFAULT_PROGRAM, option
from .entity import CoachEntity
from .profile.personal import program_ids, program_names

#: The attribute naming the person's own routines, by program id.
ATTR_ROUTINES = "routines"

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's program select."""
    description = SelectEntityDescription(
        key=CONF_PROGRAM,
        entity_category=EntityCategory.CONFIG,
        options=program_ids(entry),
    )
    async_add_entities([ProgramSelect(entry, description)])


class ProgramSelect(CoachEntity, SelectEntity):
    """Which routine the next breaks follow."""

    _unrecorded_attributes = frozenset({ATTR_ROUTINES})

    @property
    def options(self) -> list[str]:
        """The shipped programs, then the profile's own routines."""
        return program_ids(self.coach.entry)

    @property
    def current_option(self) -> str:
        """The program option (the default one if it names no program)."""
        program = str(option(self.coach.entry.options, CONF_PROGRAM))
        return program if program in self.options else DEFAULT_PROGRAM

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The names of the person's own routines, by program id (for the card)."""
        names = program_names(self.coach.entry)
        return {ATTR_ROUTINES: names} if names else None

    def shown(self) -> Any:
        """Return the selected program, the choices and the routines' names."""
        return (
            self.current_option,
            tuple(self.options),
            tuple(program_names(self.coach.entry).items()),
        )

    async def async_select_option(self, option: str) -> None:
        """Store the program as an option; the coach picks it up."""
        entry = self.coach.entry
        self.hass.config_entries.async_update_entry(
            entry, options={**entry.options, CONF_PROGRAM: option}
        )
        self._coach_changed()
