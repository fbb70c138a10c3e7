"""The shipped blueprints, imported into a real Home Assistant and run."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
import shutil

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.desk_break_coach.const import CONF_STAND_MINUTES

from .assist_helpers import async_start_day, profile
from .helpers import act, advance, set_presence
from .test_desk import NUMBER_DESK, DeskCalls, height, setup_desks
from .test_phones import PhoneFarm, farm  # noqa: F401

BLUEPRINTS = (
    Path(__file__).parent.parent / "blueprints" / "automation" / "desk_break_coach"
)
DUE = "You have been sitting for 45 minutes. Time for a short neck break."


async def _pass(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: float
) -> None:
    """Let time pass in half-second steps, not waiting for automations in a delay."""
    for _ in range(round(seconds * 2)):
        freezer.tick(timedelta(seconds=0.5))
        async_fire_time_changed(hass)
        for _ in range(20):
            await asyncio.sleep(0)


@pytest.fixture(autouse=True)
def config_dir(hass: HomeAssistant, tmp_path: Path) -> None:
    """Use a configuration directory holding the blueprints, as after an import."""
    hass.config.config_dir = str(tmp_path)
    target = tmp_path / "blueprints" / "automation" / "desk_break_coach"
    shutil.copytree(BLUEPRINTS, target)


async def test_flash_light(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """The light toggles twice per flash when a break is due, and only then."""
    await async_start_day(hass, freezer, profile("Desk"), assist=False)
    hass.states.async_set("light.desk_lamp", "on")
    toggles = async_mock_service(hass, "light", "toggle")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "use_blueprint": {
                    "path": "desk_break_coach/flash_light_on_break_due.yaml",
                    "input": {
                        "break_event": "event.desk_break",
                        "light_target": {"entity_id": "light.desk_lamp"},
                        "flashes": 2,
                        "interval": 1,
                    },
                }
            }
        },
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=44, seconds=59)
    await _pass(hass, freezer, 1)  # due
    assert len(toggles) == 1
    await _pass(hass, freezer, 4)
    assert len(toggles) == 4
    assert all(call.data["entity_id"] == ["light.desk_lamp"] for call in toggles)
    entry_id = hass.config_entries.async_entries("desk_break_coach")[0].entry_id
    await act(hass, entry_id, "snooze")
    await _pass(hass, freezer, 5)
    assert len(toggles) == 4


async def test_announce_on_speaker(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The chosen messages are spoken on the speaker; the others are not."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)
    speak = async_mock_service(hass, "tts", "speak")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "use_blueprint": {
                    "path": "desk_break_coach/announce_break_on_speaker.yaml",
                    "input": {
                        "break_event": "event.desk_break",
                        "speaker": "media_player.kitchen",
                        "tts_entity": "tts.piper",
                        "event_types": ["break_due", "exercise_started"],
                    },
                }
            }
        },
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    messages = [call.data["message"] for call in speak]
    assert messages[0] == DUE
    assert [m.split(".")[0] for m in messages[1:]] == ["Exercise 1 of 2: Chin tucks"]
    assert all(
        call.data["entity_id"] == ["tts.piper"]
        and call.data["media_player_entity_id"] == "media_player.kitchen"
        for call in speak
    )


async def test_raise_desk_after_confirming_on_the_phone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,  # noqa: F811
) -> None:
    """A stand suggestion asks on the phone; the desk rises only on the press."""
    pixel = await farm.register("Pixel 9")
    entry = profile("Desk", **NUMBER_DESK, **{CONF_STAND_MINUTES: 30})
    await async_start_day(hass, freezer, entry, assist=False)
    await setup_desks(hass)
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "use_blueprint": {
                    "path": "desk_break_coach/raise_desk_on_stand_suggestion.yaml",
                    "input": {
                        "break_event": "event.desk_break",
                        "profile": entry.entry_id,
                        "phone": pixel.device_id,
                    },
                }
            }
        },
    )
    calls = DeskCalls(hass)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=29, seconds=59)
    # From here the automation waits for the press: let time pass without
    # waiting for it (the phone's webhook is called the same way).
    await _pass(hass, freezer, 1)
    (asked,) = farm.pushed(pixel)
    assert asked["message"] == (
        "You have been sitting for 30 minutes. Time to stand up for a while."
    )
    (button,) = asked["data"]["actions"]
    assert button["title"] == "Raise the desk"
    # Nothing moves until the press; then the desk rises.
    await _pass(hass, freezer, 60)
    assert calls.moves() == []
    response = await farm.client.post(
        f"/api/webhook/{pixel.webhook_id}",
        json={
            "type": "fire_event",
            "data": {
                "event_type": "mobile_app_notification_action",
                "event_data": {"action": button["action"]},
            },
        },
    )
    assert response.status == 200
    await _pass(hass, freezer, 1)
    assert height(hass) == 110.0
    assert calls.moves() == ["number.set_value"]
