"""The README's "Voice and automations" examples, run as written."""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
import yaml

from .assist_helpers import async_converse, async_start_day, profile
from .helpers import advance, set_presence

README = Path(__file__).parent.parent / "README.md"
DUE = "You have been sitting for 45 minutes. Time for a short neck break."


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Voice and automations")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _subsection(title: str) -> str:
    section = _section()
    start = section.index(f"### {title}")
    end = section.find("\n### ", start + 1)
    return section[start : end if end != -1 else None]


def _yaml_blocks() -> list[Any]:
    return [
        yaml.safe_load(block)
        for block in re.findall(r"```yaml\n(.*?)```", _section(), flags=re.DOTALL)
    ]


def _sentences(header: str) -> list[str]:
    """Backticked phrases in the first column of the table that starts with `header`."""
    talk = _subsection("Talk to it")
    table = talk[talk.index(f"| {header} |") :].split("\n\n")[0]
    return [
        phrase
        for row in table.splitlines()[2:]
        for phrase in re.findall(r"`([^`]+)`", row.split("|")[1])
    ]


async def test_yaml_examples(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The automations react to a due break; the script reports from get_status."""
    blocks = _yaml_blocks()
    automations = [block for block in blocks if "triggers" in block]
    scripts = {
        key: value
        for block in blocks
        if "triggers" not in block
        for key, value in block.items()
        if "sequence" in value
    }
    assert len(automations) == 2
    assert list(scripts) == ["desk_break_report"]

    await async_start_day(hass, freezer, profile("Desk"), assist=False)
    hass.states.async_set("light.desk_lamp", "off")
    hass.states.async_set("notify.phone", "unknown")
    lamp = async_mock_service(hass, "light", "turn_on")
    phone = async_mock_service(hass, "notify", "send_message")
    assert await async_setup_component(hass, "automation", {"automation": automations})
    assert await async_setup_component(hass, "script", {"script": scripts})
    await hass.async_block_till_done()

    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    assert [call.data for call in lamp] == [
        {"entity_id": ["light.desk_lamp"], "flash": "long"}
    ]
    assert [call.data for call in phone] == [
        {"entity_id": ["notify.phone"], "title": "Desk", "message": DUE}
    ]

    await hass.services.async_call("script", "desk_break_report", blocking=True)
    assert phone[-1].data["message"] == ("Sitting for 45 min; 0/4 breaks today.")

    # A restart of the profile (unavailable and back) does not replay the event.
    entry = hass.config_entries.async_entries("desk_break_coach")[0]
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert len(lamp) == 1


@pytest.mark.parametrize(
    ("header", "language"), [("Say", "en"), ("Скажите", "ru"), ("Sag", "de")]
)
async def test_listed_sentences_are_understood(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, header: str, language: str
) -> None:
    """Every phrase in the tables is one of the shipped sentences."""
    sentences = _sentences(header)
    assert len(sentences) >= 12
    await async_start_day(hass, freezer, profile("Anna"), language=language)
    # The tables' own routines (see "Your own routines").
    (entry,) = hass.config_entries.async_entries("desk_break_coach")
    for program, name in [
        ("custom_morning_stretch", "Morning stretch"),
        ("custom_utrenniaia_zariadka", "Утренняя зарядка"),
    ]:
        data = {"id": program, "name": name, "position": "standing"}
        data["exercises"] = [{"name": "Wall angels", "reps": 12, "seconds": 60}]
        hass.config_entries.async_add_subentry(
            entry,
            ConfigSubentry(
                data=data, subentry_type="routine", title=name, unique_id=program
            ),
        )
    await set_presence(hass, True, "input_boolean.anna")
    await advance(hass, freezer, minutes=45)
    for sentence in sentences:
        if "Anna" in sentence or "Анна" in sentence:
            continue
        result = await async_converse(hass, sentence, language=language)
        response = result.response
        assert response.response_type is intent.IntentResponseType.ACTION_DONE, (
            sentence,
            response.speech,
        )
        assert response.speech["plain"]["speech"], sentence


async def test_profile_sentences_in_the_text(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The several-profiles paragraph's examples work too."""
    await async_start_day(hass, freezer, profile("Anna"), profile("Boris"))
    await set_presence(hass, True, "input_boolean.anna")
    paragraph = _subsection("Talk to it").split("**Several profiles.**")[1]
    phrases = re.findall(r"`([^`]+)`", paragraph.replace("\n", " "))
    assert "start my neck break for Anna" in phrases
    for phrase in phrases:
        language = "ru" if re.search("[а-я]", phrase) else "en"
        result = await async_converse(hass, phrase, language=language)
        assert result.response.response_type is intent.IntentResponseType.ACTION_DONE
        # A named profile is not put before the reply (a question names it).
        assert not result.response.speech["plain"]["speech"].startswith("Anna:")
