"""The long view: day records, adherence, the outcome of the comfort log, the report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    CoachState,
    EventType,
    Settings,
)
from custom_components.desk_break_coach.engine.history import KEEP_DAYS

from .conftest import TZ, load_catalogue, local

CATALOGUE: Catalogue = load_catalogue()
#: A Monday.
FIRST = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Return a local time on `day`."""
    return local(day.year, day.month, day.day, hour, minute)


def live_day(engine: BreakEngine, day: date, *, breaks: int, level: int | None) -> list:
    """At the desk 9-17 with `breaks` breaks done and one comfort level logged."""
    events = engine.observe(at(day, 9), present=True)
    for index in range(breaks):
        moment = at(day, 10 + index)
        events += engine.start_break(moment)
        events += engine.finish_break(moment + timedelta(minutes=1))
    if level is not None:
        events += engine.log_comfort(at(day, 16), level)
    events += engine.observe(at(day, 17), present=False)
    return events


def test_eight_weeks_of_comfort_logs_give_the_outcome() -> None:
    """Comfort 4 for two weeks, rising to 7: baseline, recent, a meaningful change."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    for offset in range(56):
        day = FIRST + timedelta(days=offset)
        level = 4 if offset < 14 else 7 if offset >= 42 else 5 + offset % 2
        live_day(engine, day, breaks=3, level=level)
        outcome = engine.view(at(day, 18)).outcome
        assert outcome.days_logged == offset + 1
        assert (outcome.baseline is None) == (offset + 1 < 14)
        assert (outcome.recent is None) == (offset + 1 < 28)
    assert outcome.baseline == 4.0
    assert outcome.recent == 7.0
    assert outcome.change == 3.0 and outcome.meaningful
    # Work days only (weekdays), each at 3 of 4: 75 %.
    assert outcome.adherence_28d == 75 and outcome.adherence_days == 28


def test_a_small_change_is_not_meaningful() -> None:
    """Below 1.5 points either way, the change is said but not meaningful."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    for offset in range(28):
        live_day(
            engine, FIRST + timedelta(days=offset), breaks=0, level=5 + (offset >= 14)
        )
    outcome = engine.view(at(FIRST + timedelta(days=27), 18)).outcome
    assert outcome.change == 1.0 and not outcome.meaningful


def test_adherence_caps_each_day_and_skips_days_away() -> None:
    """A 6-of-4 day counts 100 %; a working day nobody came does not count."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    live_day(engine, FIRST, breaks=6, level=None)  # Monday: 100 %
    live_day(engine, FIRST + timedelta(days=1), breaks=1, level=None)  # 25 %
    # Wednesday: away all day. Thursday: 2 of 4.
    live_day(engine, FIRST + timedelta(days=3), breaks=2, level=None)
    thursday = engine.view(at(FIRST + timedelta(days=3), 18)).outcome
    assert thursday.adherence_28d == round(100 * (1 + 0.25) / 2)  # before today
    engine.update(at(FIRST + timedelta(days=4), 8))
    outcome = engine.view(at(FIRST + timedelta(days=4), 8)).outcome
    assert outcome.adherence_28d == round(100 * (1 + 0.25 + 0.5) / 3)
    assert outcome.adherence_days == 3


def test_history_stays_bounded() -> None:
    """200 days: the stored form keeps the last days and the first 14 logs only."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    sizes = []
    for offset in range(200):
        live_day(engine, FIRST + timedelta(days=offset), breaks=1, level=6)
        sizes.append(len(str(engine.state.to_dict())))
    assert len(engine.state.history) == KEEP_DAYS
    assert len(engine.state.baseline) == 14
    assert max(sizes[100:]) - min(sizes[100:]) < 200
    assert engine.state.days_logged == 199  # today's is not closed yet


def test_stored_history_survives_and_old_files_load() -> None:
    """The long view round-trips; a file from before it reads with empty history."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    for offset in range(3):
        live_day(engine, FIRST + timedelta(days=offset), breaks=2, level=5)
    stored = engine.state.to_dict()
    assert CoachState.from_dict(stored) == engine.state
    old = {key: value for key, value in stored.items() if key not in _NEW}
    restored = CoachState.from_dict(old)
    assert restored.history == [] and restored.baseline == []
    assert restored.breaks_today == engine.state.breaks_today
    damaged = {**stored, "history": [{"day": "nonsense"}, stored["history"][0], 7]}
    assert CoachState.from_dict(damaged).history == engine.state.history[:1]


_NEW = {
    "pace_mark",
    "last_due_at",
    "reminded",
    "remind_at",
    "skips_today",
    "history",
    "baseline",
    "days_logged",
    "reported_week",
}


def test_weekly_report_on_monday_at_the_start_of_working_hours() -> None:
    """Last week's breaks against its target, with adherence and comfort change."""
    engine = BreakEngine(Settings(weekly_report=True), CATALOGUE, TZ)
    reports = []
    for offset in range(14):
        day = FIRST + timedelta(days=offset)
        if day.weekday() < 5:
            events = live_day(engine, day, breaks=2 + offset % 2, level=6)
        else:
            events = engine.update(at(day, 12))
        reports += [e for e in events if e.type is EventType.WEEKLY_REPORT]
    # The first Monday had nothing to report; the second is reported at 09:00.
    assert len(reports) == 1
    assert reports[0].data == {
        "breaks": 2 + 3 + 2 + 3 + 2,
        "target": 20,
        "adherence_28d": 60,
        "comfort_change": None,
    }
    # Asleep at 09:00: the clock's deadline is exactly the start of working hours.
    engine = BreakEngine(Settings(weekly_report=True), CATALOGUE, TZ)
    live_day(engine, FIRST, breaks=1, level=None)
    monday = FIRST + timedelta(days=7)
    assert engine.next_wakeup(at(monday, 8)) == at(monday, 9)
    kinds = [e.type for e in engine.update(at(monday, 9))]
    assert kinds == [EventType.WEEKLY_REPORT]


def test_no_weekly_report_when_off() -> None:
    """Off by default: nothing on Monday."""
    engine = BreakEngine(Settings(), CATALOGUE, TZ)
    live_day(engine, FIRST, breaks=1, level=None)
    events = engine.update(at(FIRST + timedelta(days=7), 10))
    assert EventType.WEEKLY_REPORT not in [e.type for e in events]
