"""The break schedule: presence -> sitting -> due -> snoozed -> on break -> done.

Pure Python. Every input carries the current time; every input answers the events it
caused, and `next_wakeup()` says when the engine next needs to be woken.
All stored times are UTC; local time (days, working hours) uses the given zone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from .model import EngineError, Event, EventType, ExerciseView, Settings, Status, View
from .routine import Catalogue, Program, Step
from .state import BreakState, CoachState

#: How often the duration sensors move while someone is sitting.
REFRESH = timedelta(minutes=15)
_MINUTE = timedelta(minutes=1)


class BreakEngine:
    """The state machine of one profile."""

    def __init__(
        self,
        settings: Settings,
        catalogue: Catalogue,
        tz: tzinfo,
        state: CoachState | None = None,
    ) -> None:
        """Start from stored state, or from scratch."""
        self.settings = settings
        self.catalogue = catalogue
        self.tz = tz
        self.state = state or CoachState()
        self._events: list[Event] = []

    # ----------------------------------------------------------------- inputs
    def update(self, now: datetime) -> list[Event]:
        """Catch up with the clock (a timer fired, or the shell just started)."""
        return self._run(now, None)

    def presence(self, now: datetime, present: bool | None) -> list[Event]:
        """Feed the combined presence; None means no news."""
        return self._run(
            now, None if present is None else lambda n: self._presence(n, present)
        )

    def set_working(self, now: datetime, working: bool) -> list[Event]:
        """Working time from a schedule entity (only used without fixed hours)."""
        return self._run(now, lambda _: setattr(self.state, "working", working))

    def set_dnd(self, now: datetime, dnd: bool) -> list[Event]:
        """Do-not-disturb turned on or off."""
        return self._run(now, lambda _: setattr(self.state, "dnd", dnd))

    def set_reminders(self, now: datetime, on: bool) -> list[Event]:
        """Turn reminders on or off."""
        return self._run(now, lambda _: setattr(self.state, "reminders", on))

    def apply_settings(self, now: datetime, settings: Settings) -> list[Event]:
        """Apply new options; progress and the current state are kept."""
        return self._run(now, lambda _: self._settings(settings))

    def start_break(self, now: datetime, program: str | None = None) -> list[Event]:
        """Start the guided routine now."""
        return self._run(now, lambda n: self._start(n, program))

    def next_exercise(self, now: datetime) -> list[Event]:
        """Move to the next step (completing the break after the last)."""
        return self._run(now, lambda n: self._advance_step(n, self._require_break()))

    def finish_break(self, now: datetime) -> list[Event]:
        """Complete the break now; it counts as done."""
        return self._run(now, self._finish)

    def snooze(self, now: datetime, minutes: int | None = None) -> list[Event]:
        """Postpone the due break."""
        return self._run(now, lambda n: self._snooze(n, minutes))

    def skip_break(self, now: datetime) -> list[Event]:
        """Dismiss the due break without counting it; the sitting timer restarts."""
        return self._run(now, self._skip)

    def stop_routine(self, now: datetime, reason: str = "unwell") -> list[Event]:
        """Safety stop: no exercise prompts until resume()."""
        return self._run(now, lambda _: self._stop(reason))

    def pause(self, now: datetime, minutes: int | None = None) -> list[Event]:
        """No reminders, for `minutes` or until resume()."""
        return self._run(now, lambda n: self._pause(n, minutes))

    def resume(self, now: datetime) -> list[Event]:
        """Back to normal after a pause or a safety stop."""
        return self._run(now, lambda _: self._resume())

    # ----------------------------------------------------------------- clock
    def next_wakeup(self, now: datetime) -> datetime | None:
        """Return the next moment the engine must be updated, if nothing else happens."""
        now = now.astimezone(UTC)
        moments = [t for t in self._deadlines() if t > now]
        status = self._status(now)
        s = self.state
        if s.block_start is not None and status in (
            Status.SITTING,
            Status.BREAK_DUE,
            Status.SNOOZED,
        ):
            elapsed = (now - s.block_start) // REFRESH + 1
            moments.append(s.block_start + elapsed * REFRESH)
        return min(moments, default=None)

    def _deadlines(self) -> Iterator[datetime]:
        s = self.state
        if s.day is not None:
            yield self._midnight_after(s.day)
        if s.block_start is not None and s.away_since is not None:
            yield s.away_since + self._minutes(self.settings.away_minutes)
        if s.brk is not None:
            yield s.brk.step_ends_at
        if s.snoozed_until is not None:
            yield s.snoozed_until
        if s.paused_until is not None:
            yield s.paused_until
        if s.block_start is None or s.cursor is None or self._silenced():
            return
        schedule = self.settings.schedule
        change = None if schedule is None else schedule.next_change(s.cursor, self.tz)
        if change is not None:
            yield change
        if not s.due and s.snoozed_until is None and self._working(s.cursor):
            yield self._due_at()

    def _run(
        self, now: datetime, action: Callable[[datetime], None] | None
    ) -> list[Event]:
        now = now.astimezone(UTC)
        self._events = []
        self._catch_up(now)
        if action is not None:
            action(now)
        self._evaluate(now)
        self.state.cursor = max(now, self.state.cursor or now)
        events, self._events = self._events, []
        return events

    def _catch_up(self, now: datetime) -> None:
        s = self.state
        if s.day is None:
            s.day = self._local_date(now)
        if s.cursor is None:
            s.cursor = now
        while True:
            pending = [t for t in self._deadlines() if s.cursor < t <= now]
            if not pending:
                break
            moment = min(pending)
            self._fire(moment)
            self._evaluate(moment)
            s.cursor = moment

    def _fire(self, moment: datetime) -> None:
        s = self.state
        while s.day is not None and self._midnight_after(s.day) <= moment:
            self._rollover(self._midnight_after(s.day))
        if (
            s.away_since is not None
            and s.away_since + self._minutes(self.settings.away_minutes) <= moment
        ):
            self._natural_break()
        while s.brk is not None and s.brk.step_ends_at <= moment:
            self._advance_step(s.brk.step_ends_at, s.brk)
        if s.snoozed_until is not None and s.snoozed_until <= moment:
            s.snoozed_until = None
        if s.paused_until is not None and s.paused_until <= moment:
            s.paused_until = None

    # ----------------------------------------------------------------- days
    def _local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def _midnight_after(self, day: date) -> datetime:
        return datetime.combine(day + timedelta(days=1), time(), self.tz).astimezone(
            UTC
        )

    def _rollover(self, midnight: datetime) -> None:
        s = self.state
        old_day = s.day
        assert old_day is not None
        if not s.met_today and self._counts_as_work_day(old_day, s.worked_today):
            s.streak = 0
        new_day = self._local_date(midnight)
        skipped = old_day + timedelta(days=1)
        while skipped < new_day:
            if self._counts_as_work_day(skipped, False):
                s.streak = 0
            skipped += timedelta(days=1)
        s.day = new_day
        s.breaks_today = 0
        s.met_today = False
        s.worked_today = False
        s.sitting_today_seconds = 0.0
        if s.segment_start is not None:
            s.segment_start = midnight

    def _counts_as_work_day(self, day: date, worked: bool) -> bool:
        schedule = self.settings.schedule
        if schedule is None:
            return worked
        return schedule.is_work_day(day.weekday())

    # ----------------------------------------------------------------- presence
    def _presence(self, now: datetime, present: bool) -> None:
        s = self.state
        s.present = present
        if present:
            s.away_since = None
            if s.block_start is None:
                s.block_start = now
                s.segment_start = now
        elif s.block_start is not None and s.away_since is None:
            s.away_since = now

    def _natural_break(self) -> None:
        s = self.state
        assert s.away_since is not None
        self._close_segment(s.away_since)
        s.block_start = None
        s.segment_start = None
        s.away_since = None
        self._clear_due()

    def _close_segment(self, end: datetime) -> None:
        s = self.state
        if s.segment_start is not None:
            s.sitting_today_seconds += max(0.0, (end - s.segment_start).total_seconds())
            s.segment_start = end

    def _restart_block(self, now: datetime) -> None:
        s = self.state
        if s.block_start is not None:
            self._close_segment(min(now, s.away_since or now))
            s.block_start = now
            s.segment_start = now
            if s.away_since is not None:
                s.away_since = now
        self._clear_due()

    # ----------------------------------------------------------------- reminders
    def _working(self, now: datetime) -> bool:
        schedule = self.settings.schedule
        if schedule is None:
            return self.state.working
        return schedule.is_working(now, self.tz)

    def _due_at(self) -> datetime:
        assert self.state.block_start is not None
        return self.state.block_start + self._minutes(self.settings.sit_minutes)

    def _silenced(self) -> bool:
        """Whether the person turned reminders off, paused, rests or is on a break."""
        s = self.state
        return (
            not s.reminders
            or s.paused
            or s.paused_until is not None
            or s.resting
            or s.brk is not None
        )

    def _quiet(self, now: datetime) -> bool:
        """Whether no reminder may be due now, whatever the sitting time."""
        return (
            self._silenced() or self.state.block_start is None or not self._working(now)
        )

    def _evaluate(self, now: datetime) -> None:
        s = self.state
        working = self._working(now)
        if working and s.block_start is not None:
            s.worked_today = True
        if s.due and self._quiet(now):
            self._clear_due(keep_snoozes=True)
        if (
            not s.due
            and s.snoozed_until is None
            and not self._quiet(now)
            and s.present
            and not s.dnd
            and now >= self._due_at()
        ):
            s.due = True
            s.due_since = now
            minutes = self._sitting_minutes(now)
            self._emit(
                EventType.BREAK_DUE,
                self.catalogue.message("break_due", minutes=minutes),
                sitting_minutes=minutes,
                program=self.settings.program,
                snoozes_left=self._snoozes_left(),
            )

    def _clear_due(self, *, keep_snoozes: bool = False) -> None:
        s = self.state
        s.due = False
        s.due_since = None
        if not keep_snoozes:
            s.snoozed_until = None
            s.snoozes_used = 0

    def _snoozes_left(self) -> int:
        return max(0, self.settings.max_snoozes - self.state.snoozes_used)

    def _snooze(self, now: datetime, minutes: int | None) -> None:
        s = self.state
        if not s.due and s.snoozed_until is None:
            raise EngineError("nothing_due")
        if self._snoozes_left() <= 0:
            raise EngineError("snooze_limit", max_snoozes=self.settings.max_snoozes)
        minutes = minutes or self.settings.snooze_minutes
        s.due = False
        s.due_since = None
        s.snoozes_used += 1
        s.snoozed_until = now + self._minutes(minutes)
        self._emit(
            EventType.BREAK_SNOOZED,
            self.catalogue.message("break_snoozed", minutes=minutes),
            minutes=minutes,
            snoozes_left=self._snoozes_left(),
        )

    def _skip(self, now: datetime) -> None:
        s = self.state
        if not s.due and s.snoozed_until is None:
            raise EngineError("nothing_due")
        self._restart_block(now)
        self._emit(EventType.BREAK_SKIPPED, self.catalogue.message("break_skipped"))

    def _pause(self, now: datetime, minutes: int | None) -> None:
        s = self.state
        if minutes is None:
            s.paused, s.paused_until = True, None
        else:
            s.paused, s.paused_until = False, now + self._minutes(minutes)

    def _resume(self) -> None:
        s = self.state
        if not (s.paused or s.paused_until is not None or s.resting):
            raise EngineError("not_paused")
        s.paused, s.paused_until, s.resting = False, None, False

    def _stop(self, reason: str) -> None:
        s = self.state
        s.brk = None
        s.resting = True
        self._clear_due()
        self._emit(
            EventType.ROUTINE_STOPPED,
            self.catalogue.message(f"routine_stopped_{reason}"),
            reason=reason,
        )

    def _settings(self, settings: Settings) -> None:
        self.settings = settings
        self._check_target()

    # ----------------------------------------------------------------- the guided break
    def _require_break(self) -> BreakState:
        if self.state.brk is None:
            raise EngineError("no_break")
        return self.state.brk

    def _start(self, now: datetime, program_id: str | None) -> None:
        s = self.state
        if s.brk is not None:
            raise EngineError("already_on_break")
        if s.resting:
            raise EngineError("resting")
        program = self.catalogue.program(program_id or self.settings.program)
        steps = program.part(s.breaks_today, self.settings.daily_target)
        reps = program.reps(self.settings.reps)
        seconds = [
            program.seconds(step, self.settings.exercise_seconds) for step in steps
        ]
        s.brk = BreakState(
            program=program.id,
            step_ids=[step.id for step in steps],
            reps=[reps] * len(steps),
            seconds=seconds,
            step_ends_at=now + timedelta(seconds=seconds[0]),
            started_at=now,
        )
        self._clear_due()
        self._emit(
            EventType.BREAK_STARTED,
            self.catalogue.message(
                "break_started", program=program.name, steps_total=len(steps)
            ),
            program=program.id,
            steps_total=len(steps),
            sitting_minutes=self._sitting_minutes(now),
        )
        self._emit_step(now)

    def _advance_step(self, now: datetime, brk: BreakState) -> None:
        if brk.position + 1 >= len(brk.step_ids):
            self._complete(now)
            return
        brk.position += 1
        brk.step_ends_at = now + timedelta(seconds=brk.seconds[brk.position])
        self._emit_step(now)

    def _finish(self, now: datetime) -> None:
        s = self.state
        if s.brk is None and not s.due and s.snoozed_until is None:
            raise EngineError("no_break")
        self._complete(now)

    def _complete(self, now: datetime) -> None:
        s = self.state
        program = s.brk.program if s.brk else self.settings.program
        s.brk = None
        s.breaks_today += 1
        self._restart_block(now)
        self._check_target()
        self._emit(
            EventType.BREAK_COMPLETED,
            self.catalogue.message(
                "break_completed",
                breaks_today=s.breaks_today,
                daily_target=self.settings.daily_target,
            ),
            program=program,
            breaks_today=s.breaks_today,
            daily_target=self.settings.daily_target,
        )

    def _check_target(self) -> None:
        s = self.state
        if not s.met_today and s.breaks_today >= self.settings.daily_target:
            s.met_today = True
            s.streak += 1

    def _emit_step(self, now: datetime) -> None:
        view = self._exercise(now)
        assert view is not None
        self._emit(
            EventType.EXERCISE_STARTED,
            view.message,
            program=view.program,
            step=view.step,
            steps_total=view.steps_total,
            exercise=view.name,
            reps=view.reps,
            seconds=view.seconds,
        )

    def _step(self, program: Program, step_id: str) -> Step:
        for step in (*program.opening, *program.steps, *program.closing):
            if step.id == step_id:
                return step
        return program.steps[0]

    def _exercise(self, now: datetime) -> ExerciseView | None:
        brk = self.state.brk
        if brk is None:
            return None
        program = self.catalogue.program(brk.program)
        step = self._step(program, brk.step_ids[brk.position])
        number, total = brk.position + 1, len(brk.step_ids)
        reps, seconds = brk.reps[brk.position], brk.seconds[brk.position]
        return ExerciseView(
            program=program.id,
            step=number,
            steps_total=total,
            exercise_id=step.id,
            name=step.name,
            reps=reps,
            seconds=seconds,
            seconds_left=max(0, round((brk.step_ends_at - now).total_seconds())),
            ends_at=brk.step_ends_at,
            instructions=step.instructions,
            message=self.catalogue.message(
                "exercise_started",
                step=number,
                steps_total=total,
                exercise=step.name,
                cue=step.cue,
                reps=reps,
                seconds=seconds,
            ),
        )

    # ----------------------------------------------------------------- read model
    def _sitting_minutes(self, now: datetime) -> int:
        start = self.state.block_start
        return 0 if start is None else max(0, int((now - start) / _MINUTE))

    def _status(self, now: datetime) -> Status:
        s = self.state
        if s.brk is not None:
            return Status.ON_BREAK
        if s.resting:
            return Status.RESTING
        if not s.reminders or s.paused or s.paused_until is not None:
            return Status.PAUSED
        if s.block_start is None:
            return Status.AWAY
        if not self._working(now):
            return Status.OFF_HOURS
        if s.due:
            return Status.BREAK_DUE
        if s.snoozed_until is not None:
            return Status.SNOOZED
        return Status.SITTING

    def _next_break(self, now: datetime, status: Status) -> datetime | None:
        s = self.state
        if status in (Status.SITTING, Status.BREAK_DUE):
            return s.due_since or self._due_at()
        if status is Status.SNOOZED:
            return s.snoozed_until
        if status is Status.OFF_HOURS and self.settings.schedule is not None:
            start = self.settings.schedule.next_change(now, self.tz)
            return None if start is None else max(start, self._due_at())
        return None

    def _remaining(self, now: datetime) -> list[str]:
        s = self.state
        if s.brk is not None:
            program = self.catalogue.program(s.brk.program)
            return [
                self._step(program, i).name for i in s.brk.step_ids[s.brk.position :]
            ]
        program = self.catalogue.program(self.settings.program)
        return [
            step.name
            for step in program.part(s.breaks_today, self.settings.daily_target)
        ]

    def view(self, now: datetime) -> View:
        """Return what the entities show at `now` (call after the inputs of `now`)."""
        now = now.astimezone(UTC)
        s = self.state
        status = self._status(now)
        today = s.sitting_today_seconds
        if s.segment_start is not None:
            today += max(
                0.0, (min(now, s.away_since or now) - s.segment_start).total_seconds()
            )
        target = self.settings.daily_target
        return View(
            status=status,
            occupied=s.block_start is not None,
            break_due=s.due,
            sitting_minutes=self._sitting_minutes(now),
            sitting_since=s.block_start,
            sitting_today_minutes=int(today // 60),
            next_break=self._next_break(now, status),
            breaks_today=s.breaks_today,
            daily_target=target,
            progress=round(100 * min(s.breaks_today, target) / target),
            streak=s.streak,
            program=s.brk.program if s.brk else self.settings.program,
            exercise=self._exercise(now),
            remaining_steps=self._remaining(now),
            snoozes_left=self._snoozes_left(),
            paused_until=s.paused_until,
            reminders=s.reminders,
        )

    # ----------------------------------------------------------------- helpers
    def _emit(self, kind: EventType, message: str, **data: Any) -> None:
        self._events.append(Event(kind, {"message": message, **data}))

    @staticmethod
    def _minutes(value: int) -> timedelta:
        return timedelta(minutes=value)
