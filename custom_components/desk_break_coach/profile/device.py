"""The profile's device: created once, in the area of its first presence entity."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.device_registry import DeviceEntryType

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


def async_place_new_device(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Create a new profile's device in its presence area; leave an existing one."""
    devices = dr.async_get(hass)
    identifier = (DOMAIN, entry.entry_id)
    if devices.async_get_device_by_identifier(identifier, entry.entry_id) is not None:
        return  # the person may have moved it since
    device = devices.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={identifier},
        name=entry.title,
        manufacturer="Desk Break Coach",
        model="Desk profile",
        entry_type=DeviceEntryType.SERVICE,
    )
    area_id = presence_area(hass, list(entry.data[CONF_PRESENCE_ENTITIES]))
    if area_id is not None:
        devices.async_update_device(device.id, area_id=area_id)
