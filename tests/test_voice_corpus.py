"""The ways people say things, per language, through the stock Assist agent.

Each `tests/voice_corpus/<lang>.yaml` lists phrasings with the intent and slot
values they must give; a new language adds its own file. Our intent handlers are
swapped for recorders (Home Assistant's own `intent.async_register`), so a phrase
is "understood" when Assist, on a real Home Assistant, handed it to the right
intent with the right values; what the intents then do is tested elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, intent
from homeassistant.util.yaml import load_yaml_dict
import pytest

from custom_components.desk_break_coach.voice.intents import handlers

from .assist_helpers import async_converse, async_say, async_start_day, profile
from .helpers import act, advance, set_presence

CORPUS = sorted((Path(__file__).parent / "voice_corpus").glob("*.yaml"))
#: The statuses a phrase can be said in, in the order the test walks through them.
WHEN = ("break_due", "on_break", "sitting")
RECORDED = "recorded"


def status(hass: HomeAssistant, entry_id: str) -> str:
    """Return the profile's status (its entity id is in the system's language)."""
    entity_id = er.async_get(hass).async_get_entity_id(
        "sensor", "desk_break_coach", f"{entry_id}_status"
    )
    assert entity_id is not None
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


class Recorder(intent.IntentHandler):
    """Stands in for one of our intents: notes the slot values it was given."""

    def __init__(self, intent_type: str, heard: list[tuple[str, dict[str, Any]]]):
        """Record into `heard`."""
        self.intent_type = intent_type
        self.heard = heard

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Note the intent and its slot values."""
        values = {name: slot["value"] for name, slot in intent_obj.slots.items()}
        self.heard.append((self.intent_type, values))
        response = intent_obj.create_response()
        response.async_set_speech(RECORDED)
        return response


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
async def test_corpus(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    path: Path,
) -> None:
    """Every phrasing gives its intent and values; the share is printed."""
    corpus = load_yaml_dict(path)
    language = str(corpus["language"])
    phrases: list[dict[str, Any]] = corpus["phrases"]
    assert len(phrases) >= 30
    await async_start_day(
        hass, freezer, profile("Anna", "input_boolean.anna"), language=language
    )
    entry_id = hass.config_entries.async_entries("desk_break_coach")[0].entry_id
    await set_presence(hass, True, "input_boolean.anna")
    await advance(hass, freezer, minutes=45)
    heard: list[tuple[str, dict[str, Any]]] = []
    for handler in handlers():
        intent.async_remove(hass, handler.intent_type)
        intent.async_register(hass, Recorder(handler.intent_type, heard))

    missed: list[str] = []
    stolen: list[str] = []
    for when in WHEN:
        if when == "on_break":
            await act(hass, entry_id, "start_break")
        elif when == "sitting":
            await act(hass, entry_id, "finish_break")
        assert status(hass, entry_id) == when
        for phrase in phrases:
            if phrase.get("when", "break_due") != when:
                continue
            heard.clear()
            reply = await async_say(hass, phrase["say"], language=language)
            expected = (phrase["intent"], phrase.get("slots") or {})
            if heard != [expected]:
                missed.append(f"{phrase['say']!r}: {heard or reply} != {expected}")
        for phrase in corpus.get("not_ours") or ():
            if phrase["when"] != when:
                continue
            heard.clear()
            # Home Assistant's answer may be silent ("nicht jetzt": never mind).
            result = await async_converse(hass, phrase["say"], language=language)
            if heard or RECORDED in str(result.response.speech):
                stolen.append(f"{phrase['say']!r} taken while {when}: {heard}")

    understood = len(phrases) - len(missed)
    print(  # noqa: T201 - the share is part of the result
        f"\n{language}: {understood} of {len(phrases)} phrasings understood "
        f"({100 * understood / len(phrases):.0f} %)"
    )
    assert "Invalid" not in caplog.text  # every block of sentences attached
    assert not missed, "\n".join(missed)
    assert not stolen, "\n".join(stolen)
