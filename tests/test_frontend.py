"""Tests for serving the dashboard card and loading it into the frontend."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path, PurePosixPath
import re
import shutil

from aiohttp import web
from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.desk_break_coach.const import DOMAIN, LANGUAGES
from custom_components.desk_break_coach.frontend import (
    CARD_FILENAME,
    FRONTEND_DIR,
    FRONTEND_URL,
    ROUTINES_DIR,
    async_register_card,
    card_catalogues,
    card_modules,
    card_version,
)

PACKAGE = Path(__file__).parents[1] / "custom_components" / DOMAIN
VERSION = json.loads((PACKAGE / "manifest.json").read_text())["version"]
#: /desk_break_coach/frontend/<version>-<content digest>/desk-break-coach-card.js
VERSIONED_URL = re.compile(
    rf"^{re.escape(FRONTEND_URL)}/{re.escape(VERSION)}-[0-9a-f]{{8}}/"
    rf"{re.escape(CARD_FILENAME)}$"
)
#: A static import (`import ... from "./x.js"`, `import "./x.js"`) of a module.
IMPORT = re.compile(
    r"""^\s*import\s+(?:[^"';]*?\sfrom\s+)?["']([^"']+)["'];""", re.MULTILINE
)
#: The parts of the card, one file each (CRAFT.md: "each under ~400 lines").
PARTS = {
    "actions.js",
    "card.js",
    "catalogue.js",
    "comfort.js",
    "const.js",
    "dom.js",
    "editor.js",
    "entities.js",
    "plural.js",
    "exercise.js",
    "facts.js",
    "format.js",
    "localize.js",
    "pictures.js",
    "strings.js",
    "styles.js",
    "summary.js",
    "week.js",
    "weeks.js",
}

#: The folders served under the versioned path: the modules and the catalogues.
SERVED_FOLDERS = 2


def _card_urls(hass: HomeAssistant) -> list[str]:
    """Return the card URLs every frontend page loads as a module."""
    return [
        url
        for url in hass.data[DATA_EXTRA_MODULE_URL].urls
        if url.startswith(f"{FRONTEND_URL}/")
    ]


def _card_routes(hass: HomeAssistant) -> int:
    """Return how many folders are served at the card's URL."""
    return sum(
        1
        for resource in hass.http.app.router.resources()
        if isinstance(resource, web.StaticResource)
        and resource.canonical.startswith(f"{FRONTEND_URL}/")
    )


def _imports(module: str) -> list[str]:
    """Return the modules a module imports, relative to the card's folder."""
    source = (FRONTEND_DIR / module).read_text(encoding="utf-8")
    folder = PurePosixPath(module).parent
    out = []
    for target in IMPORT.findall(source):
        assert target.startswith(("./", "../")), (module, target)
        parts: list[str] = []
        for part in (folder / target).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        out.append("/".join(parts))
    return out


def test_one_part_per_file() -> None:
    """The card is its entry module and small parts, each imported by relative URL."""
    assert card_modules() == sorted(
        [CARD_FILENAME, *(f"desk-break-coach-card/{part}" for part in PARTS)]
    )
    for module in card_modules():
        lines = (FRONTEND_DIR / module).read_text(encoding="utf-8").count("\n")
        assert lines < 400, (module, lines)
    # Every module is reached from the entry module, and every import exists.
    reached, todo = set(), [CARD_FILENAME]
    while todo:
        module = todo.pop()
        reached.add(module)
        for target in _imports(module):
            assert target in card_modules(), (module, target)
            if target not in reached:
                todo.append(target)
    assert reached == set(card_modules())


