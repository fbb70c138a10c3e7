"""Whatever the stored progress holds, the engine reads what it can and runs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    CoachState,
    EngineError,
    Settings,
)
from tests.engine.conftest import TZ, load_catalogue, local

CATALOGUE = load_catalogue()
NOW = local(2026, 11, 23, 10, 0)
VALID = CoachState.from_dict(
    {
        "day": "2026-11-23",
        "breaks_today": 2,
        "streak": 5,
        "present": True,
        "block_start": "2026-11-23T08:30:00+00:00",
        "segment_start": "2026-11-23T08:30:00+00:00",
        "cursor": "2026-11-23T08:59:00+00:00",
        "brk": {
            "program": "neck_sitting",
            "step_ids": ["neck_rotations", "chin_tucks"],
            "reps": [10, 10],
            "seconds": [120, 120],
            "position": 0,
            "step_ends_at": "2026-11-23T09:01:00+00:00",
            "started_at": "2026-11-23T08:59:00+00:00",
        },
    }
).to_dict()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "2026-11-23T09:00:00+00:00",
            "2026-11-23T09:00:00",
            "2026-11-23",
            "9999-12-31T23:59:59+00:00",
            "0001-01-01T00:00:00+00:00",
            "neck_sitting",
            "chin_tucks",
        ]
    ),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = sorted({*VALID, *VALID["brk"]})
#: The valid state with some fields (or fields of the break) replaced by junk.
damaged = st.builds(
    lambda top, brk: {
        **VALID,
        **top,
        "brk": {**VALID["brk"], **brk} if "brk" not in top else top["brk"],
    },
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4),
)


def _exercise(engine: BreakEngine) -> None:
    """Use the engine the way the shell does after a restart."""
    now = NOW
    for minutes in (0, 1, 30, 600, 2000):
        now = NOW + timedelta(minutes=minutes)
        engine.update(now)
        engine.view(now)
        engine.next_wakeup(now)
        engine.observe(now, present=minutes % 2 == 0)
    for command in ("start_break", "next_exercise", "finish_break", "skip_break"):
        try:
            getattr(engine, command)(now)
        except EngineError:
            continue
        engine.view(now)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=damaged | st.dictionaries(st.text(max_size=12), json_values))
def test_any_stored_data_is_read_without_error(data: dict[str, Any]) -> None:
    """Damaged fields fall back to their defaults; the engine runs on."""
    state = CoachState.from_dict(data)
    assert state.breaks_today >= 0
    assert state.streak >= 0
    _exercise(BreakEngine(Settings(), CATALOGUE, TZ, state))


def test_readable_fields_are_kept() -> None:
    """Junk in one field does not cost the others."""
    state = CoachState.from_dict(
        {**VALID, "streak": "many", "day": "yesterday", "snoozes_used": -3}
    )
    assert state.breaks_today == 2
    assert state.streak == 0
    assert state.day is None
    assert state.brk is not None
    assert state.brk.step_ids == ["neck_rotations", "chin_tucks"]
