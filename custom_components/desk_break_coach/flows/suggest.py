"""Likely entities for the forms: presence, do-not-disturb and a standing desk.

Nothing is chosen for the person: the forms list these as a hint beside the field,
the entities in an area first, by area.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.components.cover import CoverDeviceClass
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.core import HomeAssistant, State, split_entity_id
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)

from ..const import DOMAIN

#: At most this many entities are listed per hint.
_MAX_LISTED = 8

_PRESENCE_CLASSES = (
    BinarySensorDeviceClass.OCCUPANCY,
    BinarySensorDeviceClass.PRESENCE,
)
#: Words in a PC agent's entity ids: HASS.Agent, hass-workstation-service,
#: LNXlink, ActivityWatch, the companion apps.
_PC_ACTIVITY = ("lastactive", "last_active", "sessionstate", "session_state", "idle")
_DND_WORDS = (
    "notificationstate",
    "notification_state",
    "webcam",
    "camera",
    "microphone",
    "do_not_disturb",
    "focus",
    "phone_state",
    "presentation",
)
_DESK_WORDS = ("desk",)


def _is_presence(state: State) -> bool:
    domain = state.domain
    device_class = state.attributes.get("device_class")
    if domain == "binary_sensor":
        return device_class in _PRESENCE_CLASSES
    if domain != "sensor":
        return False
    object_id = split_entity_id(state.entity_id)[1]
    return any(word in object_id for word in _PC_ACTIVITY) and (
        device_class in (SensorDeviceClass.TIMESTAMP, SensorDeviceClass.DURATION, None)
    )


def _is_dnd(state: State) -> bool:
    if state.domain == "calendar":
        return True
    object_id = split_entity_id(state.entity_id)[1]
    return state.domain in ("binary_sensor", "sensor") and any(
        word in object_id for word in _DND_WORDS
    )


def _is_desk(state: State) -> bool:
    object_id = split_entity_id(state.entity_id)[1]
    if state.domain == "cover":
        return (
            state.attributes.get("device_class") == CoverDeviceClass.DAMPER
            or "desk" in object_id
        )
    return state.domain in ("sensor", "number") and any(
        word in object_id for word in _DESK_WORDS
    )


def area_of(hass: HomeAssistant, entity_id: str) -> str | None:
    """Return an entity's area id: its own, else its device's."""
    entry = er.async_get(hass).async_get(entity_id)
    if entry is None:
        return None
    if entry.area_id is not None:
        return entry.area_id
    if entry.device_id is None:
        return None
    device = dr.async_get(hass).async_get(entry.device_id)
    return None if device is None else device.area_id


def _listed(
    hass: HomeAssistant, likely: Callable[[State], bool], area_id: str | None = None
) -> list[str]:
    """Return the likely entities as "Name (entity_id)", by area, `area_id` first."""
    areas, entities = ar.async_get(hass), er.async_get(hass)
    found: list[tuple[int, str, str]] = []
    for state in hass.states.async_all():
        entry = entities.async_get(state.entity_id)
        if (entry is not None and entry.platform == DOMAIN) or not likely(state):
            continue  # never the coach's own entities
        area = area_of(hass, state.entity_id)
        area_entry = None if area is None else areas.async_get_area(area)
        where = "" if area_entry is None else f"{area_entry.name}: "
        rank = 0 if area is not None and area == area_id else 1 if area else 2
        found.append((rank, where, f"{state.name} ({state.entity_id})"))
    found.sort()
    return [f"{where}{text}" for _rank, where, text in found[:_MAX_LISTED]]


def _hint(lines: Iterable[str]) -> str:
    listed = list(lines)
    return "\n".join(f"- {line}" for line in listed) if listed else "-"


def presence_hint(hass: HomeAssistant, area_id: str | None = None) -> str:
    """Return the likely presence entities: occupancy sensors and PC activity."""
    return _hint(_listed(hass, _is_presence, area_id))


def dnd_hint(hass: HomeAssistant, area_id: str | None = None) -> str:
    """Return the likely do-not-disturb entities: calendars, camera, a PC or phone."""
    return _hint(_listed(hass, _is_dnd, area_id))


def desk_hint(hass: HomeAssistant, area_id: str | None = None) -> str:
    """Return the likely standing desks: a cover, height sensor or number."""
    return _hint(_listed(hass, _is_desk, area_id))
