"""Reminders: when a break falls due, stops being due, or is snoozed."""

from __future__ import annotations

from datetime import datetime

from .context import Context, span
from .model import EventType


def silenced(ctx: Context) -> bool:
    """Whether the person paused, rests or is on a break."""
    return ctx.paused() or ctx.state.resting or ctx.state.brk is not None


def quiet(ctx: Context, now: datetime) -> bool:
    """Whether no reminder may be due now, whatever the sitting time."""
    return silenced(ctx) or ctx.state.block_start is None or not ctx.working(now)


def evaluate(ctx: Context, now: datetime) -> None:
    """Judge the state at `now`: a break falls due, or stops being due."""
    s = ctx.state
    if ctx.working(now) and s.block_start is not None:
        s.worked_today = True
    if s.due and quiet(ctx, now):
        ctx.clear_due(keep_snoozes=True)
    if (
        not s.due
        and s.snoozed_until is None
        and not quiet(ctx, now)
        and s.present
        and not s.dnd
        and now >= ctx.due_at()
    ):
        s.due = True
        s.due_since = now
        ctx.emit(
            EventType.BREAK_DUE,
            sitting_minutes=ctx.sitting_minutes(now),
            program=ctx.settings.program,
            snoozes_left=ctx.snoozes_left(),
        )


def snooze(ctx: Context, now: datetime, minutes: int | None) -> None:
    """Postpone the due break by `minutes` (or the profile's default)."""
    s = ctx.state
    length = minutes or ctx.settings.snooze_minutes
    s.due = False
    s.due_since = None
    s.snoozes_used += 1
    s.snoozed_until = now + span(length)
    ctx.emit(EventType.BREAK_SNOOZED, minutes=length, snoozes_left=ctx.snoozes_left())
