"""Activity (logbook) lines for the integration's bus events, in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er

from .const import DOMAIN
from .engine import EventType
from .profile.catalogues import profile_language
from .voice.language import get_voice
from .voice.speech import logbook_line

type DescribeEvent = Callable[[str, str, Callable[[Event], dict[str, Any]]], None]


@callback
def async_describe_events(
    hass: HomeAssistant, async_describe_event: DescribeEvent
) -> None:
    """Describe each coach event: the profile's name and what happened."""

    def describer(event_type: EventType) -> Callable[[Event], dict[str, Any]]:
        @callback
        def describe(event: Event) -> dict[str, Any]:
            data = dict(event.data)
            entry = hass.config_entries.async_get_entry(
                str(data.get("config_entry_id"))
            )
            language = (
                hass.config.language if entry is None else profile_language(hass, entry)
            )
            voice = get_voice(hass, language)
            described: dict[str, Any] = {
                LOGBOOK_ENTRY_NAME: data.get("name", "Desk Break Coach"),
                LOGBOOK_ENTRY_MESSAGE: logbook_line(voice, event_type, data),
            }
            if entity_id := er.async_get(hass).async_get_entity_id(
                "event", DOMAIN, f"{data.get('config_entry_id')}_break"
            ):
                described[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
            return described

        return describe

    for event_type in EventType:
        async_describe_event(DOMAIN, f"{DOMAIN}_{event_type}", describer(event_type))
