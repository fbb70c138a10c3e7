"""Voice commands through Assist with the shipped sentences, and the intents directly."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    intent,
)
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.desk_break_coach.const import CONF_SIT_MINUTES, DOMAIN
from custom_components.desk_break_coach.voice.language import async_load_voices

from .assist_helpers import async_say, async_start_day, profile
from .helpers import advance, set_presence, state


@pytest.fixture(name="desk")
async def desk_fixture(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """One profile "Desk", sitting since 09:00, a break due at 09:45."""
    await async_start_day(hass, freezer, profile("Desk"))
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    assert state(hass, "sensor", "status").state == "break_due"


@pytest.mark.usefixtures("desk")
async def test_guided_break_by_voice(hass: HomeAssistant) -> None:
    """Start, next, done: each reply says what happened; refusals change nothing."""
    reply = await async_say(hass, "Start my neck break")
    assert reply.startswith("Starting Gentle seated neck routine: 2 exercises.")
    assert "Exercise 1 of 2: Chin tucks." in reply
    assert state(hass, "sensor", "status").state == "on_break"

    reply = await async_say(hass, "next exercise")
    assert reply == (
        "Exercise 2 of 2: Side tilts. Tilt your ear towards one shoulder, "
        "then the other. 10 times."
    )
    assert state(hass, "sensor", "current_exercise").attributes["step"] == 2

    assert await async_say(hass, "I'm done") == "Well done. 1 of 4 breaks done today."
    assert state(hass, "sensor", "breaks_today").state == "1"

    assert await async_say(hass, "next exercise") == "No break is in progress."
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "breaks_today").state == "1"


@pytest.mark.usefixtures("desk")
async def test_snooze_and_skip_by_voice(hass: HomeAssistant) -> None:
    """Minutes in digits or words; one snooze per sentence; skip restarts sitting."""
    snoozed = async_capture_events(hass, f"{DOMAIN}_break_snoozed")
    reply = await async_say(hass, "snooze the break for fifteen minutes")
    assert reply == "Break snoozed for 15 minutes."
    assert len(snoozed) == 1
    assert snoozed[0].data["minutes"] == 15
    assert state(hass, "sensor", "status").attributes["snoozes_left"] == 2

    assert await async_say(hass, "postpone my break 20 minutes") == (
        "Break snoozed for 20 minutes."
    )
    assert await async_say(hass, "remind me later") == "Break snoozed for 10 minutes."
    assert len(snoozed) == 3
    assert await async_say(hass, "snooze the break") == (
        "This break cannot be snoozed again; start it or skip it."
    )
    assert await async_say(hass, "snooze the break for many minutes") == (
        "Sorry, I did not catch how many minutes."
    )
    assert len(snoozed) == 3

    reply = await async_say(hass, "skip the break")
    assert reply == "Break skipped. The sitting timer starts again."
    assert state(hass, "sensor", "status").state == "sitting"
    assert await async_say(hass, "skip the break") == "No break is due right now."


async def test_status_by_voice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """How long have I been sitting / how many breaks today."""
    await async_start_day(hass, freezer, profile("Desk", **{CONF_SIT_MINUTES: 60}))
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=52)
    expected = (
        "You have been sitting for 52 minutes. 0 of 4 breaks done today. "
        "The next break is at 10:00."
    )
    assert await async_say(hass, "how long have I been sitting") == expected
    assert await async_say(hass, "How many breaks today?") == expected
    await advance(hass, freezer, minutes=8)
    assert await async_say(hass, "what is my break status") == (
        "You have been sitting for 1 hour, and a break is due. "
        "0 of 4 breaks done today."
    )
    await async_say(hass, "start the break")
    assert await async_say(hass, "how many breaks have I done today") == (
        "You are on a break: exercise 1 of 2, Chin tucks. 0 of 4 breaks done today."
    )


@pytest.mark.usefixtures("desk")
async def test_stop_and_resume_by_voice(hass: HomeAssistant) -> None:
    """Pain stops the exercises at once; resuming turns reminders back on."""
    stopped = async_capture_events(hass, f"{DOMAIN}_routine_stopped")
    await async_say(hass, "start my break")
    reply = await async_say(hass, "my neck hurts")
    assert "talk to your doctor" in reply
    assert [event.data["reason"] for event in stopped] == ["unwell"]
    assert state(hass, "sensor", "status").state == "resting"
    assert await async_say(hass, "start my break") == (
        "Exercises are stopped for rest; resume first when you feel better."
    )
    assert await async_say(hass, "resume the exercises") == (
        "Break reminders are back on. You have been sitting for 45 minutes. "
        "Time for a short neck break."
    )
    assert state(hass, "sensor", "status").state != "resting"
    await async_say(hass, "start my break")
    reply = await async_say(hass, "stop the exercises")
    assert [event.data["reason"] for event in stopped] == ["unwell", "other"]
    # the phrase the reply suggests is one Assist understands
    suggested = reply.split('"')[1]
    assert suggested == "resume the exercises"
    assert (await async_say(hass, suggested)).startswith("Break reminders are back on.")
    assert state(hass, "sensor", "status").state != "resting"


@pytest.mark.usefixtures("desk")
async def test_intent_handle_directly(hass: HomeAssistant) -> None:
    """The intents work without sentences, e.g. from scripts or other agents."""
    response = await intent.async_handle(
        hass, "test", "DeskBreakSnooze", {"minutes": {"value": 20}}
    )
    assert response.speech["plain"]["speech"] == "Break snoozed for 20 minutes."
    assert response.speech_slots["profile"] == "Desk"
    assert response.speech_slots["status"] == "snoozed"
    # Out of range: the command's own check, said as a sentence.
    with pytest.raises(intent.IntentHandleError, match="from 1 to 120"):
        await intent.async_handle(
            hass, "test", "DeskBreakSnooze", {"minutes": {"value": 500}}
        )
    with pytest.raises(intent.InvalidSlotInfo):
        await intent.async_handle(
            hass, "test", "DeskBreakSnooze", {"minutes": {"value": "many"}}
        )
    with pytest.raises(intent.IntentHandleError, match="called Nobody"):
        await intent.async_handle(
            hass, "test", "DeskBreakSkip", {"profile": {"value": "Nobody"}}
        )
    assert state(hass, "sensor", "status").attributes["snoozes_left"] == 2
    response = await intent.async_handle(hass, "test", "DeskBreakStatus")
    assert response.speech_slots["next_break"] is not None
    assert response.speech_slots["config_entry_id"]


async def test_no_profile(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """With every profile unloaded, Assist says so."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry)
    await hass.config_entries.async_unload(entry.entry_id)
    assert await async_say(hass, "start my neck break") == (
        "No Desk Break Coach profile is set up."
    )


