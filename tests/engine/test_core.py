"""The break schedule, driven with explicit times."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.desk_break_coach.engine import (
    REFRESH,
    BreakEngine,
    Catalogue,
    CoachState,
    EngineError,
    EventType,
    Settings,
    Status,
)

from .conftest import TZ, local

MONDAY_9 = local(2026, 11, 23, 9, 0)


def types(events: list) -> list[str]:
    """Event types as strings."""
    return [event.type.value for event in events]


def run_until(
    engine: BreakEngine, end: datetime, start: datetime
) -> tuple[datetime, list[str]]:
    """Wake the engine at each moment it asks for, up to `end`."""
    now, seen = start, []
    while (wake := engine.next_wakeup(now)) is not None and wake <= end:
        now = wake
        seen += types(engine.update(now))
    return end, seen + types(engine.update(end))


def test_due_after_sit_minutes_fires_once(engine: BreakEngine) -> None:
    """45 minutes of sitting make one break_due, saying how long (words: test_speech)."""
    assert engine.observe(MONDAY_9, present=True) == []
    assert engine.view(MONDAY_9).status is Status.SITTING
    assert engine.next_wakeup(MONDAY_9) == MONDAY_9 + REFRESH
    _, seen = run_until(engine, MONDAY_9 + timedelta(minutes=44), MONDAY_9)
    assert seen == []
    events = engine.update(MONDAY_9 + timedelta(minutes=45))
    assert types(events) == ["break_due"]
    assert events[0].data["sitting_minutes"] == 45
    view = engine.view(MONDAY_9 + timedelta(minutes=45))
    assert view.status is Status.BREAK_DUE and view.break_due
    _, seen = run_until(
        engine, MONDAY_9 + timedelta(hours=2), MONDAY_9 + timedelta(minutes=45)
    )
    assert seen == []


def test_short_absence_keeps_block_natural_break_resets(engine: BreakEngine) -> None:
    """Under away_minutes the block continues; from away_minutes on it restarts."""
    engine.observe(MONDAY_9, present=True)
    engine.observe(MONDAY_9 + timedelta(minutes=20), present=False)
    engine.observe(MONDAY_9 + timedelta(minutes=24), present=True)
    view = engine.view(MONDAY_9 + timedelta(minutes=30))
    assert view.sitting_minutes == 30
    assert view.sitting_since == MONDAY_9
    assert view.occupied
    engine.observe(MONDAY_9 + timedelta(minutes=30), present=False)
    assert engine.view(MONDAY_9 + timedelta(minutes=34)).status is Status.SITTING
    assert engine.next_wakeup(MONDAY_9 + timedelta(minutes=30)) == MONDAY_9 + timedelta(
        minutes=35
    )
    engine.update(MONDAY_9 + timedelta(minutes=35))
    view = engine.view(MONDAY_9 + timedelta(minutes=35))
    assert view.status is Status.AWAY and not view.occupied
    assert view.sitting_minutes == 0
    assert view.sitting_today_minutes == 30
    assert view.next_break is None
    back = MONDAY_9 + timedelta(minutes=50)
    engine.observe(back, present=True)
    assert engine.view(back).next_break == back + timedelta(minutes=45)
    assert engine.view(back).breaks_today == 0


def test_natural_break_clears_due_without_counting(engine: BreakEngine) -> None:
    """A long absence while due clears it and does not count as an exercise break."""
    engine.observe(MONDAY_9, present=True)
    engine.update(MONDAY_9 + timedelta(minutes=45))
    engine.observe(MONDAY_9 + timedelta(minutes=46), present=False)
    engine.update(MONDAY_9 + timedelta(minutes=51))
    view = engine.view(MONDAY_9 + timedelta(minutes=51))
    assert not view.break_due and view.breaks_today == 0 and view.status is Status.AWAY


def test_due_waits_for_the_person(engine: BreakEngine) -> None:
    """Away for a moment at due time: the reminder fires on return."""
    engine.observe(MONDAY_9, present=True)
    engine.observe(MONDAY_9 + timedelta(minutes=44), present=False)
    assert engine.update(MONDAY_9 + timedelta(minutes=46)) == []
    assert types(engine.observe(MONDAY_9 + timedelta(minutes=47), present=True)) == [
        "break_due"
    ]


def test_dnd_holds_the_reminder_until_it_ends(engine: BreakEngine) -> None:
    """A meeting delays the due reminder; it fires when the meeting ends."""
    engine.observe(MONDAY_9, present=True)
    engine.observe(MONDAY_9 + timedelta(minutes=30), dnd=True)
    assert engine.update(MONDAY_9 + timedelta(minutes=45)) == []
    assert engine.view(MONDAY_9 + timedelta(minutes=50)).status is Status.SITTING
    events = engine.observe(MONDAY_9 + timedelta(minutes=70), dnd=False)
    assert types(events) == ["break_due"]
    assert events[0].data["sitting_minutes"] == 70


def test_snooze_limit_and_errors(engine: BreakEngine) -> None:
    """Snoozes postpone; past max_snoozes they are refused without change."""
    with pytest.raises(EngineError) as err:
        engine.snooze(MONDAY_9)
    assert err.value.key == "nothing_due"
    engine.observe(MONDAY_9, present=True)
    now = MONDAY_9 + timedelta(minutes=45)
    engine.update(now)
    for left in (2, 1, 0):
        events = engine.snooze(now)
        assert types(events) == ["break_snoozed"]
        assert events[0].data == {
            "minutes": 10,
            "snoozes_left": left,
        }
        assert engine.view(now).status is Status.SNOOZED
        assert engine.view(now).next_break == now + timedelta(minutes=10)
        now += timedelta(minutes=10)
        assert types(engine.update(now)) == ["break_due"]
    before = engine.state.to_dict()
    with pytest.raises(EngineError) as err:
        engine.snooze(now)
    assert err.value.key == "snooze_limit"
    assert err.value.values == {"max_snoozes": "3"}
    assert engine.state.to_dict() == before


def test_snooze_custom_minutes(engine: BreakEngine) -> None:
    """The minutes field overrides snooze_minutes."""
    engine.observe(MONDAY_9, present=True)
    now = MONDAY_9 + timedelta(minutes=45)
    engine.update(now)
    engine.snooze(now, 25)
    assert engine.view(now).next_break == now + timedelta(minutes=25)
    assert engine.update(now + timedelta(minutes=24)) == []
    assert types(engine.update(now + timedelta(minutes=25))) == ["break_due"]


def test_skip_restarts_sitting_timer(engine: BreakEngine) -> None:
    """Skip clears the due break without counting and restarts the block."""
    engine.observe(MONDAY_9, present=True)
    now = MONDAY_9 + timedelta(minutes=45)
    engine.update(now)
    assert types(engine.skip_break(now)) == ["break_skipped"]
    view = engine.view(now)
    assert view.status is Status.SITTING
    assert view.sitting_minutes == 0 and view.breaks_today == 0
    assert view.next_break == now + timedelta(minutes=45)
    with pytest.raises(EngineError):
        engine.skip_break(now)


def test_guided_break_auto_advances_and_completes(engine: BreakEngine) -> None:
    """Steps advance by their seconds; completion counts and restarts the block."""
    engine.observe(MONDAY_9, present=True)
    now = MONDAY_9 + timedelta(minutes=45)
    engine.update(now)
    events = engine.start_break(now)
    assert types(events) == ["break_started", "exercise_started"]
    assert events[1].data["step"] == 1 and events[1].data["steps_total"] == 2
    assert events[1].data["reps"] == 10 and events[1].data["seconds"] == 120
    assert events[1].data["exercise"] == "Chin tucks"
    view = engine.view(now + timedelta(seconds=30))
    assert view.status is Status.ON_BREAK and not view.break_due
    assert view.exercise is not None and view.exercise.seconds_left == 90
    assert view.remaining_steps == ["Chin tucks", "Side tilts"]
    # leaving the desk during a break does not cancel it
    engine.observe(now + timedelta(seconds=40), present=False)
    assert types(engine.update(now + timedelta(seconds=120))) == ["exercise_started"]
    assert types(engine.update(now + timedelta(seconds=240))) == ["break_completed"]
    view = engine.view(now + timedelta(seconds=240))
    assert view.breaks_today == 1 and view.progress == 25
    assert view.exercise is None
    # the next break continues the day's set where this one ended
    engine.observe(now + timedelta(seconds=250), present=True)
    later = now + timedelta(minutes=60)
    engine.start_break(later)
    assert engine.view(later).exercise.name == "Slow head turns"  # type: ignore[union-attr]


def test_next_and_finish(engine: BreakEngine) -> None:
    """next_exercise advances; after the last step it completes; finish counts."""
    with pytest.raises(EngineError) as err:
        engine.next_exercise(MONDAY_9)
    assert err.value.key == "no_break"
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9)
    with pytest.raises(EngineError) as err:
        engine.start_break(MONDAY_9)
    assert err.value.key == "already_on_break"
    assert types(engine.next_exercise(MONDAY_9)) == ["exercise_started"]
    assert types(engine.next_exercise(MONDAY_9)) == ["break_completed"]
    engine.start_break(MONDAY_9 + timedelta(minutes=1))
    events = engine.finish_break(MONDAY_9 + timedelta(minutes=2))
    assert types(events) == ["break_completed"]
    assert events[0].data["breaks_today"] == 2 and events[0].data["daily_target"] == 4


def test_finish_when_due_counts(engine: BreakEngine) -> None:
    """Saying "I'm done" to a due break counts it."""
    engine.observe(MONDAY_9, present=True)
    engine.update(MONDAY_9 + timedelta(minutes=45))
    assert types(engine.finish_break(MONDAY_9 + timedelta(minutes=46))) == [
        "break_completed"
    ]


def test_stop_routine_rests_until_resume(engine: BreakEngine) -> None:
    """Safety stop: no prompts, no due, until resume."""
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9 + timedelta(minutes=10))
    events = engine.stop_routine(MONDAY_9 + timedelta(minutes=11))
    assert types(events) == ["routine_stopped"]
    assert events[0].data == {"reason": "unwell"}
    assert engine.view(MONDAY_9 + timedelta(minutes=11)).breaks_today == 0
    _, seen = run_until(
        engine, MONDAY_9 + timedelta(hours=3), MONDAY_9 + timedelta(minutes=11)
    )
    assert seen == []
    assert engine.view(MONDAY_9 + timedelta(hours=3)).status is Status.RESTING
    with pytest.raises(EngineError) as err:
        engine.start_break(MONDAY_9 + timedelta(hours=3))
    assert err.value.key == "resting"
    assert types(engine.resume(MONDAY_9 + timedelta(hours=3))) == ["break_due"]


def test_pause_for_minutes_resumes_itself(engine: BreakEngine) -> None:
    """A timed pause ends by itself; an open pause needs resume."""
    engine.observe(MONDAY_9, present=True)
    engine.pause(MONDAY_9, 60)
    assert engine.view(MONDAY_9).status is Status.PAUSED
    assert engine.view(MONDAY_9).next_break is None
    assert engine.next_wakeup(MONDAY_9) == MONDAY_9 + timedelta(minutes=60)
    assert types(engine.update(MONDAY_9 + timedelta(minutes=60))) == ["break_due"]
    engine.pause(MONDAY_9 + timedelta(minutes=61))
    _, seen = run_until(
        engine, MONDAY_9 + timedelta(hours=4), MONDAY_9 + timedelta(minutes=61)
    )
    assert seen == []
    engine.resume(MONDAY_9 + timedelta(hours=4))
    with pytest.raises(EngineError) as err:
        engine.resume(MONDAY_9 + timedelta(hours=4))
    assert err.value.key == "not_paused"


def test_reminders_switch_pauses(engine: BreakEngine) -> None:
    """Reminders off (an open pause) = paused; on again (resume) = normal."""
    engine.observe(MONDAY_9, present=True)
    assert engine.view(MONDAY_9).reminders
    engine.pause(MONDAY_9)
    assert engine.update(MONDAY_9 + timedelta(minutes=50)) == []
    view = engine.view(MONDAY_9 + timedelta(minutes=50))
    assert view.status is Status.PAUSED and not view.reminders
    assert types(engine.resume(MONDAY_9 + timedelta(minutes=51))) == ["break_due"]
    assert engine.view(MONDAY_9 + timedelta(minutes=51)).reminders


def test_timed_pause_turns_reminders_off_until_it_ends(engine: BreakEngine) -> None:
    """A pause for minutes: reminders off, a second pause refused, on again after."""
    engine.observe(MONDAY_9, present=True)
    engine.pause(MONDAY_9, 30)
    assert not engine.view(MONDAY_9).reminders
    before = engine.state.to_dict()
    with pytest.raises(EngineError) as err:
        engine.pause(MONDAY_9 + timedelta(minutes=1))
    assert err.value.key == "already_paused"
    assert engine.state.to_dict() == {
        **before,
        "cursor": engine.state.to_dict()["cursor"],
    }
    engine.update(MONDAY_9 + timedelta(minutes=30))
    assert engine.view(MONDAY_9 + timedelta(minutes=30)).reminders


def test_stored_switch_off_reads_as_a_pause() -> None:
    """Progress stored with the reminders switch off comes back paused."""
    state = CoachState.from_dict({"reminders": False, "streak": 2})
    assert state.paused and state.streak == 2


def test_off_hours_counts_sitting_but_never_due(engine: BreakEngine) -> None:
    """Evening: status off_hours, sitting still counted, nothing due, no refresh wake-ups."""
    evening = local(2026, 11, 23, 19, 0)
    engine.observe(evening, present=True)
    assert engine.view(evening).status is Status.OFF_HOURS
    assert engine.next_wakeup(evening) == local(2026, 11, 24, 0, 0)
    assert engine.update(evening + timedelta(hours=2)) == []
    assert engine.view(evening + timedelta(hours=2)).sitting_today_minutes == 120


def test_work_start_while_sitting_makes_due(engine: BreakEngine) -> None:
    """Sitting since before work: the break is due when work starts."""
    early = local(2026, 11, 23, 8, 0)
    engine.observe(early, present=True)
    assert engine.next_wakeup(early) == MONDAY_9
    assert types(engine.update(MONDAY_9)) == ["break_due"]


def test_schedule_entity_mode(catalogue: Catalogue) -> None:
    """Without fixed hours, working time comes from observe(working=...)."""
    engine = BreakEngine(Settings(schedule=None), catalogue, TZ)
    sunday = local(2026, 11, 22, 10, 0)
    engine.observe(sunday, working=False)
    engine.observe(sunday, present=True)
    assert engine.view(sunday).status is Status.OFF_HOURS
    assert engine.update(sunday + timedelta(hours=1)) == []
    assert types(engine.observe(sunday + timedelta(hours=1), working=True)) == [
        "break_due"
    ]


def test_midnight_rollover_and_streak(engine: BreakEngine) -> None:
    """Counters restart at midnight; the streak counts days that met the target."""
    day = MONDAY_9
    for _ in range(3):
        engine.observe(day, present=True)
        for n in range(4):
            engine.start_break(day + timedelta(hours=n))
            engine.finish_break(day + timedelta(hours=n, minutes=1))
        assert engine.view(day + timedelta(hours=4)).progress == 100
        engine.observe(day + timedelta(hours=8), present=False)
        day += timedelta(days=1)
    engine.update(day)
    view = engine.view(day)
    assert (
        view.streak == 3 and view.breaks_today == 0 and view.sitting_today_minutes == 0
    )
    # a missed work day resets the streak
    engine.update(day + timedelta(days=1))
    assert engine.view(day + timedelta(days=1)).streak == 0


def test_weekend_does_not_break_streak(engine: BreakEngine) -> None:
    """Days off by the schedule keep the streak; downtime across them too."""
    friday = local(2026, 11, 27, 9, 0)
    engine.observe(friday, present=True)
    for n in range(4):
        engine.start_break(friday + timedelta(hours=n))
        engine.finish_break(friday + timedelta(hours=n, minutes=1))
    engine.observe(friday + timedelta(hours=8), present=False)
    monday = local(2026, 11, 30, 9, 0)
    engine.update(monday)
    assert engine.view(monday).streak == 1


def test_sitting_across_midnight_splits_today(engine: BreakEngine) -> None:
    """A block across midnight counts only today's part in sitting_today."""
    late = local(2026, 11, 23, 23, 0)
    engine.observe(late, present=True)
    after = local(2026, 11, 24, 0, 30)
    engine.update(after)
    view = engine.view(after)
    assert view.sitting_today_minutes == 30
    assert view.sitting_minutes == 90


