"""The comfort log in the engine: worse means stop, good means move on, the caps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    CoachState,
    EngineError,
    Settings,
    Status,
)

from .conftest import TZ, local

MONDAY_9 = local(2026, 11, 23, 9, 0).astimezone(UTC)
DAY = timedelta(days=1)


def kinds(events: list) -> list[str]:
    """Return the event types as strings."""
    return [event.type.value for event in events]


def after_a_break(engine: BreakEngine, now: datetime) -> datetime:
    """Sit down, take and finish a break at `now`; return a minute later."""
    engine.observe(now, present=True)
    engine.start_break(now)
    engine.finish_break(now + timedelta(minutes=1))
    return now + timedelta(minutes=2)


def test_a_level_is_logged_with_average_and_trend(catalogue: Catalogue) -> None:
    """Each level: the event's values, and today's latest in the view."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    events = engine.log_comfort(MONDAY_9, 6, "stiff")
    assert kinds(events) == ["comfort_logged"]
    assert events[0].data == {
        "level": 6,
        "average_7d": 6.0,
        "trend": "same",
        "worse": False,
        "worse_days": 0,
    }
    engine.log_comfort(MONDAY_9 + timedelta(hours=1), 8, "")
    view = engine.view(MONDAY_9 + timedelta(hours=1))
    assert view.comfort == 8 and view.comfort_average_7d == 7.0
    assert view.comfort_logged_at == MONDAY_9 + timedelta(hours=1)
    assert engine.view(MONDAY_9 + DAY).comfort is None  # a new day: nothing yet


def test_trend_compares_the_last_three_days_with_the_four_before(
    catalogue: Catalogue,
) -> None:
    """Better, same or worse by at least one point."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    for day, level in enumerate((4, 4, 5, 4, 7, 7, 8)):
        engine.log_comfort(MONDAY_9 + day * DAY, level)
    assert engine.view(MONDAY_9 + 6 * DAY).comfort_trend == "better"
    for day, level in enumerate((3, 3, 3), start=7):
        engine.log_comfort(MONDAY_9 + day * DAY, level)
    assert engine.view(MONDAY_9 + 9 * DAY).comfort_trend == "worse"


@pytest.mark.parametrize(
    ("history", "level", "worse"),
    [((), 3, True), ((), 4, False), ((8, 8), 5, True), ((8, 8), 6, False)],
)
def test_worse_right_after_a_break_stops_the_exercises(
    catalogue: Catalogue, history: tuple[int, ...], level: int, worse: bool
) -> None:
    """3 or lower, or 3 below the week's average, right after a break: rest."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    for days_ago, earlier in enumerate(history, start=1):
        engine.log_comfort(MONDAY_9 - days_ago * DAY, earlier)
    now = after_a_break(engine, MONDAY_9)
    events = engine.log_comfort(now, level)
    assert events[0].data["worse"] is worse
    if worse:
        assert kinds(events) == ["comfort_logged", "routine_stopped"]
        assert events[1].data == {"reason": "unwell"}
        assert engine.view(now).status is Status.RESTING
        with pytest.raises(EngineError):
            engine.start_break(now)
    else:
        assert kinds(events) == ["comfort_logged"]


def test_a_low_level_long_after_a_break_is_only_logged(catalogue: Catalogue) -> None:
    """Two hours after the break a low level is a note, not a stop."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    now = after_a_break(engine, MONDAY_9) + timedelta(hours=2)
    engine.update(now)
    assert kinds(engine.log_comfort(now, 2)) == ["comfort_logged"]
    assert engine.view(now).status is not Status.RESTING


def test_worse_on_three_days_is_counted(catalogue: Catalogue) -> None:
    """The count of worse days in the week comes with each worse level."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    counts = []
    for day in range(3):
        now = after_a_break(engine, MONDAY_9 + day * DAY)
        counts.append(engine.log_comfort(now, 2)[0].data["worse_days"])
        engine.resume(now)
    assert counts == [1, 2, 3]
    assert engine.view(MONDAY_9 + 2 * DAY).worse_days == 3


def test_a_good_week_suggests_the_next_program(catalogue: Catalogue) -> None:
    """Lying: 7 or more on 5 of 7 days, no stop, suggests seated; declined, never again."""
    engine = BreakEngine(Settings(program="neck_lying"), catalogue, TZ)
    for day, level in enumerate((8, 7, 5, 9, 7)):
        engine.log_comfort(MONDAY_9 + day * DAY, level)
    assert engine.view(MONDAY_9 + 4 * DAY).suggested_program is None  # 4 good days
    engine.log_comfort(MONDAY_9 + 5 * DAY, 8)
    assert engine.view(MONDAY_9 + 5 * DAY).suggested_program == "neck_sitting"
    engine.decline_suggestion(MONDAY_9 + 5 * DAY, "neck_sitting")
    assert engine.view(MONDAY_9 + 5 * DAY).suggested_program is None
    stored = CoachState.from_dict(engine.state.to_dict())
    assert stored.declined == ["neck_sitting"]


