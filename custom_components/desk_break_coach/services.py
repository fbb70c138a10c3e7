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

from .coach import ACTION, Coach
from .const import (
    COMFORT_LEVEL_RANGE,
    COMFORT_NOTE_MAX_LENGTH,
    DEFAULT_REASON,
    DOMAIN,
    PAUSE_ACTION_MINUTES_RANGE,
    REASONS,
    SNOOZE_ACTION_MINUTES_RANGE,
)
from .engine import EngineError, Event
from .personal import program_ids
from .readout import status_data

ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_PROGRAM: Final = "program"
ATTR_MINUTES: Final = "minutes"
ATTR_REASON: Final = "reason"

#: The schema accepts any data; the handler validates it with translated errors.
_SCHEMA = vol.Schema(dict, extra=vol.ALLOW_EXTRA)

#: The fields each action takes besides config_entry_id.
ATTR_LEVEL: Final = "level"
ATTR_NOTE: Final = "note"

FIELDS: Final[dict[str, frozenset[str]]] = {
    "log_comfort": frozenset({ATTR_LEVEL, ATTR_NOTE}),
    "start_break": frozenset({ATTR_PROGRAM}),
    "snooze": frozenset({ATTR_MINUTES}),
    "stop_routine": frozenset({ATTR_REASON}),
    "pause": frozenset({ATTR_MINUTES}),
}


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


def _minutes(value: Any, bounds: tuple[int, int]) -> int | None:
    if value is None:
        return None
    low, high = bounds
    if isinstance(value, bool):
        raise invalid("minutes_out_of_range", min=low, max=high)
    try:
        minutes = float(value)
    except TypeError, ValueError:
        raise invalid("minutes_out_of_range", min=low, max=high) from None
    if not minutes.is_integer() or not low <= minutes <= high:
        raise invalid("minutes_out_of_range", min=low, max=high)
    return int(minutes)


def _program(coach: Coach, value: Any) -> str | None:
    """Return a shipped program or one of the profile's own routines."""
    if value is None:
        return None
    programs = program_ids(coach.entry)
    if not isinstance(value, str) or value not in programs:
        raise invalid("invalid_program", program=value, programs=", ".join(programs))
    return value


def _level(value: Any) -> int:
    low, high = COMFORT_LEVEL_RANGE
    if value is None:
        raise invalid("comfort_level_required", min=low, max=high)
    try:
        level = float(value)
    except TypeError, ValueError:
        raise invalid("comfort_level_out_of_range", min=low, max=high) from None
    if isinstance(value, bool) or not level.is_integer() or not low <= level <= high:
        raise invalid("comfort_level_out_of_range", min=low, max=high)
    return int(level)


def _note(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > COMFORT_NOTE_MAX_LENGTH:
        raise invalid("comfort_note_too_long", max=COMFORT_NOTE_MAX_LENGTH)
    return value


def _reason(value: Any) -> str:
    if value is None:
        return DEFAULT_REASON
    if value not in REASONS:
        raise invalid("invalid_reason", reason=value)
    return str(value)


type ActionHandler = Callable[[Coach, dict[str, Any]], list[Event]]

#: Each action: the coach command it runs, with its arguments read from the call.
ACTIONS: Final[dict[str, ActionHandler]] = {
    "start_break": lambda c, d: c.start_break(ACTION, _program(c, d.get(ATTR_PROGRAM))),
    "next_exercise": lambda c, d: c.next_exercise(ACTION),
    "finish_break": lambda c, d: c.finish_break(ACTION),
    "snooze": lambda c, d: c.snooze(
        ACTION, _minutes(d.get(ATTR_MINUTES), SNOOZE_ACTION_MINUTES_RANGE)
    ),
    "skip_break": lambda c, d: c.skip_break(ACTION),
    "stop_routine": lambda c, d: c.stop_routine(ACTION, _reason(d.get(ATTR_REASON))),
    "pause": lambda c, d: c.pause(
        ACTION, _minutes(d.get(ATTR_MINUTES), PAUSE_ACTION_MINUTES_RANGE)
    ),
    "resume": lambda c, d: c.resume(ACTION),
    "log_comfort": lambda c, d: c.log_comfort(
        ACTION, _level(d.get(ATTR_LEVEL)), _note(d.get(ATTR_NOTE))
    ),
}


def _coach_for(hass: HomeAssistant, call: ServiceCall) -> Coach:
    """Check the call's fields, then find its profile's coach."""
    allowed = FIELDS.get(call.service, frozenset()) | {ATTR_CONFIG_ENTRY_ID}
    if unknown := sorted(set(call.data) - allowed):
        raise invalid(
            "unknown_field",
            field=", ".join(unknown),
            fields=", ".join(sorted(allowed)),
        )
    return get_coach(hass, call.data.get(ATTR_CONFIG_ENTRY_ID))


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""

    async def handle(call: ServiceCall) -> None:
        coach = _coach_for(hass, call)
        run(ACTIONS[call.service], coach, dict(call.data))

    async def handle_status(call: ServiceCall) -> ServiceResponse:
        return status_data(_coach_for(hass, call).view_now())

    for service in ACTIONS:
        hass.services.async_register(DOMAIN, service, handle, schema=_SCHEMA)
    hass.services.async_register(
        DOMAIN,
        "get_status",
        handle_status,
        schema=_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
