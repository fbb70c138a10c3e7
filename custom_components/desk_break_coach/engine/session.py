"""The guided break: today's part of the routine, one timed step after another."""

from __future__ import annotations

from datetime import datetime, timedelta

from .context import Context
from .model import EngineError, EventType, ExerciseView
from .routine import Program, Step
from .state import BreakState


class GuidedBreak:
    """Starts, advances and completes the guided break of one profile."""

    def __init__(self, ctx: Context) -> None:
        """Work on the shared engine data."""
        self.ctx = ctx

    def start(self, now: datetime, program_id: str | None) -> None:
        """Begin today's next part of the program (the profile's, or the one given)."""
        ctx, s = self.ctx, self.ctx.state
        program = ctx.catalogue.program(program_id or ctx.settings.program)
        steps = program.part(s.breaks_today, ctx.settings.daily_target)
        reps = program.reps(ctx.settings.reps)
        seconds = [
            program.seconds(step, ctx.settings.exercise_seconds) for step in steps
        ]
        if program.daily_seconds is not None:
            steps, seconds = self._capped(program.daily_seconds, steps, seconds)
        all_reps = [reps if step.reps is None else step.reps for step in steps]
        then, then_from = None, len(steps)
        massage = ctx.catalogue.capped()
        last = s.breaks_today + 1 == ctx.settings.daily_target
        if (
            ctx.settings.massage_after_last
            and last
            and massage is not None
            and massage.daily_seconds is not None
            and program.daily_seconds is None
        ):
            # "... or after a set of gymnastic exercises": the day's last part.
            extra = massage.part(s.breaks_today, ctx.settings.daily_target)
            extra_seconds = [
                massage.seconds(step, ctx.settings.exercise_seconds) for step in extra
            ]
            try:
                extra, extra_seconds = self._capped(
                    massage.daily_seconds, extra, extra_seconds
                )
            except EngineError:
                extra, extra_seconds = (), []  # today's massage time is used up
            if extra:
                then = massage.id
                steps, seconds = (*steps, *extra), [*seconds, *extra_seconds]
                all_reps += [massage.reps(ctx.settings.reps)] * len(extra)
        s.brk = BreakState(
            program=program.id,
            step_ids=[step.id for step in steps],
            reps=all_reps,
            seconds=seconds,
            step_ends_at=now + timedelta(seconds=seconds[0]),
            then=then,
            then_from=then_from,
        )
        ctx.clear_due()
        ctx.emit(
            EventType.BREAK_STARTED,
            program=program.id,
            steps_total=len(steps),
            sitting_minutes=ctx.sitting_minutes(now),
        )
        self._emit_step(now)

    def _capped(
        self, cap: int, steps: tuple[Step, ...], seconds: list[int]
    ) -> tuple[tuple[Step, ...], list[int]]:
        """Fit a capped program (self-massage: 25 minutes a day) into what is left."""
        s = self.ctx.state
        left, kept = cap - s.capped_seconds_today, 0
        while kept < len(steps) and sum(seconds[: kept + 1]) <= left:
            kept += 1
        if not kept:
            raise EngineError("daily_time_used", minutes=cap // 60)
        s.capped_seconds_today += sum(seconds[:kept])
        return steps[:kept], seconds[:kept]

    def advance(self, now: datetime) -> None:
        """Move to the next step; after the last one the break is complete."""
        brk = self.ctx.state.brk
        if brk is None:
            raise EngineError("no_break")
        if brk.position + 1 >= len(brk.step_ids):
            self.complete(now)
            return
        brk.position += 1
        brk.step_ends_at = now + timedelta(seconds=brk.seconds[brk.position])
        self._emit_step(now)

    def complete(self, now: datetime) -> None:
        """Count the break as done (finished early, or a due break marked done)."""
        ctx, s = self.ctx, self.ctx.state
        program = s.brk.program if s.brk else ctx.settings.program
        s.brk = None
        s.breaks_today += 1
        s.last_break_at = now
        if s.first_break_day is None:
            s.first_break_day = ctx.local_date(now)
        ctx.restart_block(now)
        ctx.check_target()
        ctx.emit(
            EventType.BREAK_COMPLETED,
            program=program,
            breaks_today=s.breaks_today,
            daily_target=ctx.settings.daily_target,
        )

    def exercise(self, now: datetime) -> ExerciseView | None:
        """Return the step in progress, as the entities show it."""
        brk = self.ctx.state.brk
        if brk is None:
            return None
        program = self._program_at(brk, brk.position)
        step = program.step(brk.step_ids[brk.position])
        return ExerciseView(
            program=program.id,
            step=brk.position + 1,
            steps_total=len(brk.step_ids),
            exercise_id=step.id,
            name=step.name,
            reps=brk.reps[brk.position],
            seconds=brk.seconds[brk.position],
            seconds_left=max(0, round((brk.step_ends_at - now).total_seconds())),
            ends_at=brk.step_ends_at,
            instructions=step.instructions,
        )

    def remaining(self) -> list[str]:
        """Names of the steps still to do: in this break, or in today's next one."""
        ctx, s = self.ctx, self.ctx.state
        brk = s.brk
        if brk is not None:
            return [
                self._program_at(brk, position).step(brk.step_ids[position]).name
                for position in range(brk.position, len(brk.step_ids))
            ]
        program = ctx.catalogue.program(ctx.settings.program)
        parts = program.part(s.breaks_today, ctx.settings.daily_target)
        return [step.name for step in parts]

    def _program_at(self, brk: BreakState, position: int) -> Program:
        """Return the program of the break's step at `position`."""
        if brk.then is not None and position >= brk.then_from:
            return self.ctx.catalogue.program(brk.then)
        return self.ctx.catalogue.program(brk.program)

    def _emit_step(self, now: datetime) -> None:
        view = self.exercise(now)
        assert view is not None
        self.ctx.emit(
            EventType.EXERCISE_STARTED,
            program=view.program,
            step=view.step,
            steps_total=view.steps_total,
            exercise=view.name,
            exercise_id=view.exercise_id,
            reps=view.reps,
            seconds=view.seconds,
        )
