"""Numbers mirroring the sit_minutes and daily_target options."""

from __future__ import annotations

import math

from homeassistant.components.number import (
    DOMAIN as NUMBER_DOMAIN,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coach import DeskBreakCoachConfigEntry
from .const import CONF_DAILY_TARGET, CONF_SIT_MINUTES, NUMBER_OPTION_RANGES, option
from .entity import CoachEntity

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0

NUMBERS: tuple[NumberEntityDescription, ...] = (
    NumberEntityDescription(
        key=CONF_SIT_MINUTES,
        entity_category=EntityCategory.CONFIG,
        native_min_value=NUMBER_OPTION_RANGES[CONF_SIT_MINUTES][0],
        native_max_value=NUMBER_OPTION_RANGES[CONF_SIT_MINUTES][1],
        native_step=1,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        mode=NumberMode.BOX,
    ),
    NumberEntityDescription(
        key=CONF_DAILY_TARGET,
        entity_category=EntityCategory.CONFIG,
        native_min_value=NUMBER_OPTION_RANGES[CONF_DAILY_TARGET][0],
        native_max_value=NUMBER_OPTION_RANGES[CONF_DAILY_TARGET][1],
        native_step=1,
        mode=NumberMode.BOX,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's option numbers."""
    async_add_entities(OptionNumber(entry, description) for description in NUMBERS)


class OptionNumber(CoachEntity, NumberEntity):
    """An option shown and set as a number."""

    @property
    def native_value(self) -> float:
        """The option's value."""
        return float(option(self.coach.entry.options, self.entity_description.key))

    def shown(self) -> float:
        """Return the value."""
        return self.native_value

    async def async_set_native_value(self, value: float) -> None:
        """Store the option; the coach applies it and keeps its progress."""
        if not math.isfinite(value):
            # "nan" passes Home Assistant's range check; refuse it the same way.
            raise ServiceValidationError(
                translation_domain=NUMBER_DOMAIN,
                translation_key="out_of_range",
                translation_placeholders={
                    "value": str(value),
                    "entity_id": self.entity_id,
                    "min_value": str(self.min_value),
                    "max_value": str(self.max_value),
                },
            )
        entry = self.coach.entry
        key = self.entity_description.key
        self.hass.config_entries.async_update_entry(
            entry, options={**entry.options, key: int(value)}
        )
        self._coach_changed()
