"""The comfort log through the real integration: action, sensor, stop, repairs, voice."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.repairs import repairs_flow_manager
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.desk_break_coach.const import (
    CONF_ANNOUNCE_TARGETS,
    CONF_ASK_COMFORT,
    CONF_PROGRAM,
    DOMAIN,
)
from custom_components.desk_break_coach.diagnostics import (
    async_get_config_entry_diagnostics,
)
from custom_components.desk_break_coach.outputs.wellbeing import (
    progression_issue_id,
    repeated_issue_id,
    worse_issue_id,
)

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, set_presence, state
from .test_announce import Targets


async def _desk(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **options: Any
) -> MockConfigEntry:
    entry = profile("Desk", **options)
    await async_start_day(hass, freezer, entry)
    return entry


async def _after_a_break(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    await set_presence(hass, True)
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")


async def test_log_comfort_fills_the_sensor_and_get_status(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A level: the comfort sensor, its attributes, the event and get_status."""
    entry = await _desk(hass, freezer)
    logged = async_capture_events(hass, f"{DOMAIN}_comfort_logged")
    await act(hass, entry.entry_id, "log_comfort", level=6, note="stiff left side")
    await advance(hass, freezer, hours=1)
    await act(hass, entry.entry_id, "log_comfort", level=8)
    comfort = state(hass, "sensor", "comfort")
    assert comfort.state == "8"
    assert comfort.attributes["average_7d"] == 7.0
    assert comfort.attributes["trend"] == "same"
    assert comfort.attributes["logged_at"] == "2026-11-23T09:00:00+00:00"
    assert comfort.attributes["state_class"] == "measurement"
    assert [e.data["level"] for e in logged] == [6, 8]
    assert logged[0].data["message"] == "Noted: 6 out of 10."
    assert "note" not in logged[0].data  # the person's words stay private
    status = await act(hass, entry.entry_id, "get_status")
    assert status["comfort_average_7d"] == 7.0 and status["comfort_trend"] == "same"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({}, "comfort_level_required"),
        ({"level": -1}, "comfort_level_out_of_range"),
        ({"level": 11}, "comfort_level_out_of_range"),
        ({"level": 3.5}, "comfort_level_out_of_range"),
        ({"level": "seven"}, "comfort_level_out_of_range"),
        ({"level": True}, "comfort_level_out_of_range"),
        ({"level": 5, "note": "x" * 201}, "comfort_note_too_long"),
        ({"level": 5, "note": ["a"]}, "comfort_note_too_long"),
    ],
)
async def test_bad_comfort_input_is_refused_and_changes_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    data: dict[str, Any],
    key: str,
) -> None:
    """Out of range, missing, not a number, too long: translated, nothing logged."""
    entry = await _desk(hass, freezer)
    before = entry.runtime_data.engine.state.to_dict()
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry.entry_id, "log_comfort", **data)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == key
    assert entry.runtime_data.engine.state.to_dict() == before
    assert state(hass, "sensor", "comfort").state == "unknown"


