"""The shell around the engine: feeds it entity events, arms one timer, persists, fires."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeassistant.const import STATE_HOME, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import (
    CALLBACK_TYPE,
    Event as HassEvent,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.util import dt as dt_util

from .const import (
    CONF_DND_ENTITIES,
    CONF_NAME,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_SCHEDULE_ENTITY,
    DOMAIN,
    PRESENCE_MODE_ALL,
)
from .engine import REFRESH, BreakEngine, Catalogue, CoachState, Event, EventType, View
from .repairs import PresenceWatch
from .settings import settings_from_options
from .store import CoachStore

if TYPE_CHECKING:
    from . import DeskBreakCoachConfigEntry

_LOGGER = logging.getLogger(__name__)
_REFRESH_MINUTES = int(REFRESH.total_seconds() // 60)

SAVE_DELAY = 10
ROUTINES = Path(__file__).parent / "routines"
_NO_NEWS = (STATE_UNAVAILABLE, STATE_UNKNOWN)
#: Saved at once: losing these would hurt.
_SAVE_NOW = (EventType.BREAK_COMPLETED, EventType.ROUTINE_STOPPED)

type EventListener = Callable[[Event], None]


def load_catalogue(language: str) -> Catalogue:
    """Return the routine catalogue for a language (blocking: run in the executor)."""
    path = ROUTINES / f"{language.split('-', maxsplit=1)[0].lower()}.json"
    if not path.exists():
        path = ROUTINES / "en.json"
    return Catalogue.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _is_on(state: State | None) -> bool | None:
    """True/False for a usable state, None for no news."""
    if state is None or state.state in _NO_NEWS:
        return None
    return state.state in (STATE_ON, STATE_HOME)


def _publishable(view: View, shown: View) -> View:
    """Pin what changes by the second to what is shown, between real changes.

    Sitting minutes move in REFRESH steps (and when a block starts or ends); seconds
    left move when a step changes. So a flapping sensor or a tick writes no state.
    """
    if view.sitting_since == shown.sitting_since:
        if (
            view.sitting_minutes // _REFRESH_MINUTES
            == shown.sitting_minutes // _REFRESH_MINUTES
        ):
            view = replace(view, sitting_minutes=shown.sitting_minutes)
        if (
            view.sitting_today_minutes // _REFRESH_MINUTES
            == shown.sitting_today_minutes // _REFRESH_MINUTES
        ):
            view = replace(view, sitting_today_minutes=shown.sitting_today_minutes)
    if (
        view.exercise is not None
        and shown.exercise is not None
        and view.exercise.ends_at == shown.exercise.ends_at
        and view.exercise.step == shown.exercise.step
    ):
        view = replace(view, exercise=shown.exercise)
    return view


class Coach:
    """One profile's running coach."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: DeskBreakCoachConfigEntry,
        catalogue: Catalogue,
    ) -> None:
        """Prepare; nothing runs until async_start()."""
        self.hass = hass
        self.entry = entry
        self.catalogue = catalogue
        self.store = CoachStore(hass, entry.entry_id)
        self.engine = BreakEngine(
            settings_from_options(entry.options),
            catalogue,
            dt_util.get_default_time_zone(),
        )
        self.view: View = self.engine.view(dt_util.utcnow())
        self._listeners: list[Callable[[], None]] = []
        self._event_listeners: list[EventListener] = []
        self._unsubs: list[CALLBACK_TYPE] = []
        self._timer: CALLBACK_TYPE | None = None
        self._presence: dict[str, bool] = {}
        self._saved: dict[str, Any] | None = None
        self._outage = False
        self._watch = PresenceWatch(hass, entry)

    @property
    def name(self) -> str:
        """The profile's name."""
        return str(self.entry.data.get(CONF_NAME) or self.entry.title)

    # ------------------------------------------------------------- lifecycle
    async def async_start(self) -> None:
        """Restore, subscribe and catch up."""
        stored = await self.store.async_load()
        if stored is not None:
            self.engine.state = CoachState.from_dict(stored)
        self._subscribe()
        now = dt_util.utcnow()
        self._dispatch(self.engine.update(now), now)
        self._feed_all(now)

    @callback
    def async_stop(self, _event: HassEvent[Any] | None = None) -> None:
        """Stop listening and save (when Home Assistant stops: at its final write)."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._cancel_timer()
        self._watch.stop()
        self.store.async_delay_save(self._data, 0)

    async def async_unload(self) -> None:
        """Stop and write the progress now, before the profile unloads.

        A reload starts a new coach that reads the file at once; a save left
        pending here could also land after the new coach's own saves.
        """
        self.async_stop()
        await self.store.async_save(self._data())

    @callback
    def async_apply_options(self) -> None:
        """Apply new options, keeping the state."""
        now = dt_util.utcnow()
        self._subscribe()
        self._dispatch(
            self.engine.apply_settings(now, settings_from_options(self.entry.options)),
            now,
        )
        self._feed_all(now)

    def _subscribe(self) -> None:
        for unsub in self._unsubs:
            unsub()
        self._unsubs = []
        options, data = self.entry.options, self.entry.data
        presence = list(data[CONF_PRESENCE_ENTITIES])
        self._presence = {k: v for k, v in self._presence.items() if k in presence}
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

    # ------------------------------------------------------------- inputs
    def _feed_all(self, now: datetime) -> None:
        for entity_id in self.entry.data[CONF_PRESENCE_ENTITIES]:
            self._remember(entity_id, self.hass.states.get(entity_id))
        self._outage = self._presence_unknown()
        events = self.engine.presence(now, self._combined())
        events += self._feed_context(now)
        self._dispatch(events, now)

    def _presence_unknown(self) -> bool:
        """Whether no presence entity has a usable state right now."""
        return all(
            _is_on(self.hass.states.get(entity_id)) is None
            for entity_id in self.entry.data[CONF_PRESENCE_ENTITIES]
        )

    def _remember(self, entity_id: str, state: State | None) -> None:
        value = _is_on(state)
        if value is not None:
            self._presence[entity_id] = value

    def _combined(self) -> bool | None:
        if not self._presence:
            return None
        if self.entry.data.get(CONF_PRESENCE_MODE) == PRESENCE_MODE_ALL:
            entities = self.entry.data[CONF_PRESENCE_ENTITIES]
            return all(self._presence.get(entity_id, False) for entity_id in entities)
        return any(self._presence.values())

    def _feed_context(self, now: datetime) -> list[Event]:
        options = self.entry.options
        # While the presence entities are all unavailable nobody knows whether
        # anyone is at the desk: a due reminder waits, as during do-not-disturb.
        dnd = self._outage or any(
            _is_on(self.hass.states.get(entity_id))
            for entity_id in options.get(CONF_DND_ENTITIES) or []
        )
        events = []
        if dnd != self.engine.state.dnd:
            events += self.engine.set_dnd(now, dnd)
        if schedule := options.get(CONF_SCHEDULE_ENTITY):
            working = _is_on(self.hass.states.get(schedule))
            if working is not None and working != self.engine.state.working:
                events += self.engine.set_working(now, working)
        return events

    @callback
    def _on_presence(self, event: HassEvent[EventStateChangedData]) -> None:
        entity_id, state = event.data["entity_id"], event.data["new_state"]
        self._watch.update(entity_id, state)
        before = self._combined()
        self._remember(entity_id, state)
        combined = self._combined()
        changed = combined is not None and combined != before
        outage = self._presence_unknown()
        if not changed and outage == self._outage:
            return
        self._outage = outage
        now = dt_util.utcnow()
        # Presence first: a sensor that returns "off" must not remind on its way.
        events = self.engine.presence(now, combined) if changed else []
        self._dispatch(events + self._feed_context(now), now)

    @callback
    def _on_context(self, event: HassEvent[EventStateChangedData]) -> None:
        now = dt_util.utcnow()
        self._dispatch(self._feed_context(now), now)

    @callback
    def _on_timer(self, _now: datetime) -> None:
        self._timer = None
        now = dt_util.utcnow()
        self._dispatch(self.engine.update(now), now)

    # ------------------------------------------------------------- commands
    @callback
    def command(self, name: str, *args: Any) -> None:
        """Run an engine command; an EngineError leaves everything as it was."""
        now = dt_util.utcnow()
        self._dispatch(self.engine.update(now), now)
        method: Callable[..., list[Event]] = getattr(self.engine, name)
        self._dispatch(method(now, *args), now, force_save=True)

    # ------------------------------------------------------------- outputs
    def _dispatch(
        self,
        events: list[Event],
        now: datetime,
        *,
        force_save: bool = False,
    ) -> None:
        """Fire events, save, refresh the view and re-arm the timer."""
        for event in events:
            data = {
                "config_entry_id": self.entry.entry_id,
                "name": self.name,
                **event.data,
            }
            self.hass.bus.async_fire(f"{DOMAIN}_{event.type}", data)
            for listener in list(self._event_listeners):
                listener(Event(event.type, data))
        self._persist(force_save or any(event.type in _SAVE_NOW for event in events))
        view = _publishable(self.engine.view(now), self.view)
        if view != self.view:
            self.view = view
            for update in list(self._listeners):
                update()
        self._arm(now)

    def _arm(self, now: datetime) -> None:
        wake = self.engine.next_wakeup(now)
        self._cancel_timer()
        if wake is not None:
            self._timer = async_track_point_in_utc_time(self.hass, self._on_timer, wake)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None

    def _persist(self, now_please: bool) -> None:
        """Save at once, or later if anything but the clock cursor changed.

        The cursor only saves re-checking deadlines that no longer apply after a
        restart, so a timer tick alone does not rewrite the file.
        """
        data = self._data()
        content = {key: value for key, value in data.items() if key != "cursor"}
        if now_please:
            self.hass.async_create_task(self.store.async_save(data), eager_start=True)
        elif content != self._saved:
            self.store.async_delay_save(self._data, SAVE_DELAY)
        self._saved = content

    def _data(self) -> dict[str, Any]:
        return self.engine.state.to_dict()

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call `listener` whenever the view changed."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_add_event_listener(self, listener: EventListener) -> CALLBACK_TYPE:
        """Call `listener` with each event (data already carries entry id and name)."""
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)

    def status(self) -> Mapping[str, Any]:
        """Return the get_status response, computed now."""
        view = self.engine.view(dt_util.utcnow())
        exercise = view.exercise
        return {
            "status": view.status.value,
            "sitting_minutes": view.sitting_minutes,
            "sitting_today_minutes": view.sitting_today_minutes,
            "next_break": view.next_break.isoformat() if view.next_break else None,
            "breaks_today": view.breaks_today,
            "daily_target": view.daily_target,
            "daily_progress": view.progress,
            "streak": view.streak,
            "program": view.program,
            "snoozes_left": view.snoozes_left,
            "current_exercise": None
            if exercise is None
            else {
                "name": exercise.name,
                "step": exercise.step,
                "steps_total": exercise.steps_total,
                "reps": exercise.reps,
                "seconds_left": exercise.seconds_left,
                "instructions": exercise.instructions,
            },
            "remaining_steps": view.remaining_steps,
        }
