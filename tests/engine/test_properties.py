"""Invariants over random days of presence changes and commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import pairwise

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    CoachState,
    EngineError,
    Event,
    EventType,
    Settings,
    Status,
)

from .conftest import TZ, load_catalogue, local

CATALOGUE: Catalogue = load_catalogue()
START = local(2026, 11, 23, 7, 0)
COMMANDS = (
    "present",
    "absent",
    "dnd_on",
    "dnd_off",
    "start",
    "next",
    "finish",
    "snooze",
    "skip",
    "stop",
    "pause",
    "resume",
    "restart",
    "stand",
    "sit",
)

steps = st.lists(
    st.tuples(st.integers(0, 240), st.sampled_from(COMMANDS)), min_size=1, max_size=60
)
options = st.builds(
    Settings,
    sit_minutes=st.integers(10, 180),
    away_minutes=st.integers(1, 60),
    daily_target=st.integers(1, 12),
    max_snoozes=st.integers(0, 10),
    program=st.sampled_from(list(CATALOGUE.programs)),
    reps=st.integers(10, 20),
    exercise_seconds=st.integers(30, 120),
    micro_break_minutes=st.sampled_from([0, 0, 10, 20, 60]),
    micro_break_seconds=st.integers(10, 120),
    warn_minutes=st.integers(0, 15),
    daily_limit_minutes=st.sampled_from([0, 0, 60, 240]),
)


def _apply(engine: BreakEngine, now, command: str) -> list[Event]:  # type: ignore[no-untyped-def]
    actions = {
        "present": lambda: engine.observe(now, present=True),
        "absent": lambda: engine.observe(now, present=False),
        "dnd_on": lambda: engine.observe(now, dnd=True),
        "dnd_off": lambda: engine.observe(now, dnd=False),
        "start": lambda: engine.start_break(now),
        "next": lambda: engine.next_exercise(now),
        "finish": lambda: engine.finish_break(now),
        "snooze": lambda: engine.snooze(now),
        "skip": lambda: engine.skip_break(now),
        "stop": lambda: engine.stop_routine(now),
        "pause": lambda: engine.pause(now, 30),
        "resume": lambda: engine.resume(now),
        "restart": lambda: engine.update(now),
        "stand": lambda: engine.observe(now, standing=True),
        "sit": lambda: engine.observe(now, standing=False),
    }
    events = engine.update(now)
    before = engine.state.to_dict()
    try:
        events += actions[command]()
    except EngineError:
        assert engine.state.to_dict() == before, "a refused command changed the state"
    return events


def _checked(engine: BreakEngine, events: list[Event], due_before: bool) -> list[Event]:
    """Break_due fires at most once per call, and only when no break was due before."""
    dues = [event for event in events if event.type is EventType.BREAK_DUE]
    assert len(dues) <= 1 or not engine.state.due or due_before is False
    if dues and not any(
        event.type is not EventType.BREAK_DUE
        for event in events[: events.index(dues[0])]
    ):
        assert not due_before, "break_due fired while a break was already due"
    return events


def play(
    options: Settings,
    script: list[tuple[int, str]],
    restarts: bool,
    after_each: Callable[[BreakEngine], None] | None = None,
) -> tuple[BreakEngine, list[Event]]:
    """Play a random day; `after_each` checks the engine after every pass."""
    engine = BreakEngine(options, CATALOGUE, TZ)
    now, events = START, []
    for gap, command in script:
        end = now + timedelta(minutes=gap)
        while (wake := engine.next_wakeup(now)) is not None and wake <= end:
            now = wake
            due_before = engine.state.due
            events += _checked(engine, engine.update(now), due_before)
            if after_each is not None:
                after_each(engine)
        now = end
        if restarts and command == "restart":
            engine = BreakEngine(
                options, CATALOGUE, TZ, CoachState.from_dict(engine.state.to_dict())
            )
        due_before = engine.state.due
        events += _checked(engine, _apply(engine, now, command), due_before)
        if after_each is not None:
            after_each(engine)
        view = engine.view(now)
        assert view.sitting_minutes >= 0
        assert view.sitting_today_minutes >= 0
        assert 0 <= view.progress <= 100
        assert view.snoozes_left >= 0
        assert view.break_due == engine.state.due
        assert view.standing_today_minutes >= 0
        assert view.micro_breaks_today >= 0
        if options.micro_break_minutes == 0:
            assert view.status is not Status.MICRO_BREAK
        assert view.standing == (view.status is Status.STANDING) or view.status in (
            Status.ON_BREAK,
            Status.RESTING,
            Status.PAUSED,
        )
        if view.exercise is not None:
            assert 0 <= view.exercise.seconds_left <= view.exercise.seconds
    return engine, events


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=options, script=steps)
def test_random_days_keep_invariants(
    options: Settings, script: list[tuple[int, str]]
) -> None:
    """Never negative, completed breaks never lost, events of known types only."""
    engine, events = play(options, script, restarts=False)
    assert all(isinstance(event.type, EventType) for event in events)
    # micro-breaks start and complete in turn; limits and heads-ups only when on
    micro = [
        e.type
        for e in events
        if e.type in (EventType.MICRO_BREAK_STARTED, EventType.MICRO_BREAK_COMPLETED)
    ]
    assert all(a != b for a, b in pairwise(micro))
    if options.warn_minutes == 0:
        assert EventType.BREAK_SOON not in {e.type for e in events}
    if options.daily_limit_minutes == 0:
        assert EventType.DAILY_LIMIT_REACHED not in {e.type for e in events}
    completions = [e for e in events if e.type is EventType.BREAK_COMPLETED]
    # each completion raised the day's counter by one: never lost, never doubled
    for earlier, later in pairwise(completions):
        count = later.data["breaks_today"]
        assert count in (earlier.data["breaks_today"] + 1, 1)
    if completions and engine.view(engine.state.cursor or START).breaks_today:
        assert engine.state.breaks_today >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=options, script=steps)
def test_restart_anywhere_changes_nothing(
    options: Settings, script: list[tuple[int, str]]
) -> None:
    """Storing and reloading the state at any point gives the same day."""
    plain, plain_events = play(options, script, restarts=False)
    restarted, restarted_events = play(options, script, restarts=True)
    assert restarted.state.to_dict() == plain.state.to_dict()
    assert [e.type for e in restarted_events] == [e.type for e in plain_events]


@settings(max_examples=100, deadline=None)
@given(options=options, days=st.integers(1, 20))
def test_breaks_are_counted_and_reset_daily(options: Settings, days: int) -> None:
    """A day of completed breaks is counted exactly, then restarts at midnight."""
    # Self-massage is capped at 25 minutes a day (test_comfort.py), not by count.
    assume(options.program != "self_massage_neck")
    engine = BreakEngine(options, CATALOGUE, TZ)
    now = local(2026, 11, 2, 9, 0)  # a Monday
    for day in range(days):
        engine.observe(now, present=True)
        for _ in range(options.daily_target):
            engine.update(now)
            engine.start_break(now)
            engine.finish_break(now + timedelta(seconds=20))
            now += timedelta(minutes=2)
        assert engine.view(now).breaks_today == options.daily_target
        assert engine.view(now).progress == 100
        assert engine.view(now).streak == day + 1
        now = local(2026, 11, 3 + day, 9, 0)