async def test_several_profiles(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The satellite's area, a name, the only one in use; otherwise Assist asks."""
    entities = er.async_get(hass)
    areas = ar.async_get(hass)
    office = areas.async_create("Office")
    kitchen = areas.async_create("Kitchen")
    for object_id, area in (("anna", office), ("boris", kitchen)):
        entities.async_get_or_create(
            "binary_sensor", "test", object_id, suggested_object_id=object_id
        )
        entities.async_update_entity(f"binary_sensor.{object_id}", area_id=area.id)
        hass.states.async_set(f"binary_sensor.{object_id}", "on")
    satellite = entities.async_get_or_create(
        "assist_satellite", "test", "sat", suggested_object_id="office"
    )
    entities.async_update_entity(satellite.entity_id, area_id=office.id)
    anna = profile("Anna", "binary_sensor.anna")
    boris = profile("Boris", "binary_sensor.boris")
    await async_start_day(hass, freezer, anna, boris)
    await advance(hass, freezer, minutes=45)
    assert hass.states.get("sensor.anna_status").state == "break_due"
    assert hass.states.get("sensor.boris_status").state == "break_due"

    reply = await async_say(hass, "snooze my break", satellite_id=satellite.entity_id)
    assert reply == "Anna: Break snoozed for 10 minutes."
    assert hass.states.get("sensor.anna_status").state == "snoozed"
    assert hass.states.get("sensor.boris_status").state == "break_due"

    reply = await async_say(hass, "start my neck break")
    assert reply == (
        "Boris: Starting Gentle seated neck routine: 2 exercises. Move gently, and "
        "stop if anything hurts. Exercise 1 of 2: Chin tucks. Slide your chin "
        "straight back, hold a moment, release. 10 times."
    )
    assert await async_say(hass, "how long have I been sitting") == (
        "Which desk profile do you mean: Anna, Boris? Add the name, for example: "
        "start my neck break for Anna."
    )
    assert await async_say(hass, "I'm done") == (
        "Boris: Well done. 1 of 4 breaks done today."
    )

    reply = await async_say(hass, "skip the break for Anna")
    assert reply == "Break skipped. The sitting timer starts again."
    assert hass.states.get("sensor.anna_status").state == "sitting"
    assert await async_say(hass, "start my neck break for Charlie") == (
        "There is no desk profile called Charlie. The profiles are: Anna, Boris."
    )

    hass.states.async_set("binary_sensor.boris", "off")
    await advance(hass, freezer, minutes=6)
    assert hass.states.get("sensor.boris_status").state == "away"
    assert await async_say(hass, "how long have I been sitting") == (
        "Anna: You have been sitting for 6 minutes. 0 of 4 breaks done today. "
        "The next break is at 10:30."
    )
    # Asked about by name, the answer names the profile.
    assert await async_say(hass, "how long has Boris been sitting") == (
        "Boris is away from the desk. 1 of Boris's 4 breaks done today."
    )

    # The profile's own device in the satellite's area counts as well.
    devices = dr.async_get(hass)
    device = devices.async_get_device_by_identifier(
        (DOMAIN, boris.entry_id), boris.entry_id
    )
    assert device is not None
    devices.async_update_device(device.id, area_id=kitchen.id)
    kitchen_satellite = entities.async_get_or_create(
        "assist_satellite", "test", "sat2", suggested_object_id="kitchen"
    )
    entities.async_update_entity(kitchen_satellite.entity_id, area_id=kitchen.id)
    assert await async_say(
        hass, "how long have I been sitting", satellite_id=kitchen_satellite.entity_id
    ) == ("Boris: You are away from your desk. 1 of 4 breaks done today.")

    # A voice device without a satellite entity (e.g. a phone's Assist) works alike.
    other = MockConfigEntry(domain="test")
    other.add_to_hass(hass)
    phone = devices.async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("test", "phone")}, name="Phone"
    )
    devices.async_update_device(phone.id, area_id=kitchen.id)
    assert (
        await async_say(hass, "how long have I been sitting", device_id=phone.id)
    ).startswith("Boris: ")


