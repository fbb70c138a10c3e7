"""Reading one entity: presence by its kind, on/off, standing.

A presence entity is read by its kind: "on"/"home" for binary sensors, switches,
booleans, trackers and people; for a sensor, a "last active" timestamp at most
`idle_seconds` old, an idle time at most `idle_seconds`, or a state listed in
`presence_states`. Unavailable or unknown is "no news".
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

from ..const import STANDING_ON_OFF_DOMAINS

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
    return state is None or state.state in _NO_NEWS


def is_on(state: State | None) -> bool | None:
    """True/False for a usable state, None for no news."""
    if state is None or no_news(state):
        return None
    return state.state in (STATE_ON, STATE_HOME)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one presence entity says now, and until when a "yes" holds by itself."""

    present: bool | None
    until: datetime | None = None


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
        return Reading(state.state in (STATE_ON, STATE_HOME))
    if state.attributes.get(ATTR_DEVICE_CLASS) == SensorDeviceClass.TIMESTAMP:
        last_active = dt_util.parse_datetime(state.state)
        if last_active is None or last_active.tzinfo is None:
            return Reading(None)
        stale = last_active + idle
        return Reading(True, stale) if now < stale else Reading(False)
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if unit in _SECONDS:
        try:
            idle_for = float(state.state) * _SECONDS[unit]
        except ValueError:
            return Reading(None)
        return Reading(idle_for <= idle.total_seconds())
    return Reading(state.state.casefold() in presence_states)


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
