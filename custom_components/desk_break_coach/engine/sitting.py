"""The sitting block: presence and standing start it, pause it and end it.

Present and not standing is sitting: a block starts. An absence keeps the block
(short absences do not reset it) until it lasts `away_minutes`. Standing at the desk
is not sitting: the block's sitting time stops growing while standing, and standing
`away_minutes` or more ends the block, as an absence does. A change of the standing
entity counts once it has held for `SETTLE` (a desk on its way up, a flapping
sensor), and from then on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import micro
from .context import Context

SETTLE = timedelta(seconds=10)


def set_presence(ctx: Context, now: datetime, present: bool) -> None:
    """Take the combined presence (new, or said again)."""
    s = ctx.state
    s.present = present
    if present:
        if s.away_since is not None:
            micro.rested(ctx, now, s.away_since)
        s.away_since = None
    elif s.block_start is not None and s.away_since is None:
        s.away_since = now
    reconcile(ctx, now)


def set_standing(ctx: Context, now: datetime, standing: bool) -> None:
    """Take what the standing entity says (new, or said again)."""
    s = ctx.state
    if standing != s.standing:
        s.standing, s.standing_changed_at = standing, now
    if standing == s.standing_settled:
        s.standing_changed_at = None
    reconcile(ctx, now)


def settles_at(ctx: Context) -> datetime | None:
    """When a change of the standing entity counts, if one is waiting."""
    changed = ctx.state.standing_changed_at
    return None if changed is None else changed + SETTLE


def settle(ctx: Context, moment: datetime) -> None:
    """Count the standing entity's change: it held long enough."""
    s = ctx.state
    s.standing_settled, s.standing_changed_at = s.standing, None
    reconcile(ctx, moment)


def reconcile(ctx: Context, now: datetime) -> None:
    """Start or end standing and the sitting block to fit presence and posture."""
    s = ctx.state
    upright = s.present and s.standing_settled
    if upright and s.standing_since is None:
        ctx.close_segment(now)
        s.segment_start = None
        s.standing_since = s.standing_segment_start = now
    elif not upright and s.standing_since is not None:
        _sit_down(ctx, now)
    if s.present and not upright and s.block_start is None:
        s.block_start = s.segment_start = s.micro_anchor = now


def _sit_down(ctx: Context, now: datetime) -> None:
    """End standing (sat down, or left): the block resumes where it stopped."""
    s = ctx.state
    assert s.standing_since is not None
    since = s.standing_since
    ctx.close_standing(now)
    s.standing_since = s.standing_segment_start = None
    if s.block_start is not None:
        # Standing is not sitting: move the block on by the time stood.
        s.block_start += now - max(since, s.block_start)
        s.segment_start = now
        micro.rested(ctx, now, since)


def end_block(ctx: Context, at: datetime) -> None:
    """End the block: a natural break (an absence, or standing, long enough)."""
    s = ctx.state
    if s.segment_start is not None:
        ctx.close_segment(at)
    s.block_start = s.segment_start = s.away_since = None
    s.micro_anchor = None
    ctx.clear_due()
