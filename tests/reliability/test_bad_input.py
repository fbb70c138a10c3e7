"""Generated bad input: translated validation errors only, and nothing changes.

Hypothesis writes action payloads and option values; each refused one must
raise a translated error and leave every state, the coach's stored state and
the options as they were. Accepted ones may change things, as they should.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import translation
from hypothesis import HealthCheck, example, given, settings, strategies as st
import probatio
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import (
    CONF_DAILY_TARGET,
    CONF_SIT_MINUTES,
    DOMAIN,
    default_options,
)
from tests.helpers import CONTRACT_ACTIONS, act, advance
from tests.reliability.common import profile_snapshot

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(
        ["10", "1e3", "nan", "inf", "-5", "neck_sitting", "unwell", "08:00", "mon"]
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
FIELDS = ("program", "minutes", "reason", "level", "note")


def payloads(entry_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Payloads of the actions' own fields, with junk or plausible values.

    `entry_id` stands for the profile's entry id ("entry" for it in lower case);
    it comes in about half the payloads, so most reach the field checks.
    """
    entry = (
        st.just(entry_id)
        | st.just(entry_id)
        | st.just(entry_id)
        | st.sampled_from([entry_id.lower(), "", "nope"])
        | junk
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "config_entry_id": entry,
            **{field: junk | st.integers(0, 200) for field in FIELDS},
        },
    )


async def _known_keys(hass: HomeAssistant, category: str, prefix: str) -> set[str]:
    """Return the keys translated under component.<domain>.<category>.<prefix>."""
    strings = await translation.async_get_translations(hass, "en", category, {DOMAIN})
    start = f"component.{DOMAIN}.{category}.{prefix}"
    return {
        key.removeprefix(start).split(".")[0]
        for key in strings
        if key.startswith(start)
    }


async def _sitting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry_id: str
) -> None:
    return


async def _due(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry_id: str
) -> None:
    await advance(hass, freezer, minutes=45)


async def _snoozed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry_id: str
) -> None:
    await advance(hass, freezer, minutes=45)
    await act(hass, entry_id, "snooze")


async def _on_break(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry_id: str
) -> None:
    await act(hass, entry_id, "start_break")


async def _resting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry_id: str
) -> None:
    await act(hass, entry_id, "start_break")
    await act(hass, entry_id, "stop_routine")


SITUATIONS: dict[
    str, Callable[[HomeAssistant, FrozenDateTimeFactory, str], Awaitable[None]]
] = {
    "sitting": _sitting,
    "due": _due,
    "snoozed": _snoozed,
    "on_break": _on_break,
    "resting": _resting,
}
#: Refusals of the entry checks, and of the engine's state checks.
ENTRY_REFUSALS = {"entry_required", "entry_not_found"}
STATE_REFUSALS = {
    "nothing_due",
    "no_break",
    "already_on_break",
    "already_paused",
    "resting",
    "not_paused",
    "snooze_limit",
}
#: Stands for a command the coach accepted (get_status apart: it checks no state).
ACCEPTED = "(accepted)"


@pytest.fixture(name="outcomes")
def outcomes_fixture() -> Iterator[set[str]]:
    """Collect how one generated run's payloads ended, then check them.

    Some must stop at the entry check, some at a field check, and some must get
    past both to the engine (accepted, or refused by a state check). Checked when
    the run (all its examples) ends, so it holds for each run on its own,
    whatever ran before it or beside it.
    """
    seen: set[str] = set()
    yield seen
    assert seen & ENTRY_REFUSALS, seen
    assert seen - ENTRY_REFUSALS - STATE_REFUSALS - {ACCEPTED}, seen
    assert seen & (STATE_REFUSALS | {ACCEPTED}), seen


@pytest.fixture(name="situation", params=list(SITUATIONS))
async def situation_fixture(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    profile: MockConfigEntry,
    request: pytest.FixtureRequest,
) -> str:
    """Bring the profile into one of the states an action may meet."""
    await SITUATIONS[request.param](hass, freezer, profile.entry_id)
    return str(request.param)


@given(service=st.sampled_from(CONTRACT_ACTIONS), data=payloads("ENTRY"))
@example(service="snooze", data={"config_entry_id": "ENTRY", "minutes": 0})
@example(service="pause", data={"config_entry_id": "ENTRY", "minutes": "ten"})
@example(service="log_comfort", data={"config_entry_id": "ENTRY", "level": 11})
@example(service="log_comfort", data={"config_entry_id": "ENTRY", "note": "x"})
@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.usefixtures("situation")
async def test_generated_action_payloads(
    hass: HomeAssistant,
    profile: MockConfigEntry,
    outcomes: set[str],
    service: str,
    data: dict[str, Any],
) -> None:
    """Every refusal is a translated ServiceValidationError that changes nothing."""
    if data.get("config_entry_id") in ("ENTRY", "entry"):
        data["config_entry_id"] = (
            profile.entry_id
            if data["config_entry_id"] == "ENTRY"
            else profile.entry_id.lower()
        )
    known = await _known_keys(hass, "exceptions", "")
    before = profile_snapshot(hass, profile)
    refused: ServiceValidationError | None = None
    try:
        await hass.services.async_call(
            DOMAIN,
            service,
            data,
            blocking=True,
            return_response=service == "get_status",
        )
    except ServiceValidationError as err:
        refused = err
    assert profile.state is ConfigEntryState.LOADED
    if refused is None:
        if service != "get_status":
            outcomes.add(ACCEPTED)
        return
    assert refused.translation_domain == DOMAIN
    assert refused.translation_key in known, refused.translation_key
    await hass.async_block_till_done()
    assert profile_snapshot(hass, profile) == before
    outcomes.add(str(refused.translation_key))


