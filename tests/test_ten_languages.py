"""Spanish, French, Italian, Dutch, Polish, Portuguese and Ukrainian, end to end.

For each language a profile on a Home Assistant in that language: the due break
is announced in it, a break is started, moved on and finished by voice through
the stock Assist agent, and each reply and the entities come in that language.
German, Russian and English have their own tests (test_german.py,
test_languages.py, test_intent.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
import yaml

from custom_components.desk_break_coach.const import CONF_LANGUAGE, DOMAIN, LANGUAGES
from custom_components.desk_break_coach.voice.language import async_load_voices

from .assist_helpers import async_say, async_start_day, profile
from .helpers import advance, set_presence

PACKAGE = Path(__file__).parents[1] / "custom_components" / "desk_break_coach"
#: The languages this file is about.
NEW = ["es", "fr", "it", "nl", "pl", "pt", "uk"]
#: What a person says, per language: start, next exercise, done, how long sitting,
#: snooze ten minutes.
SAY: dict[str, dict[str, str]] = {
    "es": {
        "start": "Empieza mis ejercicios del cuello",
        "next": "Siguiente ejercicio",
        "finish": "He terminado",
        "status": "¿Cuánto tiempo llevo sentada?",
        "snooze": "Pospón el descanso diez minutos",
    },
    "fr": {
        "start": "Lance la pause pour la nuque",
        "next": "Exercice suivant",
        "finish": "J'ai fini",
        "status": "Depuis combien de temps je suis assise ?",
        "snooze": "Reporte la pause de dix minutes",
    },
    "it": {
        "start": "Inizia la pausa per il collo",
        "next": "Prossimo esercizio",
        "finish": "Ho finito",
        "status": "Da quanto tempo sono seduta?",
        "snooze": "Rimanda la pausa di dieci minuti",
    },
    "nl": {
        "start": "Start mijn nekpauze",
        "next": "Volgende oefening",
        "finish": "Ik ben klaar",
        "status": "Hoe lang zit ik al?",
        "snooze": "Stel de pauze tien minuten uit",
    },
    "pl": {
        "start": "Zacznij przerwę na szyję",
        "next": "Następne ćwiczenie",
        "finish": "Skończyłam",
        "status": "Jak długo już siedzę?",
        "snooze": "Odłóż przerwę o dziesięć minut",
    },
    "pt": {
        "start": "Começa a pausa para o pescoço",
        "next": "Próximo exercício",
        "finish": "Já terminei",
        "status": "Há quanto tempo estou sentada?",
        "snooze": "Adia a pausa dez minutos",
    },
    "uk": {
        "start": "Почни розминку для шиї",
        "next": "Наступна вправа",
        "finish": "Я закінчила",
        "status": "Скільки я вже сиджу?",
        "snooze": "Відклади перерву на десять хвилин",
    },
}


#: "Ten minutes" and "seven", said in each language.
NUMBERS: dict[str, tuple[str, str]] = {
    "es": ("diez minutos", "siete"),
    "fr": ("dix minutes", "sept"),
    "it": ("dieci minuti", "sette"),
    "nl": ("tien minuten", "zeven"),
    "pl": ("dziesięć minut", "siedem"),
    "pt": ("dez minutos", "sete"),
    "uk": ("десять хвилин", "сім"),
}


def voice(language: str) -> dict[str, Any]:
    """Return a language's voice data as shipped."""
    data: dict[str, Any] = yaml.safe_load(
        (PACKAGE / "sentences" / f"{language}.yaml").read_text(encoding="utf-8")
    )
    return data


def exercises(language: str) -> list[dict[str, Any]]:
    """Return the default program's steps in a language's catalogue."""
    data = json.loads(
        (PACKAGE / "routines" / f"{language}.json").read_text(encoding="utf-8")
    )
    steps: list[dict[str, Any]] = data["programs"]["neck_sitting"]["steps"]
    return steps


def program_name(language: str) -> str:
    """Return the default program's name in a language."""
    data = json.loads(
        (PACKAGE / "routines" / f"{language}.json").read_text(encoding="utf-8")
    )
    return str(data["programs"]["neck_sitting"]["name"])


def test_every_new_language_is_shipped() -> None:
    """The seven are shipped, and this file says something in each."""
    assert set(NEW) < set(LANGUAGES)
    assert set(SAY) == set(NEW) == set(NUMBERS)


