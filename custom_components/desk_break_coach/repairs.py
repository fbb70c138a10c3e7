"""Repair issues: a presence entity gone too long; the fix for "ready to move on?".

The comfort log's issues are raised in wellbeing.py; the one that can be fixed,
the suggestion of the next program, is fixed here: switch, or stay (remembered).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.components.repairs import RepairsFlow, RepairsFlowResult
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, State, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later

from .const import CONF_PROGRAM, DOMAIN

if TYPE_CHECKING:
    from . import DeskBreakCoachConfigEntry

#: How long a presence entity may be missing or unavailable before a repair issue.
UNAVAILABLE_GRACE = timedelta(hours=1)


def issue_id(entry_id: str, entity_id: str) -> str:
    """Return the repair issue id for one entity of one profile."""
    return f"presence_unavailable_{entry_id}_{entity_id}"


class PresenceWatch:
    """Raises a repair issue per presence entity gone for an hour; clears it on return."""

    def __init__(self, hass: HomeAssistant, entry: DeskBreakCoachConfigEntry) -> None:
        """Watch nothing yet."""
        self.hass = hass
        self.entry = entry
        self._timers: dict[str, CALLBACK_TYPE] = {}

    @callback
    def start(self, entity_ids: list[str]) -> None:
        """Watch these entities (again), judging their current states."""
        self.stop()
        for entity_id in entity_ids:
            self.update(entity_id, self.hass.states.get(entity_id))

    @callback
    def stop(self) -> None:
        """Cancel the pending checks (raised issues stay until the entity returns)."""
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()

    @callback
    def update(self, entity_id: str, state: State | None) -> None:
        """Judge a presence entity's new state."""
        if state is None or state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
            if entity_id not in self._timers:

                @callback
                def _expired(_now: datetime) -> None:
                    self._raise(entity_id)

                self._timers[entity_id] = async_call_later(
                    self.hass, UNAVAILABLE_GRACE, _expired
                )
            return
        if cancel := self._timers.pop(entity_id, None):
            cancel()
        ir.async_delete_issue(
            self.hass, DOMAIN, issue_id(self.entry.entry_id, entity_id)
        )

    @callback
    def _raise(self, entity_id: str) -> None:
        self._timers.pop(entity_id, None)
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id(self.entry.entry_id, entity_id),
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="presence_unavailable",
            translation_placeholders={"entity_id": entity_id, "name": self.entry.title},
        )


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
            entry.runtime_data.decline_suggestion(self.program)
        return self.async_create_entry(data={})


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, str | int | float | None] | None
) -> RepairsFlow:
    """Return the fix flow of a fixable issue (only the program suggestion is)."""
    data = data or {}
    return ProgressionFlow(str(data.get("entry_id")), str(data.get("program")))
