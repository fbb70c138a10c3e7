"""The shell around the engine: feeds it, arms one timer, persists, fires and publishes.

Every input reaches the engine once: a change of the profile's entities (as one
`Observation` from presence.py), the timer, or a command. What the engine answers
is worded (speech.py), fired on the bus and to the listeners (event entity,
announcements), saved, and published to the entities when what they show changed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import (
    CALLBACK_TYPE,
    Event as HassEvent,
    HassJob,
    HomeAssistant,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .commands import COMMANDS
from .const import CONF_DESK_ENTITY, CONF_NAME, DOMAIN
from .engine import (
    REFRESH,
    BreakEngine,
    Catalogue,
    CoachState,
    Command,
    EngineError,
    Event,
    EventType,
    View,
)
from .outputs.desk import Desk, Move, plan
from .presence.inputs import Observation, PresenceInput
from .profile.catalogues import following, profile_language, shipped_for, worded
from .profile.personal import personal_catalogue
from .profile.settings import settings_from_options
from .profile.store import CoachStore

_LOGGER = logging.getLogger(__name__)
_REFRESH_MINUTES = int(REFRESH.total_seconds() // 60)

#: Saved at once: losing these would hurt.
_SAVE_NOW = (EventType.BREAK_COMPLETED, EventType.ROUTINE_STOPPED)


class OriginKind(StrEnum):
    """Who asked for a command."""

    BUTTON = "button"
    ACTION = "action"
    VOICE = "voice"
    PHONE = "phone"
    AUTOMATION = "automation"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a command came from; a voice command names the satellite that heard it."""

    kind: OriginKind
    satellite_id: str | None = None


BUTTON = Origin(OriginKind.BUTTON)
ACTION = Origin(OriginKind.ACTION)
AUTOMATION = Origin(OriginKind.AUTOMATION)

#: Listeners of the profile's events: the event (data complete) and its origin
#: (None for what the clock or the sensors caused).
type EventListener = Callable[[Event, Origin | None], None]


def _publishable(view: View, shown: View) -> View:
    """Pin what changes by the second to what is shown, between real changes.

    Sitting minutes move in REFRESH steps (and when a block starts or ends); seconds
    left move when a step changes. So a flapping sensor or a tick writes no state.
    The view is copied only when a value is pinned (it runs on every input).
    """
    pinned: dict[str, Any] = {}
    if view.sitting_since == shown.sitting_since:
        if view.sitting_minutes != shown.sitting_minutes and _same_step(
            view.sitting_minutes, shown.sitting_minutes
        ):
            pinned["sitting_minutes"] = shown.sitting_minutes
        if view.sitting_today_minutes != shown.sitting_today_minutes and _same_step(
            view.sitting_today_minutes, shown.sitting_today_minutes
        ):
            pinned["sitting_today_minutes"] = shown.sitting_today_minutes
    if (
        view.standing == shown.standing
        and view.standing_today_minutes != shown.standing_today_minutes
        and _same_step(view.standing_today_minutes, shown.standing_today_minutes)
    ):
        pinned["standing_today_minutes"] = shown.standing_today_minutes
    exercise, was = view.exercise, shown.exercise
    if (
        exercise is not None
        and was is not None
        and exercise.seconds_left != was.seconds_left
        and exercise.ends_at == was.ends_at
        and exercise.step == was.step
    ):
        pinned["exercise"] = replace(exercise, seconds_left=was.seconds_left)
    return replace(view, **pinned) if pinned else view


