"""The clock: which moments change the state by themselves, and their replay.

The contract between `deadlines()` and `fire()`:

- `deadlines()` yields every moment at which the state changes by itself: the timed
  ones (`timed()`: midnight, the end of an absence or of standing, a micro-break's
  end, a standing change settling, a step's end, a snooze's or a pause's end),
  which `fire()` applies, and the judged ones (the heads-up, a micro-break or the
  break falling due, working hours changing, the daily limit), which `evaluate`
  applies. It may also yield judged moments at or before the cursor that no longer
  matter (a due break held off by do-not-disturb); the clock skips those.
- `fire(moment)` applies every timed change that has come by `moment`, in order,
  and the ones that firing one brings at or before `moment` too: afterwards
  `timed()` yields nothing at or before `moment`.
- Each pass fires at its own moment after its input, so a deadline equal to the
  moment that creates it (a zero settle time, a step of no seconds) fires in that
  same pass: after a pass, no timed deadline lies at or before the cursor, and
  `next_wakeup` only has later moments to wait for.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from . import micro, sitting
from .context import Context, span
from .day import rollover
from .reminders import evaluate, limit_at, silenced, warn_at
from .session import GuidedBreak


def catch_up(ctx: Context, session: GuidedBreak, now: datetime) -> None:
    """Replay, in order, every deadline between the cursor and `now`.

    `state.cursor` is the last moment the engine was brought up to date (it is
    stored, so this also covers the time Home Assistant was down). Deadlines
    (midnight, the end of an absence, a step, a snooze or a pause, working
    hours changing, the break falling due) are derived from the state; firing
    one changes the state and so the later deadlines. So take the earliest
    deadline in (cursor, now], fire it and judge the state as it was at that
    moment, move the cursor there and look again, until none is left. The
    result is what the engine would have done had it been woken at each one.
    """
    s = ctx.state
    if s.day is None:
        s.day = ctx.local_date(now)
    if s.cursor is None:
        s.cursor = now
    while True:
        pending = [t for t in deadlines(ctx) if s.cursor < t <= now]
        if not pending:
            break
        moment = min(pending)
        fire(ctx, session, moment)
        evaluate(ctx, moment)
        s.cursor = moment


def deadlines(ctx: Context) -> Iterator[datetime]:
    """Yield the moments at which the state changes by itself (timed and judged)."""
    yield from timed(ctx)
    s = ctx.state
    if s.cursor is not None and (limit := limit_at(ctx, s.cursor)) is not None:
        yield limit
    if s.block_start is None or s.cursor is None or silenced(ctx):
        return
    for moment in (micro.deadline(ctx), warn_at(ctx)):
        if moment is not None:
            yield moment
    if (change := ctx.next_change(s.cursor)) is not None:
        yield change
    if not s.due and s.snoozed_until is None and ctx.working(s.cursor):
        yield ctx.due_at()


def timed(ctx: Context) -> Iterator[datetime]:
    """Yield the moments of the changes `fire()` applies."""
    s = ctx.state
    if s.day is not None:
        yield ctx.midnight_after(s.day)
    if s.block_start is not None and s.away_since is not None:
        yield s.away_since + span(ctx.settings.away_minutes)
    if s.brk is not None:
        yield s.brk.step_ends_at
    if s.snoozed_until is not None:
        yield s.snoozed_until
    if s.paused_until is not None:
        yield s.paused_until
    if s.micro_until is not None:
        yield s.micro_until
    if (settles := sitting.settles_at(ctx)) is not None:
        yield settles
    if s.block_start is not None and s.standing_since is not None:
        yield s.standing_since + span(ctx.settings.away_minutes)


def fire(ctx: Context, session: GuidedBreak, moment: datetime) -> None:
    """Apply every timed change that has come by `moment` (see the module's contract)."""
    while _fire_once(ctx, session, moment):
        pass


def _fire_once(ctx: Context, session: GuidedBreak, moment: datetime) -> bool:
    """Apply, in order, the timed changes due by `moment`; say whether there were any."""
    s = ctx.state
    fired = False
    while s.day is not None and ctx.midnight_after(s.day) <= moment:
        rollover(ctx, ctx.midnight_after(s.day))
        fired = True
    away = span(ctx.settings.away_minutes)
    if (
        s.block_start is not None
        and s.away_since is not None
        and s.away_since + away <= moment
    ):
        sitting.end_block(ctx, s.away_since)
        fired = True
    if (
        s.block_start is not None
        and s.standing_since is not None
        and s.standing_since + away <= moment
    ):
        sitting.end_block(ctx, s.standing_since)
        fired = True
    if s.micro_until is not None and s.micro_until <= moment:
        micro.finish(ctx, s.micro_until)
        fired = True
    if (settles := sitting.settles_at(ctx)) is not None and settles <= moment:
        sitting.settle(ctx, settles)
        fired = True
    while s.brk is not None and s.brk.step_ends_at <= moment:
        session.advance(s.brk.step_ends_at)
        fired = True
    if s.snoozed_until is not None and s.snoozed_until <= moment:
        s.snoozed_until = None
        fired = True
    if s.paused_until is not None and s.paused_until <= moment:
        s.paused_until = None
        fired = True
    return fired
