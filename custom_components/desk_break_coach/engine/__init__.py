"""The pure break-coach engine: no Home Assistant import in this package."""

from .core import REFRESH, BreakEngine
from .model import EngineError, Event, EventType, ExerciseView, Settings, Status, View
from .routine import Catalogue, Program, Step, split
from .schedule import WEEKDAYS, WorkSchedule
from .state import BreakState, CoachState

__all__ = [
    "REFRESH",
    "WEEKDAYS",
    "BreakEngine",
    "BreakState",
    "Catalogue",
    "CoachState",
    "EngineError",
    "Event",
    "EventType",
    "ExerciseView",
    "Program",
    "Settings",
    "Status",
    "Step",
    "View",
    "WorkSchedule",
    "split",
]
