"""The second wave's kinds of break: micro-breaks, the heads-up, the daily limit, standing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    Settings,
    Status,
)

from .conftest import TZ, local

MONDAY_9 = local(2026, 11, 23, 9, 0).astimezone(UTC)


def at(minutes: float) -> datetime:
    """Return Monday 09:00 plus some minutes."""
    return MONDAY_9 + timedelta(minutes=minutes)


def kinds(events: list) -> list[str]:
    """Return the event types as strings."""
    return [event.type.value for event in events]


def run(engine: BreakEngine, start: datetime, end: datetime) -> list[str]:
    """Wake the engine at each moment it asks for, from `start` up to `end`."""
    now, seen = start, []
    while (wake := engine.next_wakeup(now)) is not None and wake <= end:
        now = wake
        seen += kinds(engine.update(now))
    return seen + kinds(engine.update(end))


def seated(catalogue: Catalogue, **options: int) -> BreakEngine:
    """Return an engine with these options, the person sitting down at 09:00."""
    engine = BreakEngine(Settings(**options), catalogue, TZ)
    engine.observe(MONDAY_9, present=True)
    return engine


def test_micro_break_runs_by_itself_without_restarting_the_block(
    catalogue: Catalogue,
) -> None:
    """20 minutes in: a 20-second micro-break, counted; the sitting block goes on."""
    engine = seated(catalogue, micro_break_minutes=20)
    assert run(engine, MONDAY_9, at(19.9)) == []
    events = engine.update(at(20))
    assert kinds(events) == ["micro_break_started"]
    assert events[0].data == {"seconds": 20}
    view = engine.view(at(20))
    assert view.status is Status.MICRO_BREAK
    assert view.micro_break_ends_at == at(20) + timedelta(seconds=20)
    events = engine.update(at(20) + timedelta(seconds=20))
    assert kinds(events) == ["micro_break_completed"]
    assert events[0].data == {"micro_breaks_today": 1}
    view = engine.view(at(21))
    assert view.status is Status.SITTING
    assert view.micro_breaks_today == 1
    assert view.sitting_minutes == 21 and view.sitting_since == MONDAY_9
    # The next would fall at 09:40:20, within 5 minutes of the break at 09:45: none.
    assert run(engine, at(21), at(45)) == ["break_due"]


def test_no_micro_break_during_dnd_then_after_it(catalogue: Catalogue) -> None:
    """A meeting holds the micro-break; it comes when the meeting ends."""
    engine = seated(catalogue, micro_break_minutes=20)
    engine.observe(at(19), dnd=True)
    assert run(engine, at(19), at(25)) == []
    assert kinds(engine.observe(at(25), dnd=False)) == ["micro_break_started"]


def test_no_micro_break_when_paused_resting_or_off_hours(catalogue: Catalogue) -> None:
    """Pause, rest and the evening hold micro-breaks as they hold reminders."""
    engine = seated(catalogue, micro_break_minutes=20)
    engine.pause(at(1))
    assert run(engine, at(1), at(30)) == []
    resting = seated(catalogue, micro_break_minutes=20)
    resting.stop_routine(at(1))
    assert run(resting, at(1), at(60)) == []
    evening = BreakEngine(Settings(micro_break_minutes=20), catalogue, TZ)
    start = local(2026, 11, 23, 18, 30).astimezone(UTC)
    evening.observe(start, present=True)
    assert run(evening, start, start + timedelta(hours=1)) == []


def test_an_absence_as_long_counts_as_a_micro_break(catalogue: Catalogue) -> None:
    """Leaving the desk for 30 seconds is a micro-break: counted, and the count restarts."""
    engine = seated(catalogue, micro_break_minutes=20)
    engine.observe(at(10), present=False)
    engine.observe(at(10.5), present=True)
    assert engine.view(at(10.5)).micro_breaks_today == 1
    assert run(engine, at(10.5), at(30.4)) == []
    assert kinds(engine.update(at(30.5))) == ["micro_break_started"]
    # Ten seconds away is too short to count.
    engine.observe(at(31), present=False)
    engine.observe(at(31) + timedelta(seconds=10), present=True)
    assert engine.view(at(32)).micro_breaks_today == 2  # the one at 30.5 completed


def test_heads_up_once_per_due_break(catalogue: Catalogue) -> None:
    """Two minutes before the break: break_soon, once; not again after a snooze."""
    engine = seated(catalogue, warn_minutes=2)
    assert run(engine, MONDAY_9, at(42.9)) == []
    events = engine.update(at(43))
    assert kinds(events) == ["break_soon"] and events[0].data == {"minutes": 2}
    assert run(engine, at(43), at(45)) == ["break_due"]
    engine.snooze(at(45))
    assert run(engine, at(45), at(55)) == ["break_due"]
    engine.start_break(at(55))
    engine.finish_break(at(56))
    # The next block gets its own heads-up, 43 minutes after the break.
    assert run(engine, at(56), at(56 + 45)) == ["break_soon", "break_due"]


def test_daily_limit_once_a_day(catalogue: Catalogue) -> None:
    """An hour at the desk: daily_limit_reached once; the next day starts afresh."""
    engine = seated(catalogue, daily_limit_minutes=60, sit_minutes=180)
    assert run(engine, MONDAY_9, at(59.9)) == []
    assert not engine.view(at(59.9)).over_daily_limit
    events = engine.update(at(60))
    assert kinds(events) == ["daily_limit_reached"] and events[0].data == {
        "minutes": 60
    }
    assert engine.view(at(60)).over_daily_limit
    assert run(engine, at(60), at(150)) == []
    tuesday = at(24 * 60)
    engine.observe(at(150), present=False)
    engine.update(tuesday)
    assert not engine.view(tuesday).over_daily_limit
    engine.observe(tuesday, present=True)
    assert run(engine, tuesday, tuesday + timedelta(minutes=60)) == [
        "daily_limit_reached"
    ]


def test_standing_is_not_sitting(catalogue: Catalogue) -> None:
    """Standing 3 minutes: status standing, sitting time stops, the break moves on.

    A change of the standing entity counts once it held for SETTLE (10 s).
    """
    engine = seated(catalogue)
    engine.observe(at(9) + timedelta(seconds=50), standing=True)
    assert engine.view(at(9.9)).status is Status.SITTING
    engine.update(at(12))
    view = engine.view(at(12))
    assert view.status is Status.STANDING and view.standing
    assert view.sitting_minutes == 10
    engine.observe(at(12) + timedelta(seconds=50), standing=False)
    engine.update(at(13))
    view = engine.view(at(13))
    assert view.status is Status.SITTING
    assert view.sitting_minutes == 10
    assert view.standing_today_minutes == 3
    assert view.sitting_today_minutes == 10
    assert view.next_break == at(48)
    assert run(engine, at(13), at(48)) == ["break_due"]


def test_standing_long_enough_is_a_natural_break(catalogue: Catalogue) -> None:
    """Standing away_minutes (5) ends the block; sitting again starts a new one."""
    engine = seated(catalogue)
    engine.observe(at(30) - timedelta(seconds=10), standing=True)
    assert run(engine, at(30), at(40)) == []
    engine.observe(at(40), standing=False)
    sat = at(40) + timedelta(seconds=10)
    engine.update(sat)
    view = engine.view(sat)
    assert view.sitting_since == sat and view.sitting_minutes == 0
    assert view.standing_today_minutes == 10
    assert run(engine, sat, sat + timedelta(minutes=45)) == ["break_due"]


def test_standing_while_away_is_nothing(catalogue: Catalogue) -> None:
    """A desk left raised says nothing while nobody is there."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    engine.observe(MONDAY_9, present=False, standing=True)
    engine.update(at(0.5))
    assert engine.view(at(0.5)).status is Status.AWAY
    engine.observe(at(1), present=True)
    assert engine.view(at(1)).status is Status.STANDING
    engine.observe(at(2), standing=False)
    engine.update(at(2) + timedelta(seconds=10))
    assert engine.view(at(3)).sitting_since == at(2) + timedelta(seconds=10)


def test_a_flapping_standing_sensor_never_counts(catalogue: Catalogue) -> None:
    """Up and down every second: never settles, so nothing changes at all."""
    engine = seated(catalogue)
    before = engine.view(at(10))
    for second in range(600):
        engine.observe(at(10) + timedelta(seconds=second), standing=second % 2 == 0)
    engine.observe(at(20), standing=False)
    after = engine.view(at(20))
    assert after.sitting_since == before.sitting_since == MONDAY_9
    assert after.standing_today_minutes == 0 and after.status is Status.SITTING
