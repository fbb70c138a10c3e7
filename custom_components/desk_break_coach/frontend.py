"""Serve the Desk Break Coach dashboard card and load it into the frontend.

The card is a set of ES modules in `frontend/`: the entry module
`desk-break-coach-card.js` and its parts in `desk-break-coach-card/`, which it
imports by relative URL. The whole folder is served under one versioned path,
`/desk_break_coach/frontend/<version>/`, so every module a browser resolves from
the entry module carries the same version and may be cached for good: a new
release, or any change to a module's content, is a new path.

The shipped catalogues (`routines/<lang>.json`) are served beside the modules,
under `/desk_break_coach/frontend/<version>/routines/`, and count towards the
version: the card fetches the one of the viewer's language to show the exercise
text in it, and a changed catalogue is a new path as well.

What the card must agree on with the integration (the icon of each status and
command, the shipped languages, the comfort levels) is not copied into the
modules: `card_facts()` gathers it from `icons.json` and `const.py`, and it is
served as `facts.json` beside the modules, under the same versioned path (the
facts count towards the version too).
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Final

from aiohttp import web
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.components.http.static import CACHE_HEADERS
from homeassistant.core import HomeAssistant
from homeassistant.helpers.http import HomeAssistantView
from homeassistant.loader import async_get_integration
from homeassistant.setup import async_when_setup
from homeassistant.util.hass_dict import HassKey

from .const import COMFORT_LEVEL_RANGE, DOMAIN, FALLBACK_LANGUAGE, LANGUAGES
from .engine import Command, Status

_LOGGER = logging.getLogger(__name__)

FRONTEND_DIR: Final = Path(__file__).parent / "frontend"
CARD_FILENAME: Final = "desk-break-coach-card.js"
#: The shipped catalogues, one per language, served to the card.
ROUTINES_DIR: Final = Path(__file__).parent / "routines"
#: Where the catalogues are served, below the versioned path of the modules.
ROUTINES_SEGMENT: Final = "routines"
#: The integration's icons: the one home of every entity and action icon.
ICONS_FILE: Final = Path(__file__).parent / "icons.json"
#: What the card takes from the integration, served beside its modules.
FACTS_FILENAME: Final = "facts.json"
#: The folder's URL; the versioned path below it serves the modules.
FRONTEND_URL: Final = f"/{DOMAIN}/frontend"

# Set once the card is served; holds the versioned URL handed to the frontend.
DATA_CARD_URL: HassKey[str] = HassKey(f"{DOMAIN}_card_url")


def card_modules(folder: Path = FRONTEND_DIR) -> list[str]:
    """Return every module of the card, as paths relative to the folder."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.js"))


def card_catalogues(folder: Path = ROUTINES_DIR) -> list[str]:
    """Return the file name of every shipped catalogue (`<lang>.json`)."""
    return sorted(path.name for path in folder.glob("*.json"))


def card_facts(icons_file: Path = ICONS_FILE) -> dict[str, Any]:
    """Return what the card shows as the integration does, from its one home.

    The icon of each status and of each command (action) is the one of
    `icons.json`, as Home Assistant shows them; the languages are the shipped
    ones; the comfort levels are the range `log_comfort` accepts.
    """
    icons = json.loads(icons_file.read_text(encoding="utf-8"))
    status = icons["entity"]["sensor"]["status"]
    return {
        "languages": list(LANGUAGES),
        "fallback_language": FALLBACK_LANGUAGE,
        "status_icons": {
            code.value: status["state"].get(code.value, status["default"])
            for code in Status
        },
        "command_icons": {
            command.value: icons["services"][command.value]["service"]
            for command in Command
        },
        "comfort_levels": list(COMFORT_LEVEL_RANGE),
    }


def card_facts_json(icons_file: Path = ICONS_FILE) -> bytes:
    """Return the card's facts as served: JSON, the same bytes for the same facts."""
    return json.dumps(card_facts(icons_file), sort_keys=True).encode()


def card_version(
    version: str,
    folder: Path = FRONTEND_DIR,
    routines: Path = ROUTINES_DIR,
    facts: bytes | None = None,
) -> str:
    """Return the path segment of one release's card: its version and content.

    The content digest (of the modules, the catalogues and the facts) changes
    the URL when a file changes without a new version (a development build), so
    a browser never mixes old and new modules, or a module with an old
    catalogue or old facts.
    """
    digest = hashlib.sha256()
    digest.update(card_facts_json() if facts is None else facts)
    digest.update(b"\0")
    files = [(name, folder / name) for name in card_modules(folder)]
    files += [
        (f"{ROUTINES_SEGMENT}/{name}", routines / name)
        for name in card_catalogues(routines)
    ]
    for name, path in files:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"{version}-{digest.hexdigest()[:8]}"


async def async_register_card(hass: HomeAssistant) -> None:
    """Serve the card and load it on every dashboard, once per Home Assistant run.

    Several profiles and reloads share one registration. The module URL is
    added when the frontend is set up (at once if it already is), so this is
    safe on an instance that runs without the frontend.
    """
    if "http" not in hass.config.components:
        _LOGGER.debug("HTTP is not set up; the dashboard card is not served")
        return
    integration = await async_get_integration(hass, DOMAIN)
    facts = await hass.async_add_executor_job(card_facts_json)
    version = await hass.async_add_executor_job(
        card_version, str(integration.version), FRONTEND_DIR, ROUTINES_DIR, facts
    )
    # Checked after the awaits, with no await before it is set: a concurrent
    # call cannot slip in between.
    if DATA_CARD_URL in hass.data:
        return
    base = f"{FRONTEND_URL}/{version}"
    url = f"{base}/{CARD_FILENAME}"
    hass.data[DATA_CARD_URL] = url
    await hass.http.async_register_static_paths(
        [
            StaticPathConfig(base, str(FRONTEND_DIR), cache_headers=True),
            StaticPathConfig(
                f"{base}/{ROUTINES_SEGMENT}", str(ROUTINES_DIR), cache_headers=True
            ),
        ]
    )
    hass.http.register_view(CardFactsView(f"{base}/{FACTS_FILENAME}", facts))

    async def _async_load_card(hass: HomeAssistant, component: str) -> None:
        """Add the card to the modules every frontend page loads."""
        # Imported here: the frontend is an after-dependency, not a requirement.
        from homeassistant.components.frontend import add_extra_js_url  # noqa: PLC0415

        add_extra_js_url(hass, url)
        _LOGGER.debug("Dashboard card loaded from %s", url)

    async_when_setup(hass, "frontend", _async_load_card)


class CardFactsView(HomeAssistantView):
    """Serve the card's facts at one versioned URL, like the modules beside it."""

    name = f"{DOMAIN}:card_facts"
    #: As the modules: the browser loads them before anyone is signed in.
    requires_auth = False

    def __init__(self, url: str, facts: bytes) -> None:
        """Serve these facts at this URL."""
        self.url = url
        self._facts = facts

    async def get(self, request: web.Request) -> web.Response:
        """Return the facts; the URL changes with them, so they may be kept."""
        return web.Response(
            body=self._facts, content_type="application/json", headers=CACHE_HEADERS
        )
