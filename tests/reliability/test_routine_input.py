"""Generated bad input for the routine form: translated errors only, nothing changes.

Hypothesis fills in the "your own routine" form (making one, or editing one) with
junk and near misses. A refused form shows translated errors (or the form's own
translated schema errors) whose placeholders the form provides, and leaves the
profile, its routines, the coach's state and its entities as they were. An
accepted form stores a routine that reads back within every limit.
"""

from __future__ import annotations

import re
from typing import Any

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    SOURCE_USER,
    ConfigEntryState,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers import translation
from hypothesis import HealthCheck, event, example, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.profile.personal import (
    INSTRUCTIONS_MAX_LENGTH,
    MAX_EXERCISES,
    NAME_MAX_LENGTH,
    POSITIONS,
    ROUTINE_REPS_RANGE,
    ROUTINE_SECONDS_RANGE,
    SUBENTRY_ROUTINE,
    routine_from_data,
)
from tests.helpers import act
from tests.reliability.common import profile_snapshot

HYPOTHESIS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["10", "2.5", "nan", "-1", "{{ states('x') }}", "{x}", " "]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=5,
)
texts = st.text(max_size=NAME_MAX_LENGTH + 5) | st.sampled_from(
    ["Morning stretch", "MORNING stretch", " ", "x" * (NAME_MAX_LENGTH + 1)]
)


def mostly(
    good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any], odds: int = 4
) -> st.SearchStrategy[Any]:
    """`good` about `odds` times in `odds + 1`, else `bad`."""
    return st.integers(0, odds).flatmap(lambda pick: bad if pick == 1 else good)


names = st.from_regex(r"[A-Za-zА-Яа-я][A-Za-zА-Яа-я0-9 {}'()]{0,30}", fullmatch=True)
good_reps = st.integers(*ROUTINE_REPS_RANGE)
good_seconds = st.integers(*ROUTINE_SECONDS_RANGE)
reps = st.integers(-5, 60) | st.floats(-5, 60)
seconds = st.integers(-5, 700) | st.floats(0, 700)
instructions = (
    st.text(max_size=20)
    | st.just("y" * (INSTRUCTIONS_MAX_LENGTH + 1))
    | st.just("{{ states('sensor.x') }} {x}")
)
exercise = st.fixed_dictionaries(
    {
        "name": mostly(names, texts | junk),
        "reps": mostly(good_reps, reps | junk, odds=6),
        "seconds": mostly(good_seconds, seconds | junk, odds=6),
    },
    optional={"instructions": mostly(instructions, junk)},
)
exercise_lists = (
    st.lists(exercise, min_size=1, max_size=3)
    | st.lists(exercise, max_size=1)
    | st.lists(exercise, min_size=MAX_EXERCISES + 1, max_size=MAX_EXERCISES + 1)
)
forms = st.fixed_dictionaries(
    {
        "name": mostly(names, texts | junk),
        "position": mostly(st.sampled_from(POSITIONS), junk),
        "exercises": mostly(exercise_lists, junk),
    }
)
#: The form that makes the profile's first routine (edited in half the examples).
FIRST = {
    "name": "Morning stretch",
    "position": "sitting",
    "exercises": [{"name": "Wall angels", "reps": 12, "seconds": 90}],
}


def snapshot(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    """Everything a refused form must not change: the profile, and its routines."""
    subentries = {
        subentry_id: (subentry.title, dict(subentry.data))
        for subentry_id, subentry in entry.subentries.items()
    }
    return profile_snapshot(hass, entry), subentries


async def _errors(hass: HomeAssistant) -> dict[str, str]:
    """Return the English error texts of the routine form, by key."""
    strings = await translation.async_get_translations(
        hass, "en", "config_subentries", {DOMAIN}
    )
    prefix = f"component.{DOMAIN}.config_subentries.{SUBENTRY_ROUTINE}.error."
    return {
        key.removeprefix(prefix): text
        for key, text in strings.items()
        if key.startswith(prefix)
    }


@pytest.fixture(name="own_break")
async def own_break_fixture(
    hass: HomeAssistant, profile: MockConfigEntry
) -> MockConfigEntry:
    """Put the profile on a break of its own routine (a change could disturb it)."""
    flow = await hass.config_entries.subentries.async_init(
        (profile.entry_id, SUBENTRY_ROUTINE), context={"source": SOURCE_USER}
    )
    await hass.config_entries.subentries.async_configure(flow["flow_id"], FIRST)
    await hass.async_block_till_done()
    await act(hass, profile.entry_id, "start_break", program="custom_morning_stretch")
    return profile


@given(
    form=forms,
    left_out=st.lists(st.sampled_from(["name", "position", "exercises"]), max_size=1),
    editing=st.booleans(),
)
@example(
    form={**FIRST, "name": "Other", "exercises": [{"name": "A"}]},
    left_out=[],
    editing=False,
)
@example(form={"name": 5, "position": "sitting"}, left_out=["exercises"], editing=True)
@example(form={**FIRST, "position": "upside down"}, left_out=[], editing=False)
@example(form={**FIRST, "exercises": "push-ups"}, left_out=[], editing=True)
@HYPOTHESIS
@pytest.mark.usefixtures("own_break")
async def test_generated_routine_forms(
    hass: HomeAssistant,
    profile: MockConfigEntry,
    form: dict[str, Any],
    left_out: list[str],
    editing: bool,
) -> None:
    """Refused: translated errors with their placeholders, nothing changed."""
    form = {key: value for key, value in form.items() if key not in left_out}
    texts = await _errors(hass)
    first = next(iter(profile.subentries))
    context: dict[str, Any] = (
        {"source": SOURCE_RECONFIGURE, "subentry_id": first}
        if editing
        else {"source": SOURCE_USER}
    )
    before = snapshot(hass, profile)
    result = await hass.config_entries.subentries.async_init(
        (profile.entry_id, SUBENTRY_ROUTINE), context=context
    )
    schema_errors: dict[str, Any] | None = None
    try:
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], form
        )
    except InvalidData as err:
        schema_errors = err.schema_errors
    await hass.async_block_till_done()
    assert profile.state is ConfigEntryState.LOADED
    if schema_errors is None and result["type"] is not FlowResultType.FORM:
        # Accepted: what is stored reads back within every limit.
        event("accepted")
        for subentry in profile.subentries.values():
            routine = routine_from_data(subentry.data)
            assert 0 < len(routine.name) <= NAME_MAX_LENGTH
            assert 0 < len(routine.exercises) <= MAX_EXERCISES
            for item in routine.exercises:
                assert 0 < len(item.name) <= NAME_MAX_LENGTH
                assert ROUTINE_REPS_RANGE[0] <= item.reps <= ROUTINE_REPS_RANGE[1]
                low, high = ROUTINE_SECONDS_RANGE
                assert low <= item.seconds <= high
                assert len(item.instructions) <= INSTRUCTIONS_MAX_LENGTH
        return
    if schema_errors is not None:
        hass.config_entries.subentries.async_abort(result["flow_id"])
        assert set(schema_errors.values()) <= set(texts), schema_errors
        event(f"schema error {sorted(schema_errors.items())}")
    else:
        assert result["errors"], "the form again, but no error shown"
        for key in result["errors"].values():
            event(f"error {key}")
        assert set(result["errors"].values()) <= set(texts), result["errors"]
        given_values = set(result["description_placeholders"] or {})
        for key in result["errors"].values():
            assert set(PLACEHOLDER.findall(texts[key])) <= given_values, key
        hass.config_entries.subentries.async_abort(result["flow_id"])
    await hass.async_block_till_done()
    assert snapshot(hass, profile) == before
