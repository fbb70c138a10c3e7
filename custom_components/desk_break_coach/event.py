"""The `break` event entity: fires the same events as the bus, for automations."""

from __future__ import annotations

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import DeskBreakCoachConfigEntry, Origin
from .engine import Event, EventType
from .entity import CoachEntity

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's break event entity."""
    description = EventEntityDescription(
        key="break", event_types=[event_type.value for event_type in EventType]
    )
    async_add_entities([BreakEvent(entry, description)])


class BreakEvent(CoachEntity, EventEntity):
    """Each coach event, with its data."""

    async def async_added_to_hass(self) -> None:
        """Follow the coach's events."""
        await super().async_added_to_hass()
        self.async_on_remove(self.coach.async_add_event_listener(self._on_event))

    @callback
    def _on_event(self, event: Event, _origin: Origin | None) -> None:
        self._trigger_event(event.type.value, event.data)
        self.async_write_ha_state()