@pytest.mark.parametrize(
    ("start", "due_wall_clock"),
    [
        # Autumn: 03:00 CEST becomes 02:00 CET; due at the second 02:15.
        (local(2026, 10, 25, 2, 30), (2, 15, 1)),
        # Spring: 02:00 CET becomes 03:00 CEST; due at 03:15, not 02:15.
        (local(2026, 3, 29, 1, 30), (3, 15, 0)),
    ],
)
def test_dst_change_keeps_elapsed_time(
    catalogue: Catalogue, start: datetime, due_wall_clock: tuple[int, int, int]
) -> None:
    """Across a clock change a 45-minute block is 45 real minutes, not wall-clock ones."""
    engine = BreakEngine(Settings(schedule=None), catalogue, TZ)
    # In UTC: arithmetic on Berlin times would be wall-clock arithmetic.
    start = start.astimezone(UTC)
    engine.observe(start, present=True)
    due = start + timedelta(minutes=45)
    assert engine.view(start).next_break == due
    _, seen = run_until(engine, due - timedelta(minutes=1), start)
    assert seen == []
    assert types(engine.update(due)) == ["break_due"]
    wall = due.astimezone(TZ)
    assert (wall.hour, wall.minute, wall.fold) == due_wall_clock
    later = start + timedelta(hours=1)
    engine.update(later)
    view = engine.view(later)
    assert view.sitting_minutes == 60
    assert view.sitting_today_minutes == 60