async def test_card_is_served_and_loaded_on_every_page(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """The frontend loads the versioned entry module; every module is served."""
    assert await async_setup_component(hass, "frontend", {})

    await async_register_card(hass)
    await hass.async_block_till_done()

    (url,) = _card_urls(hass)
    assert VERSIONED_URL.match(url), url
    assert url == f"{FRONTEND_URL}/{card_version(VERSION)}/{CARD_FILENAME}"
    base = url.removesuffix(CARD_FILENAME)
    client = await hass_client_no_auth()
    for module in card_modules():
        # Where the browser resolves each relative import: under the same version.
        response = await client.get(base + module)
        assert response.status == 200, module
        # Modules must come as JavaScript, or the browser refuses them.
        assert "javascript" in response.headers["Content-Type"], module
        # The path changes with each release and change, so browsers may keep the file.
        assert "max-age" in response.headers["Cache-Control"], module
        assert await response.text() == (FRONTEND_DIR / module).read_text(
            encoding="utf-8"
        )
    entry = await (await client.get(url)).text()
    assert 'customElements.define("desk-break-coach-card"' in entry
    assert "getEntitySuggestion" in entry
    # Nothing else: a missing module, a module of another version, the old URL.
    for other in (
        f"{base}desk-break-coach-card/missing.js",
        f"{FRONTEND_URL}/{VERSION}-00000000/{CARD_FILENAME}",
        f"/{DOMAIN}/{CARD_FILENAME}",
    ):
        assert (await client.get(other)).status == 404, other


def test_version_follows_the_content(tmp_path: Path) -> None:
    """A changed, added or renamed module is a new path; the same content is not."""
    folder = tmp_path / "frontend"
    shutil.copytree(FRONTEND_DIR, folder)
    first = card_version(VERSION, folder)
    assert first == card_version(VERSION, folder)
    assert first == card_version(VERSION)
    assert card_version("9.9.9", folder) != first
    strings = folder / "desk-break-coach-card" / "strings.js"
    strings.write_text(strings.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = card_version(VERSION, folder)
    assert changed != first
    strings.rename(strings.with_name("texts.js"))
    assert card_version(VERSION, folder) not in (first, changed)


def test_version_follows_the_catalogues(tmp_path: Path) -> None:
    """A changed or added catalogue is a new path too: the card fetches it."""
    routines = tmp_path / "routines"
    shutil.copytree(ROUTINES_DIR, routines)
    first = card_version(VERSION, FRONTEND_DIR, routines)
    assert first == card_version(VERSION)
    german = routines / "de.json"
    german.write_text(german.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = card_version(VERSION, FRONTEND_DIR, routines)
    assert changed != first
    shutil.copy(german, routines / "sv.json")
    assert card_version(VERSION, FRONTEND_DIR, routines) not in (first, changed)


async def test_catalogues_are_served_beside_the_card(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Every shipped catalogue is served as JSON under the card's versioned path."""
    assert await async_setup_component(hass, "frontend", {})

    await async_register_card(hass)
    await hass.async_block_till_done()

    (url,) = _card_urls(hass)
    base = url.removesuffix(CARD_FILENAME)
    # Where the card fetches them: relative to its modules (catalogue.js).
    source = (FRONTEND_DIR / "desk-break-coach-card" / "catalogue.js").read_text(
        encoding="utf-8"
    )
    assert "new URL(`../routines/${base}.json`, import.meta.url)" in source
    shipped = card_catalogues()
    assert shipped == sorted(f"{language}.json" for language in LANGUAGES)
    client = await hass_client_no_auth()
    for name in shipped:
        response = await client.get(f"{base}routines/{name}")
        assert response.status == 200, name
        assert response.headers["Content-Type"].startswith("application/json"), name
        assert "max-age" in response.headers["Cache-Control"], name
        catalogue = await response.json()
        assert catalogue == json.loads((ROUTINES_DIR / name).read_text("utf-8"))
        assert catalogue["language"] == name.removesuffix(".json")
    # A language not shipped, another version's path, the folder itself.
    for other in (
        f"{base}routines/sv.json",
        f"{FRONTEND_URL}/{VERSION}-00000000/routines/en.json",
        f"/{DOMAIN}/routines/en.json",
        f"{base}routines/",
    ):
        assert (await client.get(other)).status in (403, 404), other


def test_every_built_in_exercise_has_a_picture() -> None:
    """pictures.js draws each step id of the shipped routines, and nothing else."""
    source = (FRONTEND_DIR / "desk-break-coach-card" / "pictures.js").read_text(
        encoding="utf-8"
    )
    block = re.search(
        r"^const PICTURES = \{$(.*?)^\};$", source, re.MULTILINE | re.DOTALL
    )
    assert block
    drawn = set(re.findall(r"^  (\w+):", block.group(1), re.MULTILINE))
    for routines in (PACKAGE / "routines").glob("*.json"):
        steps = {
            step["id"]
            for program in json.loads(routines.read_text(encoding="utf-8"))[
                "programs"
            ].values()
            for step in program["steps"]
        }
        assert drawn == steps, routines.name


async def test_card_is_registered_once(hass: HomeAssistant) -> None:
    """Several profiles and repeated calls share one route and one module URL."""
    assert await async_setup_component(hass, "frontend", {})

    await asyncio.gather(async_register_card(hass), async_register_card(hass))
    await async_register_card(hass)
    await hass.async_block_till_done()

    assert _card_routes(hass) == SERVED_FOLDERS
    (url,) = _card_urls(hass)
    assert VERSIONED_URL.match(url)


async def test_card_waits_for_the_frontend(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Without the frontend the card is served; it is loaded once the frontend is up."""
    assert await async_setup_component(hass, "http", {})

    await async_register_card(hass)
    await hass.async_block_till_done()

    assert "frontend" not in hass.config.components
    assert DATA_EXTRA_MODULE_URL not in hass.data
    assert _card_routes(hass) == SERVED_FOLDERS

    assert await async_setup_component(hass, "frontend", {})
    await hass.async_block_till_done()

    (url,) = _card_urls(hass)
    assert VERSIONED_URL.match(url)
    client = await hass_client_no_auth()
    response = await client.get(url)
    assert response.status == 200


async def test_card_needs_http(hass: HomeAssistant) -> None:
    """Before HTTP is up nothing is registered, and a later call still serves the card."""
    await async_register_card(hass)
    assert "http" not in hass.config.components

    assert await async_setup_component(hass, "http", {})
    await async_register_card(hass)

    assert _card_routes(hass) == SERVED_FOLDERS
