"""The forms of the config and options flows: fields, validation, error keys.

Every refusal has a key translated under config.error / options.error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import split_entity_id
import homeassistant.helpers.config_validation as cv
from homeassistant.helpers.selector import (
    BooleanSelector,
    DeviceFilterSelectorConfig,
    DeviceSelector,
    DeviceSelectorConfig,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TimeSelector,
)
import probatio

from ..const import (
    ANNOUNCE_DOMAINS,
    CONF_ANNOUNCE_STEPS,
    CONF_ANNOUNCE_TARGETS,
    CONF_ASK_COMFORT,
    CONF_AWAY_MINUTES,
    CONF_DAILY_LIMIT_MINUTES,
    CONF_DAILY_TARGET,
    CONF_DND_ENTITIES,
    CONF_EXERCISE_SECONDS,
    CONF_IDLE_SECONDS,
    CONF_LANGUAGE,
    CONF_MASSAGE_AFTER_LAST,
    CONF_MAX_SNOOZES,
    CONF_MICRO_BREAK_MINUTES,
    CONF_MICRO_BREAK_SECONDS,
    CONF_NAME,
    CONF_PAUSE_MEDIA,
    CONF_PHONES,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_PRESENCE_STATES,
    CONF_PROGRAM,
    CONF_REPS,
    CONF_SCHEDULE_ENTITY,
    CONF_SIT_MINUTES,
    CONF_SNOOZE_MINUTES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    CONF_TTS_ENTITY,
    CONF_WARN_MINUTES,
    CONF_WORK_DAYS,
    CONF_WORK_END,
    CONF_WORK_START,
    DEFAULT_NAME,
    DEFAULT_PRESENCE_MODE,
    DEFAULT_PRESENCE_STATES,
    LANGUAGES,
    NUMBER_OPTION_RANGES,
    OFF_OR_RANGE,
    PHONE_INTEGRATION,
    PRESENCE_DOMAINS,
    PRESENCE_MODES,
    PRESENCE_STATE_MAX_LENGTH,
    PROGRAMS,
    SCHEDULE_DOMAINS,
    STANDING_DOMAINS,
    STANDING_ON_OFF_DOMAINS,
    TTS_DOMAIN,
    WEEKDAYS,
)
from .routine import program_selector

# Error keys, translated under config.error / options.error. A probatio.Invalid whose
# message is one of these is shown translated next to its field.
ERROR_EMPTY_NAME = "empty_name"
ERROR_NO_PRESENCE_ENTITIES = "no_presence_entities"
ERROR_OUT_OF_RANGE = "out_of_range"
ERROR_WORK_END_BEFORE_START = "work_end_before_start"
ERROR_NO_WORK_DAYS = "no_work_days"
ERROR_TTS_REQUIRED = "tts_required"
ERROR_REQUIRED = "required"
ERROR_INVALID_PROGRAM = "invalid_program"
ERROR_INVALID_TIME = "invalid_time"
ERROR_INVALID_WORK_DAYS = "invalid_work_days"
ERROR_INVALID_ENTITY = "invalid_entity"
ERROR_INVALID_VALUE = "invalid_value"
ERROR_INVALID_PRESENCE_STATE = "invalid_presence_state"
ERROR_OFF_OR_RANGE = "off_or_range"
ERROR_STANDING_ABOVE_REQUIRED = "standing_above_required"

# Units of the numeric options, translated under selector.option_unit. Counts
# (snoozes, breaks, repetitions) have none: a unit cannot agree with every number.
_NUMBER_UNITS: Mapping[str, str] = {
    CONF_SIT_MINUTES: "minutes",
    CONF_AWAY_MINUTES: "minutes",
    CONF_SNOOZE_MINUTES: "minutes",
    CONF_EXERCISE_SECONDS: "seconds",
    CONF_IDLE_SECONDS: "seconds",
    CONF_MICRO_BREAK_MINUTES: "minutes",
    CONF_MICRO_BREAK_SECONDS: "seconds",
    CONF_WARN_MINUTES: "minutes",
    CONF_DAILY_LIMIT_MINUTES: "minutes",
}

PROFILE_SCHEMA = probatio.Schema(
    {
        probatio.Required(CONF_NAME, default=DEFAULT_NAME): TextSelector(),
        probatio.Required(
            CONF_PRESENCE_ENTITIES, msg=ERROR_NO_PRESENCE_ENTITIES
        ): EntitySelector(
            EntitySelectorConfig(domain=list(PRESENCE_DOMAINS), multiple=True)
        ),
        probatio.Required(
            CONF_PRESENCE_MODE, default=DEFAULT_PRESENCE_MODE
        ): SelectSelector(
            SelectSelectorConfig(
                options=list(PRESENCE_MODES),
                translation_key=CONF_PRESENCE_MODE,
                mode=SelectSelectorMode.LIST,
            )
        ),
    }
)


def _whole_number(key: str) -> probatio.All[Any]:
    """Return a validator for a numeric option: a whole number in its range."""
    minimum, maximum = NUMBER_OPTION_RANGES[key]
    config = NumberSelectorConfig(
        min=minimum, max=maximum, step=1, mode=NumberSelectorMode.BOX
    )
    if unit := _NUMBER_UNITS.get(key):
        config |= {"unit_of_measurement": unit, "translation_key": "option_unit"}
    return probatio.All(
        NumberSelector(config),
        probatio.Coerce(int),
        probatio.Range(min=minimum, max=maximum),
        msg=ERROR_OUT_OF_RANGE,
    )


def _field(validator: Any, error: str) -> probatio.All[Any]:
    """Return `validator` with its refusal shown as the translated `error`."""
    return probatio.All(validator, msg=error)


def _required(key: str) -> probatio.Required:
    """Return a required options key whose absence is a translated error."""
    return probatio.Required(key, msg=ERROR_REQUIRED)


OPTIONS_SCHEMA = probatio.Schema(
    {
        _required(CONF_SIT_MINUTES): _whole_number(CONF_SIT_MINUTES),
        _required(CONF_AWAY_MINUTES): _whole_number(CONF_AWAY_MINUTES),
        _required(CONF_SNOOZE_MINUTES): _whole_number(CONF_SNOOZE_MINUTES),
        _required(CONF_MAX_SNOOZES): _whole_number(CONF_MAX_SNOOZES),
        _required(CONF_DAILY_TARGET): _whole_number(CONF_DAILY_TARGET),
        _required(CONF_PROGRAM): _field(
            SelectSelector(
                SelectSelectorConfig(
                    options=list(PROGRAMS),
                    translation_key=CONF_PROGRAM,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
            ERROR_INVALID_PROGRAM,
        ),
        _required(CONF_REPS): _whole_number(CONF_REPS),
        _required(CONF_EXERCISE_SECONDS): _whole_number(CONF_EXERCISE_SECONDS),
        _required(CONF_WORK_START): _field(TimeSelector(), ERROR_INVALID_TIME),
        _required(CONF_WORK_END): _field(TimeSelector(), ERROR_INVALID_TIME),
        probatio.Required(CONF_WORK_DAYS, msg=ERROR_NO_WORK_DAYS): _field(
            SelectSelector(
                SelectSelectorConfig(
                    options=list(WEEKDAYS),
                    translation_key=CONF_WORK_DAYS,
                    multiple=True,
                    mode=SelectSelectorMode.LIST,
                )
            ),
            ERROR_INVALID_WORK_DAYS,
        ),
        probatio.Optional(CONF_SCHEDULE_ENTITY): _field(
            EntitySelector(EntitySelectorConfig(domain=list(SCHEDULE_DOMAINS))),
            ERROR_INVALID_ENTITY,
        ),
        probatio.Optional(CONF_DND_ENTITIES): _field(
            EntitySelector(EntitySelectorConfig(multiple=True)), ERROR_INVALID_ENTITY
        ),
        probatio.Optional(CONF_ANNOUNCE_TARGETS): _field(
            EntitySelector(
                EntitySelectorConfig(domain=list(ANNOUNCE_DOMAINS), multiple=True)
            ),
            ERROR_INVALID_ENTITY,
        ),
        probatio.Optional(CONF_TTS_ENTITY): _field(
            EntitySelector(EntitySelectorConfig(domain=TTS_DOMAIN)),
            ERROR_INVALID_ENTITY,
        ),
        _required(CONF_ANNOUNCE_STEPS): _field(BooleanSelector(), ERROR_INVALID_VALUE),
        _required(CONF_IDLE_SECONDS): _whole_number(CONF_IDLE_SECONDS),
        probatio.Optional(CONF_PRESENCE_STATES): _field(
            TextSelector(TextSelectorConfig(multiple=True)),
            ERROR_INVALID_PRESENCE_STATE,
        ),
        _required(CONF_MICRO_BREAK_MINUTES): _whole_number(CONF_MICRO_BREAK_MINUTES),
        _required(CONF_MICRO_BREAK_SECONDS): _whole_number(CONF_MICRO_BREAK_SECONDS),
        _required(CONF_WARN_MINUTES): _whole_number(CONF_WARN_MINUTES),
        _required(CONF_DAILY_LIMIT_MINUTES): _whole_number(CONF_DAILY_LIMIT_MINUTES),
        probatio.Optional(CONF_STANDING_ENTITY): _field(
            EntitySelector(EntitySelectorConfig(domain=list(STANDING_DOMAINS))),
            ERROR_INVALID_ENTITY,
        ),
        probatio.Optional(CONF_STANDING_ABOVE): _field(
            probatio.All(
                NumberSelector(NumberSelectorConfig(mode=NumberSelectorMode.BOX)),
                probatio.Coerce(float),
                probatio.Range(min=-1e9, max=1e9),
            ),
            ERROR_INVALID_VALUE,
        ),
        probatio.Optional(CONF_PAUSE_MEDIA): _field(
            EntitySelector(EntitySelectorConfig(domain="media_player", multiple=True)),
            ERROR_INVALID_ENTITY,
        ),
        probatio.Optional(CONF_ASK_COMFORT): _field(
            BooleanSelector(), ERROR_INVALID_VALUE
        ),
        probatio.Optional(CONF_MASSAGE_AFTER_LAST): _field(
            BooleanSelector(), ERROR_INVALID_VALUE
        ),
        probatio.Optional(CONF_LANGUAGE): _field(
            SelectSelector(
                SelectSelectorConfig(
                    options=list(LANGUAGES),
                    translation_key=CONF_LANGUAGE,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
            ERROR_INVALID_VALUE,
        ),
        probatio.Optional(CONF_PHONES): _field(
            DeviceSelector(
                DeviceSelectorConfig(
                    filter=DeviceFilterSelectorConfig(integration=PHONE_INTEGRATION),
                    multiple=True,
                )
            ),
            ERROR_INVALID_VALUE,
        ),
    }
)


def validate_profile(
    user_input: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, str]]:
    """Normalise the profile fields; return them with any errors."""
    errors: dict[str, str] = {}
    name: str = user_input[CONF_NAME].strip()
    entities = list(dict.fromkeys(user_input[CONF_PRESENCE_ENTITIES]))
    if not name:
        errors[CONF_NAME] = ERROR_EMPTY_NAME
    if not entities:
        errors[CONF_PRESENCE_ENTITIES] = ERROR_NO_PRESENCE_ENTITIES
    profile = {
        CONF_NAME: name,
        CONF_PRESENCE_ENTITIES: entities,
        CONF_PRESENCE_MODE: user_input[CONF_PRESENCE_MODE],
    }
    return profile, errors


def validate_options(
    user_input: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, str]]:
    """Normalise the options form; return every option with any errors."""
    errors: dict[str, str] = {}
    work_start = cv.time(user_input[CONF_WORK_START])
    work_end = cv.time(user_input[CONF_WORK_END])
    if work_end <= work_start:
        errors[CONF_WORK_END] = ERROR_WORK_END_BEFORE_START
    work_days = [day for day in WEEKDAYS if day in user_input[CONF_WORK_DAYS]]
    if not work_days:
        errors[CONF_WORK_DAYS] = ERROR_NO_WORK_DAYS
    for key, (low, _high) in OFF_OR_RANGE.items():
        if 0 < user_input[key] < low:
            errors[key] = ERROR_OFF_OR_RANGE
    standing_entity: str | None = user_input.get(CONF_STANDING_ENTITY) or None
    standing_above: float | None = user_input.get(CONF_STANDING_ABOVE)
    if (
        standing_entity is not None
        and split_entity_id(standing_entity)[0] not in STANDING_ON_OFF_DOMAINS
        and standing_above is None
    ):
        errors[CONF_STANDING_ABOVE] = ERROR_STANDING_ABOVE_REQUIRED
    announce_targets = list(dict.fromkeys(user_input.get(CONF_ANNOUNCE_TARGETS, [])))
    tts_entity: str | None = user_input.get(CONF_TTS_ENTITY) or None
    if tts_entity is None and any(
        split_entity_id(target)[0] == "media_player" for target in announce_targets
    ):
        errors[CONF_TTS_ENTITY] = ERROR_TTS_REQUIRED
    presence_states = _presence_states(user_input.get(CONF_PRESENCE_STATES))
    if any(len(state) > PRESENCE_STATE_MAX_LENGTH for state in presence_states):
        errors[CONF_PRESENCE_STATES] = ERROR_INVALID_PRESENCE_STATE
    options: dict[str, Any] = {key: user_input[key] for key in NUMBER_OPTION_RANGES}
    options.update(
        {
            CONF_PROGRAM: user_input[CONF_PROGRAM],
            CONF_WORK_START: work_start.isoformat(timespec="seconds"),
            CONF_WORK_END: work_end.isoformat(timespec="seconds"),
            CONF_WORK_DAYS: work_days,
            CONF_SCHEDULE_ENTITY: user_input.get(CONF_SCHEDULE_ENTITY) or None,
            CONF_DND_ENTITIES: list(
                dict.fromkeys(user_input.get(CONF_DND_ENTITIES, []))
            ),
            CONF_ANNOUNCE_TARGETS: announce_targets,
            CONF_TTS_ENTITY: tts_entity,
            CONF_ANNOUNCE_STEPS: user_input[CONF_ANNOUNCE_STEPS],
            CONF_PRESENCE_STATES: presence_states,
            CONF_PHONES: list(dict.fromkeys(user_input.get(CONF_PHONES, []))),
            CONF_STANDING_ENTITY: standing_entity,
            CONF_STANDING_ABOVE: standing_above,
            CONF_PAUSE_MEDIA: list(dict.fromkeys(user_input.get(CONF_PAUSE_MEDIA, []))),
            CONF_ASK_COMFORT: bool(user_input.get(CONF_ASK_COMFORT, False)),
            CONF_MASSAGE_AFTER_LAST: bool(
                user_input.get(CONF_MASSAGE_AFTER_LAST, False)
            ),
            CONF_LANGUAGE: user_input.get(CONF_LANGUAGE) or None,
        }
    )
    return options, errors


def _presence_states(values: Iterable[str] | None) -> list[str]:
    """Trimmed, lower-case, without repeats; none given means the defaults."""
    states = [value.strip().casefold() for value in values or ()]
    return list(dict.fromkeys(state for state in states if state)) or list(
        DEFAULT_PRESENCE_STATES
    )


def suggested_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop unset values so cleared fields show empty rather than "None"."""
    return {key: value for key, value in values.items() if value is not None}


def options_schema(entry: ConfigEntry) -> probatio.Schema:
    """Return the options form, offering the profile's own routines as programs."""
    program = _field(program_selector(entry), ERROR_INVALID_PROGRAM)
    return probatio.Schema(
        {
            key: program if key == CONF_PROGRAM else value
            for key, value in OPTIONS_SCHEMA.schema.items()
        }
    )
