"""The state's fingerprint: equal exactly when the stored form (cursor apart) is."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
import pytest

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    BreakState,
    CoachState,
)
from custom_components.desk_break_coach.engine.state import ComfortEntry

from .conftest import local
from .test_properties import options, play, steps

MONDAY_9 = local(2026, 11, 23, 9, 0).astimezone(UTC)


def stored(state: CoachState) -> dict[str, Any]:
    """Return the stored form without the cursor."""
    return {k: v for k, v in state.to_dict().items() if k != "cursor"}


def full_state() -> CoachState:
    """Return a state with a value in every field and a break in progress."""
    return CoachState(
        day=date(2026, 11, 23),
        block_start=MONDAY_9,
        cursor=MONDAY_9,
        brk=BreakState(
            program="neck_sitting",
            step_ids=["a", "b"],
            reps=[10, 10],
            seconds=[60, 60],
            step_ends_at=MONDAY_9 + timedelta(minutes=1),
        ),
        comfort=[ComfortEntry(at=MONDAY_9, level=7, note="ok")],
        stop_days=[date(2026, 11, 20)],
        worse_days=[date(2026, 11, 21)],
        declined=["neck_prevention"],
    )


def other(value: Any) -> Any:
    """Return a different value of the same kind."""
    match value:
        case bool():
            return not value
        case int() | float():
            return value + 1
        case datetime():
            return value + timedelta(seconds=1)
        case date():
            return value + timedelta(days=1)
        case str():
            return value + "x"
        case None:
            return MONDAY_9
        case list():
            return [*value, value[0]]
        case BreakState():
            return BreakState(
                program=value.program,
                step_ids=value.step_ids,
                reps=value.reps,
                seconds=value.seconds,
                step_ends_at=value.step_ends_at,
                position=1,
            )
    raise AssertionError(f"no other value for {value!r}")


@pytest.mark.parametrize(
    "name", [item.name for item in fields(CoachState) if item.name != "cursor"]
)
def test_every_stored_field_changes_the_fingerprint(name: str) -> None:
    """A new value in any field but the cursor: another fingerprint."""
    state = full_state()
    before = state.fingerprint()
    setattr(state, name, other(getattr(state, name)))
    assert stored(state) != stored(full_state())
    assert state.fingerprint() != before


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a comfort entry", lambda s: s.comfort.append(s.comfort[0])),
        ("a stop day", lambda s: s.stop_days.append(date(2026, 11, 23))),
        ("a worse day", lambda s: s.worse_days.append(date(2026, 11, 23))),
        ("a declined program", lambda s: s.declined.append("neck_lying")),
        ("the next step", lambda s: setattr(s.brk, "position", 1)),
        ("a step's end", lambda s: setattr(s.brk, "step_ends_at", MONDAY_9)),
        ("a step's reps", lambda s: s.brk.reps.__setitem__(0, 12)),
    ],
)
def test_changes_in_place_change_the_fingerprint(what: str, change: Any) -> None:
    """Lists and the break in progress are copied, not referenced."""
    state = full_state()
    before = state.fingerprint()
    change(state)
    assert state.fingerprint() != before, what


def test_the_cursor_alone_keeps_the_fingerprint() -> None:
    """A timer tick moves only the cursor: nothing to save."""
    state = full_state()
    before = state.fingerprint()
    state.cursor = MONDAY_9 + timedelta(hours=1)
    assert state.fingerprint() == before


def test_a_comfort_entry_cannot_change_in_place() -> None:
    """The log is compared entry by entry by identity: its entries are frozen."""
    entry = full_state().comfort[0]
    with pytest.raises(AttributeError):
        entry.level = 3  # type: ignore[misc]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=options, script=steps)
def test_the_fingerprint_follows_the_stored_form(
    options: Any, script: list[tuple[int, str]]
) -> None:
    """Over random days, pass after pass: same fingerprint exactly when same stored form."""
    last: list[tuple[Any, dict[str, Any]]] = []

    def compare(engine: BreakEngine) -> None:
        now = (engine.state.fingerprint(), stored(engine.state))
        if last:
            assert (now[0] == last[0][0]) == (now[1] == last[0][1])
        last[:] = [now]

    play(options, script, restarts=True, after_each=compare)
