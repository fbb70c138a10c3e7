"""The base entity of a profile: device, names from translation keys, coach updates."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .coach import DeskBreakCoachConfigEntry
from .const import DOMAIN


def profile_entry_id(hass: HomeAssistant, device_id: str) -> str | None:
    """Return the config entry id of a profile's device, None for any other device."""
    if (device := dr.async_get(hass).async_get(device_id)) is None:
        return None
    return next((key for domain, key in device.identifiers if domain == DOMAIN), None)


class CoachEntity(Entity):
    """An entity of one profile that writes its state only when what it shows changed.

    `shown()` computes what the entity shows from the coach's view, once per
    change; the state properties read that (`self._shown`), so a write does not
    compute it again.
    """

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: DeskBreakCoachConfigEntry, description: EntityDescription
    ) -> None:
        """Bind to the profile's coach."""
        self.entity_description = description
        self.coach = entry.runtime_data
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_translation_key = description.key
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.title,
            manufacturer="Desk Break Coach",
            model="Desk profile",
            entry_type=DeviceEntryType.SERVICE,
        )

        self._shown: Any = self.shown()

    async def async_added_to_hass(self) -> None:
        """Follow the coach."""
        self._shown = self.shown()
        self.async_on_remove(self.coach.async_add_listener(self._coach_changed))

    def shown(self) -> Any:
        """Return what this entity shows, to compare before writing."""
        return None

    def _coach_changed(self) -> None:
        shown = self.shown()
        if shown != self._shown:
            self._shown = shown
            self.async_write_ha_state()
