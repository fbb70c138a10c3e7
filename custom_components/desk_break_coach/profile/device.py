"""A new profile's device lands in the area picked for it, else its presence's."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)

from ..const import CONF_AREA, CONF_PRESENCE_ENTITIES, DOMAIN


def presence_area(hass: HomeAssistant, entity_ids: list[str]) -> str | None:
    """Return the area of the first presence entity that has one (its own or its device's)."""
    entities, devices = er.async_get(hass), dr.async_get(hass)
    for entity_id in entity_ids:
        if (entry := entities.async_get(entity_id)) is None:
            continue
        if entry.area_id is not None:
            return entry.area_id
        if entry.device_id is not None and (
            device := devices.async_get(entry.device_id)
        ):
            if device.area_id is not None:
                return device.area_id
    return None


def picked_area(hass: HomeAssistant, entry: ConfigEntry) -> str | None:
    """Return the area picked for the desk in the config flow, if it still exists."""
    area_id: str | None = entry.data.get(CONF_AREA)
    if area_id is None or ar.async_get(hass).async_get_area(area_id) is None:
        return None
    return area_id


def is_new_device(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Whether the profile has no device yet (a new profile)."""
    return (
        dr.async_get(hass).async_get_device_by_identifier(
            (DOMAIN, entry.entry_id), entry.entry_id
        )
        is None
    )


def async_place_new_device(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Place a new profile's device in the area picked for it, else its presence's.

    The area picked in the config flow wins; without one (or if it was removed
    since), the area of the first presence entity that has one.

    Called once its entities exist, so their ids stay `<profile>_<key>` rather
    than taking the area's name; a device the person moved is never moved back.
    """
    devices = dr.async_get(hass)
    device = devices.async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    if device is None or device.area_id is not None:
        return
    area_id = picked_area(hass, entry) or presence_area(
        hass, list(entry.data[CONF_PRESENCE_ENTITIES])
    )
    if area_id is not None:
        devices.async_update_device(device.id, area_id=area_id)
