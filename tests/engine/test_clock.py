"""The clock's contract: a deadline fires at its moment, even the moment that made it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
import pytest

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    Settings,
    Status,
    sitting,
)
from custom_components.desk_break_coach.engine.clock import timed

from .conftest import TZ, local
from .test_properties import options, play, steps

MONDAY_9 = local(2026, 11, 23, 9, 0).astimezone(UTC)


def at(minutes: float) -> datetime:
    """Return Monday 09:00 plus some minutes."""
    return MONDAY_9 + timedelta(minutes=minutes)


def overdue(engine: BreakEngine) -> list[datetime]:
    """Return the timed deadlines at or before the cursor (the contract: none)."""
    cursor = engine.state.cursor
    assert cursor is not None
    return [moment for moment in timed(engine.ctx) if moment <= cursor]


@pytest.fixture(name="no_settling")
def no_settling_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count a standing change the moment it is seen."""
    monkeypatch.setattr(sitting, "SETTLE", timedelta(0))


@pytest.mark.usefixtures("no_settling")
def test_a_zero_settle_time_counts_a_standing_change_at_once(
    catalogue: Catalogue,
) -> None:
    """Standing up with no settle time: standing in the same pass, nothing left behind."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    engine.observe(MONDAY_9, present=True)
    engine.observe(at(10), standing=True)
    assert engine.view(at(10)).status is Status.STANDING
    assert overdue(engine) == []
    wake = engine.next_wakeup(at(10))
    assert wake is not None and wake > at(10)
    engine.observe(at(12), standing=False)
    view = engine.view(at(12))
    assert view.status is Status.SITTING
    assert view.standing_today_minutes == 2
    assert view.next_break == at(47)


@pytest.mark.usefixtures("no_settling")
def test_a_zero_settle_time_is_not_dropped_until_another_deadline(
    catalogue: Catalogue,
) -> None:
    """Without the same-pass firing, standing would wait for the next deadline."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    engine.observe(MONDAY_9, present=True)
    engine.observe(at(10), standing=True)
    # Five minutes of standing later the block has ended: a natural break.
    engine.update(at(16))
    view = engine.view(at(16))
    assert view.status is Status.STANDING
    assert view.sitting_since is None
    assert view.standing_today_minutes == 6


def test_fire_leaves_no_deadline_at_or_before_its_moment(
    catalogue: Catalogue,
) -> None:
    """A standing change settles at 09:10:10 while the timer wakes exactly then."""
    engine = BreakEngine(Settings(), catalogue, TZ)
    engine.observe(MONDAY_9, present=True)
    engine.observe(at(10), standing=True)
    settles = engine.next_wakeup(at(10))
    assert settles == at(10) + sitting.SETTLE
    engine.update(settles)
    assert engine.view(settles).status is Status.STANDING
    assert overdue(engine) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=options, script=steps)
def test_no_pass_leaves_a_deadline_behind(
    options: Settings, script: list[tuple[int, str]]
) -> None:
    """After every pass of a random day, with and without a settle time."""
    for settle in (sitting.SETTLE, timedelta(0)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sitting, "SETTLE", settle)
            play(options, script, restarts=False, after_each=overdue_is_empty)


def overdue_is_empty(engine: BreakEngine) -> None:
    """Check the contract after one pass."""
    assert overdue(engine) == []