async def test_worse_after_a_break_rests_and_raises_a_repair(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """2 of 10 right after a break: resting, a repair issue; resume clears it."""
    entry = await _desk(hass, freezer)
    await _after_a_break(hass, entry)
    await act(hass, entry.entry_id, "log_comfort", level=2)
    assert state(hass, "sensor", "status").state == "resting"
    issues = ir.async_get(hass)
    issue = issues.async_get_issue(DOMAIN, worse_issue_id(entry.entry_id))
    assert issue is not None and issue.translation_key == "comfort_worse"
    assert issue.translation_placeholders == {"name": "Desk"}
    await act(hass, entry.entry_id, "resume")
    assert issues.async_get_issue(DOMAIN, worse_issue_id(entry.entry_id)) is None


async def test_worse_on_three_days_raises_the_serious_issue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Worse on 3 days in a week: the issue that says to see a doctor.

    It counts the days as they come: on a fourth day it says 4, not 3.
    """
    entry = await _desk(hass, freezer)
    issues = ir.async_get(hass)
    for day in range(4):
        await _after_a_break(hass, entry)
        await act(hass, entry.entry_id, "log_comfort", level=1)
        found = issues.async_get_issue(DOMAIN, repeated_issue_id(entry.entry_id))
        assert (found is not None) == (day >= 2)
        if found is not None:
            assert found.translation_placeholders == {
                "name": "Desk",
                "days": str(day + 1),
            }
        await act(hass, entry.entry_id, "resume")
        await set_presence(hass, False)
        await advance(hass, freezer, days=1)
    found = issues.async_get_issue(DOMAIN, repeated_issue_id(entry.entry_id))
    assert found is not None and found.severity is ir.IssueSeverity.ERROR


async def _good_week(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry: MockConfigEntry
) -> None:
    for _ in range(5):
        await act(hass, entry.entry_id, "log_comfort", level=8)
        await advance(hass, freezer, days=1)


async def test_a_good_week_suggests_the_seated_routine_and_fixing_switches(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Lying, 8 of 10 on 5 days: "Ready for the seated routine?"; the fix switches."""
    entry = await _desk(hass, freezer, **{CONF_PROGRAM: "neck_lying"})
    assert await async_setup_component(hass, "repairs", {})
    issues = ir.async_get(hass)
    issue_id = progression_issue_id(entry.entry_id, "neck_sitting")
    await act(hass, entry.entry_id, "log_comfort", level=8)
    assert issues.async_get_issue(DOMAIN, issue_id) is None
    await _good_week(hass, freezer, entry)
    issue = issues.async_get_issue(DOMAIN, issue_id)
    assert issue is not None and issue.is_fixable
    assert issue.translation_key == "progression_neck_sitting"
    breaks_before = state(hass, "sensor", "breaks_today").state
    flows = repairs_flow_manager(hass)
    assert flows is not None
    result = await flows.async_init(DOMAIN, data={"issue_id": issue_id})
    assert result["type"] == "menu"
    assert result["menu_options"] == ["switch", "stay"]
    result = await flows.async_configure(result["flow_id"], {"next_step_id": "switch"})
    await hass.async_block_till_done()
    assert result["type"] == "create_entry"
    assert entry.options[CONF_PROGRAM] == "neck_sitting"
    assert state(hass, "select", "program").state == "neck_sitting"
    assert state(hass, "sensor", "breaks_today").state == breaks_before
    # On the seated routine the same week suggests the next one, prevention.
    assert issues.async_get_issue(DOMAIN, issue_id) is None
    issue = issues.async_get_issue(
        DOMAIN, progression_issue_id(entry.entry_id, "neck_prevention")
    )
    assert issue is not None and issue.translation_key == "progression_neck_prevention"


async def test_staying_is_remembered(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Stay: the issue goes, and does not come back, not even after a restart."""
    entry = await _desk(hass, freezer, **{CONF_PROGRAM: "neck_lying"})
    assert await async_setup_component(hass, "repairs", {})
    issues = ir.async_get(hass)
    issue_id = progression_issue_id(entry.entry_id, "neck_sitting")
    await _good_week(hass, freezer, entry)
    await act(hass, entry.entry_id, "log_comfort", level=9)
    flows = repairs_flow_manager(hass)
    assert flows is not None
    result = await flows.async_init(DOMAIN, data={"issue_id": issue_id})
    await flows.async_configure(result["flow_id"], {"next_step_id": "stay"})
    await hass.async_block_till_done()
    assert issues.async_get_issue(DOMAIN, issue_id) is None
    assert entry.options[CONF_PROGRAM] == "neck_lying"
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await act(hass, entry.entry_id, "log_comfort", level=9)
    assert issues.async_get_issue(DOMAIN, issue_id) is None


async def test_self_massage_is_capped_at_25_minutes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Self-massage breaks until 25 minutes are used: then a translated refusal."""
    entry = await _desk(hass, freezer)
    await set_presence(hass, True)
    refused = None
    for _ in range(30):
        try:
            await act(hass, entry.entry_id, "start_break", program="self_massage_neck")
        except ServiceValidationError as err:
            refused = err
            break
        await act(hass, entry.entry_id, "finish_break")
    assert refused is not None, "the 25-minute cap never came"
    assert refused.translation_key == "daily_time_used"
    assert refused.translation_placeholders == {"minutes": "25"}
    # The other programs are not capped.
    await act(hass, entry.entry_id, "start_break", program="neck_sitting")
    assert state(hass, "sensor", "status").state == "on_break"


@pytest.mark.parametrize(
    ("language", "sentence", "reply"),
    [
        ("en", "my neck is 7 out of 10", "Noted: 7 out of 10."),
        ("en", "my neck is seven out of ten", "Noted: 7 out of 10."),
        ("ru", "шея на 7 из 10", "Записано: 7 из 10."),
    ],
)
async def test_voice_logs_the_level(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    language: str,
    sentence: str,
    reply: str,
) -> None:
    """Say it: the level is logged and the reply confirms it."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, language=language)
    assert await async_say(hass, sentence, language=language) == reply
    assert state(hass, "sensor", "comfort").state == "7"


async def test_the_card_and_a_satellite_ask_after_a_break(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """ask_comfort: the status sensor says to ask; a satellite asks and logs the answer."""
    targets = Targets(hass, {"id": "level", "slots": {"level": "8"}})
    entry = await _desk(
        hass,
        freezer,
        **{CONF_ASK_COMFORT: True, CONF_ANNOUNCE_TARGETS: ["assist_satellite.kitchen"]},
    )
    assert state(hass, "sensor", "status").attributes["ask_comfort"] is False
    await _after_a_break(hass, entry)
    await hass.async_block_till_done(wait_background_tasks=True)
    question = targets.ask[-1].data
    assert question["question"].endswith("How does your neck feel, from 0 to 10?")
    assert question["answers"][0]["id"] == "level"
    assert state(hass, "sensor", "comfort").state == "8"
    assert state(hass, "sensor", "status").attributes["ask_comfort"] is False


async def test_card_ask_is_shown_until_answered(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Without a satellite the card asks (status attribute) until a level comes."""
    entry = await _desk(hass, freezer, **{CONF_ASK_COMFORT: True})
    await _after_a_break(hass, entry)
    assert state(hass, "sensor", "status").attributes["ask_comfort"] is True
    await act(hass, entry.entry_id, "log_comfort", level=9)
    assert state(hass, "sensor", "status").attributes["ask_comfort"] is False


async def test_log_survives_restart_and_diagnostics_keep_notes_private(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The log comes back after a reload; diagnostics show its size, never a note."""
    entry = await _desk(hass, freezer)
    await act(hass, entry.entry_id, "log_comfort", level=5, note="{{ my secret }}")
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor", "comfort").state == "5"
    kept = entry.runtime_data.engine.state.comfort
    assert [(e.level, e.note) for e in kept] == [(5, "{{ my secret }}")]
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    assert diagnostics["state"]["comfort_log_size"] == 1
    assert "my secret" not in repr(diagnostics)


async def test_an_older_stored_file_is_read_and_migrated(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """Progress stored by the first wave (1.1) loads; the next save is 1.2."""
    entry = profile("Desk")
    hass_storage[f"{DOMAIN}.{entry.entry_id}"] = {
        "version": 1,
        "minor_version": 1,
        "key": f"{DOMAIN}.{entry.entry_id}",
        "data": {"streak": 4, "day": "2026-11-23", "breaks_today": 1},
    }
    await async_start_day(hass, freezer, entry)
    assert state(hass, "sensor", "streak").state == "4"
    await act(hass, entry.entry_id, "log_comfort", level=7)
    await advance(hass, freezer, seconds=1)
    stored = hass_storage[f"{DOMAIN}.{entry.entry_id}"]
    assert (stored["version"], stored["minor_version"]) == (1, 2)
    assert stored["data"]["streak"] == 4
    assert [item["level"] for item in stored["data"]["comfort"]] == [7]


async def test_a_dismissed_suggestion_stays_dismissed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Dismissing the suggestion in Settings > Repairs is remembered by Home Assistant."""
    entry = await _desk(hass, freezer, **{CONF_PROGRAM: "neck_lying"})
    issues = ir.async_get(hass)
    issue_id = progression_issue_id(entry.entry_id, "neck_sitting")
    await _good_week(hass, freezer, entry)
    ir.async_ignore_issue(hass, DOMAIN, issue_id, True)
    await act(hass, entry.entry_id, "log_comfort", level=9)
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await act(hass, entry.entry_id, "log_comfort", level=9)
    issue = issues.async_get_issue(DOMAIN, issue_id)
    assert issue is not None and issue.dismissed_version is not None
    assert entry.options[CONF_PROGRAM] == "neck_lying"
