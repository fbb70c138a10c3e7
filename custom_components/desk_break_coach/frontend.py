"""Serve the Desk Break Coach dashboard card and load it into the frontend."""

from __future__ import annotations

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

CARD_FILENAME: Final = "desk-break-coach-card.js"
CARD_URL: Final = f"/{DOMAIN}/{CARD_FILENAME}"
CARD_PATH: Final = Path(__file__).parent / "frontend" / CARD_FILENAME

# Set once the card is served; holds the versioned URL handed to the frontend.
DATA_CARD_URL: HassKey[str] = HassKey(f"{DOMAIN}_card_url")


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
    # Checked after the await, with no await before it is set: a concurrent
    # call cannot slip in between.
    if DATA_CARD_URL in hass.data:
        return
    url = f"{CARD_URL}?v={integration.version}"
    hass.data[DATA_CARD_URL] = url
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_PATH), cache_headers=True)]
    )

    async def _async_load_card(hass: HomeAssistant, component: str) -> None:
        """Add the card to the modules every frontend page loads."""
        # Imported here: the frontend is an after-dependency, not a requirement.
        from homeassistant.components.frontend import add_extra_js_url  # noqa: PLC0415

        add_extra_js_url(hass, url)
        _LOGGER.debug("Dashboard card loaded from %s", url)

    async_when_setup(hass, "frontend", _async_load_card)
