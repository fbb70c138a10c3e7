"""Repair flows: the fix for "ready to move on?".

The presence issue is raised in presence/watch.py, the comfort log's issues in
outputs/wellbeing.py; the one that can be fixed,
the suggestion of the next program, is fixed here: switch, or stay (remembered).
"""

from __future__ import annotations

from homeassistant.components.repairs import RepairsFlow, RepairsFlowResult
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant

from .const import CONF_PROGRAM


class ProgressionFlow(RepairsFlow):
    """Switch to the suggested program, or stay on the current one."""

    def __init__(self, entry_id: str, program: str) -> None:
        """Remember which profile and which program."""
        super().__init__()
        self.entry_id = entry_id
        self.program = program

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Offer the choice."""
        return self.async_show_menu(step_id="init", menu_options=["switch", "stay"])

    async def async_step_switch(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Switch the profile's program; today's progress is kept."""
        entry = self.hass.config_entries.async_get_entry(self.entry_id)
        if entry is not None:
            self.hass.config_entries.async_update_entry(
                entry, options={**entry.options, CONF_PROGRAM: self.program}
            )
        return self.async_create_entry(data={})

    async def async_step_stay(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Stay: the suggestion is not made again."""
        entry = self.hass.config_entries.async_get_entry(self.entry_id)
        if entry is not None and entry.state is ConfigEntryState.LOADED:
            entry.runtime_data.async_decline_suggestion(self.program)
        return self.async_create_entry(data={})


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, str | int | float | None] | None
) -> RepairsFlow:
    """Return the fix flow of a fixable issue (only the program suggestion is)."""
    data = data or {}
    return ProgressionFlow(str(data.get("entry_id")), str(data.get("program")))
