"""Helpers for driving a real Home Assistant through a workday."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, State
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.desk_break_coach.const import DOMAIN

PREFIX = "desk"


async def advance(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **delta: float
) -> None:
    """Move the frozen clock and let timers fire."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def set_presence(
    hass: HomeAssistant, on: bool, entity_id: str = "input_boolean.desk"
) -> None:
    """Flip a presence input_boolean."""
    await hass.services.async_call(
        "input_boolean",
        "turn_on" if on else "turn_off",
        {"entity_id": entity_id},
        blocking=True,
    )
    await hass.async_block_till_done()


async def act(hass: HomeAssistant, entry_id: str, service: str, **data: Any) -> Any:
    """Call one of the integration's actions."""
    response = await hass.services.async_call(
        DOMAIN,
        service,
        {"config_entry_id": entry_id, **data},
        blocking=True,
        return_response=service == "get_status",
    )
    await hass.async_block_till_done()
    return response


def state(hass: HomeAssistant, platform: str, key: str) -> State:
    """Return the state of one of the profile's entities (profile named "Desk")."""
    name = "break" if platform == "event" else key
    found = hass.states.get(f"{platform}.{PREFIX}_{name}")
    assert found is not None, f"{platform}.{PREFIX}_{name} missing"
    return found
