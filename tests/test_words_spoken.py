"""Counts that agree, through the real integration and the stock Assist agent."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.desk_break_coach.const import DOMAIN

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, set_presence
from .test_routines import STRETCH_ROUTINE, with_routines


@pytest.mark.parametrize(
    ("language", "said", "reply"),
    [
        ("en", "snooze the break for 1 minute", "Break snoozed for 1 minute."),
        ("en", "snooze the break for 21 minutes", "Break snoozed for 21 minutes."),
        ("ru", "отложи перерыв на 1 минуту", "Перерыв отложен на 1 минуту."),
        ("ru", "отложи перерыв на 2 минуты", "Перерыв отложен на 2 минуты."),
        ("ru", "отложи перерыв на 5 минут", "Перерыв отложен на 5 минут."),
        ("ru", "отложи перерыв на 21 минуту", "Перерыв отложен на 21 минуту."),
        ("de", "verschiebe die Pause um 1 Minute", "Pause um 1 Minute verschoben."),
        ("de", "verschiebe die Pause um 2 Minuten", "Pause um 2 Minuten verschoben."),
    ],
)
async def test_a_snooze_says_its_minutes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    language: str,
    said: str,
    reply: str,
) -> None:
    """The reply and the event's message (sent to phones) agree with the number."""
    await async_start_day(hass, freezer, profile("Desk"), language=language)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    snoozed = async_capture_events(hass, f"{DOMAIN}_break_snoozed")
    assert await async_say(hass, said, language=language) == reply
    assert snoozed[0].data["message"] == reply


async def test_past_the_target_the_coach_says_it_is_met(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """One break a day as the target: after two, "2 breaks today; target met"."""
    desk = profile("Desk", daily_target=1)
    await async_start_day(hass, freezer, desk)
    await set_presence(hass, True)
    completed = async_capture_events(hass, f"{DOMAIN}_break_completed")
    for _ in range(2):
        await act(hass, desk.entry_id, "start_break")
        await act(hass, desk.entry_id, "finish_break")
        await advance(hass, freezer, minutes=1)
    assert [event.data["message"] for event in completed] == [
        "Well done. 1 break today; target met.",
        "Well done. 2 breaks today; target met.",
    ]
    reply = await async_say(hass, "how many breaks have I done today")
    assert "2 breaks today; target met." in reply
    assert " of 1" not in reply


async def test_the_status_in_russian_is_a_sentence(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """«Вы сидите уже 21 минуту», never «Минут без перерыва: 21»."""
    await async_start_day(hass, freezer, profile("Desk"), language="ru")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=21)
    reply = await async_say(hass, "сколько я уже сижу", language="ru")
    assert reply.startswith(
        "Вы сидите уже 21 минуту. Сегодня сделано 0 из 4 перерывов."
    )


async def test_a_long_day_is_said_in_hours(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The daily limit after 2 hours: "2 Stunden", not "120 Minuten"."""
    await async_start_day(
        hass, freezer, profile("Desk", daily_limit_minutes=120), language="de"
    )
    limit = async_capture_events(hass, f"{DOMAIN}_daily_limit_reached")
    await set_presence(hass, True)
    for _ in range(4):
        await advance(hass, freezer, minutes=30)
        await set_presence(hass, False)
        await set_presence(hass, True)
    assert limit
    assert (
        limit[0]
        .data["message"]
        .startswith("Du warst heute schon 2 Stunden am Schreibtisch.")
    )


async def test_a_routine_of_ones_own_says_its_counts(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """It says "1 exercise", and no double space where an exercise has no text."""
    desk = with_routines(profile("Desk", daily_target=2), STRETCH_ROUTINE)
    await async_start_day(hass, freezer, desk)
    await set_presence(hass, True)
    assert (await async_say(hass, "Start my morning stretch")).startswith(
        "Starting Morning stretch: 2 exercises."
    )
    assert await async_say(hass, "next exercise") == (
        "Exercise 2 of 2: Calf raises. 20 times."
    )
    await async_say(hass, "I'm done")
    await advance(hass, freezer, minutes=1)
    reply = await async_say(hass, "Start my morning stretch")
    assert reply.startswith("Starting Morning stretch: 1 exercise. ")
    assert "  " not in reply