def test_a_stop_in_the_week_holds_the_suggestion(catalogue: Catalogue) -> None:
    """A safety stop in the last 7 days: no suggestion, whatever the levels."""
    engine = BreakEngine(Settings(program="neck_sitting"), catalogue, TZ)
    engine.stop_routine(MONDAY_9)
    engine.resume(MONDAY_9)
    for day in range(6):
        engine.log_comfort(MONDAY_9 + day * DAY, 9)
    assert engine.view(MONDAY_9 + 5 * DAY).suggested_program is None
    engine.log_comfort(MONDAY_9 + 7 * DAY, 9)
    assert engine.view(MONDAY_9 + 7 * DAY).suggested_program == "neck_prevention"


def test_self_massage_is_capped_at_25_minutes_a_day(catalogue: Catalogue) -> None:
    """Breaks of self-massage stop fitting after 25 minutes; the next day starts afresh."""
    engine = BreakEngine(
        Settings(program="self_massage_neck", daily_target=1), catalogue, TZ
    )
    now = MONDAY_9
    engine.observe(now, present=True)
    total, refused = 0, None
    for _ in range(20):
        try:
            engine.start_break(now)
        except EngineError as err:
            refused = err
            break
        brk = engine.state.brk
        assert brk is not None
        total += sum(brk.seconds)
        engine.finish_break(now)
        now += timedelta(minutes=1)
    assert refused is not None, "the cap never came"
    assert (refused.key, refused.values) == ("daily_time_used", {"minutes": "25"})
    assert 0 < total <= 25 * 60
    tuesday = MONDAY_9 + DAY
    engine.update(tuesday)
    engine.start_break(tuesday)


def test_the_log_is_bounded_and_survives_a_restart(catalogue: Catalogue) -> None:
    """90 days kept; entries, notes (as written) and counters come back after storage."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    for day in range(120):
        engine.log_comfort(MONDAY_9 + day * DAY, day % 11, "{{ states('x') }}")
    assert len(engine.state.comfort) == 90
    restored = CoachState.from_dict(engine.state.to_dict())
    assert restored.comfort == engine.state.comfort
    assert restored.comfort[-1].note == "{{ states('x') }}"
    damaged = engine.state.to_dict()
    damaged["comfort"] = [{"at": "nonsense", "level": 3}, *damaged["comfort"][-2:], 7]
    assert len(CoachState.from_dict(damaged).comfort) == 2


def test_the_first_week(catalogue: Catalogue) -> None:
    """The first 7 days after the first break are the first week (crackling note)."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    assert engine.view(MONDAY_9).first_week
    after_a_break(engine, MONDAY_9)
    assert engine.view(MONDAY_9 + 6 * DAY).first_week
    assert not engine.view(MONDAY_9 + 7 * DAY).first_week


def test_ask_comfort_after_a_completed_break(catalogue: Catalogue) -> None:
    """With ask_comfort, the view asks after a break until a level is logged or an hour."""
    engine = BreakEngine(Settings(ask_comfort=True), catalogue, TZ)
    assert not engine.view(MONDAY_9).ask_comfort
    now = after_a_break(engine, MONDAY_9)
    assert engine.view(now).ask_comfort
    assert not engine.view(now + timedelta(hours=2)).ask_comfort
    engine.log_comfort(now, 8)
    assert not engine.view(now).ask_comfort


def test_the_last_break_ends_with_self_massage(catalogue: Catalogue) -> None:
    """massage_after_last: the day's last exercise break ends with self-massage."""
    engine = BreakEngine(
        Settings(daily_target=2, massage_after_last=True), catalogue, TZ
    )
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9)
    assert engine.state.brk is not None and engine.state.brk.then is None
    engine.finish_break(MONDAY_9 + timedelta(minutes=1))
    engine.start_break(MONDAY_9 + timedelta(minutes=2))
    brk = engine.state.brk
    assert brk is not None and brk.then == "self_massage_neck"
    gymnastics = brk.then_from
    assert 0 < gymnastics < len(brk.step_ids)
    view = engine.view(MONDAY_9 + timedelta(minutes=2))
    massage = catalogue.program("self_massage_neck")
    assert view.remaining_steps[gymnastics:] == [
        massage.step(step_id).name for step_id in brk.step_ids[gymnastics:]
    ]
    for _ in range(gymnastics):
        events = engine.next_exercise(MONDAY_9 + timedelta(minutes=3))
    assert events[-1].data["program"] == "self_massage_neck"
    assert engine.view(MONDAY_9 + timedelta(minutes=3)).exercise.program == (  # type: ignore[union-attr]
        "self_massage_neck"
    )
    stored = CoachState.from_dict(engine.state.to_dict())
    assert stored.brk == engine.state.brk
    assert engine.state.capped_seconds_today == sum(brk.seconds[gymnastics:])


def test_without_the_option_no_massage_is_added(catalogue: Catalogue) -> None:
    """By default the last break is the gymnastics alone."""
    engine = BreakEngine(Settings(daily_target=1), catalogue, TZ)
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9)
    assert engine.state.brk is not None and engine.state.brk.then is None


def test_the_morning_massage_is_suggested(catalogue: Catalogue) -> None:
    """Mornings, before any self-massage: the suggestion; not later, nor after one."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    engine.observe(MONDAY_9, present=True)
    assert engine.view(MONDAY_9).suggest_morning_massage
    assert not engine.view(MONDAY_9 + timedelta(hours=2)).suggest_morning_massage
    engine.start_break(MONDAY_9, "self_massage_neck")
    assert not engine.view(MONDAY_9).suggest_morning_massage
