"""Driving a real Home Assistant through simulated time, and measuring what it did.

Nothing here replaces a part of Home Assistant. Time is frozen (freezegun, as in
the tests); `Clock` moves it from one scheduled event-loop timer to the next, so
every timer fires at its exact moment, and notes whose timer it was.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import functools
import math
from pathlib import Path
import sqlite3
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HassJob, HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.yaml import load_yaml_dict
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import DOMAIN
from tests.helpers import profile_entry

DIY_PACKAGE = Path(__file__).parent / "diy_package.yaml"
PRESENCE = "input_boolean.desk"
COACH, DIY, OTHER = "coach", "diy", "other"

#: Where the code a timer runs lives, by module prefix.
_SIDES: tuple[tuple[str, str], ...] = (
    ("custom_components.desk_break_coach", COACH),
    ("homeassistant.components.template", DIY),
    ("homeassistant.components.history_stats", DIY),
    ("homeassistant.components.timer", DIY),
    ("homeassistant.components.counter", DIY),
    ("homeassistant.components.automation", DIY),
    ("homeassistant.components.script", DIY),
    ("homeassistant.components.homeassistant.triggers", DIY),
)
#: Modules that only wrap the real callback: look inside them.
_WRAPPERS = (
    "homeassistant.core",
    "homeassistant.helpers.event",
    "homeassistant.helpers.update_coordinator",
    "homeassistant.helpers.trigger",
    "asyncio",
    "functools",
)
_INNER_ATTRIBUTES = ("job", "target", "action", "_run_job", "_track_job", "_job")


async def setup_shared(hass: HomeAssistant) -> None:
    """Set up what both sides rely on: core, notifications and the presence."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    for domain in ("homeassistant", "persistent_notification"):
        assert await async_setup_component(hass, domain, {})
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"desk": {"name": "Desk"}}}
    )
    await hass.async_block_till_done()


def coach_entry(name: str = "Desk", presence: str = PRESENCE) -> MockConfigEntry:
    """Return a profile with default options, as the config flow creates it."""
    return profile_entry(name, [presence])


async def setup_coach(
    hass: HomeAssistant, options: dict[str, Any] | None = None
) -> MockConfigEntry:
    """Add and start one profile on the presence boolean (with these options)."""
    entry = coach_entry()
    entry.add_to_hass(hass)
    if options:
        hass.config_entries.async_update_entry(
            entry, options={**entry.options, **options}
        )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def setup_diy(hass: HomeAssistant) -> None:
    """Load the do-it-yourself YAML package with Home Assistant's own YAML loader."""
    package = await hass.async_add_executor_job(load_yaml_dict, str(DIY_PACKAGE))
    for domain in ("template", "sensor", "timer", "counter", "script", "automation"):
        assert await async_setup_component(hass, domain, {domain: package[domain]})
    await hass.async_block_till_done()


# ------------------------------------------------------------------ timers
def _module_of(obj: Any) -> str:
    bound_to = getattr(obj, "__self__", None)
    if bound_to is not None and not isinstance(bound_to, type):
        return type(bound_to).__module__
    module = getattr(getattr(obj, "__func__", obj), "__module__", None)
    return module or type(obj).__module__


def _inner(obj: Any) -> Iterable[Any]:
    """Yield the callables a wrapper holds."""
    if isinstance(obj, HassJob):
        yield obj.target
        return
    if isinstance(obj, functools.partial):
        yield obj.func
        yield from obj.args
        return
    holder = getattr(obj, "__self__", obj)
    for name in _INNER_ATTRIBUTES:
        if (value := getattr(holder, name, None)) is not None:
            yield value
    for cell in getattr(getattr(obj, "__func__", obj), "__closure__", None) or ():
        try:
            yield cell.cell_contents
        except ValueError:
            continue


def owner(obj: Any, depth: int = 0) -> str:
    """Which side the code behind a callback belongs to."""
    module = _module_of(obj)
    for prefix, side in _SIDES:
        if module.startswith(prefix):
            return side
    if depth < 6 and (module.startswith(_WRAPPERS) or isinstance(obj, HassJob)):
        for inner in _inner(obj):
            if callable(inner) or isinstance(inner, HassJob):
                side = owner(inner, depth + 1)
                if side != OTHER:
                    return side
    return OTHER


def timer_owner(callback: Any, args: tuple[Any, ...]) -> str:
    """Which side an event-loop timer (its callback and arguments) belongs to."""
    side = owner(callback)
    if side == OTHER:
        for arg in args:
            if callable(arg) or isinstance(arg, HassJob):
                side = owner(arg)
                if side != OTHER:
                    break
    return side


