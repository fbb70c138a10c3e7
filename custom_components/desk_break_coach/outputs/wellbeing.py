"""Repair issues from the comfort log: rest when it gets worse, move on when it is good.

A level that drops right after a break stops the exercises (the engine does that);
here it becomes a repair issue in plain words: rest, and talk to a doctor if it
persists, raised as more serious when it happens on 3 days in a week. It goes when
the person resumes. A stable good week suggests the next program as a fixable issue
(repairs.py has the fix); the person decides, and staying is remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from ..const import DOMAIN
from ..engine import Event, EventType, Status

if TYPE_CHECKING:
    from ..coach import DeskBreakCoachConfigEntry, Origin

#: Worse on this many days of a week: the more serious issue.
REPEATED_DAYS: Final = 3


def worse_issue_id(entry_id: str) -> str:
    """Return the issue id of "comfort got worse" for a profile."""
    return f"comfort_worse_{entry_id}"


def repeated_issue_id(entry_id: str) -> str:
    """Return the issue id of "comfort got worse on several days" for a profile."""
    return f"comfort_worse_repeated_{entry_id}"


def progression_issue_id(entry_id: str, program: str) -> str:
    """Return the issue id of "ready for `program`?" for a profile."""
    return f"progression_{entry_id}_{program}"


class Wellbeing:
    """Raises and clears one profile's comfort repair issues."""

    def __init__(self, hass: HomeAssistant, entry: DeskBreakCoachConfigEntry) -> None:
        """Bind to the profile."""
        self.hass = hass
        self.entry = entry
        self._suggested: str | None = None

    @callback
    def async_on_event(self, event: Event, _origin: Origin | None) -> None:
        """Raise the rest issue for a comfort level that got worse after a break."""
        if event.type is not EventType.COMFORT_LOGGED or not event.data.get("worse"):
            return
        entry_id = self.entry.entry_id
        self._raise(worse_issue_id(entry_id), "comfort_worse", ir.IssueSeverity.WARNING)
        if (days := int(event.data.get("worse_days") or 0)) >= REPEATED_DAYS:
            # Said as "on {days} of the last 7 days": right for every count.
            self._raise(
                repeated_issue_id(entry_id),
                "comfort_worse_repeated",
                ir.IssueSeverity.ERROR,
                days=str(days),
            )

    def _raise(
        self,
        issue_id: str,
        key: str,
        severity: ir.IssueSeverity,
        **values: str,
    ) -> None:
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            is_persistent=True,
            severity=severity,
            translation_key=key,
            translation_placeholders={"name": self.entry.title, **values},
        )

    @callback
    def async_on_view(self) -> None:
        """Follow the view: resuming clears the rest issue; suggestions come and go."""
        view = self.entry.runtime_data.view
        entry_id = self.entry.entry_id
        if view.status is not Status.RESTING:
            ir.async_delete_issue(self.hass, DOMAIN, worse_issue_id(entry_id))
        suggested, before = view.suggested_program, self._suggested
        if suggested == before:
            return
        self._suggested = suggested
        if before is not None:
            ir.async_delete_issue(
                self.hass, DOMAIN, progression_issue_id(entry_id, before)
            )
        if suggested is None:
            return
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            progression_issue_id(entry_id, suggested),
            is_fixable=True,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=f"progression_{suggested}",
            translation_placeholders={"name": self.entry.title},
            data={"entry_id": entry_id, "program": suggested},
        )


@callback
def async_attach_wellbeing(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> CALLBACK_TYPE:
    """Start raising the profile's comfort issues; returns the detach callback."""
    wellbeing = Wellbeing(hass, entry)
    coach = entry.runtime_data
    detach_events = coach.async_add_event_listener(wellbeing.async_on_event)
    detach_view = coach.async_add_listener(wellbeing.async_on_view)
    wellbeing.async_on_view()

    @callback
    def detach() -> None:
        detach_events()
        detach_view()

    return detach
