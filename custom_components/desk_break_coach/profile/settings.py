"""Turn a config entry's options into engine settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Any

from ..const import (
    CONF_ASK_COMFORT,
    CONF_AWAY_MINUTES,
    CONF_DAILY_LIMIT_MINUTES,
    CONF_DAILY_TARGET,
    CONF_DESK_ENTITY,
    CONF_EXERCISE_SECONDS,
    CONF_MASSAGE_AFTER_LAST,
    CONF_MAX_SKIPS_PER_DAY,
    CONF_MAX_SNOOZES,
    CONF_MICRO_BREAK_MINUTES,
    CONF_MICRO_BREAK_SECONDS,
    CONF_PROGRAM,
    CONF_REMIND_AGAIN_MINUTES,
    CONF_REPS,
    CONF_SCHEDULE_ENTITY,
    CONF_SIT_MINUTES,
    CONF_SNOOZE_MINUTES,
    CONF_STAND_MINUTES,
    CONF_STANDING_TARGET_MINUTES,
    CONF_WARN_MINUTES,
    CONF_WEEKLY_REPORT,
    CONF_WORK_DAYS,
    CONF_WORK_END,
    CONF_WORK_START,
    option,
)
from ..engine import Settings, WorkSchedule


def settings_from_options(options: Mapping[str, Any]) -> Settings:
    """Return the engine's view of the options; a schedule entity replaces fixed hours."""
    schedule = None
    if not options.get(CONF_SCHEDULE_ENTITY):
        schedule = WorkSchedule(
            start=time.fromisoformat(option(options, CONF_WORK_START)),
            end=time.fromisoformat(option(options, CONF_WORK_END)),
            days=frozenset(option(options, CONF_WORK_DAYS)),
        )
    return Settings(
        sit_minutes=int(option(options, CONF_SIT_MINUTES)),
        away_minutes=int(option(options, CONF_AWAY_MINUTES)),
        snooze_minutes=int(option(options, CONF_SNOOZE_MINUTES)),
        max_snoozes=int(option(options, CONF_MAX_SNOOZES)),
        daily_target=int(option(options, CONF_DAILY_TARGET)),
        program=str(option(options, CONF_PROGRAM)),
        reps=int(option(options, CONF_REPS)),
        exercise_seconds=int(option(options, CONF_EXERCISE_SECONDS)),
        micro_break_minutes=int(option(options, CONF_MICRO_BREAK_MINUTES)),
        micro_break_seconds=int(option(options, CONF_MICRO_BREAK_SECONDS)),
        warn_minutes=int(option(options, CONF_WARN_MINUTES)),
        daily_limit_minutes=int(option(options, CONF_DAILY_LIMIT_MINUTES)),
        ask_comfort=bool(option(options, CONF_ASK_COMFORT)),
        massage_after_last=bool(option(options, CONF_MASSAGE_AFTER_LAST)),
        desk=bool(options.get(CONF_DESK_ENTITY)),
        stand_minutes=int(option(options, CONF_STAND_MINUTES)),
        standing_target_minutes=int(option(options, CONF_STANDING_TARGET_MINUTES)),
        remind_again_minutes=int(option(options, CONF_REMIND_AGAIN_MINUTES)),
        max_skips_per_day=int(option(options, CONF_MAX_SKIPS_PER_DAY)),
        weekly_report=bool(option(options, CONF_WEEKLY_REPORT)),
        schedule=schedule,
    )
