"""A whole simulated workday on a real Home Assistant with a frozen clock."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.desk_break_coach.const import CONF_DND_ENTITIES, DOMAIN

from .helpers import act, advance, set_presence, start_profile, state

MONDAY_0850 = "2026-11-23 08:50:00+01:00"


@pytest.fixture(name="profile")
async def profile_fixture(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> MockConfigEntry:
    """Berlin, Monday 08:50, nobody at the desk, a meeting boolean as DND."""
    return await start_profile(
        hass,
        freezer,
        mock_config_entry,
        at=MONDAY_0850,
        booleans=("desk", "meeting"),
        options={CONF_DND_ENTITIES: ["input_boolean.meeting"]},
    )


async def test_workday(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Arrive, short absence, due, snoozes, DND, guided break, natural break, evening, midnight."""
    entry_id = profile.entry_id
    due_events = async_capture_events(hass, f"{DOMAIN}_break_due")
    completed = async_capture_events(hass, f"{DOMAIN}_break_completed")
    steps = async_capture_events(hass, f"{DOMAIN}_exercise_started")
    assert state(hass, "sensor", "status").state == "away"
    assert state(hass, "sensor", "next_break").state == "unknown"

    await advance(hass, freezer, minutes=5)  # 08:55 arrive, before working hours
    await set_presence(hass, True)
    assert state(hass, "sensor", "status").state == "off_hours"
    assert state(hass, "binary_sensor", "occupied").state == "on"
    await advance(hass, freezer, minutes=5)  # 09:00
    assert state(hass, "sensor", "status").state == "sitting"
    since = state(hass, "sensor", "sitting_time").attributes["since"]

    await advance(hass, freezer, minutes=20)  # 09:20 short absence
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=3)
    await set_presence(hass, True)
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since
    assert state(hass, "binary_sensor", "occupied").state == "on"

    await advance(hass, freezer, minutes=17)  # 09:40 = 08:55 + 45
    assert state(hass, "binary_sensor", "break_due").state == "on"
    assert state(hass, "sensor", "status").state == "break_due"
    assert len(due_events) == 1
    assert due_events[0].data["config_entry_id"] == entry_id
    assert due_events[0].data["name"] == "Desk"
    assert due_events[0].data["sitting_minutes"] == 45
    assert "45 minutes" in due_events[0].data["message"]
    assert state(hass, "sensor", "sitting_time").state == "45"

    for left in (2, 1, 0):
        await act(hass, entry_id, "snooze")
        assert state(hass, "sensor", "status").state == "snoozed"
        assert state(hass, "sensor", "status").attributes["snoozes_left"] == left
        await advance(hass, freezer, minutes=10)
        assert state(hass, "sensor", "status").state == "break_due"
    assert len(due_events) == 4
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry_id, "snooze")
    assert err.value.translation_key == "snooze_limit"
    assert state(hass, "sensor", "status").state == "break_due"

    await act(hass, entry_id, "skip_break")  # 10:10
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "sitting_time").state == "0"
    assert state(hass, "sensor", "breaks_today").state == "0"

    await hass.services.async_call(
        "input_boolean",
        "turn_on",
        {"entity_id": "input_boolean.meeting"},
        blocking=True,
    )
    await advance(hass, freezer, minutes=50)  # 11:00, due at 10:55 waits
    assert state(hass, "sensor", "status").state == "sitting"
    assert len(due_events) == 4
    await hass.services.async_call(
        "input_boolean",
        "turn_off",
        {"entity_id": "input_boolean.meeting"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert state(hass, "sensor", "status").state == "break_due"
    assert len(due_events) == 5

    await act(hass, entry_id, "start_break")
    assert state(hass, "sensor", "status").state == "on_break"
    exercise = state(hass, "sensor", "current_exercise")
    assert exercise.state == "Chin tucks"
    assert exercise.attributes["step"] == 1
    assert exercise.attributes["steps_total"] == 2
    assert exercise.attributes["reps"] == 10
    assert exercise.attributes["seconds_left"] == 120
    assert exercise.attributes["program"] == "neck_sitting"
    assert "stop if it hurts" in exercise.attributes["instructions"]
    await advance(hass, freezer, seconds=120)
    assert state(hass, "sensor", "current_exercise").state == "Side tilts"
    assert state(hass, "sensor", "current_exercise").attributes["step"] == 2
    await advance(hass, freezer, seconds=120)
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "current_exercise").state == "unknown"
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert state(hass, "sensor", "daily_progress").state == "25"
    assert [e.data["step"] for e in steps] == [1, 2]
    assert (
        completed[0].data["breaks_today"] == 1
        and completed[0].data["daily_target"] == 4
    )

    await advance(hass, freezer, minutes=10)  # natural break
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=6)
    assert state(hass, "sensor", "status").state == "away"
    assert state(hass, "binary_sensor", "occupied").state == "off"
    assert state(hass, "sensor", "sitting_time").state == "0"
    assert state(hass, "sensor", "breaks_today").state == "1"
    today = int(state(hass, "sensor", "sitting_today").state)
    assert today >= 120

    freezer.move_to("2026-11-23 19:00:00+01:00")
    await set_presence(hass, True)
    assert state(hass, "sensor", "status").state == "off_hours"
    await advance(hass, freezer, hours=1)
    assert state(hass, "binary_sensor", "break_due").state == "off"
    await set_presence(hass, False)

    await advance(hass, freezer, hours=5)  # past midnight
    assert state(hass, "sensor", "breaks_today").state == "0"
    assert state(hass, "sensor", "sitting_today").state == "0"
    assert state(hass, "sensor", "daily_progress").state == "0"
    assert state(hass, "sensor", "streak").state == "0"