async def test_unknown_fields_are_refused_translated(
    hass: HomeAssistant, profile: MockConfigEntry
) -> None:
    """A field the action does not have (a typo): a translated error, no change."""
    before = profile_snapshot(hass, profile)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "snooze",
            {"config_entry_id": profile.entry_id, "minuts": 5},
            blocking=True,
        )
    assert err.value.translation_key == "unknown_field"
    assert err.value.translation_placeholders == {
        "field": "minuts",
        "fields": "config_entry_id, minutes",
    }
    assert profile_snapshot(hass, profile) == before


OPTION_KEYS = tuple(default_options())


@given(
    changes=st.dictionaries(
        st.sampled_from(OPTION_KEYS),
        junk | st.integers(-5, 300),
        min_size=1,
        max_size=4,
    ),
    removed=st.lists(st.sampled_from(OPTION_KEYS), max_size=2),
)
@HYPOTHESIS
async def test_generated_option_values(
    hass: HomeAssistant,
    profile: MockConfigEntry,
    changes: dict[str, Any],
    removed: list[str],
) -> None:
    """The options form shows translated errors (or a translated schema error) and changes nothing."""
    known = await _known_keys(hass, "options", "error.")
    current = {k: v for k, v in profile.options.items() if v is not None}
    user_input = {
        **{k: v for k, v in current.items() if k not in removed},
        **changes,
    }
    before = profile_snapshot(hass, profile)
    result = await hass.config_entries.options.async_init(profile.entry_id)
    schema_errors: dict[str, Any] | None = None
    try:
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], user_input
        )
    except InvalidData as err:
        schema_errors = err.schema_errors
    if schema_errors is None and result["type"] is FlowResultType.CREATE_ENTRY:
        await hass.async_block_till_done()
        assert profile.state is ConfigEntryState.LOADED
        return
    hass.config_entries.options.async_abort(result["flow_id"])
    if schema_errors is not None:
        assert set(schema_errors.values()) <= known, schema_errors
    else:
        assert result["type"] is FlowResultType.FORM
        assert result["errors"], "a form again, but no error shown"
        assert set(result["errors"].values()) <= known, result["errors"]
    await hass.async_block_till_done()
    assert profile_snapshot(hass, profile) == before


@example(value="nan", key=CONF_SIT_MINUTES)
@given(
    value=junk | st.integers(-1000, 1000),
    key=st.sampled_from([CONF_SIT_MINUTES, CONF_DAILY_TARGET]),
)
@HYPOTHESIS
async def test_generated_number_values(
    hass: HomeAssistant, profile: MockConfigEntry, value: Any, key: str
) -> None:
    """The option numbers refuse what the options refuse, with translated errors."""
    assert hass.states.get(f"number.desk_{key}") is not None
    before = profile_snapshot(hass, profile)
    refused: Exception | None = None
    try:
        await hass.services.async_call(
            "number",
            "set_value",
            {"entity_id": f"number.desk_{key}", "value": value},
            blocking=True,
        )
    except (ServiceValidationError, probatio.Invalid) as err:
        refused = err
    assert profile.state is ConfigEntryState.LOADED
    if refused is None:
        return
    if isinstance(refused, ServiceValidationError):
        assert refused.translation_key, refused
    await hass.async_block_till_done()
    assert profile_snapshot(hass, profile) == before


@pytest.mark.parametrize(
    "changes",
    [
        {"work_start": "25:00"},
        {"program": "yoga"},
        {"work_days": ["funday"]},
        {"sit_minutes": None},
    ],
    ids=["time", "program", "weekday", "missing"],
)
async def test_selector_errors_are_translated(
    hass: HomeAssistant, profile: MockConfigEntry, changes: dict[str, Any]
) -> None:
    """Values the form's pickers never send, from a script: translated errors too."""
    known = await _known_keys(hass, "options", "error.")
    result = await hass.config_entries.options.async_init(profile.entry_id)
    user_input = {
        key: value
        for key, value in {**profile.options, **changes}.items()
        if value is not None
    }
    with pytest.raises(InvalidData) as err:
        await hass.config_entries.options.async_configure(result["flow_id"], user_input)
    assert set(err.value.schema_errors.values()) <= known, err.value.schema_errors