async def test_assist_takes_every_shipped_language(hass: HomeAssistant) -> None:
    """Home Assistant's own agent serves each language our sentences are in."""
    await async_start_day_without_profiles(hass)
    agent = conversation.async_get_agent(hass)
    assert agent is not None
    for language in LANGUAGES:
        assert language in agent.supported_languages, language
    voices = await async_load_voices(hass)
    assert set(voices) == set(LANGUAGES)
    # Number words are understood ("ten minutes", "seven"), not only digits.
    for language, (minutes, level) in NUMBERS.items():
        assert voices[language].minutes(minutes) == 10, language
        assert voices[language].level(level) == 7, language
        assert voices[language].level("11") is None, language
    # Portuguese as said in Portugal, and in Brazil.
    assert voices["pt"].minutes("dezasseis minutos") == 16
    assert voices["pt"].minutes("dezesseis minutos") == 16


async def async_start_day_without_profiles(hass: HomeAssistant) -> None:
    """Set up Home Assistant's conversation agent alone."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


def entity_state(hass: HomeAssistant, entry_id: str, platform: str, key: str) -> str:
    """Return one of the profile's entity states (its id is in the language)."""
    entity_id = er.async_get(hass).async_get_entity_id(
        platform, DOMAIN, f"{entry_id}_{key}"
    )
    assert entity_id is not None, key
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


@pytest.mark.parametrize("language", NEW)
async def test_a_break_in_each_language(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, language: str
) -> None:
    """Due, snoozed, started, moved on, finished and asked about, all in one language."""
    data, say, steps = voice(language), SAY[language], exercises(language)
    messages = data["messages"]
    desk = profile("Desk", **{CONF_LANGUAGE: language})
    await async_start_day(hass, freezer, desk, language=language)
    due = async_capture_events(hass, f"{DOMAIN}_break_due")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await hass.async_block_till_done(wait_background_tasks=True)
    words = (await async_load_voices(hass))[language].words
    assert due[0].data["message"] == words.fill(
        messages["break_due"], {"sitting_minutes": 45}
    )
    assert entity_state(hass, desk.entry_id, "sensor", "status") == "break_due"

    reply = await async_say(hass, say["snooze"], language=language)
    assert reply == words.fill(messages["break_snoozed"], {"minutes": 10})
    assert entity_state(hass, desk.entry_id, "sensor", "status") == "snoozed"
    await advance(hass, freezer, minutes=10)

    reply = await async_say(hass, say["start"], language=language)
    started = words.fill(
        messages["break_started"],
        {"program_name": program_name(language), "steps_total": 2},
    )
    assert reply.startswith(started), reply
    assert steps[0]["name"] in reply
    assert (
        entity_state(hass, desk.entry_id, "sensor", "current_exercise")
        == (steps[0]["name"])
    )

    reply = await async_say(hass, say["next"], language=language)
    assert reply == words.fill(
        messages["exercise_started"],
        {
            "step": 2,
            "steps_total": 2,
            "exercise": steps[1]["name"],
            "cue": steps[1]["cue"],
            "reps": 10,
        },
    )
    reply = await async_say(hass, say["finish"], language=language)
    assert reply == words.fill(
        messages["break_completed"], {"breaks_today": 1, "daily_target": 4}
    )
    assert words.breaks(1, 4) in reply
    assert entity_state(hass, desk.entry_id, "sensor", "breaks_today") == "1"

    await advance(hass, freezer, minutes=20)
    reply = await async_say(hass, say["status"], language=language)
    sitting = data["replies"]["status"]["sitting"]
    assert reply.startswith(sitting.split("{")[0]), reply
    assert words.minutes(20) in reply


@pytest.mark.parametrize("language", NEW)
async def test_a_refusal_comes_in_the_language(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, language: str
) -> None:
    """Nothing is due: the refusal is the translated error, not English."""
    desk = profile("Desk", **{CONF_LANGUAGE: language})
    await async_start_day(hass, freezer, desk, language=language)
    await set_presence(hass, True)
    reply = await async_say(hass, SAY[language]["next"], language=language)
    translations = json.loads(
        (PACKAGE / "translations" / f"{language}.json").read_text(encoding="utf-8")
    )
    assert reply == translations["exceptions"]["no_break"]["message"]
