"""Reading one entity: presence by its kind, on/off, standing.

A presence entity is read by its kind: "on"/"home" for binary sensors, switches,
booleans, trackers and people; for a sensor, a "last active" timestamp at most
`idle_seconds` old, an idle time at most `idle_seconds`, or a state listed in
`presence_states`. Unavailable or unknown (in any letter case: a PC agent says
"Unknown") is "no news". A do-not-disturb entity says so while "on", or while its
state is one of `dnd_states` (a PC's "PresentationMode", a phone's "priority_only").
Each reading carries why, in a word a person can look up (`Reading.why`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.cover import ATTR_CURRENT_POSITION
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    STATE_HOME,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    UnitOfTime,
)
from homeassistant.core import State
from homeassistant.util import dt as dt_util

from ..const import HOME_DOMAINS, STANDING_ON_OFF_DOMAINS

_NO_NEWS = (STATE_UNAVAILABLE, STATE_UNKNOWN)


#: Seconds per unit of an idle-time sensor.
_SECONDS: dict[str, float] = {
    UnitOfTime.MILLISECONDS: 0.001,
    UnitOfTime.SECONDS: 1,
    UnitOfTime.MINUTES: 60,
    UnitOfTime.HOURS: 3600,
    UnitOfTime.DAYS: 86400,
}


def no_news(state: State | None) -> bool:
    """Whether an entity says nothing usable (missing, unavailable, unknown)."""
    return state is None or state.state.casefold() in _NO_NEWS


def is_on(state: State | None) -> bool | None:
    """True/False for a usable state, None for no news."""
    if state is None or no_news(state):
        return None
    return state.state in (STATE_ON, STATE_HOME)


def is_dnd(state: State | None, dnd_states: Collection[str]) -> bool | None:
    """Whether a do-not-disturb entity says "do not disturb"; None for no news.

    "on" (a binary sensor, a switch, a calendar with an event now) or a state listed
    in `dnd_states`, in any letter case.
    """
    if state is None or no_news(state):
        return None
    return state.state == STATE_ON or state.state.casefold() in dnd_states


@dataclass(frozen=True, slots=True)
class Reading:
    """What one presence entity says now, why, and until when a "yes" holds by itself."""

    present: bool | None
    until: datetime | None = None
    why: str = "no_news"


def read_presence(
    state: State | None,
    now: datetime,
    idle: timedelta,
    presence_states: Collection[str],
) -> Reading:
    """Read one presence entity by its kind; None is no news."""
    if state is None or no_news(state):
        return Reading(None)
    if state.domain != "sensor":
        present = state.state in (STATE_ON, STATE_HOME)
        return Reading(present, why="on" if present else "off")
    if state.attributes.get(ATTR_DEVICE_CLASS) == SensorDeviceClass.TIMESTAMP:
        last_active = dt_util.parse_datetime(state.state)
        if last_active is None or last_active.tzinfo is None:
            return Reading(None, why="not_a_time")
        stale = last_active + idle
        if now < stale:
            return Reading(True, stale, "active_recently")
        return Reading(False, why="inactive_too_long")
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if unit in _SECONDS:
        try:
            idle_for = float(state.state) * _SECONDS[unit]
        except ValueError:
            return Reading(None, why="not_a_number")
        if idle_for <= idle.total_seconds():
            return Reading(True, why="idle_briefly")
        return Reading(False, why="idle_too_long")
    if state.state.casefold() in presence_states:
        return Reading(True, why="listed_state")
    return Reading(False, why="unlisted_state")


def is_standing(state: State | None, above: float | None) -> bool:
    """Whether a standing entity says "standing"; unusable means not standing.

    "on" for a binary sensor or boolean; otherwise a number (a desk's height, a
    cover's position) at or above `above`.
    """
    if state is None or no_news(state):
        return False
    if state.domain in STANDING_ON_OFF_DOMAINS:
        return state.state == STATE_ON
    value: Any = (
        state.attributes.get(ATTR_CURRENT_POSITION)
        if state.domain == "cover"
        else state.state
    )
    try:
        return above is not None and float(value) >= above
    except TypeError, ValueError:
        return False


#: Do-not-disturb domains read as on/off; any other entity by `dnd_states`.
DND_ON_OFF_DOMAINS = ("binary_sensor", "calendar", "input_boolean", "switch")


def presence_kind(domain: str, device_class: str | None, unit: str | None) -> str:
    """Return how a presence entity is read, in a word a person can look up."""
    if domain in HOME_DOMAINS:
        return "home"
    if domain != "sensor":
        return "on_off"
    if device_class == SensorDeviceClass.TIMESTAMP:
        return "last_active"
    return "idle_time" if unit in _SECONDS else "state_list"


def dnd_kind(domain: str) -> str:
    """Return how a do-not-disturb entity is read: on/off, or by `dnd_states`."""
    return "on_off" if domain in DND_ON_OFF_DOMAINS else "dnd_states"
