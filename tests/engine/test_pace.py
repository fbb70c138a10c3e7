"""Pacing, reminding again, the skip budget: the day's routine gets done."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    Command,
    EngineError,
    EventType,
    Settings,
    Status,
)
from custom_components.desk_break_coach.engine.pace import GAP, PACED_BLOCK
from tests.workday import walker_present

from .conftest import TZ, load_catalogue, local

CATALOGUE: Catalogue = load_catalogue()
MONDAY_9 = local(2026, 11, 23, 9, 0)
MINUTE = timedelta(minutes=1)


def walk_day(
    engine: BreakEngine, start: datetime, end: datetime, present_at
) -> list[tuple[datetime, EventType]]:
    """Minute by minute: presence as `present_at(minute)` says; each due break done."""
    seen: list[tuple[datetime, EventType]] = []
    now, minute = start, 0
    while now < end:
        events = engine.observe(now, present=present_at(minute))
        if any(e.type is EventType.BREAK_DUE for e in events):
            events += engine.start_break(now)
        seen += [(now, e.type) for e in events]
        now, minute = now + MINUTE, minute + 1
    return seen


def test_sitting_40_walking_6_reaches_the_daily_target() -> None:
    """40 minutes sitting, 6 walking, all working day: every due break done makes 4."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    seen = walk_day(engine, MONDAY_9, local(2026, 11, 23, 18, 0), walker_present)
    dues = [at for at, kind in seen if kind is EventType.BREAK_DUE]
    assert engine.view(local(2026, 11, 23, 18, 0)).breaks_today >= 4
    assert engine.state.met_today
    # The first block (40 minutes) was too short: the second came after 15 minutes.
    assert dues[0] == MONDAY_9 + timedelta(minutes=46) + PACED_BLOCK
    assert all(later - earlier >= GAP for earlier, later in pairwise(dues))
    # Without pacing none would ever have fallen due: no block reaches 45 minutes.
    assert all(
        not all(walker_present(m) for m in range(start, start + 45))
        for start in range(0, 9 * 60, 46)
    )


def test_no_more_paced_breaks_once_the_target_is_met() -> None:
    """Past the daily target the walker is left alone (blocks never reach 45)."""
    engine = BreakEngine(Settings(daily_target=2), CATALOGUE, TZ)
    seen = walk_day(engine, MONDAY_9, local(2026, 11, 23, 18, 0), walker_present)
    completed = [at for at, kind in seen if kind is EventType.BREAK_COMPLETED]
    assert len(completed) == 2
    assert completed[-1] < local(2026, 11, 23, 12, 0)


def test_a_late_short_day_is_not_behind() -> None:
    """Arriving at 15:00: no break comes sooner than after 45 minutes sitting."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    arrive = local(2026, 11, 23, 15, 0)
    engine.observe(arrive, present=True)
    assert engine.view(arrive).next_break == arrive + timedelta(minutes=45)
    seen = walk_day(engine, arrive, arrive + timedelta(minutes=45), lambda _m: True)
    assert seen == []
    assert [e.type for e in engine.update(arrive + timedelta(minutes=45))] == [
        EventType.BREAK_DUE
    ]


def test_a_skip_answers_the_pace_too() -> None:
    """Someone who sits on gets the usual 45-minute blocks, skips or not."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    engine.observe(MONDAY_9, present=True)
    engine.update(MONDAY_9 + timedelta(minutes=45))
    skipped = MONDAY_9 + timedelta(minutes=46)
    engine.skip_break(skipped)
    assert engine.view(skipped).next_break == skipped + timedelta(minutes=45)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sit=st.integers(30, 90),
    away=st.integers(1, 10),
    target=st.integers(1, 8),
    pattern=st.lists(
        st.tuples(st.integers(5, 60), st.integers(1, 20)), min_size=1, max_size=8
    ),
    done=st.booleans(),
)
def test_paced_breaks_are_never_due_within_30_minutes(
    sit: int, away: int, target: int, pattern: list[tuple[int, int]], done: bool
) -> None:
    """Any rhythm of sitting and walking: two breaks never fall due 30 minutes apart."""
    cycle = [True] * 0
    for sitting, walking in pattern:
        cycle += [True] * sitting + [False] * walking
    engine = BreakEngine(
        Settings(sit_minutes=sit, away_minutes=away, daily_target=target),
        CATALOGUE,
        TZ,
    )
    seen: list[datetime] = []
    now = MONDAY_9
    for minute in range(9 * 60):
        events = engine.observe(now, present=cycle[minute % len(cycle)])
        if any(e.type is EventType.BREAK_DUE for e in events):
            seen.append(now)
            events += engine.start_break(now) if done else engine.skip_break(now)
        now += MINUTE
    assert all(later - earlier >= GAP for earlier, later in pairwise(seen))
    assert engine.state.breaks_today >= 0


# ------------------------------------------------------------- reminding again
def due_engine(**options: int) -> BreakEngine:
    """Return an engine whose break fell due at 09:45."""
    engine = BreakEngine(Settings(**options), CATALOGUE, TZ)
    engine.observe(MONDAY_9, present=True)
    assert [e.type for e in engine.update(MONDAY_9 + timedelta(minutes=45))] == [
        EventType.BREAK_DUE
    ]
    return engine


