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

from .coach import AUTOMATION
from .commands import CommandSpec, specs, whole_number
from .const import DOMAIN
from .engine import EngineError
from .entity import profile_entry_id
from .services import async_run, get_coach

#: The commands offered as device actions, by action type.
ACTIONS: Final[dict[str, CommandSpec]] = {
    spec.key: spec for spec in specs("device_action")
}
#: The fields a device action offers: whole numbers (a command's minutes).
_NUMBER_FIELDS: Final = {
    spec.key: tuple(field for field in spec.fields if field.bounds is not None)
    for spec in ACTIONS.values()
}


def _whole(bounds: tuple[int, int]) -> Callable[[Any], int]:
    """Return the commands' own check of a whole number, as a config validator."""

    def validate(value: Any) -> int:
        try:
            return whole_number(value, bounds)
        except EngineError as err:
            low, high = bounds
            raise vol.Invalid(f"must be a whole number from {low} to {high}") from err

    return validate


def _schema(action_type: str) -> vol.Schema:
    fields: dict[Any, Any] = {vol.Required(CONF_TYPE): action_type}
    for field in _NUMBER_FIELDS[action_type]:
        assert field.bounds is not None
        fields[vol.Optional(field.name)] = _whole(field.bounds)
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
    spec = ACTIONS[config[CONF_TYPE]]
    fields = {name: config[name] for name in spec.field_names if name in config}
    await async_run(get_coach(hass, entry_id), spec.command, AUTOMATION, **fields)


async def async_get_action_capabilities(
    hass: HomeAssistant, config: ConfigType
) -> dict[str, vol.Schema]:
    """Offer the whole-number fields (the minutes of snooze and pause)."""
    fields = _NUMBER_FIELDS.get(config[CONF_TYPE], ())
    if not fields:
        return {}
    return {
        "extra_fields": vol.Schema(
            {
                vol.Optional(field.name): selector.NumberSelector(
                    selector.NumberSelectorConfig(
                        min=field.bounds[0],
                        max=field.bounds[1],
                        step=1,
                        mode=selector.NumberSelectorMode.BOX,
                        unit_of_measurement="min",
                    )
                )
                for field in fields
                if field.bounds is not None
            }
        )
    }
