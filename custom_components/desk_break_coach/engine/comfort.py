"""The comfort log: how the neck feels, whether it is worse, and when to move on.

The source documents: stop the exercises "if ... a deterioration in the patient's
condition is detected", resume "after the improvement of the condition"; repeat the
lying set "until a stable positive effect is obtained, and then move on to the more
complex complex". So a level that drops right after a break stops the exercises,
and a stable good week suggests the next program; the person decides.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from statistics import fmean

from .context import Context
from .model import SAME, EventType, ProgramId, StopReason
from .state import ComfortEntry

#: How long the log is kept.
KEEP = timedelta(days=90)
WEEK = timedelta(days=7)
DAY = timedelta(days=1)
#: A level logged this soon after a completed break is "right after a break".
AFTER_BREAK = timedelta(hours=1)
#: Worse: at most this, or this much below the 7-day average.
LOW_LEVEL = 3
DROP = 3
#: Ready to move on: this level or more on this many of the last 7 days, no stop.
GOOD_LEVEL = 7
GOOD_DAYS = 5
#: The next program once the current one is comfortable.
NEXT_PROGRAM = {
    ProgramId.NECK_LYING.value: ProgramId.NECK_SITTING.value,
    ProgramId.NECK_SITTING.value: ProgramId.NECK_PREVENTION.value,
}
TREND_STEP = 1.0


def _last(ctx: Context, since: datetime) -> list[ComfortEntry]:
    """Return the entries logged since `since` (the log is kept in time order)."""
    log = ctx.state.comfort
    start = len(log)
    while start and log[start - 1].at >= since:
        start -= 1
    return log[start:]


def average(ctx: Context, now: datetime) -> float | None:
    """Return the mean level of the last 7 days, to one decimal."""
    levels = [e.level for e in _last(ctx, now - WEEK) if e.at <= now]
    return round(fmean(levels), 1) if levels else None


def trend(ctx: Context, now: datetime) -> str:
    """Return `better`, `same` or `worse`: the last 3 days against the 4 before."""
    week = _last(ctx, now - WEEK)
    recent = [e.level for e in week if now - timedelta(days=3) <= e.at]
    earlier = [e.level for e in week if e.at < now - timedelta(days=3)]
    if not recent or not earlier:
        return SAME
    change = fmean(recent) - fmean(earlier)
    if change >= TREND_STEP:
        return "better"
    if change <= -TREND_STEP:
        return "worse"
    return SAME


def today(ctx: Context, now: datetime) -> ComfortEntry | None:
    """Return the latest entry of today (local), if any."""
    day = ctx.local_date(now)
    entries = [e for e in _last(ctx, now - 2 * DAY) if ctx.local_date(e.at) == day]
    return entries[-1] if entries else None


def _recent_days(days: list[date], today_: date) -> list[date]:
    return [day for day in days if today_ - day < timedelta(days=7)]


def log(ctx: Context, now: datetime, level: int, note: str) -> None:
    """Log a level; worse right after a break stops the exercises."""
    s = ctx.state
    after_break = s.last_break_at is not None and now - s.last_break_at <= AFTER_BREAK
    before = average(ctx, now)
    s.comfort = [e for e in s.comfort if now - e.at < KEEP]
    s.comfort.append(
        ComfortEntry(at=now, level=level, note=note, after_break=after_break)
    )
    worse = after_break and (
        level <= LOW_LEVEL or (before is not None and level <= before - DROP)
    )
    day = ctx.local_date(now)
    if worse and day not in s.worse_days:
        s.worse_days.append(day)
    s.worse_days = _recent_days(s.worse_days, day)
    ctx.emit(
        EventType.COMFORT_LOGGED,
        level=level,
        average_7d=average(ctx, now),
        trend=trend(ctx, now),
        worse=worse,
        worse_days=len(s.worse_days) if worse else 0,
    )
    if worse and not s.resting:
        stop(ctx, now, StopReason.UNWELL)


def stop(ctx: Context, now: datetime, reason: str) -> None:
    """Stop the exercises for safety: no exercise prompts until resumed."""
    s = ctx.state
    s.brk = None
    s.resting = True
    ctx.clear_due()
    day = ctx.local_date(now)
    if day not in s.stop_days:
        s.stop_days.append(day)
    s.stop_days = _recent_days(s.stop_days, day)
    ctx.emit(EventType.ROUTINE_STOPPED, reason=reason)


def suggestion(ctx: Context, now: datetime) -> str | None:
    """Return the program to move on to, when the person's own log says so."""
    s = ctx.state
    following = NEXT_PROGRAM.get(ctx.settings.program)
    if following is None or following in s.declined:
        return None
    day = ctx.local_date(now)
    if _recent_days(s.stop_days, day):
        return None
    best: dict[date, int] = {}
    for entry in _last(ctx, now - WEEK - DAY):
        entry_day = ctx.local_date(entry.at)
        if day - entry_day < timedelta(days=7):
            best[entry_day] = max(best.get(entry_day, 0), entry.level)
    good = sum(1 for level in best.values() if level >= GOOD_LEVEL)
    return following if good >= GOOD_DAYS else None
