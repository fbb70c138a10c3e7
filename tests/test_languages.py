"""Each person in their own language: the profile's, and the one a sentence is said in."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.desk_break_coach.const import (
    CONF_ANNOUNCE_TARGETS,
    CONF_LANGUAGE,
    DOMAIN,
)

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, set_presence, state
from .test_announce import Targets

RU_DUE = "Вы сидите уже 45 минут. Пора сделать короткую разминку для шеи."


async def _exercise(hass: HomeAssistant) -> tuple[str, dict[str, Any]]:
    found = state(hass, "sensor", "current_exercise")
    return found.state, dict(found.attributes)


async def test_a_russian_profile_on_an_english_system(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Entity text, events and announcements come in Russian (logbook: test_logbook)."""
    targets = Targets(hass, {})
    entry = profile(
        "Desk", **{CONF_LANGUAGE: "ru", CONF_ANNOUNCE_TARGETS: ["notify.phone"]}
    )
    await async_start_day(hass, freezer, entry, language="en")
    due = async_capture_events(hass, f"{DOMAIN}_break_due")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert due[0].data["message"] == RU_DUE
    assert targets.heard("notify.phone") == [RU_DUE]
    await act(hass, entry.entry_id, "start_break")
    name, attrs = await _exercise(hass)
    assert name == "Втягивание подбородка"
    assert attrs["exercise_id"] == "chin_tuck"
    assert attrs["instructions"].startswith("Сядьте")


async def test_a_sentence_is_answered_in_its_own_language(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """An English profile asked in Russian answers in Russian, exercises too."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, language="en")
    await set_presence(hass, True)
    reply = await async_say(hass, "начни разминку", language="ru")
    assert reply.startswith("Начинаем «Мягкая гимнастика для шеи сидя»: 2 упражнения.")
    assert "Втягивание подбородка" in reply
    # The profile's own text stays English.
    name, _ = await _exercise(hass)
    assert name == "Chin tucks"
    reply = await async_say(hass, "what's my break status", language="en")
    assert "Chin tucks" in reply
    reply = await async_say(hass, "сколько я сижу", language="ru")
    assert "Втягивание подбородка" in reply


async def test_changing_the_language_mid_break_keeps_the_break(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The break goes on, same step and time, now in Russian."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, language="en", assist=False)
    await set_presence(hass, True)
    await act(hass, entry.entry_id, "start_break")
    await advance(hass, freezer, seconds=30)
    before = entry.runtime_data.engine.state.to_dict()
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_LANGUAGE: "ru"}
    )
    await hass.async_block_till_done()
    name, attrs = await _exercise(hass)
    assert name == "Втягивание подбородка"
    assert attrs["step"] == 1 and attrs["exercise_id"] == "chin_tuck"
    assert entry.runtime_data.engine.state.to_dict()["brk"] == before["brk"]
    steps = async_capture_events(hass, f"{DOMAIN}_exercise_started")
    await act(hass, entry.entry_id, "next_exercise")
    assert steps[0].data["message"].startswith("Упражнение 2 из 2")
