"""The Activity (logbook): one line per thing that happened."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.helpers import translation
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
from custom_components.desk_break_coach.engine import EventType

from .assist_helpers import async_start_day, profile
from .helpers import MONDAY_0900, act, advance, set_presence


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, then allow custom integrations."""


async def _lines(
    hass: HomeAssistant, client: MockHAClientWebSocket
) -> list[tuple[str, str | None]]:
    """Return (entity, event type) of every line of the profile's devices and events.

    A line of the integration's own (a described bus event) is (domain, message).
    """
    await async_wait_recording_done(hass)
    await client.send_json_auto_id(
        {"type": "logbook/get_events", "start_time": MONDAY_0900}
    )
    response = await client.receive_json()
    assert response["success"]
    lines: list[tuple[str, str | None]] = []
    for item in response["result"]:
        if item.get("domain") == DOMAIN:
            lines.append((DOMAIN, item.get("message")))
        elif str(item.get("entity_id", "")).startswith("event."):
            lines.append((item["entity_id"], item["attributes"]["event_type"]))
    return lines


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


async def test_one_line_per_thing(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Each thing that happened is one line: the break event entity's.

    Home Assistant's logbook shows every state change of an event entity (its
    event type, named in the viewer's language); a described bus event beside
    it would say the same thing twice.
    """
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
    await act(hass, entry.entry_id, "log_comfort", level=2)
    await advance(hass, freezer, minutes=1)  # the query ends before "now"
    entity = "event.desk_break"
    assert await _lines(hass, client) == [
        (entity, "break_due"),
        (entity, "break_snoozed"),
        (entity, "break_due"),
        (entity, "break_started"),
        (entity, "exercise_started"),
        (entity, "break_completed"),
        (entity, "break_due"),
        (entity, "break_skipped"),
        (entity, "routine_stopped"),
        (entity, "comfort_logged"),
    ]


@pytest.mark.parametrize("language", ["en", "ru", "de"])
async def test_every_line_has_a_name(hass: HomeAssistant, language: str) -> None:
    """The event type a line shows is named in every shipped language."""
    strings = await translation.async_get_translations(
        hass, language, "entity", {DOMAIN}
    )
    prefix = f"component.{DOMAIN}.entity.event.break.state_attributes.event_type"
    for event_type in EventType:
        assert strings.get(f"{prefix}.state.{event_type}"), event_type