@dataclass
class Clock:
    """Moves frozen time from timer to timer; counts the timers that fired."""

    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    record: bool = True
    #: Each fired timer (kept, so ids stay unique) with its callback and arguments.
    _fired: dict[int, tuple[asyncio.TimerHandle, Any, tuple[Any, ...]]] = field(
        default_factory=dict
    )

    def _due(self, until: float) -> list[asyncio.TimerHandle]:
        scheduled: list[asyncio.TimerHandle] = self.hass.loop._scheduled  # type: ignore[attr-defined]  # noqa: SLF001
        return [h for h in scheduled if not h.cancelled() and h.when() <= until]

    async def run_until(self, moment: datetime) -> None:
        """Fire every timer due up to `moment`, each at its own time; stop at `moment`."""
        loop = self.hass.loop
        target = loop.time() + (moment - dt_util.utcnow()).total_seconds()
        while due := self._due(target):
            first = min(handle.when() for handle in due)
            while loop.time() <= first:
                # The loop runs a timer once its time has passed, not when it is
                # equal: step whole microseconds, rounded up, plus one.
                self.freezer.tick(
                    timedelta(microseconds=math.ceil((first - loop.time()) * 1e6) + 1)
                )
            for handle in self._due(loop.time()):
                if self.record and id(handle) not in self._fired:
                    self._fired[id(handle)] = (
                        handle,
                        handle._callback,  # noqa: SLF001
                        handle._args or (),  # noqa: SLF001
                    )
            # Background tasks too: a coordinator's refresh runs as one, and the
            # next refresh is scheduled when it ends.
            await self.hass.async_block_till_done(wait_background_tasks=True)
            # Let the loop run what is due before looking again.
            await asyncio.sleep(0)
        rest = (moment - dt_util.utcnow()).total_seconds()
        if rest > 0:
            self.freezer.tick(timedelta(seconds=rest))
        await self.hass.async_block_till_done(wait_background_tasks=True)

    def saves(self) -> Counter[str]:
        """Timers fired for a delayed storage save, by side (part of wakeups())."""
        return Counter(
            timer_owner(callback, args)
            for _, callback, args in self._fired.values()
            if isinstance(getattr(callback, "__self__", None), Store)
        )

    def wakeups(self) -> Counter[str]:
        """Timers fired, by side."""
        return Counter(
            timer_owner(callback, args) for _, callback, args in self._fired.values()
        )


# ------------------------------------------------------------------ recorder
@dataclass
class DbRows:
    """Rows the recorder wrote, by table and by entity or event type."""

    states: Counter[str]
    events: Counter[str]
    statistics: Counter[str]


def read_db(path: str) -> DbRows:
    """Count the rows in the recorder's SQLite file (blocking: run in the executor)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        states = Counter(
            dict(
                connection.execute(
                    "SELECT m.entity_id, COUNT(*) FROM states s "
                    "JOIN states_meta m ON s.metadata_id = m.metadata_id "
                    "GROUP BY m.entity_id"
                ).fetchall()
            )
        )
        events: Counter[str] = Counter()
        for event_type, data in connection.execute(
            "SELECT t.event_type, d.shared_data FROM events e "
            "JOIN event_types t ON e.event_type_id = t.event_type_id "
            "LEFT JOIN event_data d ON e.data_id = d.data_id"
        ):
            events[_event_key(event_type, data)] += 1
        statistics: Counter[str] = Counter()
        for table in ("statistics_short_term", "statistics"):
            for statistic_id, count in connection.execute(
                f"SELECT m.statistic_id, COUNT(*) FROM {table} s "  # noqa: S608
                "JOIN statistics_meta m ON s.metadata_id = m.id "
                "GROUP BY m.statistic_id"
            ):
                statistics[statistic_id] += count
    finally:
        connection.close()
    return DbRows(states, events, statistics)


def _event_key(event_type: str, data: str | None) -> str:
    """Event type, with the domain for service calls and the entity for timers."""
    if event_type == "call_service" and data:
        return f"call_service:{_json_field(data, 'domain')}"
    if event_type.startswith("timer.") and data:
        return f"{event_type}:{_json_field(data, 'entity_id')}"
    return event_type


def _json_field(data: str, key: str) -> str:
    marker = f'"{key}":"'
    start = data.find(marker)
    if start < 0:
        return "?"
    start += len(marker)
    return data[start : data.find('"', start)]


def side_of_entity(entity_id: str, coach_entities: set[str]) -> str:
    """Which side wrote a state."""
    if entity_id in coach_entities:
        return COACH
    if "diy_" in entity_id:
        return DIY
    return OTHER


def side_of_event(key: str) -> str:
    """Which side fired a recorded event."""
    if key.startswith(DOMAIN) or key in (
        "call_service:button",
        f"call_service:{DOMAIN}",
    ):
        return COACH
    if "diy_" in key or key.startswith(
        (
            "automation_",
            "script_",
            "call_service:counter",
            "call_service:timer",
            "call_service:script",
            "call_service:persistent_notification",
        )
    ):
        return DIY
    return OTHER


def by_side(counts: Counter[str], side_of: Callable[[str], str]) -> Counter[str]:
    """Sum counts by side."""
    sums: Counter[str] = Counter()
    for key, count in counts.items():
        sums[side_of(key)] += count
    return sums
