"""Actions (services): registered once, each for the profile named by config_entry_id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
import probatio as vol

from .coach import ACTION, Coach, Origin
from .commands import COMMANDS
from .const import DOMAIN
from .engine import Command, EngineError, Event
from .readout import status_data

ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"

#: The schema accepts any data; the handler validates it with translated errors.
_SCHEMA = vol.Schema(dict, extra=vol.ALLOW_EXTRA)


def invalid(key: str, **values: Any) -> ServiceValidationError:
    """Return a translated validation error."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={k: str(v) for k, v in values.items()} or None,
    )


def get_coach(hass: HomeAssistant, entry_id: Any) -> Coach:
    """Return the running coach of a profile, or a translated error."""
    if not isinstance(entry_id, str) or not entry_id:
        raise invalid("entry_required")
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise invalid("entry_not_found", entry_id=entry_id)
    if entry.state is not ConfigEntryState.LOADED:
        raise invalid("entry_not_loaded", name=entry.title)
    coach: Coach = entry.runtime_data
    return coach


def run[**P](
    command: Callable[P, list[Event]], *args: P.args, **kwargs: P.kwargs
) -> list[Event]:
    """Run a coach command, turning a refusal into a translated error."""
    try:
        return command(*args, **kwargs)
    except EngineError as err:
        raise invalid(err.key, **err.values) from err


async def async_run(
    coach: Coach, command: Command, origin: Origin, **fields: Any
) -> list[Event]:
    """Run a command and wait for its move, turning a refusal into a translated error."""
    try:
        return await coach.async_run(command, origin, **fields)
    except EngineError as err:
        raise invalid(err.key, **err.values) from err


def _coach_for(hass: HomeAssistant, call: ServiceCall, fields: frozenset[str]) -> Coach:
    """Check the call's field names, then find its profile's coach."""
    allowed = fields | {ATTR_CONFIG_ENTRY_ID}
    if unknown := sorted(set(call.data) - allowed):
        raise invalid(
            "unknown_field",
            field=", ".join(unknown),
            fields=", ".join(sorted(allowed)),
        )
    return get_coach(hass, call.data.get(ATTR_CONFIG_ENTRY_ID))


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration: one per command, and get_status."""

    async def handle(call: ServiceCall) -> None:
        command = Command(call.service)
        coach = _coach_for(hass, call, COMMANDS[command].field_names)
        fields = {k: v for k, v in call.data.items() if k != ATTR_CONFIG_ENTRY_ID}
        await async_run(coach, command, ACTION, **fields)

    async def handle_status(call: ServiceCall) -> ServiceResponse:
        return status_data(_coach_for(hass, call, frozenset()).view_now())

    for command in COMMANDS:
        hass.services.async_register(DOMAIN, command.value, handle, schema=_SCHEMA)
    hass.services.async_register(
        DOMAIN,
        "get_status",
        handle_status,
        schema=_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
