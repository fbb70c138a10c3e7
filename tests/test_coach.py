"""A simulated workday, story by story, on a real Home Assistant with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.desk_break_coach.const import CONF_DND_ENTITIES, DOMAIN

from .helpers import act, advance, set_presence, state

MONDAY_0850 = "2026-11-23 08:50:00+01:00"

#: Monday 08:50, nobody at the desk, a meeting boolean as DND.
pytestmark = pytest.mark.profile(
    at=MONDAY_0850,
    present=False,
    booleans=("desk", "meeting"),
    options={CONF_DND_ENTITIES: ["input_boolean.meeting"]},
)


def utc(local_time: str) -> str:
    """Return how sensors show a Berlin time (UTC+1 in November) of that Monday."""
    moment = datetime.fromisoformat(f"2026-11-23 {local_time}+01:00")
    return moment.astimezone(UTC).isoformat()


async def arrive(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Sit down at 08:55, five minutes before working hours."""
    await advance(hass, freezer, minutes=5)
    await set_presence(hass, True)


async def sit_until_due(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Arrive at 08:55 and sit on until the break falls due, at 09:40."""
    await arrive(hass, freezer)
    await advance(hass, freezer, minutes=45)


async def set_meeting(hass: HomeAssistant, on: bool) -> None:
    """Start or end the meeting (the profile's do-not-disturb entity)."""
    await set_presence(hass, on, "input_boolean.meeting")


async def test_arriving_early_counts_sitting_but_reminds_no_one(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Arriving before work hours: off hours until 09:00, but sitting counts from arrival."""
    assert state(hass, "sensor", "status").state == "away"
    assert state(hass, "sensor", "next_break").state == "unknown"

    await arrive(hass, freezer)  # 08:55
    assert state(hass, "sensor", "status").state == "off_hours"
    assert state(hass, "binary_sensor", "occupied").state == "on"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == utc("08:55")
    assert state(hass, "sensor", "next_break").state == utc("09:40")

    await advance(hass, freezer, minutes=5)  # 09:00
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == utc("08:55")


async def test_short_absence_keeps_the_sitting_timer(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Leaving for three minutes (under the five-minute limit) does not reset the sitting timer."""
    await arrive(hass, freezer)
    await advance(hass, freezer, minutes=25)  # 09:20
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=3)
    assert state(hass, "binary_sensor", "occupied").state == "on"
    await set_presence(hass, True)  # 09:23
    assert state(hass, "binary_sensor", "occupied").state == "on"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == utc("08:55")
    assert state(hass, "sensor", "next_break").state == utc("09:40")


async def test_break_falls_due_after_45_minutes_and_snoozes_three_times(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """A break falls due after 45 minutes and can be snoozed up to three times."""
    due_events = async_capture_events(hass, f"{DOMAIN}_break_due")
    await arrive(hass, freezer)
    await advance(hass, freezer, minutes=44)  # 09:39
    assert state(hass, "binary_sensor", "break_due").state == "off"
    assert due_events == []

    await advance(hass, freezer, minutes=1)  # 09:40 = 08:55 + 45
    assert state(hass, "binary_sensor", "break_due").state == "on"
    assert state(hass, "sensor", "status").state == "break_due"
    assert state(hass, "sensor", "sitting_time").state == "45"
    assert len(due_events) == 1
    assert due_events[0].data["config_entry_id"] == profile.entry_id
    assert due_events[0].data["name"] == "Desk"
    assert due_events[0].data["sitting_minutes"] == 45
    assert "45 minutes" in due_events[0].data["message"]

    for left in (2, 1, 0):
        await act(hass, profile.entry_id, "snooze")
        assert state(hass, "sensor", "status").state == "snoozed"
        assert state(hass, "sensor", "status").attributes["snoozes_left"] == left
        await advance(hass, freezer, minutes=10)
        assert state(hass, "sensor", "status").state == "break_due"
    assert [event.data["sitting_minutes"] for event in due_events] == [45, 55, 65, 75]

    with pytest.raises(ServiceValidationError) as err:
        await act(hass, profile.entry_id, "snooze")
    assert err.value.translation_key == "snooze_limit"
    assert state(hass, "sensor", "status").state == "break_due"


async def test_skipping_a_due_break_restarts_the_timer_without_counting_it(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Skipping a due break starts the sitting timer again but is not a break taken."""
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "skip_break")  # 09:40
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "sitting_time").state == "0"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == utc("09:40")
    assert state(hass, "sensor", "next_break").state == utc("10:25")
    assert state(hass, "sensor", "breaks_today").state == "0"


async def test_meeting_holds_a_due_reminder_until_it_ends(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """A meeting (do not disturb) holds a due reminder until it ends."""
    due_events = async_capture_events(hass, f"{DOMAIN}_break_due")
    await arrive(hass, freezer)
    await set_meeting(hass, True)
    await advance(hass, freezer, minutes=50)  # 09:45; the break was due at 09:40
    assert state(hass, "sensor", "status").state == "sitting"
    assert due_events == []

    await set_meeting(hass, False)
    assert state(hass, "sensor", "status").state == "break_due"
    assert len(due_events) == 1
    assert due_events[0].data["sitting_minutes"] == 50


async def test_guided_break_walks_through_its_steps_and_counts_when_done(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """The guided break shows one timed step after another and counts when done."""
    steps = async_capture_events(hass, f"{DOMAIN}_exercise_started")
    completed = async_capture_events(hass, f"{DOMAIN}_break_completed")
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "start_break")  # 09:40
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

    await advance(hass, freezer, seconds=120)  # 09:44
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "current_exercise").state == "unknown"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == utc("09:44")
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert state(hass, "sensor", "daily_progress").state == "25"
    assert [event.data["step"] for event in steps] == [1, 2]
    assert [
        (event.data["breaks_today"], event.data["daily_target"]) for event in completed
    ] == [(1, 4)]


async def test_long_absence_is_a_natural_break(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Five minutes away end the sitting; it is not counted as an exercise break."""
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "finish_break")  # 09:40, the day's first break
    await advance(hass, freezer, minutes=10)
    await set_presence(hass, False)  # 09:50
    await advance(hass, freezer, minutes=6)
    assert state(hass, "sensor", "status").state == "away"
    assert state(hass, "binary_sensor", "occupied").state == "off"
    assert state(hass, "sensor", "sitting_time").state == "0"
    assert state(hass, "sensor", "breaks_today").state == "1"
    # At the desk from 08:55 until leaving at 09:50; the absence does not count.
    assert state(hass, "sensor", "sitting_today").state == "55"


async def test_evening_is_off_hours(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """After work hours an hour at the desk brings no reminder."""
    due_events = async_capture_events(hass, f"{DOMAIN}_break_due")
    freezer.move_to("2026-11-23 19:00:00+01:00")
    await set_presence(hass, True)
    assert state(hass, "sensor", "status").state == "off_hours"

    await advance(hass, freezer, hours=1)
    assert state(hass, "sensor", "status").state == "off_hours"
    assert state(hass, "binary_sensor", "break_due").state == "off"
    assert due_events == []


async def test_midnight_starts_a_new_day_and_judges_the_streak(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Midnight sets today's counts to zero; one break of four misses the target, no streak."""
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "finish_break")  # 09:40
    await advance(hass, freezer, minutes=20)
    await set_presence(hass, False)  # 10:00
    await advance(hass, freezer, hours=13, minutes=59)  # 23:59
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert state(hass, "sensor", "sitting_today").state == "65"
    assert state(hass, "sensor", "daily_progress").state == "25"

    await advance(hass, freezer, minutes=2)  # 00:01 on Tuesday
    assert state(hass, "sensor", "breaks_today").state == "0"
    assert state(hass, "sensor", "sitting_today").state == "0"
    assert state(hass, "sensor", "daily_progress").state == "0"
    # Zero before midnight too: a streak that grows and breaks is test_streak_counts_met_days.
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
