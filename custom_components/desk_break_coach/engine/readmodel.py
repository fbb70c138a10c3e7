"""The read model: what the entities show at one moment, derived from the state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from . import comfort, history, stand
from .commands import available
from .context import Context
from .model import SAME, Status, View
from .session import GuidedBreak

#: Until this hour (local) the collar-zone massage is suggested.
MORNING_ENDS = 11


def status(ctx: Context, now: datetime) -> Status:
    """Return what the coach is doing now (the `status` sensor)."""
    s = ctx.state
    if s.brk is not None:
        return Status.ON_BREAK
    if s.resting:
        return Status.RESTING
    if ctx.paused():
        return Status.PAUSED
    if s.standing_since is not None:
        return Status.STANDING
    if s.block_start is None:
        return Status.AWAY
    if not ctx.working(now):
        return Status.OFF_HOURS
    if s.due:
        return Status.BREAK_DUE
    if s.snoozed_until is not None:
        return Status.SNOOZED
    if s.micro_until is not None:
        return Status.MICRO_BREAK
    return Status.SITTING


def next_break(ctx: Context, now: datetime, current: Status) -> datetime | None:
    """When the next break falls due, where that is known."""
    s = ctx.state
    if current in (Status.SITTING, Status.BREAK_DUE, Status.MICRO_BREAK):
        return s.due_since or ctx.due_at()
    if current is Status.SNOOZED:
        return s.snoozed_until
    if current is Status.OFF_HOURS and ctx.settings.schedule is not None:
        start = ctx.next_change(now)
        return None if start is None else max(start, ctx.due_at())
    return None


def read(ctx: Context, session: GuidedBreak, now: datetime) -> View:
    """Everything the entities show at `now` (after the inputs of `now`)."""
    s = ctx.state
    current = status(ctx, now)
    target = ctx.settings.daily_target
    return View(
        status=current,
        occupied=s.block_start is not None,
        break_due=s.due,
        sitting_minutes=ctx.sitting_minutes(now),
        sitting_since=s.block_start,
        sitting_today_minutes=int(ctx.sitting_today_seconds(now) // 60),
        next_break=next_break(ctx, now, current),
        breaks_today=s.breaks_today,
        daily_target=target,
        progress=round(100 * min(s.breaks_today, target) / target),
        streak=s.streak,
        program=s.brk.program if s.brk else ctx.settings.program,
        exercise=session.exercise(now),
        remaining_steps=session.remaining(),
        snoozes_left=ctx.snoozes_left(),
        paused_until=s.paused_until,
        reminders=not ctx.paused(),
        available_commands=available(ctx),
        micro_breaks_today=s.micro_breaks_today,
        micro_break_ends_at=s.micro_until,
        standing=s.standing_since is not None,
        standing_today_minutes=int(ctx.standing_today_seconds(now) // 60),
        standing_target_minutes=ctx.settings.standing_target_minutes,
        stand_suggested=stand.suggested(ctx),
        over_daily_limit=0
        < ctx.settings.daily_limit_minutes * 60
        <= ctx.desk_seconds(now),
        due_since=s.due_since if s.due else None,
        skips_left=ctx.skips_left(),
        outcome=history.outcome(ctx, now),
        **_comfort(ctx, now),
    )


def _comfort(ctx: Context, now: datetime) -> dict[str, Any]:
    """Return the comfort log's part of the view."""
    s = ctx.state
    logged = bool(s.comfort)  # most of it reads the log: nothing to read if empty
    latest = comfort.today(ctx, now) if logged else None
    asked = (
        ctx.settings.ask_comfort
        and s.last_break_at is not None
        and now - s.last_break_at <= comfort.AFTER_BREAK
        and not any(entry.at >= s.last_break_at for entry in s.comfort)
    )
    day = ctx.local_date(now)
    return {
        "comfort": None if latest is None else latest.level,
        "comfort_logged_at": None if latest is None else latest.at,
        "comfort_average_7d": comfort.average(ctx, now) if logged else None,
        "comfort_trend": comfort.trend(ctx, now) if logged else SAME,
        "comfort_log_size": len(s.comfort),
        "ask_comfort": asked,
        "suggested_program": comfort.suggestion(ctx, now) if logged else None,
        "worse_days": sum(1 for d in s.worse_days if (day - d).days < 7),
        "first_week": s.first_break_day is None or (day - s.first_break_day).days < 7,
        "suggest_morning_massage": ctx.local(now).hour < MORNING_ENDS
        and s.capped_seconds_today == 0
        and ctx.catalogue.capped() is not None,
    }