def _same_step(minutes: int, shown: int) -> bool:
    """Whether two minute counts fall in the same REFRESH step."""
    return minutes // _REFRESH_MINUTES == shown // _REFRESH_MINUTES


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
        #: The shipped programs in the profile's language; `catalogue` adds the
        #: profile's own routines.
        self.shipped = catalogue
        self.catalogue = personal_catalogue(catalogue, entry)
        #: Whether the break in progress keeps a routine since edited or deleted.
        self._pinned = False
        self.store = CoachStore(hass, entry.entry_id)
        self.engine = BreakEngine(
            settings_from_options(entry.options),
            self.catalogue,
            dt_util.get_default_time_zone(),
        )
        self.view: View = self.engine.view(dt_util.utcnow())
        self.inputs = PresenceInput(hass, entry, self._on_observation)
        self._listeners: list[Callable[[], None]] = []
        self._event_listeners: list[EventListener] = []
        self._timer: CALLBACK_TYPE | None = None
        self.desk = Desk(hass, self.name)
        #: Whether the profile had a desk when it was set up (its buttons exist).
        self.has_desk = bool(entry.options.get(CONF_DESK_ENTITY))
        #: The moment `_timer` is armed for.
        self._wake: datetime | None = None
        #: The timer's job, made once: it is re-armed on most inputs.
        self._timer_job = HassJob(self._on_timer, f"{DOMAIN} timer")

    @property
    def name(self) -> str:
        """The profile's name."""
        return str(self.entry.data.get(CONF_NAME) or self.entry.title)

    # ------------------------------------------------------------- lifecycle
    async def async_start(self) -> None:
        """Restore, follow the entities and catch up, in one engine pass."""
        stored = await self.store.async_load()
        if stored is not None:
            self.engine.state = CoachState.from_dict(stored)
            self._end_orphan_break()
        self._feed(self.inputs.async_start())

    def _end_orphan_break(self) -> None:
        """Count a stored break as done if its routine is gone (deleted meanwhile)."""
        brk = self.engine.state.brk
        if brk is None or brk.program in self.catalogue.programs:
            return
        now = dt_util.utcnow()
        with suppress(EngineError):  # the clock may have ended it already
            self._dispatch(self.engine.finish_break(now), now, force_save=True)

    @callback
    def async_stop(self, _event: HassEvent[Any] | None = None) -> None:
        """Stop listening and save (when Home Assistant stops: at its final write)."""
        self.inputs.async_stop()
        self._cancel_timer()
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
        """Apply new options, keeping the state; follow the entities they name."""
        now = dt_util.utcnow()
        settings = settings_from_options(self.entry.options)
        language = profile_language(self.hass, self.entry)
        self.shipped = shipped_for(self.hass, language) or self.shipped
        self._use_catalogue()
        self._dispatch(self.engine.apply_settings(now, settings), now)
        self._feed(self.inputs.async_start())
        for update in list(self._listeners):  # what `occupied` says it reads
            update()

    def _use_catalogue(self) -> None:
        """Follow the profile's language and own routines as they are now."""
        catalogue, self._pinned = following(
            self.shipped, self.entry, self.catalogue, self.engine.state.brk
        )
        changed = catalogue != self.catalogue
        self.catalogue = self.engine.catalogue = catalogue
        if changed:  # the program select lists the routines
            for update in list(self._listeners):
                update()

    # ------------------------------------------------------------- inputs
    @callback
    def _on_observation(self, seen: Observation) -> None:
        self._feed(seen)

    def _feed(self, seen: Observation) -> None:
        now = dt_util.utcnow()
        events = self.engine.observe(
            now,
            present=seen.present,
            dnd=seen.dnd,
            working=seen.working,
            standing=seen.standing,
        )
        self._dispatch(events, now)

    @callback
    def _on_timer(self, _now: datetime) -> None:
        self._timer = self._wake = None
        now = dt_util.utcnow()
        self._dispatch(self.engine.update(now), now)

    # ------------------------------------------------------------- commands
    @callback
    def run(self, command: Command, origin: Origin, **fields: Any) -> list[Event]:
        """Run a command with its fields (checked by its row in `COMMANDS`).

        Returns the events it caused, complete as fired; a refusal (a bad field, or
        a command that does not fit now) raises EngineError and changes nothing.
        """
        events, move = self._run(command, origin, fields)
        if move is not None:
            self.entry.async_create_background_task(
                self.hass, self._move_quietly(move), f"{DOMAIN} desk"
            )
        return events

    async def async_run(
        self, command: Command, origin: Origin, **fields: Any
    ) -> list[Event]:
        """Run a command as `run` does, and wait for what it does outside.

        A desk that refuses the move raises a translated HomeAssistantError here.
        """
        events, move = self._run(command, origin, fields)
        if move is not None:
            await self.desk.async_move(move)
        return events

    def _run(
        self, command: Command, origin: Origin, fields: dict[str, Any]
    ) -> tuple[list[Event], Move | None]:
        """Check, run the engine's part; return the events and the desk's move."""
        spec = COMMANDS[command]
        values = spec.checked(fields, self.catalogue)
        events = self._command(origin, lambda now: spec.call(self.engine, now, values))
        if spec.desk_position is None:
            return events, None
        # Only after the engine allowed it: a desk, someone at it, asked now.
        return events, plan(self.hass, self.entry.options, spec.desk_position)

    async def _move_quietly(self, move: Move) -> None:
        """Move the desk for a surface that does not wait (logged once if refused)."""
        with suppress(HomeAssistantError):
            await self.desk.async_move(move)

    @callback
    def run_pending(self) -> None:
        """Catch up with the clock now (a timer about to fire), telling what it caused."""
        now = dt_util.utcnow()
        self._dispatch(self.engine.update(now), now)

    @callback
    def async_decline_suggestion(self, program: str) -> None:
        """Stay on the current program: the suggestion of `program` is not made again."""
        now = dt_util.utcnow()
        self._dispatch(
            self.engine.decline_suggestion(now, program), now, force_save=True
        )

    def _command(
        self, origin: Origin, run: Callable[[datetime], list[Event]]
    ) -> list[Event]:
        now = dt_util.utcnow()
        # Catch up first, so what the clock caused is told even if `run` is refused.
        self._dispatch(self.engine.update(now), now)
        return self._dispatch(run(now), now, origin, force_save=True)

    # ------------------------------------------------------------- outputs
    def _dispatch(
        self,
        events: list[Event],
        now: datetime,
        origin: Origin | None = None,
        *,
        force_save: bool = False,
    ) -> list[Event]:
        """Word and fire events, save, refresh the view and re-arm the timer."""
        fired = [
            worded(self.hass, self.catalogue, self.entry.entry_id, self.name, event)
            for event in events
        ]
        for event in fired:
            self.hass.bus.async_fire(f"{DOMAIN}_{event.type}", event.data)
            for listener in list(self._event_listeners):
                listener(event, origin)
        self.store.keep(
            self._data,
            self.engine.state.fingerprint(),
            at_once=force_save or any(e.type in _SAVE_NOW for e in events),
        )
        if self._pinned and self.engine.state.brk is None:
            self._use_catalogue()  # the break that kept an old routine is over
        view = _publishable(self.engine.view(now), self.view)
        if view != self.view:
            self.view = view
            for update in list(self._listeners):
                update()
        self._arm(now)
        return fired

    def _arm(self, now: datetime) -> None:
        wake = self.engine.next_wakeup(now)
        if wake == self._wake and self._timer is not None:
            return  # armed for that moment already (most inputs move no deadline)
        self._cancel_timer()
        if wake is not None:
            self._timer = async_track_point_in_utc_time(
                self.hass, self._timer_job, wake
            )
            self._wake = wake

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None
        self._wake = None

    def _data(self) -> dict[str, Any]:
        return self.engine.state.to_dict()

    def view_now(self) -> View:
        """Return the view computed this moment (not pinned to what entities show)."""
        return self.engine.view(dt_util.utcnow())

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call `listener` whenever the view changed."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_add_event_listener(self, listener: EventListener) -> CALLBACK_TYPE:
        """Call `listener` with each event and its origin."""
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)


type DeskBreakCoachConfigEntry = ConfigEntry[Coach]
