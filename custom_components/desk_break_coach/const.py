"""Constants for Desk Break Coach: the domain, configuration keys, defaults and ranges.

This module is the single source of truth for every key a user can configure.
The defaults the engine itself knows (its Settings, working hours, weekdays, the
reps range, stop reasons) are taken from the engine, so each is written once.
It imports nothing from Home Assistant.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from .engine import (
    COMFORT_LEVELS,
    NOTE_MAX,
    REPS_RANGE as ENGINE_REPS_RANGE,
    WEEKDAYS as ENGINE_WEEKDAYS,
    ProgramId,
    Settings,
    StopReason,
    WorkSchedule,
)

_ENGINE: Final = Settings()
_HOURS: Final = WorkSchedule()

DOMAIN: Final = "desk_break_coach"

# Config entry data (config flow and reconfigure)
CONF_NAME: Final = "name"  # same value as homeassistant.const.CONF_NAME
CONF_PRESENCE_ENTITIES: Final = "presence_entities"
CONF_PRESENCE_MODE: Final = "presence_mode"
#: The area picked for the desk in the config flow; present only when one was picked.
CONF_AREA: Final = "area_id"

PRESENCE_MODE_ANY: Final = "any"
PRESENCE_MODE_ALL: Final = "all"
PRESENCE_MODES: Final = (PRESENCE_MODE_ANY, PRESENCE_MODE_ALL)

PRESENCE_DOMAINS: Final = (
    "binary_sensor",
    "device_tracker",
    "input_boolean",
    "person",
    "sensor",
    "switch",
)
#: Presence domains that say "at home", not "at the desk": accepted only with `all`.
HOME_DOMAINS: Final = ("device_tracker", "person")

DEFAULT_NAME: Final = "Desk"
DEFAULT_PRESENCE_MODE: Final = PRESENCE_MODE_ANY

# Config entry options (options flow)
CONF_SIT_MINUTES: Final = "sit_minutes"
CONF_AWAY_MINUTES: Final = "away_minutes"
CONF_SNOOZE_MINUTES: Final = "snooze_minutes"
CONF_MAX_SNOOZES: Final = "max_snoozes"
CONF_DAILY_TARGET: Final = "daily_target"
CONF_PROGRAM: Final = "program"
CONF_REPS: Final = "reps"
CONF_EXERCISE_SECONDS: Final = "exercise_seconds"
CONF_WORK_START: Final = "work_start"
CONF_WORK_END: Final = "work_end"
CONF_WORK_DAYS: Final = "work_days"
CONF_SCHEDULE_ENTITY: Final = "schedule_entity"
CONF_DND_ENTITIES: Final = "dnd_entities"
CONF_ANNOUNCE_TARGETS: Final = "announce_targets"
CONF_TTS_ENTITY: Final = "tts_entity"
CONF_ANNOUNCE_STEPS: Final = "announce_steps"
CONF_IDLE_SECONDS: Final = "idle_seconds"
CONF_MICRO_BREAK_MINUTES: Final = "micro_break_minutes"
CONF_MICRO_BREAK_SECONDS: Final = "micro_break_seconds"
CONF_WARN_MINUTES: Final = "warn_minutes"
CONF_DAILY_LIMIT_MINUTES: Final = "daily_limit_minutes"
CONF_STANDING_ENTITY: Final = "standing_entity"
CONF_STANDING_ABOVE: Final = "standing_above"
CONF_PAUSE_MEDIA: Final = "pause_media"
CONF_ASK_COMFORT: Final = "ask_comfort"
CONF_LANGUAGE: Final = "language"
CONF_MASSAGE_AFTER_LAST: Final = "massage_after_last"
CONF_REMIND_AGAIN_MINUTES: Final = "remind_again_minutes"
CONF_MAX_SKIPS_PER_DAY: Final = "max_skips_per_day"
CONF_WEEKLY_REPORT: Final = "weekly_report"

#: The languages the integration ships (routines/, sentences/, translations/).
LANGUAGES: Final = ("en", "ru", "de", "es", "fr", "it", "nl", "pl", "pt", "uk")
#: Where a language is not shipped.
FALLBACK_LANGUAGE: Final = "en"
CONF_PRESENCE_STATES: Final = "presence_states"
CONF_PHONES: Final = "phones"
# The desk (third wave)
CONF_DESK_ENTITY: Final = "desk_entity"
CONF_DESK_SIT_POSITION: Final = "desk_sit_position"
CONF_DESK_STAND_POSITION: Final = "desk_stand_position"
CONF_STAND_MINUTES: Final = "stand_minutes"
CONF_STANDING_TARGET_MINUTES: Final = "standing_target_minutes"
CONF_DND_STATES: Final = "dnd_states"

# Programs (the `program` option and select entity): the engine's, in its order
PROGRAMS: Final = tuple(program.value for program in ProgramId)

# Weekdays in Python's `date.weekday()` order: WEEKDAYS[date.weekday()]
WEEKDAYS: Final = ENGINE_WEEKDAYS

# Why the exercises were stopped (the `reason` field of stop_routine)
REASONS: Final = tuple(reason.value for reason in StopReason)
DEFAULT_REASON: Final = StopReason.UNWELL.value

# Entity domains accepted by the entity options
SCHEDULE_DOMAINS: Final = ("schedule", "binary_sensor", "input_boolean")
ANNOUNCE_DOMAINS: Final = ("assist_satellite", "media_player", "notify")
#: The integration of the companion apps' devices (the `phones` option).
PHONE_INTEGRATION: Final = "mobile_app"
TTS_DOMAIN: Final = "tts"
STANDING_DOMAINS: Final = (
    "binary_sensor",
    "input_boolean",
    "sensor",
    "number",
    "cover",
)
#: Standing entities read as on/off; the others need `standing_above`.
STANDING_ON_OFF_DOMAINS: Final = STANDING_DOMAINS[:2]
#: A desk that moves: a cover (position 0-100) or a number (its own unit).
DESK_DOMAINS: Final = ("cover", "number")
#: A cover's position.
COVER_POSITION_RANGE: Final = (0, 100)

# Defaults; times are "HH:MM:SS" strings, as the time selector stores them
DEFAULT_SIT_MINUTES: Final = _ENGINE.sit_minutes
DEFAULT_AWAY_MINUTES: Final = _ENGINE.away_minutes
DEFAULT_SNOOZE_MINUTES: Final = _ENGINE.snooze_minutes
DEFAULT_MAX_SNOOZES: Final = _ENGINE.max_snoozes
DEFAULT_DAILY_TARGET: Final = _ENGINE.daily_target
DEFAULT_PROGRAM: Final = _ENGINE.program
DEFAULT_REPS: Final = _ENGINE.reps
DEFAULT_EXERCISE_SECONDS: Final = _ENGINE.exercise_seconds
DEFAULT_WORK_START: Final = _HOURS.start.isoformat()
DEFAULT_WORK_END: Final = _HOURS.end.isoformat()
DEFAULT_WORK_DAYS: Final = tuple(day for day in WEEKDAYS if day in _HOURS.days)
DEFAULT_ANNOUNCE_STEPS: Final = True
DEFAULT_IDLE_SECONDS: Final = 120
DEFAULT_MICRO_BREAK_MINUTES: Final = _ENGINE.micro_break_minutes
DEFAULT_MICRO_BREAK_SECONDS: Final = _ENGINE.micro_break_seconds
DEFAULT_WARN_MINUTES: Final = _ENGINE.warn_minutes
DEFAULT_DAILY_LIMIT_MINUTES: Final = _ENGINE.daily_limit_minutes
DEFAULT_PRESENCE_STATES: Final = ("unlocked", "active", "on", "home")
#: States of a do-not-disturb entity that is not on/off and mean "do not disturb":
#: a PC agent's notification state, a phone's do-not-disturb or call state.
DEFAULT_DND_STATES: Final = (
    "busy",
    "presentationmode",
    "runningdirect3dfullscreen",
    "quiettime",
    "priority_only",
    "total_silence",
    "alarms_only",
    "offhook",
    "ringing",
)
DEFAULT_REMIND_AGAIN_MINUTES: Final = _ENGINE.remind_again_minutes
DEFAULT_MAX_SKIPS_PER_DAY: Final = _ENGINE.max_skips_per_day

# Inclusive (minimum, maximum) ranges of the numeric options
SIT_MINUTES_RANGE: Final = (10, 180)
AWAY_MINUTES_RANGE: Final = (1, 60)
SNOOZE_MINUTES_RANGE: Final = (1, 60)
MAX_SNOOZES_RANGE: Final = (0, 10)
DAILY_TARGET_RANGE: Final = (1, 12)
REPS_RANGE: Final = ENGINE_REPS_RANGE
EXERCISE_SECONDS_RANGE: Final = (30, 120)
IDLE_SECONDS_RANGE: Final = (30, 1800)
MICRO_BREAK_SECONDS_RANGE: Final = (10, 120)
WARN_MINUTES_RANGE: Final = (0, 15)
# 0 turns these off; otherwise a value within the (minimum, maximum) "on" range.
MICRO_BREAK_MINUTES_RANGE: Final = (0, 60)
MICRO_BREAK_MINUTES_ON: Final = (10, 60)
DAILY_LIMIT_MINUTES_RANGE: Final = (0, 960)
DAILY_LIMIT_MINUTES_ON: Final = (60, 960)
STAND_MINUTES_RANGE: Final = (0, 120)
STAND_MINUTES_ON: Final = (10, 120)
STANDING_TARGET_MINUTES_RANGE: Final = (0, 480)
STANDING_TARGET_MINUTES_ON: Final = (30, 480)
REMIND_AGAIN_MINUTES_RANGE: Final = (0, 60)
REMIND_AGAIN_MINUTES_ON: Final = (5, 60)
MAX_SKIPS_PER_DAY_RANGE: Final = (0, 10)
#: Longest text of one presence or do-not-disturb state.
PRESENCE_STATE_MAX_LENGTH: Final = 50

# The log_comfort action: the level (10 = no discomfort) and the note's length
COMFORT_LEVEL_RANGE: Final = COMFORT_LEVELS
COMFORT_NOTE_MAX_LENGTH: Final = NOTE_MAX

# The `minutes` field of the snooze and pause actions
SNOOZE_ACTION_MINUTES_RANGE: Final = (1, 120)
PAUSE_ACTION_MINUTES_RANGE: Final = (1, 1440)

NUMBER_OPTION_RANGES: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {
        CONF_SIT_MINUTES: SIT_MINUTES_RANGE,
        CONF_AWAY_MINUTES: AWAY_MINUTES_RANGE,
        CONF_SNOOZE_MINUTES: SNOOZE_MINUTES_RANGE,
        CONF_MAX_SNOOZES: MAX_SNOOZES_RANGE,
        CONF_DAILY_TARGET: DAILY_TARGET_RANGE,
        CONF_REPS: REPS_RANGE,
        CONF_EXERCISE_SECONDS: EXERCISE_SECONDS_RANGE,
        CONF_IDLE_SECONDS: IDLE_SECONDS_RANGE,
        CONF_MICRO_BREAK_MINUTES: MICRO_BREAK_MINUTES_RANGE,
        CONF_MICRO_BREAK_SECONDS: MICRO_BREAK_SECONDS_RANGE,
        CONF_WARN_MINUTES: WARN_MINUTES_RANGE,
        CONF_DAILY_LIMIT_MINUTES: DAILY_LIMIT_MINUTES_RANGE,
        CONF_STAND_MINUTES: STAND_MINUTES_RANGE,
        CONF_STANDING_TARGET_MINUTES: STANDING_TARGET_MINUTES_RANGE,
        CONF_REMIND_AGAIN_MINUTES: REMIND_AGAIN_MINUTES_RANGE,
        CONF_MAX_SKIPS_PER_DAY: MAX_SKIPS_PER_DAY_RANGE,
    }
)

#: Numeric options where 0 means off and anything else must be in this range.
OFF_OR_RANGE: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {
        CONF_MICRO_BREAK_MINUTES: MICRO_BREAK_MINUTES_ON,
        CONF_DAILY_LIMIT_MINUTES: DAILY_LIMIT_MINUTES_ON,
        CONF_STAND_MINUTES: STAND_MINUTES_ON,
        CONF_STANDING_TARGET_MINUTES: STANDING_TARGET_MINUTES_ON,
        CONF_REMIND_AGAIN_MINUTES: REMIND_AGAIN_MINUTES_ON,
    }
)

# Every option with its default, read-only; lists are tuples here and lists in
# stored options. Optional entities are None or empty when unset.
DEFAULT_OPTIONS: Final[Mapping[str, Any]] = MappingProxyType(
    {
        CONF_SIT_MINUTES: DEFAULT_SIT_MINUTES,
        CONF_AWAY_MINUTES: DEFAULT_AWAY_MINUTES,
        CONF_SNOOZE_MINUTES: DEFAULT_SNOOZE_MINUTES,
        CONF_MAX_SNOOZES: DEFAULT_MAX_SNOOZES,
        CONF_DAILY_TARGET: DEFAULT_DAILY_TARGET,
        CONF_PROGRAM: DEFAULT_PROGRAM,
        CONF_REPS: DEFAULT_REPS,
        CONF_EXERCISE_SECONDS: DEFAULT_EXERCISE_SECONDS,
        CONF_WORK_START: DEFAULT_WORK_START,
        CONF_WORK_END: DEFAULT_WORK_END,
        CONF_WORK_DAYS: DEFAULT_WORK_DAYS,
        CONF_SCHEDULE_ENTITY: None,
        CONF_DND_ENTITIES: (),
        CONF_ANNOUNCE_TARGETS: (),
        CONF_TTS_ENTITY: None,
        CONF_ANNOUNCE_STEPS: DEFAULT_ANNOUNCE_STEPS,
        CONF_IDLE_SECONDS: DEFAULT_IDLE_SECONDS,
        CONF_PRESENCE_STATES: DEFAULT_PRESENCE_STATES,
        CONF_DND_STATES: DEFAULT_DND_STATES,
        CONF_MICRO_BREAK_MINUTES: DEFAULT_MICRO_BREAK_MINUTES,
        CONF_MICRO_BREAK_SECONDS: DEFAULT_MICRO_BREAK_SECONDS,
        CONF_WARN_MINUTES: DEFAULT_WARN_MINUTES,
        CONF_DAILY_LIMIT_MINUTES: DEFAULT_DAILY_LIMIT_MINUTES,
        CONF_STANDING_ENTITY: None,
        CONF_STANDING_ABOVE: None,
        CONF_DESK_ENTITY: None,
        CONF_DESK_SIT_POSITION: None,
        CONF_DESK_STAND_POSITION: None,
        CONF_STAND_MINUTES: _ENGINE.stand_minutes,
        CONF_STANDING_TARGET_MINUTES: _ENGINE.standing_target_minutes,
        CONF_PAUSE_MEDIA: (),
        CONF_ASK_COMFORT: _ENGINE.ask_comfort,
        CONF_MASSAGE_AFTER_LAST: _ENGINE.massage_after_last,
        # None: Home Assistant's own language.
        CONF_LANGUAGE: None,
        CONF_PHONES: (),
        CONF_REMIND_AGAIN_MINUTES: DEFAULT_REMIND_AGAIN_MINUTES,
        CONF_MAX_SKIPS_PER_DAY: DEFAULT_MAX_SKIPS_PER_DAY,
        CONF_WEEKLY_REPORT: _ENGINE.weekly_report,
    }
)


def option(options: Mapping[str, Any], key: str) -> Any:
    """Return an option's value, or its default."""
    value = options.get(key)
    return DEFAULT_OPTIONS[key] if value is None else value


def shipped_language(language: str | None) -> str:
    """Return the shipped language for "en-GB", "ru" or "de_AT"; English otherwise."""
    base = (language or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else FALLBACK_LANGUAGE


def default_options() -> dict[str, Any]:
    """Return the default options as stored in a config entry (JSON types)."""
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in DEFAULT_OPTIONS.items()
    }
