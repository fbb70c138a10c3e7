"""German: the sentences are understood, and the coach answers in German."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.voice.language import async_load_voices

from .assist_helpers import async_say, async_start_day, profile
from .helpers import advance, set_presence


def state(
    hass: HomeAssistant, entry: MockConfigEntry, platform: str, key: str
) -> State:
    """Return one of the profile's entities (their ids are German too)."""
    entity_id = er.async_get(hass).async_get_entity_id(
        platform, DOMAIN, f"{entry.entry_id}_{key}"
    )
    assert entity_id is not None, key
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found


async def say(hass: HomeAssistant, text: str) -> str:
    """Say a German sentence to Assist and return the reply."""
    return await async_say(hass, text, language="de")


async def test_guided_break_in_german(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Snooze, start, next, done, status and comfort, all said and answered in German."""
    desk = profile("Desk")
    await async_start_day(hass, freezer, desk, language="de")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    assert state(hass, desk, "sensor", "status").state == "break_due"

    snoozed = async_capture_events(hass, f"{DOMAIN}_break_snoozed")
    reply = await say(hass, "Verschiebe die Pause um zehn Minuten")
    assert reply == "Pause um 10 Minuten verschoben."
    assert snoozed[0].data["minutes"] == 10
    assert state(hass, desk, "sensor", "status").state == "snoozed"

    await advance(hass, freezer, minutes=10)
    reply = await say(hass, "Starte meine Nackenpause")
    assert reply.startswith("Es geht los: Sanftes Nackenprogramm im Sitzen, 2 Übungen.")
    assert "Übung 1 von 2: Kinn zurückschieben." in reply
    assert (
        state(hass, desk, "sensor", "current_exercise").state == "Kinn zurückschieben"
    )

    assert await say(hass, "Nächste Übung") == (
        "Übung 2 von 2: Kopf seitlich neigen. "
        "Neige den Kopf mit dem Ohr zu einer Schulter, dann zur anderen. "
        "Wiederhole das 10-mal."
    )
    assert await say(hass, "Ich bin fertig") == (
        "Gut gemacht. Heute hast du 1 von 4 Pausen geschafft."
    )
    assert state(hass, desk, "sensor", "breaks_today").state == "1"
    # A refusal comes from the German translations.
    assert await say(hass, "nächste Übung") == "Gerade läuft keine Pause."

    await advance(hass, freezer, minutes=20)
    reply = await say(hass, "Wie lange sitze ich schon?")
    assert reply.startswith("Du sitzt seit 20 Minuten. Heute hast du 1 von 4 Pausen")
    assert reply.endswith(" Uhr.")

    assert await say(hass, "Mein Nacken ist bei 7 von 10") == "Notiert: 7 von 10."
    assert state(hass, desk, "sensor", "comfort").state == "7"


async def test_stop_and_resume_in_german(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Saying it hurts stops the exercises for rest; resuming lifts the rest."""
    desk = profile("Desk")
    await async_start_day(hass, freezer, desk, language="de")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await say(hass, "starte die Pause")
    assert state(hass, desk, "sensor", "status").state == "on_break"

    reply = await say(hass, "Es tut weh")
    assert reply.startswith("Übungen gestoppt. Ruh dich jetzt aus")
    assert state(hass, desk, "sensor", "status").state == "resting"
    assert await say(hass, "starte die Pause") == (
        "Die Übungen sind zur Schonung gestoppt; "
        "setze sie erst fort, wenn es dir besser geht."
    )
    assert await say(hass, "setze die Übungen fort") == (
        "Die Pausenerinnerungen sind wieder an. "
        "Du sitzt seit 45 Minuten. Zeit für eine kurze Nackenpause."
    )
    assert state(hass, desk, "sensor", "status").state == "break_due"


async def test_german_numbers(hass: HomeAssistant) -> None:
    """Minutes and comfort levels in German words or digits."""
    german = (await async_load_voices(hass))["de"]
    assert german.minutes("zehn Minuten") == 10
    assert german.minutes("fünfzehn") == 15
    assert german.minutes("5 min") == 5
    assert german.minutes("viele") is None
    assert german.level("sieben") == 7
    assert german.level("elf") is None
    assert german.minutes("eine halbe Stunde") == 30
    assert german.minutes("eine Stunde") == 60
    assert german.minutes("zwei Stunden") == 120


async def test_german_sentence_on_an_english_system(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Asked in German, an English profile answers in German, exercises too."""
    desk = profile("Desk")
    await async_start_day(hass, freezer, desk, language="en")
    await set_presence(hass, True)
    reply = await say(hass, "starte die Nackenübungen")
    assert reply.startswith("Es geht los: Sanftes Nackenprogramm im Sitzen")
    assert "Kinn zurückschieben" in reply
    assert state(hass, desk, "sensor", "current_exercise").state == "Chin tucks"
    assert await say(hass, "ich bin fertig") == (
        "Gut gemacht. Heute hast du 1 von 4 Pausen geschafft."
    )
