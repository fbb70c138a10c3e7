"""The forms of the config and options flows: fields, validation, error keys.

Every refusal has a key translated under config.error / options.error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, split_entity_id
from homeassistant.helpers import area_registry as ar, entity_registry as er
import homeassistant.helpers.config_validation as cv
from homeassistant.helpers.selector import (
    AreaSelector,
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
    CONF_DND_STATES,
    CONF_EXERCISE_SECONDS,
    CONF_IDLE_SECONDS,
    CONF_LANGUAGE,
    CONF_MASSAGE_AFTER_LAST,
    CONF_MAX_SKIPS_PER_DAY,
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
    CONF_REMIND_AGAIN_MINUTES,
    CONF_REPS,
    CONF_SCHEDULE_ENTITY,
    CONF_SIT_MINUTES,
    CONF_SNOOZE_MINUTES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    CONF_TTS_ENTITY,
    CONF_WARN_MINUTES,
    CONF_WEEKLY_REPORT,
    CONF_WORK_DAYS,
    CONF_WORK_END,
    CONF_WORK_START,
    DEFAULT_DND_STATES,
    DEFAULT_MAX_SKIPS_PER_DAY,
    DEFAULT_NAME,
    DEFAULT_PRESENCE_MODE,
    DEFAULT_PRESENCE_STATES,
    DEFAULT_REMIND_AGAIN_MINUTES,
    HOME_DOMAINS,
    LANGUAGES,
    NUMBER_OPTION_RANGES,
    OFF_OR_RANGE,
    PHONE_INTEGRATION,
    PRESENCE_DOMAINS,
    PRESENCE_MODE_ALL,
    PRESENCE_MODES,
    PRESENCE_STATE_MAX_LENGTH,
    PROGRAMS,
    SCHEDULE_DOMAINS,
    STANDING_DOMAINS,
    STANDING_ON_OFF_DOMAINS,
    TTS_DOMAIN,
    WEEKDAYS,
)
from .desk import DESK_UNITS, desk_errors, desk_fields, desk_options
from .routine import program_selector
from .sections import sectioned

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
ERROR_STANDING_IS_PRESENCE = "standing_is_presence"
ERROR_ENTITY_NOT_FOUND = "entity_not_found"
ERROR_HOME_NEEDS_ALL = "home_needs_all"
ERROR_INVALID_DND_STATE = "invalid_dnd_state"
ERROR_AREA_NOT_FOUND = "area_not_found"

#: Options naming entities, checked to exist (`entity_not_found`).
ENTITY_OPTIONS = (
    CONF_SCHEDULE_ENTITY,
    CONF_DND_ENTITIES,
    CONF_ANNOUNCE_TARGETS,
    CONF_TTS_ENTITY,
    CONF_STANDING_ENTITY,
    CONF_PAUSE_MEDIA,
)

#: Working hours are picked by the quarter hour, or typed; never with seconds.
_QUARTER_HOURS = [
    f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in (0, 15, 30, 45)
]

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
    **DESK_UNITS,
    CONF_REMIND_AGAIN_MINUTES: "minutes",
}

#: The config flow's first, optional question: where the desk is.
FIELD_AREA = "area"
AREA_SCHEMA = probatio.Schema({probatio.Optional(FIELD_AREA): AreaSelector()})

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


class _TimeOfDaySelector(SelectSelector):
    """A time of day as "HH:MM": a quarter hour from the list, or typed."""

    def __call__(self, data: Any) -> Any:
        """Accept a time of day only."""
        cv.time(data)
        return super().__call__(data)


def _time_selector() -> SelectSelector:
    """Return a time-of-day field ("HH:MM"): a quarter hour from the list, or typed."""
    return _TimeOfDaySelector(
        SelectSelectorConfig(
            options=_QUARTER_HOURS,
            custom_value=True,
            mode=SelectSelectorMode.DROPDOWN,
        )
    )


def short_time(value: str) -> str:
    """Return a stored "HH:MM:SS" as the form shows it: "HH:MM"."""
    return value[:5] if len(value) == 8 and value.endswith(":00") else value


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
        _required(CONF_WORK_START): _field(_time_selector(), ERROR_INVALID_TIME),
        _required(CONF_WORK_END): _field(_time_selector(), ERROR_INVALID_TIME),
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
        probatio.Optional(CONF_DND_STATES): _field(
            TextSelector(TextSelectorConfig(multiple=True)),
            ERROR_INVALID_DND_STATE,
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
        # The desk, beside standing (flows/desk.py).
        **desk_fields(_whole_number),
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
        probatio.Optional(
            CONF_REMIND_AGAIN_MINUTES, default=DEFAULT_REMIND_AGAIN_MINUTES
        ): _whole_number(CONF_REMIND_AGAIN_MINUTES),
        probatio.Optional(
            CONF_MAX_SKIPS_PER_DAY, default=DEFAULT_MAX_SKIPS_PER_DAY
        ): _whole_number(CONF_MAX_SKIPS_PER_DAY),
        probatio.Optional(CONF_WEEKLY_REPORT): _field(
            BooleanSelector(), ERROR_INVALID_VALUE
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
    elif user_input[CONF_PRESENCE_MODE] != PRESENCE_MODE_ALL and any(
        split_entity_id(entity_id)[0] in HOME_DOMAINS for entity_id in entities
    ):
        # "Home" is not "at the desk": under `any` a phone at home would say
        # "sitting" all day and hide every other presence entity.
        errors[CONF_PRESENCE_MODE] = ERROR_HOME_NEEDS_ALL
    profile = {
        CONF_NAME: name,
        CONF_PRESENCE_ENTITIES: entities,
        CONF_PRESENCE_MODE: user_input[CONF_PRESENCE_MODE],
    }
    return profile, errors


def validate_area(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> tuple[str | None, dict[str, str]]:
    """Return the picked area id (None when skipped), or an error if it is gone."""
    area_id: str | None = user_input.get(FIELD_AREA) or None
    if area_id is not None and ar.async_get(hass).async_get_area(area_id) is None:
        return None, {FIELD_AREA: ERROR_AREA_NOT_FOUND}
    return area_id, {}


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
    errors.update(desk_errors(user_input))
    announce_targets = list(dict.fromkeys(user_input.get(CONF_ANNOUNCE_TARGETS, [])))
    tts_entity: str | None = user_input.get(CONF_TTS_ENTITY) or None
    if tts_entity is None and any(
        split_entity_id(target)[0] == "media_player" for target in announce_targets
    ):
        errors[CONF_TTS_ENTITY] = ERROR_TTS_REQUIRED
    presence_states = _presence_states(user_input.get(CONF_PRESENCE_STATES))
    if any(len(state) > PRESENCE_STATE_MAX_LENGTH for state in presence_states):
        errors[CONF_PRESENCE_STATES] = ERROR_INVALID_PRESENCE_STATE
    dnd_states = _states(user_input.get(CONF_DND_STATES)) or list(DEFAULT_DND_STATES)
    if any(len(state) > PRESENCE_STATE_MAX_LENGTH for state in dnd_states):
        errors[CONF_DND_STATES] = ERROR_INVALID_DND_STATE
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
            CONF_DND_STATES: dnd_states,
            CONF_PHONES: list(dict.fromkeys(user_input.get(CONF_PHONES, []))),
            CONF_STANDING_ENTITY: standing_entity,
            CONF_STANDING_ABOVE: standing_above,
            CONF_PAUSE_MEDIA: list(dict.fromkeys(user_input.get(CONF_PAUSE_MEDIA, []))),
            CONF_ASK_COMFORT: bool(user_input.get(CONF_ASK_COMFORT, False)),
            CONF_MASSAGE_AFTER_LAST: bool(
                user_input.get(CONF_MASSAGE_AFTER_LAST, False)
            ),
            CONF_LANGUAGE: user_input.get(CONF_LANGUAGE) or None,
            **desk_options(user_input),
            CONF_WEEKLY_REPORT: bool(user_input.get(CONF_WEEKLY_REPORT, False)),
        }
    )
    return options, errors


def _states(values: Iterable[str] | None) -> list[str]:
    """Trimmed, lower-case, without repeats."""
    states = [value.strip().casefold() for value in values or ()]
    return list(dict.fromkeys(state for state in states if state))


def _presence_states(values: Iterable[str] | None) -> list[str]:
    """Trimmed, lower-case, without repeats; none given means the defaults."""
    return _states(values) or list(DEFAULT_PRESENCE_STATES)


def check_entities(
    hass: HomeAssistant, options: Mapping[str, Any], presence: Iterable[str]
) -> dict[str, str]:
    """Refuse entities that do not exist, and a standing entity that is presence.

    An entity exists when it has a state or a registry entry (a disabled one, such
    as a desk's height sensor before it is enabled, counts).
    """
    registry = er.async_get(hass)
    errors: dict[str, str] = {}
    for key in ENTITY_OPTIONS:
        value = options.get(key)
        named = [value] if isinstance(value, str) else list(value or [])
        if any(
            hass.states.get(entity_id) is None and registry.async_get(entity_id) is None
            for entity_id in named
        ):
            errors[key] = ERROR_ENTITY_NOT_FOUND
    standing = options.get(CONF_STANDING_ENTITY)
    if standing is not None and standing in set(presence):
        errors[CONF_STANDING_ENTITY] = ERROR_STANDING_IS_PRESENCE
    return errors


def suggested_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop unset values so cleared fields show empty rather than "None".

    Working hours show without seconds.
    """
    return {
        key: short_time(value) if key in (CONF_WORK_START, CONF_WORK_END) else value
        for key, value in values.items()
        if value is not None
    }


def options_schema(entry: ConfigEntry) -> probatio.Schema:
    """Return the options form in sections, offering the profile's own routines."""
    program = _field(program_selector(entry), ERROR_INVALID_PROGRAM)
    return sectioned(
        probatio.Schema(
            {
                key: program if key == CONF_PROGRAM else value
                for key, value in OPTIONS_SCHEMA.schema.items()
            }
        )
    )
