"""Steps with their own repetitions and time (a person's own routine), engine only."""

from __future__ import annotations

from dataclasses import replace

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Catalogue,
    Program,
    Settings,
    Step,
)

from .conftest import TZ, local

OWN = Program(
    id="custom_mine",
    name="Mine",
    reps_min=1,
    reps_max=50,
    max_seconds=600,
    steps=(
        Step(id="1", name="A", instructions="a", cue="a", seconds=30, reps=3),
        Step(id="2", name="B", instructions="b", cue="b", seconds=600, reps=50),
        Step(id="3", name="C", instructions="c", cue="c", seconds=10, reps=1),
    ),
)


def test_own_reps_and_seconds_win_over_the_options(catalogue: Catalogue) -> None:
    """Each step keeps its own reps and seconds, whatever `reps` and time say."""
    mine = Catalogue(catalogue.language, {**catalogue.programs, OWN.id: OWN})
    engine = BreakEngine(Settings(daily_target=1, reps=20), mine, TZ)
    now = local(2026, 11, 23, 10, 0)
    engine.observe(now, present=True)

    engine.start_break(now, OWN.id)

    brk = engine.state.brk
    assert brk is not None
    assert (brk.reps, brk.seconds) == ([3, 50, 1], [30, 600, 10])
    view = engine.view(now)
    assert view.exercise is not None
    assert (view.exercise.name, view.exercise.reps, view.exercise.seconds) == (
        "A",
        3,
        30,
    )


def test_steps_without_own_reps_follow_the_program(catalogue: Catalogue) -> None:
    """A shipped program's steps (reps None) map the option as before."""
    engine = BreakEngine(Settings(reps=20), catalogue, TZ)
    now = local(2026, 11, 23, 10, 0)
    engine.start_break(now, "neck_lying")
    brk = engine.state.brk
    assert brk is not None
    assert set(brk.reps) == {catalogue.program("neck_lying").reps(20)}


def test_swapping_the_catalogue_keeps_the_state(catalogue: Catalogue) -> None:
    """The shell swaps in a catalogue with new routines; progress stays."""
    engine = BreakEngine(Settings(daily_target=1), catalogue, TZ)
    now = local(2026, 11, 23, 10, 0)
    engine.start_break(now, "neck_sitting")
    engine.finish_break(now)
    engine.catalogue = replace(catalogue, programs={**catalogue.programs, OWN.id: OWN})
    assert engine.state.breaks_today == 1
    engine.start_break(now, OWN.id)
    assert engine.view(now).remaining_steps == ["A", "B", "C"]
