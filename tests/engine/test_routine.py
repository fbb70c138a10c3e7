"""The catalogue and the day's split."""

from __future__ import annotations

from hypothesis import given, strategies as st
import pytest

from custom_components.desk_break_coach.engine import Catalogue, Step, split

from .conftest import load_catalogue

PROGRAM_IDS = ("neck_sitting", "neck_prevention", "neck_lying", "self_massage_neck")


def _steps(count: int) -> tuple[Step, ...]:
    return tuple(
        Step(id=f"s{i}", name=f"S{i}", instructions="", cue="") for i in range(count)
    )


@given(count=st.integers(1, 30), parts=st.integers(1, 12))
def test_split_covers_program_exactly_once(count: int, parts: int) -> None:
    """Every step appears; with enough steps, exactly once and in order."""
    steps = _steps(count)
    chunks = split(steps, parts)
    assert len(chunks) == parts
    assert all(chunks)
    flat = [step for chunk in chunks for step in chunk]
    if parts <= count:
        assert flat == list(steps)
        sizes = [len(chunk) for chunk in chunks]
        assert max(sizes) - min(sizes) <= 1
    else:
        assert set(flat) == set(steps)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_catalogue_has_every_program(language: str) -> None:
    """Each shipped language has the four contract programs with texts for card and voice."""
    catalogue = load_catalogue(language)
    assert set(catalogue.programs) == set(PROGRAM_IDS)
    for program in catalogue.programs.values():
        for step in (*program.opening, *program.steps, *program.closing):
            assert step.name and step.cue and len(step.instructions) > len(step.cue)


def test_languages_share_structure() -> None:
    """Russian mirrors English step for step, so a profile can switch language."""
    english, russian = load_catalogue("en"), load_catalogue("ru")
    for program_id, program in english.programs.items():
        other = russian.programs[program_id]
        assert [s.id for s in program.steps] == [s.id for s in other.steps]
        assert (program.reps_min, program.reps_max, program.max_seconds) == (
            other.reps_min,
            other.reps_max,
            other.max_seconds,
        )


def test_default_program_is_gentle_seated_set(catalogue: Catalogue) -> None:
    """About eight seated movements, 10-20 reps, up to two minutes each."""
    program = catalogue.program("neck_sitting")
    assert 7 <= len(program.steps) <= 9
    assert program.reps(10) == 10
    assert program.reps(20) == 20
    assert program.seconds(program.steps[0], 120) == 120
    assert program.seconds(program.steps[0], 45) == 45


def test_lying_program_caps_reps_and_time(catalogue: Catalogue) -> None:
    """Severe condition: at most ten repetitions and one minute per exercise."""
    program = catalogue.program("neck_lying")
    assert {program.reps(r) for r in range(10, 21)} == {10}
    assert program.seconds(program.steps[0], 120) == 60


def test_self_massage_order_and_reps(catalogue: Catalogue) -> None:
    """Stroking opens and closes every session; 5-7 repetitions; 5-20 minutes a day."""
    program = catalogue.program("self_massage_neck")
    assert {program.reps(r) for r in range(10, 21)} == {5, 6, 7}
    for parts in range(1, 13):
        day_seconds = 0
        for index in range(parts):
            part = program.part(index, parts)
            assert part[0].id == "stroking_open"
            assert part[-1].id == "stroking_close"
            day_seconds += sum(program.seconds(step, 120) for step in part)
        if parts <= len(program.steps):
            assert 5 * 60 <= day_seconds <= 20 * 60


def test_unknown_program_falls_back(catalogue: Catalogue) -> None:
    """An unknown id gives the first program rather than failing."""
    assert catalogue.program("nope").id == "neck_sitting"
