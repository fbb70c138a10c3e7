"""Value types shared by the engine: settings, statuses, events and read models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .schedule import WorkSchedule


class Status(StrEnum):
    """What the coach is doing, as the `status` sensor shows it."""

    AWAY = "away"
    SITTING = "sitting"
    BREAK_DUE = "break_due"
    SNOOZED = "snoozed"
    ON_BREAK = "on_break"
    PAUSED = "paused"
    OFF_HOURS = "off_hours"
    RESTING = "resting"
    MICRO_BREAK = "micro_break"
    STANDING = "standing"


class ProgramId(StrEnum):
    """The shipped programs (the `program` option); every catalogue has each."""

    NECK_SITTING = "neck_sitting"
    NECK_PREVENTION = "neck_prevention"
    NECK_LYING = "neck_lying"
    SELF_MASSAGE_NECK = "self_massage_neck"


class StopReason(StrEnum):
    """Why the exercises were stopped."""

    UNWELL = "unwell"
    OTHER = "other"


class EventType(StrEnum):
    """Events the engine emits; the shell fires them on the bus and the event entity."""

    BREAK_DUE = "break_due"
    BREAK_STARTED = "break_started"
    EXERCISE_STARTED = "exercise_started"
    BREAK_COMPLETED = "break_completed"
    BREAK_SKIPPED = "break_skipped"
    BREAK_SNOOZED = "break_snoozed"
    ROUTINE_STOPPED = "routine_stopped"
    BREAK_SOON = "break_soon"
    MICRO_BREAK_STARTED = "micro_break_started"
    MICRO_BREAK_COMPLETED = "micro_break_completed"
    DAILY_LIMIT_REACHED = "daily_limit_reached"
    COMFORT_LOGGED = "comfort_logged"
    STAND_SUGGESTED = "stand_suggested"
    BREAK_REMINDED = "break_reminded"
    WEEKLY_REPORT = "weekly_report"


class Command(StrEnum):
    """What a person (or an automation) can ask of the coach, in display order."""

    START_BREAK = "start_break"
    NEXT_EXERCISE = "next_exercise"
    FINISH_BREAK = "finish_break"
    SNOOZE = "snooze"
    SKIP_BREAK = "skip_break"
    STOP_ROUTINE = "stop_routine"
    PAUSE = "pause"
    RESUME = "resume"
    LOG_COMFORT = "log_comfort"
    RAISE_DESK = "raise_desk"
    LOWER_DESK = "lower_desk"


@dataclass(frozen=True, slots=True)
class Event:
    """One transition worth telling the world about: its type and its values.

    The engine says what happened; the shell words it (speech, logbook) and adds
    the profile's identity before firing it.
    """

    type: EventType
    data: dict[str, Any]


class EngineError(Exception):
    """A command that does not fit the current state; `key` names the reason."""

    def __init__(self, key: str, **values: Any) -> None:
        """Keep the reason's key and the values its message names."""
        super().__init__(key)
        self.key = key
        self.values = {k: str(v) for k, v in values.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The profile's options, as the engine needs them."""

    sit_minutes: int = 45
    away_minutes: int = 5
    snooze_minutes: int = 10
    max_snoozes: int = 3
    daily_target: int = 4
    program: str = ProgramId.NECK_SITTING.value
    reps: int = 10
    exercise_seconds: int = 120
    #: 0 turns each of these off.
    micro_break_minutes: int = 0
    micro_break_seconds: int = 20
    warn_minutes: int = 0
    daily_limit_minutes: int = 0
    ask_comfort: bool = False
    #: End the day's last exercise break with the self-massage.
    massage_after_last: bool = False
    #: The desk: whether one is set (`raise_desk` / `lower_desk`), minutes of
    #: continuous sitting before standing is suggested (0: never), and today's
    #: standing goal in minutes (0: none).
    desk: bool = False
    stand_minutes: int = 0
    standing_target_minutes: int = 0
    #: While a due break is unanswered, remind again this often (0: never).
    remind_again_minutes: int = 15
    #: Skips allowed per day (0: no limit).
    max_skips_per_day: int = 0
    #: Monday at the start of working hours, a report of the last week.
    weekly_report: bool = False
    # None: working time comes from outside (a schedule entity) via observe(working=...).
    schedule: WorkSchedule | None = field(default_factory=WorkSchedule)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseView:
    """The step of the guided break in progress."""

    program: str
    step: int
    steps_total: int
    exercise_id: str
    name: str
    reps: int
    seconds: int
    seconds_left: int
    ends_at: datetime
    instructions: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """Is it helping? Comfort early on against comfort now, and the adherence."""

    #: Days with a comfort log, today's included.
    days_logged: int = 0
    #: Mean comfort of the first 14 days with a log (None before 14 such days).
    baseline: float | None = None
    #: Mean comfort of the last 14 days with a log (None before 28 such days).
    recent: float | None = None
    change: float | None = None
    #: The change is at least the smallest change people notice, either way.
    meaningful: bool = False
    #: % of the daily target done over the last 28 working days (None before one).
    adherence_28d: int | None = None
    #: The working days `adherence_28d` is made of.
    adherence_days: int = 0


#: The comfort trend when the last days do not say otherwise (or nothing is logged).
SAME = "same"


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """Everything the entities show, computed for one moment."""

    status: Status
    occupied: bool
    break_due: bool
    sitting_minutes: int
    sitting_since: datetime | None
    sitting_today_minutes: int
    next_break: datetime | None
    breaks_today: int
    daily_target: int
    progress: int
    streak: int
    program: str
    exercise: ExerciseView | None
    remaining_steps: list[str]
    snoozes_left: int
    paused_until: datetime | None
    #: Whether reminders are active (not paused, for minutes or until resume).
    reminders: bool
    #: The commands that fit right now, in display order.
    available_commands: tuple[Command, ...]
    micro_breaks_today: int = 0
    #: When the micro-break in progress ends.
    micro_break_ends_at: datetime | None = None
    standing: bool = False
    standing_today_minutes: int = 0
    #: Today's standing goal (0: none), and whether standing is suggested now.
    standing_target_minutes: int = 0
    stand_suggested: bool = False
    over_daily_limit: bool = False
    #: The comfort log: today's latest level and when, the week's mean and trend.
    comfort: int | None = None
    comfort_logged_at: datetime | None = None
    comfort_average_7d: float | None = None
    comfort_trend: str = SAME
    comfort_log_size: int = 0
    #: Asking how the neck feels, after a completed break (`ask_comfort`).
    ask_comfort: bool = False
    #: The next program the comfort log suggests, if any.
    suggested_program: str | None = None
    #: Days of the last 7 on which comfort dropped right after a break.
    worse_days: int = 0
    #: The first week of practice (the documents' note on crackling).
    first_week: bool = True
    #: Morning, and no self-massage yet today: the documents suggest the
    #: collar-zone massage in the morning (a suggestion, never a rule).
    suggest_morning_massage: bool = False
    #: Since when the break has been due (it waits), if one is.
    due_since: datetime | None = None
    #: Skips still allowed today (None: no limit).
    skips_left: int | None = None
    #: Is it helping: the comfort change and the adherence.
    outcome: Outcome = field(default_factory=Outcome)
