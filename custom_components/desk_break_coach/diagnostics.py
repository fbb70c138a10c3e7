"""Diagnostics: the profile's options and the coach's state, for bug reports."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from . import DeskBreakCoachConfigEntry
from .readout import status_data


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
        "state": coach.engine.state.to_dict(),
        "presence": coach.inputs.diagnostics(),
        "status": status_data(coach.view_now()),
    }