def test_restart_mid_break_keeps_step_and_seconds(
    engine: BreakEngine, catalogue: Catalogue
) -> None:
    """Storage round trip: same step, same seconds left, same counters."""
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9)
    engine.next_exercise(MONDAY_9 + timedelta(seconds=30))
    stored = engine.state.to_dict()
    restored = BreakEngine(Settings(), catalogue, TZ, CoachState.from_dict(stored))
    now = MONDAY_9 + timedelta(seconds=75)
    assert restored.update(now) == []
    assert restored.view(now) == engine.view(now)
    assert restored.view(now).exercise.seconds_left == 75  # type: ignore[union-attr]


def test_restart_after_downtime_catches_up(
    engine: BreakEngine, catalogue: Catalogue
) -> None:
    """Down across the break's end and midnight: the break completes, the day rolls.

    The last known presence holds through the downtime, so the next break fell due too;
    the next morning, before working hours, it is no longer due.
    """
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9)
    restored = BreakEngine(
        Settings(), catalogue, TZ, CoachState.from_dict(engine.state.to_dict())
    )
    events = restored.update(local(2026, 11, 24, 8, 0))
    assert types(events) == ["exercise_started", "break_completed", "break_due"]
    view = restored.view(local(2026, 11, 24, 8, 0))
    assert view.breaks_today == 0 and view.streak == 0
    assert view.status is Status.OFF_HOURS and not view.break_due


