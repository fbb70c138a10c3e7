"""Stand suggestions: after `stand_minutes` of continuous sitting, suggest standing up.

Continuous sitting starts when the person sits down: a sitting block starts, they
sit down after standing, or a guided break ends. A short absence does not end it
(as it does not end the block). One suggestion per stretch of sitting, never while
reminders are hushed (paused, resting, on a break, off hours, do-not-disturb); a
suggestion held back comes once they are not. A suggestion is not a break: it is
not counted, and it changes nothing else.
"""

from __future__ import annotations

from datetime import datetime

from .context import Context, span
from .model import EventType


def deadline(ctx: Context) -> datetime | None:
    """When standing is next suggested, if it is to be."""
    s, minutes = ctx.state, ctx.settings.stand_minutes
    if minutes <= 0 or s.stand_from is None or s.stand_suggested:
        return None
    return s.stand_from + span(minutes)


def suggested(ctx: Context) -> bool:
    """Whether standing is suggested now (and the person still sits)."""
    return ctx.state.stand_suggested and ctx.state.stand_from is not None


def evaluate(ctx: Context, now: datetime, quiet: bool) -> None:
    """Follow the stretch of sitting; suggest standing once it lasted long enough."""
    s = ctx.state
    sitting = s.block_start is not None and s.standing_since is None and s.brk is None
    if not sitting:
        s.stand_from, s.stand_suggested = None, False
        return
    if s.stand_from is None:
        s.stand_from = now
    moment = deadline(ctx)
    if moment is None or now < moment or quiet or not s.present or s.dnd:
        return
    s.stand_suggested = True
    ctx.emit(
        EventType.STAND_SUGGESTED,
        sitting_minutes=int((now - s.stand_from) / span(1)),
    )
