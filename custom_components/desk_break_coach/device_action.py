"""Device actions: the profile's commands, run with the automation as their origin.

Snooze and pause take optional whole `minutes` (empty: the profile's snooze
length, or until resume). A refusal is the same translated error the
integration's actions raise (`services.run`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.const import CONF_DEVICE_ID, CONF_DOMAIN, CONF_TYPE
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import config_validation as cv, selector
from homeassistant.helpers.typing import ConfigType, TemplateVarsType
import probatio as vol

from .coach import AUTOMATION, Coach
from .const import DOMAIN, PAUSE_ACTION_MINUTES_RANGE, SNOOZE_ACTION_MINUTES_RANGE
from .engine import Event
from .entity import profile_entry_id
from .services import ATTR_MINUTES, get_coach, run

#: Each action's command, given the coach and the validated config.
ACTIONS: Final[dict[str, Callable[[Coach, ConfigType], list[Event]]]] = {
    "start_break": lambda coach, config: run(coach.start_break, AUTOMATION),
    "snooze": lambda coach, config: run(
        coach.snooze, AUTOMATION, config.get(ATTR_MINUTES)
    ),
    "skip_break": lambda coach, config: run(coach.skip_break, AUTOMATION),
    "pause": lambda coach, config: run(
        coach.pause, AUTOMATION, config.get(ATTR_MINUTES)
    ),
    "resume": lambda coach, config: run(coach.resume, AUTOMATION),
}

#: The actions that take minutes, and their bounds.
MINUTES_RANGES: Final[dict[str, tuple[int, int]]] = {
    "snooze": SNOOZE_ACTION_MINUTES_RANGE,
    "pause": PAUSE_ACTION_MINUTES_RANGE,
}


def _whole_minutes(bounds: tuple[int, int]) -> Callable[[Any], int]:
    """Return a validator of whole minutes within `bounds`."""
    low, high = bounds
    message = f"minutes must be a whole number from {low} to {high}"

    def validate(value: Any) -> int:
        try:
            minutes = float(value)
        except TypeError, ValueError:
            raise vol.Invalid(message) from None
        if isinstance(value, bool) or not minutes.is_integer():
            raise vol.Invalid(message)
        if not low <= minutes <= high:
            raise vol.Invalid(message)
        return int(minutes)

    return validate


def _schema(action_type: str) -> vol.Schema:
    fields: dict[Any, Any] = {vol.Required(CONF_TYPE): action_type}
    if (bounds := MINUTES_RANGES.get(action_type)) is not None:
        fields[vol.Optional(ATTR_MINUTES)] = _whole_minutes(bounds)
    return cv.DEVICE_ACTION_BASE_SCHEMA.extend(fields)


_SCHEMAS: Final = {action_type: _schema(action_type) for action_type in ACTIONS}
_TYPE_SCHEMA: Final = cv.DEVICE_ACTION_BASE_SCHEMA.extend(
    {vol.Required(CONF_TYPE): vol.In(tuple(ACTIONS))}, extra=vol.ALLOW_EXTRA
)


async def async_validate_action_config(
    hass: HomeAssistant, config: ConfigType
) -> ConfigType:
    """Check the type first, then that type's own fields."""
    action_type = _TYPE_SCHEMA(config)[CONF_TYPE]
    validated: ConfigType = _SCHEMAS[action_type](config)
    return validated


async def async_get_actions(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, Any]]:
    """List the actions of a profile's device."""
    if profile_entry_id(hass, device_id) is None:
        return []
    return [
        {CONF_DEVICE_ID: device_id, CONF_DOMAIN: DOMAIN, CONF_TYPE: action_type}
        for action_type in ACTIONS
    ]


async def async_call_action_from_config(
    hass: HomeAssistant,
    config: ConfigType,
    variables: TemplateVarsType,
    context: Context | None,
) -> None:
    """Run the action's command on the profile's coach."""
    if (entry_id := profile_entry_id(hass, config[CONF_DEVICE_ID])) is None:
        raise InvalidDeviceAutomationConfig(
            f"Device {config[CONF_DEVICE_ID]} is not a Desk Break Coach profile"
        )
    ACTIONS[config[CONF_TYPE]](get_coach(hass, entry_id), config)


async def async_get_action_capabilities(
    hass: HomeAssistant, config: ConfigType
) -> dict[str, vol.Schema]:
    """Offer the minutes of snooze and pause."""
    if (bounds := MINUTES_RANGES.get(config[CONF_TYPE])) is None:
        return {}
    low, high = bounds
    return {
        "extra_fields": vol.Schema(
            {
                vol.Optional(ATTR_MINUTES): selector.NumberSelector(
                    selector.NumberSelectorConfig(
                        min=low,
                        max=high,
                        step=1,
                        mode=selector.NumberSelectorMode.BOX,
                        unit_of_measurement="min",
                    )
                )
            }
        )
    }
