"""What one workday costs: Desk Break Coach against the do-it-yourself YAML package.

Each run is a fresh Home Assistant with the real recorder on a SQLite file, the
presence boolean and (depending on the run) the coach, the DIY package, both or
neither. The same simulated Monday (tests/workday.py: arrival, 40 short
absences, 3 natural breaks; 4 exercise breaks taken when reminded) runs from
08:00 to 00:05 the next day on a frozen clock that moves from timer to timer.

Counted in the side-by-side run: state writes, recorder rows, timer wake-ups.
CPU needs separate runs: each side alone, minus a run with neither.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
import gc
import os
import statistics
import textwrap
import time as time_module
from typing import Any
from zoneinfo import ZoneInfo

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from tests.workday import presence_changes

from .harness import (
    COACH,
    DIY,
    PRESENCE,
    Clock,
    DbRows,
    by_side,
    read_db,
    setup_coach,
    setup_diy,
    setup_shared,
    side_of_entity,
    side_of_event,
)
from .report import REPORT, table

pytestmark = pytest.mark.freeze_time("2026-11-23 07:55:00+01:00")
TZ = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, tzinfo=TZ)
FIRST_MINUTE = 8 * 60
LAST_MINUTE = 24 * 60 + 5
EXERCISE_BREAKS = 4
#: How long the DIY user exercises before pressing "break done" (the coach's
#: default break: 3 steps of 2 minutes).
DIY_BREAK_MINUTES = 6
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
RUNS: dict[str, tuple[str, ...]] = {
    "neither": (),
    "coach": (COACH,),
    "diy": (DIY,),
    "both": (COACH, DIY),
    # The coach with micro-breaks every 20 minutes and a 2-minute heads-up.
    "kinds": (COACH,),
}
#: The options of each run's coach, beyond the defaults.
OPTIONS: dict[str, dict[str, Any]] = {
    "kinds": {"micro_break_minutes": 20, "warn_minutes": 2},
}


@dataclass
class DayResult:
    """What one simulated day cost."""

    loop_cpu_ms: float
    process_cpu_ms: float
    writes: Counter[str]
    db: DbRows
    wakeups: Counter[str]
    saves: Counter[str]
    reminders: Counter[str]
    breaks: Counter[str]
    coach_entities: set[str]
    #: Entities with a state class: the recorder compiles statistics for these.
    with_state_class: set[str]


RESULTS: dict[str, list[DayResult]] = {}


def at(minute: int) -> datetime:
    """Local time `minute` minutes after Monday 00:00."""
    return MONDAY + timedelta(minutes=minute)


class User:
    """The person at the desk: takes 4 exercise breaks when reminded, on each side."""

    def __init__(self, hass: HomeAssistant, sides: tuple[str, ...]) -> None:
        """Follow the reminders of the sides that run."""
        self.hass = hass
        self.sides = sides
        self.breaks: Counter[str] = Counter()
        self.reminders: Counter[str] = Counter()
        self._diy_reminded = False
        self._diy_done_at: int | None = None
        hass.bus.async_listen("desk_break_coach_break_due", self._coach_reminded)
        hass.bus.async_listen("automation_triggered", self._automation)

    @callback
    def _coach_reminded(self, _event: Event) -> None:
        self.reminders[COACH] += 1

    @callback
    def _automation(self, event: Event) -> None:
        if event.data.get("entity_id") == "automation.diy_desk_break_reminder":
            self.reminders[DIY] += 1
            self._diy_reminded = True

    async def react(self, minute: int) -> None:
        """Do what the person does at this minute."""
        hass = self.hass
        if COACH in self.sides and self.breaks[COACH] < EXERCISE_BREAKS:
            due = hass.states.get("binary_sensor.desk_break_due")
            if due is not None and due.state == "on":
                await hass.services.async_call(
                    "button",
                    "press",
                    {"entity_id": "button.desk_start_break"},
                    blocking=True,
                )
                self.breaks[COACH] += 1
        if DIY not in self.sides:
            return
        if self._diy_done_at == minute:
            self._diy_done_at = None
            await hass.services.async_call(
                "script", "diy_desk_break_done", {}, blocking=True
            )
        if self._diy_reminded:
            self._diy_reminded = False
            if self._diy_done_at is None and self.breaks[DIY] < EXERCISE_BREAKS:
                self.breaks[DIY] += 1
                self._diy_done_at = minute + DIY_BREAK_MINUTES


async def run_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    recorder: Recorder,
    sides: tuple[str, ...],
    options: dict[str, Any] | None = None,
) -> DayResult:
    """Set up the sides, run the day, and measure."""
    assert dt_util.now() == at(FIRST_MINUTE) - timedelta(minutes=5)
    # As in production: asyncio's debug mode (on in tests) slows every callback.
    hass.loop.set_debug(False)
    await setup_shared(hass)
    # The package first: its history_stats sensor is YAML under `sensor:`, which
    # Home Assistant reads only when it sets up the sensor integration.
    if DIY in sides:
        await setup_diy(hass)
    coach_entities: set[str] = set()
    if COACH in sides:
        entry = await setup_coach(hass, options)
        coach_entities = {
            e.entity_id
            for e in er.async_entries_for_config_entry(
                er.async_get(hass), entry.entry_id
            )
        }
    await async_wait_recording_done(hass)
    writes: Counter[str] = Counter()

    @callback
    def count(event: Event) -> None:
        writes[event.data["entity_id"]] += 1

    hass.bus.async_listen(EVENT_STATE_CHANGED, count)
    user = User(hass, sides)
    clock = Clock(hass, freezer)
    changes: dict[int, list[bool]] = {}
    for change in presence_changes():
        changes.setdefault(change.minute, []).append(change.present)

    # The previous run's Home Assistant is garbage by now: collect it here, or its
    # collection would be charged to whichever side happens to run next.
    gc.collect()
    loop_start = time_module.thread_time()
    process_start = time_module.process_time()
    for minute in range(FIRST_MINUTE, LAST_MINUTE + 1):
        await clock.run_until(at(minute))
        for present in changes.get(minute, []):
            await hass.services.async_call(
                "input_boolean",
                "turn_on" if present else "turn_off",
                {"entity_id": PRESENCE},
                blocking=True,
            )
        await user.react(minute)
    await hass.async_block_till_done()
    loop_cpu = time_module.thread_time() - loop_start
    await async_wait_recording_done(hass)
    process_cpu = time_module.process_time() - process_start
    db = await hass.async_add_executor_job(read_db, recorder.db_url.split("///", 1)[1])
    return DayResult(
        loop_cpu_ms=loop_cpu * 1000,
        process_cpu_ms=process_cpu * 1000,
        writes=writes,
        db=db,
        wakeups=clock.wakeups(),
        saves=clock.saves(),
        reminders=user.reminders,
        breaks=user.breaks,
        coach_entities=coach_entities,
        with_state_class={
            state.entity_id
            for state in hass.states.async_all()
            if "state_class" in state.attributes
        },
    )


@pytest.mark.parametrize(
    ("run", "repeat"), [(run, index) for index in range(REPEAT) for run in RUNS]
)
async def bench_workday(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    recorder_mock: Recorder,
    run: str,
    repeat: int,
) -> None:
    """One simulated workday with the sides of `run`."""
    result = await run_day(hass, freezer, recorder_mock, RUNS[run], OPTIONS.get(run))
    RESULTS.setdefault(run, []).append(result)
    if COACH in RUNS[run]:
        assert result.breaks[COACH] == EXERCISE_BREAKS
    if DIY in RUNS[run]:
        assert result.breaks[DIY] == EXERCISE_BREAKS
        assert hass.states.get("counter.diy_desk_breaks").state == "0"  # type: ignore[union-attr]


def _median(run: str, value: Any) -> float:
    return statistics.median(value(result) for result in RESULTS[run])


def _ratio(coach: float, diy: float) -> str:
    return "n/a" if not diy else f"{coach / diy:.2f}"


def bench_workday_report() -> None:
    """Print the side-by-side table."""
    if set(RESULTS) != set(RUNS):
        pytest.skip("the workday runs did not all complete")
    both = RESULTS["both"][0]

    def side(counts: Counter[str], side_of: Any) -> tuple[int, int]:
        sums = by_side(counts, side_of)
        return sums[DIY], sums[COACH]

    def entity_side(entity_id: str) -> str:
        return side_of_entity(entity_id, both.coach_entities)

    rows: list[list[object]] = []

    def row(name: str, diy: float, coach: float, unit: str = "") -> None:
        fmt = (lambda v: f"{v:.0f}{unit}") if isinstance(diy, float) else str
        rows.append([name, fmt(diy), fmt(coach), _ratio(coach, diy)])

    row("state writes", *side(both.writes, entity_side))
    kinds = RESULTS["kinds"][0]
    row(
        "state writes, micro-breaks every 20 min and a heads-up",
        side(both.writes, entity_side)[0],
        sum(kinds.writes[entity] for entity in kinds.coach_entities),
    )
    row("recorder rows: states", *side(both.db.states, entity_side))
    row("recorder rows: events", *side(both.db.events, side_of_event))
    row("recorder rows: statistics", *side(both.db.statistics, entity_side))
    row("timer wake-ups", both.wakeups[DIY], both.wakeups[COACH])
    idle_loop = _median("neither", lambda r: r.loop_cpu_ms)
    idle_process = _median("neither", lambda r: r.process_cpu_ms)
    row(
        "event-loop CPU (ms)",
        _median("diy", lambda r: r.loop_cpu_ms) - idle_loop,
        _median("coach", lambda r: r.loop_cpu_ms) - idle_loop,
    )
    row(
        "process CPU, all threads (ms)",
        _median("diy", lambda r: r.process_cpu_ms) - idle_process,
        _median("coach", lambda r: r.process_cpu_ms) - idle_process,
    )
    row("reminders", both.reminders[DIY], both.reminders[COACH])
    row("exercise breaks counted", both.breaks[DIY], both.breaks[COACH])
    side_by_side = _median("both", lambda r: r.loop_cpu_ms) - idle_loop
    compiled = by_side(Counter(dict.fromkeys(both.with_state_class, 1)), entity_side)
    compiling = os.environ.get("BENCH_STATISTICS", "1") != "0"
    lines = [
        "One simulated Monday, 08:00 to 00:05 (40 short absences, 3 natural breaks,",
        "4 exercise breaks), Home Assistant with the recorder on SQLite, frozen clock.",
        "",
        *table(["per workday", "DIY package", "Desk Break Coach", "coach/DIY"], rows),
        "",
        *textwrap.wrap(
            "Counts come from the run with both side by side, attributed by "
            "entity id, event type and the module of each timer's callback. CPU "
            f"is the median of {REPEAT} runs of each side alone minus a run with "
            "neither (same presence changes, same clock); side by side, both "
            f"minus neither = {side_by_side:.0f} ms of event-loop CPU. Process CPU "
            "adds the recorder's thread, which compiles statistics every 5 "
            f"minutes for the coach's {compiled[COACH]} sensors with a state "
            f"class (the package has {compiled[DIY]}); BENCH_STATISTICS=0 turns "
            f"compiling off{'' if compiling else ' (off in this run)'}. "
            f"The coach's timer wake-ups include {both.saves[COACH]} delayed saves "
            "of its progress file.",
            76,
        ),
        "",
        *textwrap.wrap(
            "Event-loop CPU of each run, in run order (ms): "
            + "; ".join(
                f"{name} "
                + ", ".join(f"{result.loop_cpu_ms:.0f}" for result in RESULTS[name])
                for name in ("neither", "diy", "coach")
            )
            + ". Each run starts after a full garbage collection, so the last "
            "run's leftovers are not charged to the next.",
            76,
        ),
        "",
        *textwrap.wrap(
            "Top writers: "
            + ", ".join(
                f"{entity} {count}"
                for entity, count in both.writes.most_common(6)
                if entity_side(entity) in (COACH, DIY)
            ),
            76,
        ),
    ]
    REPORT.add("Workday cost", lines)
