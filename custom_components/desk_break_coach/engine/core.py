"""The break schedule: presence -> sitting -> due -> snoozed -> on break -> done.

Pure Python. Every input carries the current time; every input answers the events it
caused, and `next_wakeup()` says when the engine next needs to be woken.
All stored times are UTC; local time (days, working hours) uses the given zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

from . import comfort, sitting
from .clock import catch_up, deadlines, fire
from .commands import check
from .context import Context, span
from .model import Command, Event, EventType, Settings, Status, StopReason, View
from .readmodel import read, status
from .reminders import evaluate, snooze
from .routine import Catalogue
from .session import GuidedBreak
from .state import CoachState

#: How often the duration sensors move while they count: a figure shown is never
#: more than this behind the truth.
REFRESH = timedelta(minutes=5)
_COUNTING = (Status.SITTING, Status.BREAK_DUE, Status.SNOOZED, Status.MICRO_BREAK)


def _next_step(now: datetime, seconds: float) -> datetime:
    """Return when a count of `seconds`, growing from `now`, reaches its next step."""
    step = REFRESH.total_seconds()
    # Whole microseconds, as datetimes count: the next step is always ahead.
    return now + timedelta(seconds=step - round(seconds, 6) % step)


def _utc(now: datetime) -> datetime:
    """Return `now` in UTC, as the state stores times (most callers give UTC)."""
    return now if now.tzinfo is UTC else now.astimezone(UTC)


class BreakEngine:
    """The state machine of one profile: inputs and commands in, events out."""

    def __init__(
        self,
        settings: Settings,
        catalogue: Catalogue,
        tz: tzinfo,
        state: CoachState | None = None,
    ) -> None:
        """Start from stored state, or from scratch."""
        self.ctx = Context(settings, catalogue, tz, state or CoachState())
        self.session = GuidedBreak(self.ctx)

    @property
    def state(self) -> CoachState:
        """What is remembered across restarts."""
        return self.ctx.state

    @state.setter
    def state(self, state: CoachState) -> None:
        self.ctx.state = state

    @property
    def settings(self) -> Settings:
        """The profile's options."""
        return self.ctx.settings

    @property
    def catalogue(self) -> Catalogue:
        """The programs breaks follow (the shipped ones and the person's own)."""
        return self.ctx.catalogue

    @catalogue.setter
    def catalogue(self, catalogue: Catalogue) -> None:
        self.ctx.catalogue = catalogue

    # ----------------------------------------------------------------- inputs
    def update(self, now: datetime) -> list[Event]:
        """Catch up with the clock (a timer fired, or the shell just started)."""
        return self._run(now, None)

    def observe(
        self,
        now: datetime,
        *,
        present: bool | None = None,
        dnd: bool | None = None,
        working: bool | None = None,
        standing: bool | None = None,
    ) -> list[Event]:
        """Take what the sensors say now, in one pass; None means no news."""

        def apply(moment: datetime) -> None:
            # Presence first: a person who just left is not reminded on the way out.
            if present is not None:
                sitting.set_presence(self.ctx, moment, present)
            if standing is not None:
                sitting.set_standing(self.ctx, moment, standing)
            if dnd is not None:
                self.state.dnd = dnd
            if working is not None:
                self.state.working = working

        return self._run(now, apply)

    def apply_settings(self, now: datetime, settings: Settings) -> list[Event]:
        """Apply new options; progress and the current state are kept."""

        def apply(_: datetime) -> None:
            self.ctx.settings = settings
            self.ctx.check_target()

        return self._run(now, apply)

    # ----------------------------------------------------------------- commands
    def start_break(self, now: datetime, program: str | None = None) -> list[Event]:
        """Start the guided routine now."""
        return self._command(
            now, Command.START_BREAK, lambda n: self.session.start(n, program)
        )

    def next_exercise(self, now: datetime) -> list[Event]:
        """Move to the next step (completing the break after the last)."""
        return self._command(now, Command.NEXT_EXERCISE, self.session.advance)

    def finish_break(self, now: datetime) -> list[Event]:
        """Complete the break now; it counts as done."""
        return self._command(now, Command.FINISH_BREAK, self.session.complete)

    def snooze(self, now: datetime, minutes: int | None = None) -> list[Event]:
        """Postpone the due break by `minutes` (or the profile's default)."""
        return self._command(
            now, Command.SNOOZE, lambda n: snooze(self.ctx, n, minutes)
        )

    def skip_break(self, now: datetime) -> list[Event]:
        """Dismiss the due break without counting it; the sitting timer restarts."""

        def skip(moment: datetime) -> None:
            self.state.skips_today += 1
            self.ctx.restart_block(moment)
            self.ctx.emit(EventType.BREAK_SKIPPED)

        return self._command(now, Command.SKIP_BREAK, skip)

    def stop_routine(
        self, now: datetime, reason: str = StopReason.UNWELL
    ) -> list[Event]:
        """Safety stop: no exercise prompts until resume()."""

        return self._command(
            now, Command.STOP_ROUTINE, lambda n: comfort.stop(self.ctx, n, reason)
        )

    def pause(self, now: datetime, minutes: int | None = None) -> list[Event]:
        """No reminders, for `minutes` or until resume()."""

        def pause(moment: datetime) -> None:
            s = self.state
            if minutes is None:
                s.paused, s.paused_until = True, None
            else:
                s.paused, s.paused_until = False, moment + span(minutes)

        return self._command(now, Command.PAUSE, pause)

    def resume(self, now: datetime) -> list[Event]:
        """Back to normal after a pause or a safety stop."""

        def resume(_: datetime) -> None:
            s = self.state
            s.paused, s.paused_until, s.resting = False, None, False

        return self._command(now, Command.RESUME, resume)

    def log_comfort(self, now: datetime, level: int, note: str = "") -> list[Event]:
        """Log how the neck feels (0-10, 10 = no discomfort), with a note."""
        return self._command(
            now, Command.LOG_COMFORT, lambda n: comfort.log(self.ctx, n, level, note)
        )

    def move_desk(self, now: datetime, command: Command) -> list[Event]:
        """Check that the desk may move now (`raise_desk` / `lower_desk`).

        The move itself is the shell's: the engine only guards it (a desk is set,
        someone is at it) and changes nothing.
        """
        return self._command(now, command, lambda _n: None)

    def decline_suggestion(self, now: datetime, program: str) -> list[Event]:
        """Remember that the person chose to stay: the suggestion does not return."""

        def decline(_: datetime) -> None:
            if program not in self.state.declined:
                self.state.declined.append(program)

        return self._run(now, decline)

    # ----------------------------------------------------------------- reading
    def view(self, now: datetime) -> View:
        """Return what the entities show at `now` (call after the inputs of `now`)."""
        return read(self.ctx, self.session, _utc(now))

    def next_wakeup(self, now: datetime) -> datetime | None:
        """Return the next moment the engine must be updated, if nothing else happens."""
        now = _utc(now)
        moments = [t for t in deadlines(self.ctx) if t > now]
        s = self.state
        start = s.block_start
        if start is not None and status(self.ctx, now) in _COUNTING:
            # The duration sensors move in REFRESH steps of the sitting block...
            moments.append(start + ((now - start) // REFRESH + 1) * REFRESH)
        # ... and of today's time sitting and standing, while each counts.
        if s.segment_start is not None and s.away_since is None:
            moments.append(_next_step(now, self.ctx.sitting_today_seconds(now)))
        if s.standing_segment_start is not None:
            moments.append(_next_step(now, self.ctx.standing_today_seconds(now)))
        return min(moments, default=None)

    # ----------------------------------------------------------------- the clock
    def _command(
        self, now: datetime, command: Command, action: Callable[[datetime], None]
    ) -> list[Event]:
        def guarded(moment: datetime) -> None:
            check(self.ctx, command)
            action(moment)

        return self._run(now, guarded)

    def _run(
        self, now: datetime, action: Callable[[datetime], None] | None
    ) -> list[Event]:
        """One pass: replay what the clock passed, apply the input, re-judge.

        See engine/clock.py for the contract between deadlines and firing them.
        """
        now = _utc(now)
        ctx = self.ctx
        ctx.events = []
        catch_up(ctx, self.session, now)
        if action is not None:
            action(now)
        # What the input brings at its own moment (a zero settle time) is due now.
        fire(ctx, self.session, now)
        evaluate(ctx, now)
        self.state.cursor = max(now, self.state.cursor or now)
        events, ctx.events = ctx.events, []
        return events
