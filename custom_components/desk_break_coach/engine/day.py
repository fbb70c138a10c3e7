"""Midnight: today's counters start again and the streak is judged."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .context import Context
from .history import close_day


def counts_as_work_day(ctx: Context, day: date, worked: bool) -> bool:
    """Whether missing the target on `day` breaks the streak.

    With fixed hours, a working day does; with a schedule entity, a day on which
    the person was at the desk in working time does.
    """
    schedule = ctx.settings.schedule
    if schedule is None:
        return worked
    return schedule.is_work_day(day.weekday())


def rollover(ctx: Context, midnight: datetime) -> None:
    """Close the day that ends at `midnight` (and any days slept through)."""
    s = ctx.state
    old_day = s.day
    assert old_day is not None
    if not s.met_today and counts_as_work_day(ctx, old_day, s.worked_today):
        s.streak = 0
    close_day(ctx, old_day)
    new_day = ctx.local_date(midnight)
    skipped = old_day + timedelta(days=1)
    while skipped < new_day:
        if counts_as_work_day(ctx, skipped, False):
            s.streak = 0
        skipped += timedelta(days=1)
    s.day = new_day
    s.breaks_today = 0
    s.met_today = False
    s.worked_today = False
    s.sitting_today_seconds = 0.0
    s.standing_today_seconds = 0.0
    s.micro_breaks_today = 0
    s.limit_reached_today = False
    s.capped_seconds_today = 0
    s.skips_today = 0
    s.pace_mark = 0.0
    if s.segment_start is not None:
        s.segment_start = midnight
    if s.standing_segment_start is not None:
        s.standing_segment_start = midnight
