"""Reminders: a break falls due, is announced ahead, reminded again or snoozed; the limit.

Reminding again: while a due break stays unanswered, every `remind_again_minutes`
it is said again (`break_reminded`), at most `REMIND_AGAIN_MAX` times per due break.
A moment that comes while no reminder may be given (away, do-not-disturb; off hours,
a pause and resting end the due break) is let go, not made up later.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import history, micro, stand
from .context import Context, span
from .model import EventType

#: Reminders again per due break, at most.
REMIND_AGAIN_MAX = 4


def silenced(ctx: Context) -> bool:
    """Whether the person paused, rests or is on a break."""
    return ctx.paused() or ctx.state.resting or ctx.state.brk is not None


def quiet(ctx: Context, now: datetime) -> bool:
    """Whether no reminder may come now, whatever the sitting time."""
    s = ctx.state
    return (
        silenced(ctx)
        or s.block_start is None
        or s.standing_since is not None
        or not ctx.working(now)
    )


def warn_at(ctx: Context) -> datetime | None:
    """When the heads-up for the coming break is due, if one is to come."""
    s, minutes = ctx.state, ctx.settings.warn_minutes
    if minutes <= 0 or s.warned or s.due or s.snoozed_until is not None:
        return None
    if s.block_start is None or s.standing_since is not None:
        return None
    moment = ctx.due_at() - span(minutes)
    return moment if moment > s.block_start else None


def limit_at(ctx: Context, now: datetime) -> datetime | None:
    """When today's time at the desk reaches the daily limit, if it is still to come."""
    s, minutes = ctx.state, ctx.settings.daily_limit_minutes
    if minutes <= 0 or s.limit_reached_today:
        return None
    if s.segment_start is None and s.standing_segment_start is None:
        return None
    left = minutes * 60 - ctx.desk_seconds(now)
    return now + timedelta(seconds=max(0.0, left))


def evaluate(ctx: Context, now: datetime) -> None:
    """Judge the state at `now`: reminders, the heads-up, micro-breaks, the limit."""
    s = ctx.state
    hushed = quiet(ctx, now)
    if ctx.working(now) and s.block_start is not None:
        s.worked_today = True
    if s.due and hushed:
        ctx.clear_due(keep_snoozes=True)
    reminding = not hushed and s.present and not s.dnd
    if reminding and not s.due and s.snoozed_until is None and now >= ctx.due_at():
        s.due = True
        s.due_since = s.last_due_at = now
        again = ctx.settings.remind_again_minutes
        s.remind_at = now + span(again) if again > 0 else None
        ctx.emit(
            EventType.BREAK_DUE,
            sitting_minutes=ctx.sitting_minutes(now),
            program=ctx.settings.program,
            snoozes_left=ctx.snoozes_left(),
        )
    elif s.due and s.remind_at is not None and now >= s.remind_at:
        remind_again(ctx, now, reminding)
    if reminding and (soon := warn_at(ctx)) is not None and now >= soon:
        s.warned = True
        ctx.emit(EventType.BREAK_SOON, minutes=ctx.settings.warn_minutes)
    micro.evaluate(ctx, now, hushed)
    stand.evaluate(ctx, now, hushed)
    limit = ctx.settings.daily_limit_minutes
    if limit > 0 and not s.limit_reached_today and ctx.desk_seconds(now) >= limit * 60:
        s.limit_reached_today = True
        ctx.emit(EventType.DAILY_LIMIT_REACHED, minutes=limit)
    history.evaluate(ctx, now)


def remind_again(ctx: Context, now: datetime, reminding: bool) -> None:
    """Say the due break again, if a reminder may be given now; plan the next."""
    s, again = ctx.state, ctx.settings.remind_again_minutes
    assert s.due_since is not None
    if again <= 0:
        s.remind_at = None
        return
    if reminding:
        s.reminded += 1
        ctx.emit(
            EventType.BREAK_REMINDED,
            count=s.reminded,
            minutes=int((now - s.due_since) // span(1)),
        )
    if s.reminded >= REMIND_AGAIN_MAX:
        s.remind_at = None
        return
    assert s.remind_at is not None
    while s.remind_at <= now:
        s.remind_at += span(again)


def snooze(ctx: Context, now: datetime, minutes: int | None) -> None:
    """Postpone the due break by `minutes` (or the profile's default)."""
    s = ctx.state
    length = minutes or ctx.settings.snooze_minutes
    s.due = False
    s.due_since = None
    s.reminded, s.remind_at = 0, None
    s.snoozes_used += 1
    s.snoozed_until = now + span(length)
    ctx.emit(EventType.BREAK_SNOOZED, minutes=length, snoozes_left=ctx.snoozes_left())
