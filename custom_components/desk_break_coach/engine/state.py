"""The engine's persistent state and its plain-data form for storage."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
import logging
import math
from operator import attrgetter
from typing import Any

_LOGGER = logging.getLogger(__name__)


#: A comfort level: 0 (worst) to 10 (no discomfort); a note's longest text.
COMFORT_LEVELS = (0, 10)
NOTE_MAX = 200


@dataclass(slots=True, kw_only=True)
class BreakState:
    """A guided break in progress."""

    program: str
    step_ids: list[str]
    reps: list[int]
    seconds: list[int]
    position: int = 0
    step_ends_at: datetime
    #: Steps from `then_from` on are of program `then` (self-massage after the
    #: day's last exercise break).
    then: str | None = None
    then_from: int = 0

    def fingerprint(self) -> tuple[Any, ...]:
        """Return a copy of every value, to tell a later change (lists as tuples)."""
        return tuple(
            tuple(value) if isinstance(value, list) else value
            for value in _BREAK_VALUES(self)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ComfortEntry:
    """One answer to "how does your neck feel?" (10 = no discomfort)."""

    at: datetime
    level: int
    #: The person's own words, kept as text and never evaluated.
    note: str = ""
    #: Logged right after a break.
    after_break: bool = False


@dataclass(slots=True, kw_only=True)
class CoachState:
    """Everything the engine must remember across restarts."""

    day: date | None = None
    breaks_today: int = 0
    met_today: bool = False
    worked_today: bool = False
    streak: int = 0
    sitting_today_seconds: float = 0.0
    present: bool = False
    block_start: datetime | None = None
    segment_start: datetime | None = None
    away_since: datetime | None = None
    due: bool = False
    due_since: datetime | None = None
    snoozed_until: datetime | None = None
    snoozes_used: int = 0
    working: bool = True
    dnd: bool = False
    paused: bool = False
    paused_until: datetime | None = None
    resting: bool = False
    cursor: datetime | None = None
    brk: BreakState | None = field(default=None)
    # The second wave: micro-breaks, the heads-up, the daily limit, standing.
    micro_anchor: datetime | None = None
    micro_until: datetime | None = None
    micro_breaks_today: int = 0
    warned: bool = False
    limit_reached_today: bool = False
    standing: bool = False
    standing_settled: bool = False
    standing_changed_at: datetime | None = None
    standing_since: datetime | None = None
    standing_segment_start: datetime | None = None
    standing_today_seconds: float = 0.0
    # The comfort log and what the routine learns from it.
    comfort: list[ComfortEntry] = field(default_factory=list)
    last_break_at: datetime | None = None
    stop_days: list[date] = field(default_factory=list)
    worse_days: list[date] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    first_break_day: date | None = None
    capped_seconds_today: int = 0

    def fingerprint(self) -> tuple[Any, ...]:
        """Return what the stored form holds but the cursor, cheap to compare.

        Two fingerprints are equal exactly when `to_dict()` without the cursor is:
        plain values as they are, lists copied as tuples (their items are never
        changed in place: dates, texts, frozen `ComfortEntry`s, so comparing the
        90-day comfort log costs a pointer check per entry), the break in progress
        by its own fingerprint. It lets the shell skip a save when nothing a
        person would lose changed, without encoding the whole state.
        """
        brk = self.brk
        return (
            _PLAIN_VALUES(self),
            *(tuple(items) for items in _LIST_VALUES(self)),
            None if brk is None else brk.fingerprint(),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-friendly data."""
        encoded: dict[str, Any] = _encode(self)
        return encoded

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CoachState:
        """Rebuild from stored data, keeping every field that can be read."""
        state = cls()
        for item in fields(cls):
            if item.name not in data or item.name in _LISTS or item.name == "brk":
                continue
            try:
                setattr(
                    state,
                    item.name,
                    _decode(item.name, data[item.name], getattr(state, item.name)),
                )
            except TypeError, ValueError:
                _LOGGER.warning("Ignoring unreadable stored value for %s", item.name)
        if data.get("reminders") is False:
            # Before pause and the reminders switch were one: switched off = paused.
            state.paused = True
        for name, read in _LISTS.items():
            raw = data.get(name)
            if isinstance(raw, list):
                setattr(state, name, _read_list(name, raw, read))
        raw_break = data.get("brk")
        if isinstance(raw_break, dict):
            try:
                state.brk = _decode_break(raw_break)
            except KeyError, TypeError, ValueError:
                _LOGGER.warning("Ignoring unreadable stored break in progress")
        return state


