"""Tests for serving the dashboard card and loading it into the frontend."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.frontend import (
    CARD_PATH,
    CARD_URL,
    async_register_card,
)

MANIFEST = Path(__file__).parents[1] / "custom_components" / DOMAIN / "manifest.json"
VERSIONED_URL = f"{CARD_URL}?v={json.loads(MANIFEST.read_text())['version']}"


def _card_urls(hass: HomeAssistant) -> list[str]:
    """Return the card URLs every frontend page loads as a module."""
    return [
        url for url in hass.data[DATA_EXTRA_MODULE_URL].urls if url.startswith(CARD_URL)
    ]


def _card_routes(hass: HomeAssistant) -> int:
    """Return how many HTTP resources answer at the card URL."""
    return sum(
        1
        for resource in hass.http.app.router.resources()
        if resource.canonical == CARD_URL
    )


async def test_card_is_served_and_loaded_on_every_page(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """The frontend loads the versioned card URL, served without a login."""
    assert await async_setup_component(hass, "frontend", {})

    await async_register_card(hass)
    await hass.async_block_till_done()

    assert _card_urls(hass) == [VERSIONED_URL]
    client = await hass_client_no_auth()
    response = await client.get(VERSIONED_URL)
    assert response.status == 200
    assert "javascript" in response.headers["Content-Type"]
    # The URL changes with each release, so browsers may keep the file.
    assert "max-age" in response.headers["Cache-Control"]
    body = await response.text()
    assert 'customElements.define("desk-break-coach-card"' in body
    assert body == CARD_PATH.read_text(encoding="utf-8")


async def test_card_is_registered_once(hass: HomeAssistant) -> None:
    """Several profiles and repeated calls share one route and one module URL."""
    assert await async_setup_component(hass, "frontend", {})

    await asyncio.gather(async_register_card(hass), async_register_card(hass))
    await async_register_card(hass)
    await hass.async_block_till_done()

    assert _card_routes(hass) == 1
    assert _card_urls(hass) == [VERSIONED_URL]


async def test_card_waits_for_the_frontend(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Without the frontend the card is served; it is loaded once the frontend is up."""
    assert await async_setup_component(hass, "http", {})

    await async_register_card(hass)
    await hass.async_block_till_done()

    assert "frontend" not in hass.config.components
    assert DATA_EXTRA_MODULE_URL not in hass.data
    assert _card_routes(hass) == 1

    assert await async_setup_component(hass, "frontend", {})
    await hass.async_block_till_done()

    assert _card_urls(hass) == [VERSIONED_URL]
    client = await hass_client_no_auth()
    response = await client.get(CARD_URL)
    assert response.status == 200


async def test_card_needs_http(hass: HomeAssistant) -> None:
    """Before HTTP is up nothing is registered, and a later call still serves the card."""
    await async_register_card(hass)
    assert "http" not in hass.config.components

    assert await async_setup_component(hass, "http", {})
    await async_register_card(hass)

    assert _card_routes(hass) == 1
