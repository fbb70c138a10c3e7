"""Working hours."""

from __future__ import annotations

from datetime import UTC, time

from custom_components.desk_break_coach.engine import WorkSchedule

from .conftest import TZ, local


def test_is_working_inside_hours_on_work_days() -> None:
    """Monday 10:00 works; Monday 18:00 and Saturday do not."""
    schedule = WorkSchedule()
    assert schedule.is_working(local(2026, 11, 23, 10, 0), TZ)
    assert not schedule.is_working(local(2026, 11, 23, 18, 0), TZ)
    assert not schedule.is_working(local(2026, 11, 28, 10, 0), TZ)


def test_next_change_skips_the_weekend() -> None:
    """After Friday's end the next change is Monday's start."""
    schedule = WorkSchedule()
    change = schedule.next_change(local(2026, 11, 27, 18, 30), TZ)
    assert change == local(2026, 11, 30, 9, 0).astimezone(UTC)


def test_next_change_none_without_work_days() -> None:
    """No work day: working time never starts."""
    schedule = WorkSchedule(start=time(9), end=time(17), days=frozenset())
    assert schedule.next_change(local(2026, 11, 23, 8, 0), TZ) is None
