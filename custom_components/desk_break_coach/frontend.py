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
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Final

from homeassistant.components.http.server import StaticPathConfig
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration
from homeassistant.setup import async_when_setup
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

FRONTEND_DIR: Final = Path(__file__).parent / "frontend"
CARD_FILENAME: Final = "desk-break-coach-card.js"
CARD_PATH: Final = FRONTEND_DIR / CARD_FILENAME
#: The shipped catalogues, one per language, served to the card.
ROUTINES_DIR: Final = Path(__file__).parent / "routines"
#: Where the catalogues are served, below the versioned path of the modules.
ROUTINES_SEGMENT: Final = "routines"
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


def card_version(
    version: str, folder: Path = FRONTEND_DIR, routines: Path = ROUTINES_DIR
) -> str:
    """Return the path segment of one release's card: its version and content.

    The content digest (of the modules and the catalogues) changes the URL when
    a file changes without a new version (a development build), so a browser
    never mixes old and new modules, or a module with an old catalogue.
    """
    digest = hashlib.sha256()
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
    version = await hass.async_add_executor_job(card_version, str(integration.version))
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

    async def _async_load_card(hass: HomeAssistant, component: str) -> None:
        """Add the card to the modules every frontend page loads."""
        # Imported here: the frontend is an after-dependency, not a requirement.
        from homeassistant.components.frontend import add_extra_js_url  # noqa: PLC0415

        add_extra_js_url(hass, url)
        _LOGGER.debug("Dashboard card loaded from %s", url)

    async_when_setup(hass, "frontend", _async_load_card)
