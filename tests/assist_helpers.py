"""Helpers for the voice, announcement and automation tests: profiles, Assist, a workday."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import CONF_PRESENCE_ENTITIES

from .helpers import MONDAY_0900, profile_entry


def profile(name: str, presence: str | None = None, **options: Any) -> MockConfigEntry:
    """Return a profile watching `presence` (default input_boolean.<name lower-cased>)."""
    return profile_entry(name, [presence or f"input_boolean.{name.lower()}"], **options)


async def async_start_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    *profiles: MockConfigEntry,
    assist: bool = True,
    language: str = "en",
) -> None:
    """Monday 09:00 in Berlin: Assist (optional), presence booleans, the profiles."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    hass.config.language = language
    freezer.move_to(MONDAY_0900)
    if assist:
        assert await async_setup_component(hass, "homeassistant", {})
        assert await async_setup_component(hass, "conversation", {})
    booleans = {
        object_id: {}
        for entry in profiles
        for domain, object_id in [entry.data[CONF_PRESENCE_ENTITIES][0].split(".")]
        if domain == "input_boolean"
    }
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": booleans}
    )
    for entry in profiles:
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def async_converse(
    hass: HomeAssistant,
    text: str,
    *,
    language: str = "en",
    satellite_id: str | None = None,
    device_id: str | None = None,
) -> conversation.ConversationResult:
    """Say a sentence to the default Assist agent and return its result."""
    result = await conversation.async_converse(
        hass,
        text,
        None,
        Context(),
        language=language,
        satellite_id=satellite_id,
        device_id=device_id,
    )
    await hass.async_block_till_done()
    return result


async def async_say(
    hass: HomeAssistant,
    text: str,
    *,
    language: str = "en",
    satellite_id: str | None = None,
    device_id: str | None = None,
) -> str:
    """Say a sentence to the default Assist agent and return the spoken reply."""
    result = await async_converse(
        hass, text, language=language, satellite_id=satellite_id, device_id=device_id
    )
    speech: str = result.response.speech["plain"]["speech"]
    return speech