async def test_russian(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """The Russian sentences, replies and profile names with inflected endings."""
    anna = profile("Анна", "input_boolean.anna")
    boris = profile("Борис", "input_boolean.boris")
    await async_start_day(hass, freezer, anna, boris, language="ru")
    await set_presence(hass, True, "input_boolean.anna")
    await set_presence(hass, True, "input_boolean.boris")
    await advance(hass, freezer, minutes=45)

    reply = await async_say(hass, "Отложи перерыв на десять минут", language="ru")
    assert reply.startswith("Какой профиль вы имеете в виду: Анна, Борис?")
    reply = await async_say(hass, "отложи перерыв для Анны", language="ru")
    assert reply == "Перерыв отложен на 10 минут."
    assert hass.states.get("sensor.anna_status").state == "snoozed"
    reply = await async_say(hass, "отложи перерыв на 5 минут", language="ru")
    assert reply == "Борис: Перерыв отложен на 5 минут."

    await advance(hass, freezer, minutes=5)
    reply = await async_say(hass, "начни разминку для Бориса", language="ru")
    assert reply.startswith("Начинаем «Мягкая гимнастика для шеи сидя»: 2 упражнения.")
    reply = await async_say(hass, "следующее упражнение", language="ru")
    assert reply.startswith("Борис: Упражнение 2 из 2:")
    reply = await async_say(hass, "я закончила", language="ru")
    assert reply == "Борис: Отлично. Сегодня сделано 1 из 4 перерывов."
    reply = await async_say(hass, "сколько сидит Анна", language="ru")
    assert reply.startswith("Анна сидит уже 50 минут. Перерыв отложен до 09:55.")
    reply = await async_say(hass, "мне больно", language="ru")
    assert reply.startswith("Какой профиль")


async def test_spoken_minutes(hass: HomeAssistant) -> None:
    """Minutes in digits or words, in both languages, within the snooze range."""
    voices = await async_load_voices(hass)
    english, russian = voices["en"], voices["ru"]
    assert english.minutes("fifteen") == 15
    assert english.minutes("Twenty-five minutes") == 25
    assert english.minutes("15 min") == 15
    assert english.minutes("many") is None
    assert english.minutes("5000") is None  # longer than a day's pause
    assert english.minutes("half an hour") == 30
    assert english.minutes("about an hour") == 60
    assert english.minutes("2 hours") == 120
    assert english.level("like a 6") == 6
    assert english.level("Anna") is None
    assert russian.minutes("полчаса") == 30
    assert russian.minutes("два часа") == 120
    assert russian.minutes("час") == 60
    assert russian.minutes("десять минут") == 10
    assert russian.minutes("пятнадцать") == 15
    assert russian.minutes("одну минуту") == 1
    assert russian.minutes("5 минут") == 5
    assert english.without_after_words("10 minutes please") == "10 minutes"
    assert english.without_after_words("Anna right now") == "anna"
    assert english.without_after_words("Anna") == "Anna"
    assert russian.without_after_words("полчаса пожалуйста") == "полчаса"
    assert english.ends_with_minutes("ten minutes")
    assert not english.ends_with_minutes("Anna")
