"""Micro-breaks: a short eye and posture pause after `micro_break_minutes` of sitting.

The count starts again after any break: a micro-break, an exercise break, an absence
or standing at least `micro_break_seconds` long. A micro-break always runs its
seconds and ends by itself (whatever comes meanwhile is shown above it), and it
does not restart the sitting block. None during do-not-disturb, off hours, a pause,
rest or a break, and none within `QUIET_BEFORE_DUE` of an exercise break.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .context import Context, span
from .model import EventType

QUIET_BEFORE_DUE = timedelta(minutes=5)


def enabled(ctx: Context) -> bool:
    """Whether the profile has micro-breaks."""
    return ctx.settings.micro_break_minutes > 0


def _length(ctx: Context) -> timedelta:
    return timedelta(seconds=ctx.settings.micro_break_seconds)


def deadline(ctx: Context) -> datetime | None:
    """When the next micro-break falls due, if one is counting."""
    s = ctx.state
    if not enabled(ctx) or s.micro_until is not None or s.micro_anchor is None:
        return None
    if s.block_start is None or s.standing_since is not None:
        return None
    return s.micro_anchor + span(ctx.settings.micro_break_minutes)


def rested(ctx: Context, now: datetime, since: datetime) -> None:
    """Count an absence or standing since `since` as a micro-break, if long enough."""
    s = ctx.state
    if enabled(ctx) and s.micro_anchor is not None and now - since >= _length(ctx):
        s.micro_breaks_today += 1
        s.micro_anchor = now


def evaluate(ctx: Context, now: datetime, quiet: bool) -> None:
    """Start a micro-break if one is due and nothing holds it."""
    s = ctx.state
    due = deadline(ctx)
    if due is None or now < due or quiet or not s.present or s.dnd:
        return
    if s.due or s.snoozed_until is not None or now >= ctx.due_at() - QUIET_BEFORE_DUE:
        return
    s.micro_until = now + _length(ctx)
    ctx.emit(EventType.MICRO_BREAK_STARTED, seconds=ctx.settings.micro_break_seconds)


def finish(ctx: Context, moment: datetime) -> None:
    """End the micro-break in progress: it ran its time."""
    s = ctx.state
    s.micro_until = None
    s.micro_breaks_today += 1
    s.micro_anchor = moment
    ctx.emit(EventType.MICRO_BREAK_COMPLETED, micro_breaks_today=s.micro_breaks_today)
