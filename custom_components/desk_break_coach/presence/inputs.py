"""What the profile's entities say: presence combined, do-not-disturb, working time.

A presence entity is read by its kind: "on"/"home" for binary sensors, switches,
booleans, trackers and people; for a sensor, a "last active" timestamp at most
`idle_seconds` old, an idle time at most `idle_seconds`, or a state listed in
`presence_states`. The entities are combined (any or all present); an entity that
is unavailable or unknown is "no news" and keeps its last word. A timestamp goes
stale without any state change, so this module arms one wake-up for the moment the
freshest-expiring one does. While none of them
has a usable state nobody knows whether anyone is at the desk, so a due reminder
waits, as during do-not-disturb. A meeting at the computer is sitting: while a
do-not-disturb entity of the same device as a presence entity says do-not-disturb
(a PC agent's camera, microphone or presentation state), that presence entity counts
as present however idle the PC is. Each change that matters reaches the coach as one
`Observation`, so the engine runs once per change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.util import dt as dt_util

from ..const import (
    CONF_DND_ENTITIES,
    CONF_DND_STATES,
    CONF_IDLE_SECONDS,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_PRESENCE_STATES,
    CONF_SCHEDULE_ENTITY,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    PRESENCE_MODE_ALL,
    option,
)
from .read import (
    Reading,
    dnd_kind,
    is_dnd,
    is_on,
    is_standing,
    no_news,
    presence_kind,
    read_presence,
)
from .watch import PresenceWatch

if TYPE_CHECKING:
    from ..coach import DeskBreakCoachConfigEntry


@dataclass(frozen=True, slots=True)
class Observation:
    """What the entities say now; None is no news."""

    present: bool | None
    dnd: bool
    working: bool | None
    standing: bool = False


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
        #: What each presence entity said last, and why (diagnostics).
        self._readings: dict[str, Reading] = {}
        #: The do-not-disturb entities on each presence entity's device.
        self._meeting: dict[str, list[str]] = {}
        self._dnd_states: frozenset[str] = frozenset()
        self._unsubs: list[CALLBACK_TYPE] = []
        self._watch = PresenceWatch(hass, entry)
        self._seen: Observation | None = None
        #: Until when each fresh timestamp sensor says "present" by itself.
        self._until: dict[str, datetime] = {}
        self._stale_timer: CALLBACK_TYPE | None = None
        self._idle = timedelta()
        self._states: frozenset[str] = frozenset()

    @property
    def _presence_ids(self) -> list[str]:
        return list(self.entry.data[CONF_PRESENCE_ENTITIES])

    @callback
    def async_start(self) -> Observation:
        """Follow the entities the options name now, and return what they say."""
        self.async_stop()
        options, presence = self.entry.options, self._presence_ids
        self._last = {k: v for k, v in self._last.items() if k in presence}
        self._readings = {k: v for k, v in self._readings.items() if k in presence}
        self._until.clear()
        self._idle = timedelta(seconds=int(option(options, CONF_IDLE_SECONDS)))
        self._states = frozenset(
            str(value).casefold() for value in option(options, CONF_PRESENCE_STATES)
        )
        self._dnd_states = frozenset(
            str(value).casefold() for value in option(options, CONF_DND_STATES)
        )
        self._meeting = self._same_device(presence, self._dnd_ids)
        self._unsubs.append(
            async_track_state_change_event(self.hass, presence, self._on_presence)
        )
        self._watch.async_start(presence)
        others = list(self._dnd_ids)
        others += [
            entity_id
            for key in (CONF_SCHEDULE_ENTITY, CONF_STANDING_ENTITY)
            if (entity_id := options.get(key))
        ]
        if others:
            self._unsubs.append(
                async_track_state_change_event(self.hass, others, self._on_context)
            )
        for entity_id in presence:
            self._remember(entity_id, self.hass.states.get(entity_id))
        self._arm_stale()
        self._seen = self._observation(self._combined())
        return self._seen

    @callback
    def async_stop(self) -> None:
        """Stop following."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._watch.async_stop()
        self._cancel_stale()

    @property
    def _dnd_ids(self) -> list[str]:
        return list(self.entry.options.get(CONF_DND_ENTITIES) or [])

    def _same_device(self, presence: list[str], dnd: list[str]) -> dict[str, list[str]]:
        """Return, per presence entity, the do-not-disturb entities of its device."""
        registry = er.async_get(self.hass)

        def device(entity_id: str) -> str | None:
            entry = registry.async_get(entity_id)
            return None if entry is None else entry.device_id

        meeting: dict[str, list[str]] = {}
        for entity_id in presence:
            if (own := device(entity_id)) is not None:
                found = [other for other in dnd if device(other) == own]
                if found:
                    meeting[entity_id] = found
        return meeting

    def _dnd(self, entity_id: str) -> bool | None:
        return is_dnd(self.hass.states.get(entity_id), self._dnd_states)

    def _in_meeting(self, entity_id: str) -> bool:
        """Whether a do-not-disturb entity of this presence entity's device says so."""
        return any(self._dnd(other) for other in self._meeting.get(entity_id, ()))

    def _remember(self, entity_id: str, state: State | None) -> None:
        reading = read_presence(state, dt_util.utcnow(), self._idle, self._states)
        self._readings[entity_id] = reading
        if reading.until is None:
            self._until.pop(entity_id, None)
        else:
            self._until[entity_id] = reading.until
        if reading.present is not None:
            self._last[entity_id] = reading.present

    def _arm_stale(self) -> None:
        """Wake up when the first fresh timestamp goes stale (one timer at a time)."""
        self._cancel_stale()
        if self._until:
            self._stale_timer = async_track_point_in_utc_time(
                self.hass, self._on_stale, min(self._until.values())
            )

    def diagnostics(self) -> dict[str, Any]:
        """Return what each presence entity last said, and when a timestamp goes stale."""
        stale = self.armed_wakeup()
        return {
            "readings": dict(self._last),
            "combined": self._combined(),
            "stale_at": None if stale is None else stale.isoformat(),
            "sees": self.sees(),
        }

    def sources(self) -> dict[str, str]:
        """Return how each presence and do-not-disturb entity is read (attributes).

        It changes only with the options or an entity's kind, never with its state,
        so showing it costs no state writes.
        """
        registry = er.async_get(self.hass)
        meeting_at = {
            other: entity_id
            for entity_id, others in self._meeting.items()
            for other in others
        }
        sources: dict[str, str] = {}
        for entity_id in self._presence_ids:
            state, entry = (
                self.hass.states.get(entity_id),
                registry.async_get(entity_id),
            )
            if state is not None and not no_news(state):
                device_class = state.attributes.get("device_class")
                unit = state.attributes.get("unit_of_measurement")
            elif entry is not None:
                device_class = entry.device_class or entry.original_device_class
                unit = entry.unit_of_measurement
            else:
                device_class = unit = None
            sources[entity_id] = presence_kind(
                entity_id.split(".", 1)[0], device_class, unit
            )
        for entity_id in self._dnd_ids:
            kind = dnd_kind(entity_id.split(".", 1)[0])
            if entity_id in meeting_at:
                kind = f"{kind}, meeting at {meeting_at[entity_id]}"
            sources[entity_id] = f"do_not_disturb: {kind}"
        return sources

    def sees(self) -> dict[str, dict[str, Any]]:
        """Return, per presence and do-not-disturb entity, what it read and why."""
        seen: dict[str, dict[str, Any]] = {}
        for entity_id in self._presence_ids:
            reading = self._readings.get(entity_id, Reading(None))
            state = self.hass.states.get(entity_id)
            present = reading.present
            why = reading.why
            if self._in_meeting(entity_id):
                present, why = True, "meeting"
            seen[entity_id] = {
                "state": None if state is None else state.state,
                "present": present,
                "why": why,
            }
        for entity_id in self._dnd_ids:
            state = self.hass.states.get(entity_id)
            dnd = self._dnd(entity_id)
            seen[entity_id] = {
                "state": None if state is None else state.state,
                "dnd": dnd,
                "why": "no_news"
                if dnd is None
                else ("dnd_state" if dnd else "not_dnd_state"),
            }
        return seen

    def armed_wakeup(self) -> datetime | None:
        """Return when the one stale wake-up is armed for (diagnostics), if it is."""
        return min(self._until.values()) if self._stale_timer is not None else None

    def _cancel_stale(self) -> None:
        if self._stale_timer is not None:
            self._stale_timer()
            self._stale_timer = None

    @callback
    def _on_stale(self, _now: datetime) -> None:
        self._stale_timer = None
        for entity_id in list(self._until):
            self._remember(entity_id, self.hass.states.get(entity_id))
        self._arm_stale()
        self._report(self._observation(self._combined()))

    def _combined(self) -> bool | None:
        said = dict(self._last)
        said.update(
            {
                entity_id: True
                for entity_id in self._meeting
                if self._in_meeting(entity_id)
            }
        )
        if not said:
            return None
        if self.entry.data.get(CONF_PRESENCE_MODE) == PRESENCE_MODE_ALL:
            return all(said.get(entity_id, False) for entity_id in self._presence_ids)
        return any(said.values())

    def _observation(self, present: bool | None) -> Observation:
        options = self.entry.options
        outage = all(
            no_news(self.hass.states.get(entity_id)) for entity_id in self._presence_ids
        )
        dnd = outage or any(self._dnd(entity_id) for entity_id in self._dnd_ids)
        schedule = options.get(CONF_SCHEDULE_ENTITY)
        working = is_on(self.hass.states.get(schedule)) if schedule else None
        desk: str | None = options.get(CONF_STANDING_ENTITY)
        above = options.get(CONF_STANDING_ABOVE)
        standing = desk is not None and is_standing(
            self.hass.states.get(desk), None if above is None else float(above)
        )
        return Observation(present, dnd, working, standing)

    def _report(self, seen: Observation) -> None:
        """Tell the coach, if anything changed since it last heard."""
        before, self._seen = self._seen, seen
        if before is None or seen != before:
            self._on_change(seen)

    @callback
    def _on_presence(self, event: Event[EventStateChangedData]) -> None:
        entity_id, state = event.data["entity_id"], event.data["new_state"]
        self._watch.update(entity_id, state)
        before = self._until.get(entity_id)
        self._remember(entity_id, state)
        if self._until.get(entity_id) != before:
            self._arm_stale()
        self._report(self._observation(self._combined()))

    @callback
    def _on_context(self, _event: Event[EventStateChangedData]) -> None:
        self._report(self._observation(self._combined()))
