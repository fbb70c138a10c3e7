"""The card shows what the integration says: icons, languages and comfort levels.

The card keeps no copy of a fact the integration owns. `frontend.card_facts()`
gathers them from their one home (icons.json, const.py, the engine) and serves
them as `facts.json` beside the card's modules; facts.js fetches them once.
"""

from __future__ import annotations

import json
from pathlib import Path
import re

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.desk_break_coach.commands import COMMANDS
from custom_components.desk_break_coach.const import (
    COMFORT_LEVEL_RANGE,
    DOMAIN,
    FALLBACK_LANGUAGE,
    LANGUAGES,
)
from custom_components.desk_break_coach.engine import Command, Status

# The statuses in which the engine counts the sitting time.
from custom_components.desk_break_coach.engine.core import _COUNTING as COUNTING
from custom_components.desk_break_coach.frontend import (
    CARD_FILENAME,
    FACTS_FILENAME,
    FRONTEND_DIR,
    FRONTEND_URL,
    ICONS_FILE,
    async_register_card,
    card_facts,
    card_facts_json,
    card_modules,
    card_version,
)

PARTS = FRONTEND_DIR / "desk-break-coach-card"
VERSION = json.loads((ICONS_FILE.parent / "manifest.json").read_text())["version"]
#: The one icon the card chooses itself: a state that is no status (unavailable).
UNKNOWN_ICON = "mdi:help-circle-outline"


def _source(module: str) -> str:
    return (PARTS / module).read_text(encoding="utf-8")


def _js_object_keys(module: str, name: str) -> list[str]:
    """Return the keys of `export const NAME = { key: ..., }` in a card module."""
    block = re.search(
        rf"^export const {name} = \{{$(.*?)^\}};$",
        _source(module),
        re.MULTILINE | re.DOTALL,
    )
    assert block, (module, name)
    return re.findall(r"^  (\w+):", block.group(1), re.MULTILINE)


def test_facts_come_from_their_one_home() -> None:
    """Status and command icons are icons.json's; languages and levels const.py's."""
    icons = json.loads(ICONS_FILE.read_text(encoding="utf-8"))
    status = icons["entity"]["sensor"]["status"]
    facts = card_facts()
    assert facts["status_icons"] == {
        code.value: status["state"][code.value] for code in Status
    }
    # The command table and icons.json agree (test_command_table.py); so does the card.
    assert facts["command_icons"] == {spec.key: spec.icon for spec in COMMANDS.values()}
    assert facts["languages"] == list(LANGUAGES)
    assert facts["fallback_language"] == FALLBACK_LANGUAGE
    assert facts["comfort_levels"] == list(COMFORT_LEVEL_RANGE)


def test_facts_follow_icons_json(tmp_path: Path) -> None:
    """A changed icon in icons.json is what the card gets, under a new path."""
    icons = json.loads(ICONS_FILE.read_text(encoding="utf-8"))
    icons["entity"]["sensor"]["status"]["state"]["resting"] = "mdi:sofa"
    icons["services"]["resume"]["service"] = "mdi:play-box"
    changed = tmp_path / "icons.json"
    changed.write_text(json.dumps(icons), encoding="utf-8")
    facts = card_facts(changed)
    assert facts["status_icons"]["resting"] == "mdi:sofa"
    assert facts["command_icons"]["resume"] == "mdi:play-box"
    assert card_version(VERSION) == card_version(VERSION, facts=card_facts_json())
    assert card_version(VERSION, facts=card_facts_json(changed)) != card_version(
        VERSION
    )


async def test_facts_are_served_beside_the_card(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """facts.json is served at the card's versioned path, where facts.js looks."""
    assert await async_setup_component(hass, "frontend", {})
    await async_register_card(hass)
    await hass.async_block_till_done()

    (url,) = [
        url
        for url in hass.data[DATA_EXTRA_MODULE_URL].urls
        if url.startswith(f"{FRONTEND_URL}/")
    ]
    base = url.removesuffix(CARD_FILENAME)
    assert 'new URL("../facts.json", import.meta.url)' in _source("facts.js")
    client = await hass_client_no_auth()
    response = await client.get(base + FACTS_FILENAME)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert "max-age" in response.headers["Cache-Control"]
    assert await response.json() == card_facts()
    # Another version's facts, or facts outside a version, are not served.
    for other in (
        f"{FRONTEND_URL}/{VERSION}-00000000/{FACTS_FILENAME}",
        f"/{DOMAIN}/{FACTS_FILENAME}",
    ):
        assert (await client.get(other)).status == 404, other


def test_card_keeps_no_copy_of_an_icon() -> None:
    """No module names an icon but the one for a state that is no status."""
    for module in card_modules():
        text = (FRONTEND_DIR / module).read_text(encoding="utf-8")
        assert set(re.findall(r"mdi:[a-z0-9-]+", text)) <= {UNKNOWN_ICON}, module
    # Every button is an action of the integration, with an icon in its facts.
    actions = re.findall(r'^  \{ id: "(\w+)"', _source("actions.js"), re.MULTILINE)
    assert actions
    assert set(actions) <= {command.value for command in Command}
    assert set(actions) <= set(card_facts()["command_icons"])
    # A colour for each status, and nothing else.
    assert _js_object_keys("const.js", "STATUS_COLORS") == [s.value for s in Status]


def test_card_folds_languages_in_one_place() -> None:
    """Only localize.js turns "de-CH" into "de"; the shipped list is the facts'."""
    folding = re.compile(r"split\(/\[-_\]/\)")
    folders = [
        module
        for module in card_modules()
        if folding.search((FRONTEND_DIR / module).read_text(encoding="utf-8"))
    ]
    assert folders == ["desk-break-coach-card/localize.js"]
    assert "FACTS.languages" in _source("localize.js")
    assert "shippedLanguage" in _source("catalogue.js")


def test_comfort_levels_are_the_integrations() -> None:
    """The comfort choice counts over the facts' range, and says its ends."""
    source = _source("comfort.js")
    assert "FACTS.comfort_levels" in source
    assert not re.search(r"level <= \d|repeat\(\d+", source)
    strings = _source("strings.js")
    questions = re.findall(r'comfort_question: "([^"]*)"', strings)
    assert len(questions) == len(LANGUAGES)
    for question in questions:
        assert "{min}" in question, question
        assert "{max}" in question, question
        assert not re.search(r"\d", question), question


def test_card_constants_are_the_integrations() -> None:
    """The domain it calls and the statuses whose sitting time it counts up."""
    source = _source("const.js")
    assert f'export const DOMAIN = "{DOMAIN}";' in source
    match = re.search(
        r"^export const SITTING_STATUSES = \[(.*)\];$", source, re.MULTILINE
    )
    assert match
    counting = re.findall(r'"(\w+)"', match.group(1))
    assert set(counting) == {status.value for status in COUNTING}
