"""The desk in the engine: stand suggestions, the desk commands' guard, the goal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    CoachState,
    Command,
    EngineError,
    Settings,
)

from .conftest import TZ, local

MONDAY_9 = local(2026, 11, 23, 9, 0).astimezone(UTC)


def at(minutes: float) -> datetime:
    """Return Monday 09:00 plus some minutes."""
    return MONDAY_9 + timedelta(minutes=minutes)


def run(engine: BreakEngine, start: datetime, end: datetime) -> list[tuple[str, dict]]:
    """Wake the engine at each moment it asks for; return the events with data."""
    now, seen = start, []
    while (wake := engine.next_wakeup(now)) is not None and wake <= end:
        now = wake
        seen += [(e.type.value, e.data) for e in engine.update(now)]
    return seen + [(e.type.value, e.data) for e in engine.update(end)]


def desk_engine(catalogue: Catalogue, **settings: int) -> BreakEngine:
    """Return an engine with a desk and stand suggestions after 30 minutes."""
    values = {"desk": True, "stand_minutes": 30, "sit_minutes": 90, **settings}
    return BreakEngine(Settings(**values), catalogue, TZ)


def test_stand_suggested_once_after_continuous_sitting(catalogue: Catalogue) -> None:
    """30 minutes of sitting: one suggestion, not a break; standing restarts it."""
    engine = desk_engine(catalogue)
    engine.observe(at(0), present=True)
    assert run(engine, at(0), at(29)) == []
    assert run(engine, at(29), at(30)) == [("stand_suggested", {"sitting_minutes": 30})]
    view = engine.view(at(30))
    assert view.stand_suggested and view.breaks_today == 0 and not view.break_due
    assert run(engine, at(30), at(59)) == []
    # Standing: the suggestion is over; 10 minutes standing count as standing.
    engine.observe(at(59), standing=True)
    engine.update(at(60))
    assert not engine.view(at(60)).stand_suggested
    engine.observe(at(62), standing=False)
    engine.update(at(70))
    # Standing counts once it held 10 s: 59:10 to 62:10.
    assert engine.view(at(70)).standing_today_minutes == 3
    # Sitting again: a new stretch, a new suggestion 30 minutes after sitting down.
    assert run(engine, at(70), at(92)) == []
    assert [kind for kind, _ in run(engine, at(92), at(92.5))] == ["stand_suggested"]


def test_no_suggestion_while_hushed_or_off(catalogue: Catalogue) -> None:
    """Paused: held back, then told once resumed; stand_minutes 0: never."""
    engine = desk_engine(catalogue)
    engine.observe(at(0), present=True)
    engine.pause(at(1))
    assert run(engine, at(1), at(40)) == []
    assert [e.type.value for e in engine.resume(at(40))] == ["stand_suggested"]
    off = desk_engine(catalogue, stand_minutes=0)
    off.observe(at(0), present=True)
    assert run(off, at(0), at(85)) == []


def test_desk_commands_guard(catalogue: Catalogue) -> None:
    """No desk: no_desk; nobody there: not_present; someone there: allowed, no event."""
    plain = BreakEngine(Settings(), catalogue, TZ)
    plain.observe(at(0), present=True)
    with pytest.raises(EngineError) as err:
        plain.move_desk(at(1), Command.RAISE_DESK)
    assert err.value.key == "no_desk"
    assert Command.RAISE_DESK not in plain.view(at(1)).available_commands

    engine = desk_engine(catalogue)
    with pytest.raises(EngineError) as err:
        engine.move_desk(at(0), Command.LOWER_DESK)
    assert err.value.key == "not_present"
    engine.observe(at(0), present=True)
    before = engine.state.to_dict()
    assert engine.move_desk(at(0), Command.RAISE_DESK) == []
    assert engine.state.to_dict() == before
    assert {Command.RAISE_DESK, Command.LOWER_DESK} <= set(
        engine.view(at(0)).available_commands
    )


def test_suggestion_survives_storage(catalogue: Catalogue) -> None:
    """The stretch and its suggestion are stored; old stored files read as none."""
    engine = desk_engine(catalogue)
    engine.observe(at(0), present=True)
    run(engine, at(0), at(31))
    restored = CoachState.from_dict(engine.state.to_dict())
    assert restored.stand_suggested and restored.stand_from == at(0)
    assert CoachState.from_dict({"streak": 1}).stand_from is None
