"""The pure break-coach engine: no Home Assistant import in this package."""

from .core import REFRESH, BreakEngine
from .model import (
    Command,
    EngineError,
    Event,
    EventType,
    ExerciseView,
    ProgramId,
    Settings,
    Status,
    StopReason,
    View,
)
from .routine import REPS_RANGE, Catalogue, Program, Step, split
from .schedule import WEEKDAYS, WorkSchedule
from .state import COMFORT_LEVELS, NOTE_MAX, BreakState, CoachState

__all__ = [
    "COMFORT_LEVELS",
    "NOTE_MAX",
    "REFRESH",
    "REPS_RANGE",
    "WEEKDAYS",
    "BreakEngine",
    "BreakState",
    "Catalogue",
    "CoachState",
    "Command",
    "EngineError",
    "Event",
    "EventType",
    "ExerciseView",
    "Program",
    "ProgramId",
    "Settings",
    "Status",
    "Step",
    "StopReason",
    "View",
    "WorkSchedule",
    "split",
]
