"""What the profile's entities say: presence combined, do-not-disturb, working time.

The presence entities are combined (any or all of them "on"/"home"); an entity that
is unavailable or unknown is "no news" and keeps its last word. While none of them
has a usable state nobody knows whether anyone is at the desk, so a due reminder
waits, as during do-not-disturb. Each change that matters reaches the coach as one
`Observation`, so the engine runs once per change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.const import STATE_HOME, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import async_track_state_change_event

from .const import (
    CONF_DND_ENTITIES,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_SCHEDULE_ENTITY,
    PRESENCE_MODE_ALL,
)
from .repairs import PresenceWatch

if TYPE_CHECKING:
    from . import DeskBreakCoachConfigEntry

_NO_NEWS = (STATE_UNAVAILABLE, STATE_UNKNOWN)


def is_on(state: State | None) -> bool | None:
    """True/False for a usable state, None for no news."""
    if state is None or state.state in _NO_NEWS:
        return None
    return state.state in (STATE_ON, STATE_HOME)


@dataclass(frozen=True, slots=True)
class Observation:
    """What the entities say now; None is no news."""

    present: bool | None
    dnd: bool
    working: bool | None


class PresenceInput:
    """Follows the presence, do-not-disturb and schedule entities of one profile."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: DeskBreakCoachConfigEntry,
        on_change: Callable[[Observation], None],
    ) -> None:
        """Follow nothing until start()."""
        self.hass = hass
        self.entry = entry
        self._on_change = on_change
        self._last: dict[str, bool] = {}
        self._unsubs: list[CALLBACK_TYPE] = []
        self._watch = PresenceWatch(hass, entry)
        self._seen: Observation | None = None

    @property
    def _presence_ids(self) -> list[str]:
        return list(self.entry.data[CONF_PRESENCE_ENTITIES])

    @callback
    def start(self) -> Observation:
        """Follow the entities the options name now, and return what they say."""
        self.stop()
        options, presence = self.entry.options, self._presence_ids
        self._last = {k: v for k, v in self._last.items() if k in presence}
        self._unsubs.append(
            async_track_state_change_event(self.hass, presence, self._on_presence)
        )
        self._watch.start(presence)
        others = list(options.get(CONF_DND_ENTITIES) or [])
        if schedule := options.get(CONF_SCHEDULE_ENTITY):
            others.append(schedule)
        if others:
            self._unsubs.append(
                async_track_state_change_event(self.hass, others, self._on_context)
            )
        for entity_id in presence:
            self._remember(entity_id, self.hass.states.get(entity_id))
        self._seen = self._observe(self._combined())
        return self._seen

    @callback
    def stop(self) -> None:
        """Stop following."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._watch.stop()

    def _remember(self, entity_id: str, state: State | None) -> None:
        value = is_on(state)
        if value is not None:
            self._last[entity_id] = value

    def _combined(self) -> bool | None:
        if not self._last:
            return None
        if self.entry.data.get(CONF_PRESENCE_MODE) == PRESENCE_MODE_ALL:
            return all(
                self._last.get(entity_id, False) for entity_id in self._presence_ids
            )
        return any(self._last.values())

    def _observe(self, present: bool | None) -> Observation:
        options = self.entry.options
        outage = all(
            is_on(self.hass.states.get(entity_id)) is None
            for entity_id in self._presence_ids
        )
        dnd = outage or any(
            is_on(self.hass.states.get(entity_id))
            for entity_id in options.get(CONF_DND_ENTITIES) or []
        )
        schedule = options.get(CONF_SCHEDULE_ENTITY)
        working = is_on(self.hass.states.get(schedule)) if schedule else None
        return Observation(present, dnd, working)

    def _report(self, seen: Observation) -> None:
        """Tell the coach, if anything changed since it last heard."""
        before, self._seen = self._seen, seen
        if before is None or seen != before:
            self._on_change(seen)

    @callback
    def _on_presence(self, event: Event[EventStateChangedData]) -> None:
        entity_id, state = event.data["entity_id"], event.data["new_state"]
        self._watch.update(entity_id, state)
        self._remember(entity_id, state)
        self._report(self._observe(self._combined()))

    @callback
    def _on_context(self, _event: Event[EventStateChangedData]) -> None:
        present = None if self._seen is None else self._seen.present
        self._report(self._observe(present))
