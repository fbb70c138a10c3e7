"""A presence entity gone too long raises a repair issue; its return clears it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, State, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later

from ..const import DOMAIN
from .read import no_news

if TYPE_CHECKING:
    from ..coach import DeskBreakCoachConfigEntry

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
    def async_start(self, entity_ids: list[str]) -> None:
        """Watch these entities (again), judging their current states."""
        self.async_stop()
        for entity_id in entity_ids:
            self.update(entity_id, self.hass.states.get(entity_id))

    @callback
    def async_stop(self) -> None:
        """Cancel the pending checks (raised issues stay until the entity returns)."""
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()

    @callback
    def update(self, entity_id: str, state: State | None) -> None:
        """Judge a presence entity's new state."""
        if no_news(state):
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
