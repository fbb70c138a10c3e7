"""The profile's device: a new one lands in the area of its first presence entity."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from ..const import CONF_PRESENCE_ENTITIES, DOMAIN


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


def is_new_device(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Whether the profile has no device yet (a new profile)."""
    return (
        dr.async_get(hass).async_get_device_by_identifier(
            (DOMAIN, entry.entry_id), entry.entry_id
        )
        is None
    )


def async_place_new_device(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Place a new profile's device in the area of its first presence entity.

    Called once its entities exist, so their ids stay `<profile>_<key>` rather
    than taking the area's name; a device the person moved is never moved back.
    """
    devices = dr.async_get(hass)
    device = devices.async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    if device is None or device.area_id is not None:
        return
    area_id = presence_area(hass, list(entry.data[CONF_PRESENCE_ENTITIES]))
    if area_id is not None:
        devices.async_update_device(device.id, area_id=area_id)
