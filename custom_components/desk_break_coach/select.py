"""The program select, mirroring the `program` option."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import DeskBreakCoachConfigEntry
from .const import CONF_PROGRAM, PROGRAMS, option
from .entity import CoachEntity

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's program select."""
    description = SelectEntityDescription(
        key=CONF_PROGRAM, entity_category=EntityCategory.CONFIG, options=list(PROGRAMS)
    )
    async_add_entities([ProgramSelect(entry, description)])


class ProgramSelect(CoachEntity, SelectEntity):
    """Which routine the next breaks follow."""

    @property
    def current_option(self) -> str:
        """The program option."""
        return str(option(self.coach.entry.options, CONF_PROGRAM))

    def shown(self) -> str:
        """Return the selected program."""
        return self.current_option

    async def async_select_option(self, option: str) -> None:
        """Store the program as an option; the coach picks it up."""
        entry = self.coach.entry
        self.hass.config_entries.async_update_entry(
            entry, options={**entry.options, CONF_PROGRAM: option}
        )
        self._coach_changed()