#: Getters of the values a fingerprint takes: the break's; the state's plain values
#: and its lists (the cursor and the break in progress apart).
_BREAK_VALUES = attrgetter(*(item.name for item in fields(BreakState)))
_LIST_NAMES = tuple(
    item.name for item in fields(CoachState) if item.default_factory is list
)
_PLAIN_VALUES = attrgetter(
    *(
        item.name
        for item in fields(CoachState)
        if item.name not in (*_LIST_NAMES, "cursor", "brk")
    )
)
_LIST_VALUES = attrgetter(*_LIST_NAMES)

_DATETIMES = {
    "block_start",
    "segment_start",
    "away_since",
    "due_since",
    "snoozed_until",
    "paused_until",
    "cursor",
    "micro_anchor",
    "last_break_at",
    "micro_until",
    "standing_since",
    "standing_changed_at",
    "standing_segment_start",
}


def _comfort(raw: Any) -> ComfortEntry:
    if not isinstance(raw, dict):
        raise TypeError("comfort")
    level, note = _count(raw["level"]), raw.get("note", "")
    if level > COMFORT_LEVELS[1] or not isinstance(note, str) or len(note) > NOTE_MAX:
        raise ValueError("comfort")
    return ComfortEntry(
        at=_moment(raw["at"]),
        level=level,
        note=note,
        after_break=raw.get("after_break") is True,
    )


def _day(raw: Any) -> date:
    day = date.fromisoformat(raw)
    if day.year not in _YEARS:
        raise ValueError(raw)
    return day


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise TypeError(raw)
    return raw


#: Stored lists and how to read one item of each.
_LISTS: dict[str, Any] = {
    "comfort": _comfort,
    "stop_days": _day,
    "worse_days": _day,
    "declined": _text,
}


def _read_list(name: str, raw: list[Any], read: Any) -> list[Any]:
    """Read a stored list item by item, skipping what cannot be read."""
    items = []
    for item in raw:
        try:
            items.append(read(item))
        except KeyError, TypeError, ValueError:
            _LOGGER.warning("Ignoring an unreadable stored item of %s", name)
    return items


def _encode(value: Any) -> Any:
    """Return a value as plain data: dataclasses as dicts, moments as ISO text.

    Field by field, without `asdict`'s deep copy (the comfort log can be long).
    """
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if (names := _FIELD_NAMES.get(type(value))) is not None:
        return {name: _encode(getattr(value, name)) for name in names}
    return value


#: The fields of each stored dataclass, in order.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    kind: tuple(item.name for item in fields(kind))
    for kind in (CoachState, BreakState, ComfortEntry)
}


#: Stored moments outside these years were not written by this integration.
_YEARS = range(2000, 3000)


def _moment(value: Any) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None or parsed.year not in _YEARS:
        raise ValueError(value)
    return parsed


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(value)
    return value


def _decode(name: str, value: Any, default: Any) -> Any:
    if value is None:
        if name in _DATETIMES or name in ("day", "first_break_day"):
            return None
        raise TypeError(name)
    if name in _DATETIMES:
        return _moment(value)
    if name in ("day", "first_break_day"):
        return _day(value)
    kind = type(default)
    if kind is bool and not isinstance(value, bool):
        raise TypeError(name)
    if kind in (int, float) and (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise TypeError(name)
    return kind(value)


def _decode_break(raw: dict[str, Any]) -> BreakState:
    """Rebuild a break in progress; its lists must fit together."""
    step_ids = raw["step_ids"]
    if not isinstance(step_ids, list) or not all(isinstance(v, str) for v in step_ids):
        raise TypeError("step_ids")
    reps = [_count(v) for v in raw["reps"]]
    seconds = [_count(v) for v in raw["seconds"]]
    position = _count(raw["position"])
    if not step_ids or not len(step_ids) == len(reps) == len(seconds):
        raise ValueError("steps")
    if position >= len(step_ids) or not isinstance(raw["program"], str):
        raise ValueError("position")
    return BreakState(
        program=raw["program"],
        step_ids=step_ids,
        reps=reps,
        seconds=seconds,
        position=position,
        step_ends_at=_moment(raw["step_ends_at"]),
        then=raw["then"] if isinstance(raw.get("then"), str) else None,
        then_from=_count(raw.get("then_from", 0)),
    )