def test_corrupt_state_keeps_what_can_be_read() -> None:
    """Unreadable fields fall back to defaults; the rest survives."""
    state = CoachState.from_dict(
        {
            "streak": 7,
            "breaks_today": "x",
            "block_start": "nonsense",
            "brk": {"program": 1},
        }
    )
    assert state.streak == 7 and state.breaks_today == 0
    assert state.block_start is None and state.brk is None


def test_settings_change_keeps_progress(engine: BreakEngine) -> None:
    """New options keep counters; a lower target met now counts for the streak."""
    engine.observe(MONDAY_9, present=True)
    engine.start_break(MONDAY_9)
    engine.finish_break(MONDAY_9 + timedelta(minutes=2))
    engine.apply_settings(
        MONDAY_9 + timedelta(minutes=3), replace(engine.settings, daily_target=1)
    )
    view = engine.view(MONDAY_9 + timedelta(minutes=3))
    assert view.breaks_today == 1 and view.progress == 100 and view.streak == 1


def test_every_event_type_fires_with_its_values(engine: BreakEngine) -> None:
    """One morning fires each of the first seven event types, with the values it names."""
    now = MONDAY_9
    events = engine.observe(now, present=True)
    now += timedelta(minutes=45)
    events += engine.update(now)  # break_due
    events += engine.snooze(now, 5)  # break_snoozed
    now += timedelta(minutes=5)
    events += engine.update(now)  # break_due again
    events += engine.skip_break(now)  # break_skipped
    now += timedelta(minutes=45)
    events += engine.update(now)
    events += engine.start_break(now)  # break_started, exercise_started
    events += engine.next_exercise(now + timedelta(seconds=30))
    events += engine.finish_break(now + timedelta(seconds=60))  # break_completed
    events += engine.stop_routine(now + timedelta(seconds=61), "other")
    assert types(events) == [
        "break_due",
        "break_snoozed",
        "break_due",
        "break_skipped",
        "break_due",
        "break_started",
        "exercise_started",
        "exercise_started",
        "break_completed",
        "routine_stopped",
    ]
    assert {event.type for event in events} == set(EventType) - {
        EventType.BREAK_SOON,  # these four: tests/engine/test_kinds.py
        EventType.MICRO_BREAK_STARTED,
        EventType.MICRO_BREAK_COMPLETED,
        EventType.DAILY_LIMIT_REACHED,
        EventType.COMFORT_LOGGED,  # tests/engine/test_comfort.py
    }
    by_type = {event.type: event.data for event in events}
    assert by_type[EventType.BREAK_DUE] == {
        "sitting_minutes": 45,
        "program": "neck_sitting",
        "snoozes_left": 3,
    }
    assert by_type[EventType.BREAK_SNOOZED] == {"minutes": 5, "snoozes_left": 2}
    assert by_type[EventType.BREAK_SKIPPED] == {}
    assert by_type[EventType.BREAK_STARTED] == {
        "program": "neck_sitting",
        "steps_total": 2,
        "sitting_minutes": 45,
    }
    assert by_type[EventType.EXERCISE_STARTED] == {
        "program": "neck_sitting",
        "step": 2,
        "steps_total": 2,
        "exercise": "Side tilts",
        "exercise_id": "side_tilt",
        "reps": 10,
        "seconds": 120,
    }
    assert by_type[EventType.BREAK_COMPLETED] == {
        "program": "neck_sitting",
        "breaks_today": 1,
        "daily_target": 4,
    }
    assert by_type[EventType.ROUTINE_STOPPED] == {"reason": "other"}
