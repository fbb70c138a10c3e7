"""Device conditions: what a profile is doing, as its status sensor shows it.

Each condition reads the coach's published view (`Coach.view.status`), the very
value the status sensor shows, so it holds even with that sensor disabled. A
profile that is not loaded meets none of them.

`is_break_due` is only the status `break_due`: a snoozed break is not due until
the snooze ends (the `break_due` binary sensor is off meanwhile too), so an
automation that nags while a break is due leaves a snooze alone, and the break
falling due again makes the condition true again.
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_CONDITION, CONF_DEVICE_ID, CONF_DOMAIN, CONF_TYPE
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.condition import ConditionCheckerType
from homeassistant.helpers.config_validation import DEVICE_CONDITION_BASE_SCHEMA
from homeassistant.helpers.typing import ConfigType, TemplateVarsType
import probatio as vol

from .const import DOMAIN
from .engine import Status
from .entity import profile_entry_id

#: Each condition and the status it tests.
CONDITION_STATUSES: Final[dict[str, Status]] = {
    "is_sitting": Status.SITTING,
    "is_break_due": Status.BREAK_DUE,
    "is_on_break": Status.ON_BREAK,
    "is_paused": Status.PAUSED,
    "is_resting": Status.RESTING,
    "is_standing": Status.STANDING,
}

CONDITION_SCHEMA: Final = DEVICE_CONDITION_BASE_SCHEMA.extend(
    {vol.Required(CONF_TYPE): vol.In(tuple(CONDITION_STATUSES))}
)


async def async_get_conditions(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, Any]]:
    """List the conditions of a profile's device."""
    if profile_entry_id(hass, device_id) is None:
        return []
    return [
        {
            CONF_CONDITION: "device",
            CONF_DEVICE_ID: device_id,
            CONF_DOMAIN: DOMAIN,
            CONF_TYPE: condition_type,
        }
        for condition_type in CONDITION_STATUSES
    ]


@callback
def async_condition_from_config(
    hass: HomeAssistant, config: ConfigType
) -> ConditionCheckerType:
    """Return a check of the profile's status."""
    wanted = CONDITION_STATUSES[config[CONF_TYPE]]
    entry_id = profile_entry_id(hass, config[CONF_DEVICE_ID])

    def test_status(hass: HomeAssistant, variables: TemplateVarsType = None) -> bool:
        """Whether the profile, loaded, shows the wanted status."""
        if entry_id is None:
            return False
        entry = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.state is not ConfigEntryState.LOADED:
            return False
        return bool(entry.runtime_data.view.status is wanted)

    return test_status