def wake_through(engine: BreakEngine, end: datetime) -> list:
    """Wake the engine at each moment it asks for, up to `end`; return the events."""
    now, events = engine.state.cursor, []
    while (wake := engine.next_wakeup(now)) is not None and wake <= end:
        now = wake
        events += engine.update(now)
    return events


def test_reminded_again_every_15_minutes_at_most_4_times() -> None:
    """Count 1..4, minutes 15..60, then quiet; the status stays break_due."""
    engine = due_engine()
    due = MONDAY_9 + timedelta(minutes=45)
    events = wake_through(engine, due + timedelta(hours=3))
    reminded = [e for e in events if e.type is EventType.BREAK_REMINDED]
    assert [e.data for e in reminded] == [
        {"count": 1, "minutes": 15},
        {"count": 2, "minutes": 30},
        {"count": 3, "minutes": 45},
        {"count": 4, "minutes": 60},
    ]
    view = engine.view(due + timedelta(hours=3))
    assert view.status is Status.BREAK_DUE and view.due_since == due


def test_reminding_again_can_be_off_or_slower() -> None:
    """0 turns it off; 5-60 sets the pace."""
    engine = due_engine(remind_again_minutes=0)
    assert wake_through(engine, MONDAY_9 + timedelta(hours=4)) == []
    engine = due_engine(remind_again_minutes=60)
    events = wake_through(engine, MONDAY_9 + timedelta(hours=3))
    assert [e.data["minutes"] for e in events] == [60, 120]


def test_never_reminded_again_in_dnd_or_away_and_a_new_due_starts_over() -> None:
    """A moment in DND or away is let go; a snoozed break starts counting again."""
    engine = due_engine()
    due = MONDAY_9 + timedelta(minutes=45)
    engine.observe(due + timedelta(minutes=10), dnd=True)
    assert wake_through(engine, due + timedelta(minutes=20)) == []
    engine.observe(due + timedelta(minutes=20), dnd=False)
    # Away from minute 42 to 46 (the block goes on): the moment at 45 is let go.
    left = engine.observe(due + timedelta(minutes=42), present=False)
    assert [e.data for e in left] == [{"count": 1, "minutes": 30}]
    assert engine.observe(due + timedelta(minutes=46), present=True) == []
    events = wake_through(engine, due + timedelta(minutes=60))
    assert [e.data for e in events] == [{"count": 2, "minutes": 60}]
    snoozed = due + timedelta(minutes=61)
    engine.snooze(snoozed, 10)
    events = wake_through(engine, snoozed + timedelta(minutes=26))
    assert [e.type for e in events] == [
        EventType.BREAK_DUE,
        EventType.BREAK_REMINDED,
    ]
    assert events[1].data == {"count": 1, "minutes": 15}


@pytest.mark.parametrize("hush", ["pause", "stop", "off_hours"])
def test_never_reminded_again_paused_resting_or_off_hours(hush: str) -> None:
    """Pausing, resting and the end of working hours end the due break's reminders."""
    engine = due_engine()
    due = MONDAY_9 + timedelta(minutes=45)
    if hush == "pause":
        engine.pause(due + timedelta(minutes=5))
    elif hush == "stop":
        engine.stop_routine(due + timedelta(minutes=5))
    else:
        engine = BreakEngine(Settings(), CATALOGUE, TZ)
        evening = local(2026, 11, 23, 17, 0)
        engine.observe(evening, present=True)
        engine.update(evening + timedelta(minutes=45))  # due at 17:45
    events = wake_through(engine, local(2026, 11, 23, 23, 0))
    assert EventType.BREAK_REMINDED not in [e.type for e in events]


# ------------------------------------------------------------- the skip budget
def test_the_skip_budget_refuses_past_the_limit_and_starts_again_each_day() -> None:
    """Two skips a day: the third is refused (skip_limit) and changes nothing."""
    engine = BreakEngine(Settings(max_skips_per_day=2), CATALOGUE, TZ)
    now = MONDAY_9
    engine.observe(now, present=True)
    for left in (1, 0):
        now += timedelta(minutes=45)
        engine.update(now)
        engine.skip_break(now)
        assert engine.view(now).skips_left == left
    now += timedelta(minutes=45)
    engine.update(now)
    before = engine.state.to_dict()
    assert Command.SKIP_BREAK not in engine.view(now).available_commands
    with pytest.raises(EngineError) as refused:
        engine.skip_break(now)
    assert refused.value.key == "skip_limit"
    assert refused.value.values == {"max_skips_per_day": "2"}
    assert engine.state.to_dict() == before
    assert engine.view(now).status is Status.BREAK_DUE
    tomorrow = local(2026, 11, 24, 9, 45)
    engine.observe(local(2026, 11, 24, 9, 0), present=True)
    engine.update(tomorrow)
    assert engine.view(tomorrow).skips_left == 2
    engine.skip_break(tomorrow)


def test_no_skip_limit_by_default() -> None:
    """0: skips are not counted against anything."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    assert engine.view(MONDAY_9).skips_left is None
