"""The Activity (logbook) describes the coach's events in plain words."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.desk_break_coach.const import DOMAIN

from .assist_helpers import async_start_day, profile
from .helpers import MONDAY_0900, act, advance, set_presence


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, then allow custom integrations."""


async def _lines(
    hass: HomeAssistant, client: MockHAClientWebSocket
) -> list[tuple[str, str, str | None]]:
    """Return (name, message, entity) of the integration's logbook lines."""
    await async_wait_recording_done(hass)
    await client.send_json_auto_id(
        {"type": "logbook/get_events", "start_time": MONDAY_0900}
    )
    response = await client.receive_json()
    assert response["success"]
    return [
        (item["name"], item["message"], item.get("entity_id"))
        for item in response["result"]
        if item.get("domain") == DOMAIN
    ]


async def _start(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
    language: str,
    options: dict[str, str] | None = None,
) -> tuple[MockConfigEntry, MockHAClientWebSocket]:
    assert await async_setup_component(hass, "logbook", {})
    assert await async_setup_component(hass, DOMAIN, {})
    # Sign in before the clock moves back to Monday: the token is issued now.
    client = await hass_ws_client(hass)
    entry = profile("Desk", **(options or {}))
    await async_start_day(hass, freezer, entry, assist=False, language=language)
    return entry, client


async def test_logbook_lines(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Each bus event becomes one line under the profile's name, on its event entity."""
    entry, client = await _start(hass, hass_ws_client, freezer, "en")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "snooze", minutes=5)
    await advance(hass, freezer, minutes=5)
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "skip_break")
    await act(hass, entry.entry_id, "stop_routine")
    await advance(hass, freezer, minutes=1)  # the query ends before "now"
    entity = "event.desk_break"
    assert await _lines(hass, client) == [
        ("Desk", "break due after 45 minutes of sitting", entity),
        ("Desk", "snoozed the break for 5 minutes", entity),
        ("Desk", "break due after 50 minutes of sitting", entity),
        ("Desk", "started a break with 2 exercises", entity),
        ("Desk", "exercise 1 of 2: Chin tucks", entity),
        ("Desk", "completed a break (1 of 4 today)", entity),
        ("Desk", "break due after 45 minutes of sitting", entity),
        ("Desk", "skipped the break", entity),
        ("Desk", "stopped the exercises: feeling unwell", entity),
    ]


async def test_logbook_lines_in_russian(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The lines follow Home Assistant's language."""
    entry, client = await _start(hass, hass_ws_client, freezer, "ru")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "snooze", minutes=5)
    await act(hass, entry.entry_id, "skip_break")
    await advance(hass, freezer, minutes=1)
    assert [line[1] for line in await _lines(hass, client)] == [
        "пора сделать перерыв (минут без перерыва: 45)",
        "перерыв отложен (минут: 5)",
        "перерыв пропущен",
    ]


async def test_logbook_lines_in_the_profiles_language(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A Russian profile on an English system: its lines are Russian."""
    entry, client = await _start(
        hass, hass_ws_client, freezer, "en", options={"language": "ru"}
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "skip_break")
    await advance(hass, freezer, minutes=1)
    assert [line[1] for line in await _lines(hass, client)] == [
        "пора сделать перерыв (минут без перерыва: 45)",
        "перерыв пропущен",
    ]