async def test_streak_counts_met_days(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Four finished breaks meet the target: progress 100 and the streak grows."""
    await advance(hass, freezer, minutes=30)
    await set_presence(hass, True)
    for _ in range(4):
        await act(hass, profile.entry_id, "start_break")
        await act(hass, profile.entry_id, "finish_break")
    assert state(hass, "sensor", "daily_progress").state == "100"
    assert state(hass, "sensor", "streak").state == "1"
    status = await act(hass, profile.entry_id, "get_status")
    assert (
        status["breaks_today"] == 4
        and status["streak"] == 1
        and status["daily_target"] == 4
    )
    await advance(hass, freezer, days=1)
    assert state(hass, "sensor", "streak").state == "1"
    await advance(hass, freezer, days=1)  # Tuesday was missed
    assert state(hass, "sensor", "streak").state == "0"


async def test_pause_switch_and_stop(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Reminders switch, timed pause, safety stop and resume."""
    entry_id = profile.entry_id
    stopped = async_capture_events(hass, f"{DOMAIN}_routine_stopped")
    await advance(hass, freezer, minutes=15)  # 09:05
    await set_presence(hass, True)
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.desk_reminders"}, blocking=True
    )
    assert state(hass, "sensor", "status").state == "paused"
    await advance(hass, freezer, minutes=50)
    assert state(hass, "binary_sensor", "break_due").state == "off"
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.desk_reminders"}, blocking=True
    )
    await hass.async_block_till_done()
    assert state(hass, "sensor", "status").state == "break_due"

    await act(hass, entry_id, "pause", minutes=30)
    assert state(hass, "sensor", "status").state == "paused"
    assert state(hass, "sensor", "status").attributes["paused_until"] is not None
    await advance(hass, freezer, minutes=30)
    assert state(hass, "sensor", "status").state == "break_due"

    await act(hass, entry_id, "start_break")
    await act(hass, entry_id, "stop_routine")
    assert state(hass, "sensor", "status").state == "resting"
    assert (
        stopped[0].data["reason"] == "unwell" and "doctor" in stopped[0].data["message"]
    )
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry_id, "start_break")
    assert err.value.translation_key == "resting"
    await advance(hass, freezer, hours=2)
    assert state(hass, "sensor", "status").state == "resting"
    await act(hass, entry_id, "resume")
    assert state(hass, "sensor", "status").state == "break_due"


async def test_buttons_select_number(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Buttons run actions; select and numbers store options without losing progress."""
    await advance(hass, freezer, minutes=15)
    await set_presence(hass, True)
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.desk_start_break"}, blocking=True
    )
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.desk_finish_break"}, blocking=True
    )
    assert state(hass, "sensor", "breaks_today").state == "1"
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.desk_program", "option": "neck_lying"},
        blocking=True,
    )
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": "number.desk_daily_target", "value": 2},
        blocking=True,
    )
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": "number.desk_sit_minutes", "value": 30},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert profile.options["program"] == "neck_lying"
    assert profile.options["daily_target"] == 2
    assert state(hass, "select", "program").state == "neck_lying"
    assert state(hass, "number", "daily_target").state == "2.0"
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert state(hass, "sensor", "daily_progress").state == "50"
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.desk_start_break"}, blocking=True
    )
    exercise = state(hass, "sensor", "current_exercise")
    assert exercise.attributes["program"] == "neck_lying"
    assert exercise.attributes["seconds_left"] == 60
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "button", "press", {"entity_id": "button.desk_skip_break"}, blocking=True
        )
    assert state(hass, "event", "break").attributes["event_type"] == "exercise_started"
    await advance(hass, freezer, minutes=1)
    assert state(hass, "sensor", "current_exercise").attributes["step"] == 2
