"""Pacing: the day's exercise breaks get done, even for someone who walks often.

The pace model. An exercise break falls due after `sit_minutes` of one sitting
block, and an absence of `away_minutes` ends the block; someone who sits 40 minutes
and walks 6 never completes a 45-minute block. So the day also keeps a second
count that absences do not reset: the time sat since the last answered break (done
or skipped; `state.pace_mark` holds today's sitting time at that moment). The day's
pace is one exercise break per `sit_minutes` of sitting, until the daily target is
met. When that count reaches `sit_minutes` and the target is not met yet, the day
is behind: the next break falls due after a shorter sitting block, `PACED_BLOCK`,
and never within `GAP` of the break that fell due before it.

Why it keeps the three rules of the contract:

- 40 minutes sitting, 6 walking: every second block carries the last one's 40
  minutes, so a break falls due 15 minutes into it; each break done restarts the
  count, and the day reaches its target after about five hours at the desk.
- A late or short day: only time actually sat counts, so hours the person was not
  there never make the day behind.
- A paced break is never due sooner than `GAP` after the previous one fell due.

Someone who sits on without leaving sees no change: the count and the block are the
same, and the block falls due first.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import Context

#: When behind, the shortest sitting block before a break falls due.
PACED_BLOCK = timedelta(minutes=15)
#: Two exercise breaks never fall due closer together than this (when paced).
GAP = timedelta(minutes=30)


def behind(ctx: Context, now: datetime) -> bool:
    """Whether the day is behind its pace at `now`."""
    s, settings = ctx.state, ctx.settings
    if s.breaks_today >= settings.daily_target:
        return False
    return ctx.sitting_today_seconds(now) - s.pace_mark >= settings.sit_minutes * 60


def due_at(ctx: Context) -> datetime:
    """When the current sitting block makes a break due, pacing included."""
    s, settings = ctx.state, ctx.settings
    assert s.block_start is not None
    normal = s.block_start + timedelta(minutes=settings.sit_minutes)
    if s.breaks_today >= settings.daily_target or s.segment_start is None:
        return normal
    # The open segment adds to the closed sitting time one second per second.
    owed = settings.sit_minutes * 60 - (s.sitting_today_seconds - s.pace_mark)
    paced = max(
        s.block_start + PACED_BLOCK, s.segment_start + timedelta(seconds=max(0, owed))
    )
    if s.last_due_at is not None:
        paced = max(paced, s.last_due_at + GAP)
    return min(normal, paced)


def answered(ctx: Context) -> None:
    """Restart the count since the last answered break (one was done or skipped)."""
    ctx.state.pace_mark = ctx.state.sitting_today_seconds
