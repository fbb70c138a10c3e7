"""Diagnostics: the profile's options and the coach's state, for bug reports."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from .coach import DeskBreakCoachConfigEntry
from .const import CONF_PHONES
from .outputs.desk import desk_diagnostics
from .outputs.phone_targets import phone_diagnostics
from .profile.personal import routines
from .readout import status_data


def _state(state: dict[str, Any]) -> dict[str, Any]:
    """Return the stored progress; of the comfort log only its size, no notes."""
    log = state.pop("comfort", [])
    return {**state, "comfort_log_size": len(log)}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> dict[str, Any]:
    """Everything needed to understand what the coach did, nothing private beyond it."""
    coach = entry.runtime_data
    return {
        "entry": {
            "title": entry.title,
            "data": dict(entry.data),
            "options": dict(entry.options),
        },
        "language": coach.catalogue.language,
        "routines": [routine.as_dict() for routine in routines(entry)],
        "state": _state(coach.engine.state.to_dict()),
        "presence": coach.inputs.diagnostics(),
        "phones": phone_diagnostics(hass, entry.options.get(CONF_PHONES) or []),
        "desk": desk_diagnostics(hass, entry.options),
        "status": status_data(coach.view_now()),
    }
