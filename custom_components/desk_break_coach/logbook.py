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
from .voice import get_voice

type DescribeEvent = Callable[[str, str, Callable[[Event], dict[str, Any]]], None]


def _line(hass: HomeAssistant, event_type: EventType, data: dict[str, Any]) -> str:
    """Return the plain-words line, or the event's spoken message."""
    voice = get_voice(hass, hass.config.language)
    key = event_type.value
    if event_type is EventType.ROUTINE_STOPPED:
        key = f"{key}_{data.get('reason', 'unwell')}"
    template = None if voice is None else voice.logbook.get(key)
    if template is not None:
        try:
            return str(template).format(**data)
        except KeyError, IndexError, ValueError:
            pass
    return str(data.get("message", event_type.value))


@callback
def async_describe_events(
    hass: HomeAssistant, async_describe_event: DescribeEvent
) -> None:
    """Describe each coach event: the profile's name and what happened."""

    def describer(event_type: EventType) -> Callable[[Event], dict[str, Any]]:
        @callback
        def describe(event: Event) -> dict[str, Any]:
            data = dict(event.data)
            described: dict[str, Any] = {
                LOGBOOK_ENTRY_NAME: data.get("name", "Desk Break Coach"),
                LOGBOOK_ENTRY_MESSAGE: _line(hass, event_type, data),
            }
            if entity_id := er.async_get(hass).async_get_entity_id(
                "event", DOMAIN, f"{data.get('config_entry_id')}_break"
            ):
                described[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
            return described

        return describe

    for event_type in EventType:
        async_describe_event(DOMAIN, f"{DOMAIN}_{event_type}", describer(event_type))
