"""Scale: 200 profiles in one Home Assistant, 10,000 presence changes spread over them.

Real time (no frozen clock). Each profile watches its own input_boolean. Figures:
the time to set up all entries (concurrently, as Home Assistant does at start),
the time each presence change takes to be handled (state set until Home
Assistant is idle again), the longest event-loop stall seen by a monitor, and,
in a second run with tracemalloc on, the peak Python memory the profiles add.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
import gc
import random
import statistics
import time
import tracemalloc
from typing import Self

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import DOMAIN

from .harness import coach_entry
from .report import REPORT, table

PROFILES = 200
CHANGES = 10_000
SEED = 20261123
#: How often the stall monitor expects to run.
MONITOR_PERIOD = 0.002


@dataclass
class Stalls:
    """How long the event loop was held up, and how much of that was the gc.

    A callback re-arms itself every 2 ms and records how late it ran; the
    interpreter's gc callbacks record each collection. A stall minus the
    collections inside it is time spent in callbacks.
    """

    loop: asyncio.AbstractEventLoop
    #: (expected, actual) run times of the monitor, when it ran over 1 ms late.
    late: list[tuple[float, float]] = field(default_factory=list)
    collections: list[tuple[float, float]] = field(default_factory=list)
    _expected: float = 0.0
    _handle: asyncio.TimerHandle | None = None
    _gc_started: float = 0.0

    def __enter__(self) -> Self:
        """Start watching."""
        gc.callbacks.append(self._gc)
        self._arm()
        return self

    def __exit__(self, *_exc: object) -> None:
        """Stop watching."""
        gc.callbacks.remove(self._gc)
        if self._handle is not None:
            self._handle.cancel()

    def _arm(self) -> None:
        self._expected = time.perf_counter() + MONITOR_PERIOD
        self._handle = self.loop.call_later(MONITOR_PERIOD, self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self._expected > 0.001:
            self.late.append((self._expected, now))
        self._arm()

    def _gc(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.collections.append((self._gc_started, time.perf_counter()))

    def figures(self) -> tuple[float, float, float]:
        """Return the longest stall, collection, and stall without collections (ms).

        The last is each stall minus the collections that ran inside it.
        """
        worst_without = 0.0
        for start, end in self.late:
            collecting = sum(
                min(end, gc_end) - max(start, gc_start)
                for gc_start, gc_end in self.collections
                if gc_start < end and gc_end > start
            )
            worst_without = max(worst_without, end - start - collecting)
        return (
            1000 * max((end - start for start, end in self.late), default=0.0),
            1000 * max((end - start for start, end in self.collections), default=0.0),
            1000 * worst_without,
        )


@dataclass
class ScaleResult:
    """Figures of the scale runs."""

    setup_s: float = 0.0
    sequential_s: float = 0.0
    change_us: list[float] = field(default_factory=list)
    #: Stall figures (longest, longest gc, longest without gc) by phase.
    stalls: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    entities: int = 0
    peak_mib: float | None = None


RESULT = ScaleResult()


async def _setup_presence(hass: HomeAssistant) -> list[MockConfigEntry]:
    hass.loop.set_debug(False)
    assert await async_setup_component(
        hass,
        "input_boolean",
        {"input_boolean": {f"desk_{i:03}": {} for i in range(PROFILES)}},
    )
    await hass.async_block_till_done()
    return [
        coach_entry(f"Desk {i:03}", f"input_boolean.desk_{i:03}")
        for i in range(PROFILES)
    ]


async def _setup_all(
    hass: HomeAssistant, entries: list[MockConfigEntry], *, concurrent: bool = True
) -> None:
    """Add and set up the entries: all at once as at start-up, or one by one."""
    if concurrent:
        for entry in entries:
            entry.add_to_hass(hass)
        results = await asyncio.gather(
            *(hass.config_entries.async_setup(entry.entry_id) for entry in entries)
        )
    else:
        results = []
        for entry in entries:
            entry.add_to_hass(hass)
            results.append(await hass.config_entries.async_setup(entry.entry_id))
    assert all(results)
    await hass.async_block_till_done()


async def _changes(
    hass: HomeAssistant, on_each: Callable[[], Awaitable[None]] | None = None
) -> list[float]:
    rng = random.Random(SEED)
    present = [False] * PROFILES
    durations = []
    for _ in range(CHANGES):
        index = rng.randrange(PROFILES)
        present[index] = not present[index]
        entity_id = f"input_boolean.desk_{index:03}"
        start = time.perf_counter_ns()
        hass.states.async_set(entity_id, "on" if present[index] else "off")
        await hass.async_block_till_done()
        durations.append((time.perf_counter_ns() - start) / 1000)
        if on_each is not None:
            await on_each()
    return durations


async def bench_scale_timing(hass: HomeAssistant) -> None:
    """Set up 200 profiles and handle 10,000 presence changes; time both."""
    entries = await _setup_presence(hass)
    with Stalls(hass.loop) as stalls:
        start = time.perf_counter()
        await _setup_all(hass, entries)
        RESULT.setup_s = time.perf_counter() - start
    RESULT.stalls["concurrent setup"] = stalls.figures()
    RESULT.entities = sum(
        1
        for entity in er.async_get(hass).entities.values()
        if entity.platform == DOMAIN
    )
    with Stalls(hass.loop) as stalls:
        RESULT.change_us = await _changes(hass)
    RESULT.stalls["presence changes"] = stalls.figures()
    assert len(hass.config_entries.async_loaded_entries(DOMAIN)) == PROFILES


async def bench_scale_sequential_setup(hass: HomeAssistant) -> None:
    """Set up the 200 profiles one after another, as a user adds them."""
    entries = await _setup_presence(hass)
    with Stalls(hass.loop) as stalls:
        start = time.perf_counter()
        await _setup_all(hass, entries, concurrent=False)
        RESULT.sequential_s = time.perf_counter() - start
    RESULT.stalls["one-by-one setup"] = stalls.figures()


async def bench_scale_memory(hass: HomeAssistant) -> None:
    """Measure the peak Python memory the 200 profiles add (tracemalloc on)."""
    entries = await _setup_presence(hass)
    gc.collect()
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        await _setup_all(hass, entries)
        await _changes(hass)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    RESULT.peak_mib = (peak - baseline) / 2**20


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_scale_report() -> None:
    """Print the scale figures."""
    changes = RESULT.change_us
    if not changes:
        return
    rows: list[list[object]] = [
        ["setup of all entries, concurrently", f"{RESULT.setup_s:.2f} s", "under 5 s"],
        ["setup of all entries, one by one", f"{RESULT.sequential_s:.2f} s", ""],
        ["presence change, median", f"{statistics.median(changes):.0f} µs", ""],
        ["presence change, p99", f"{_percentile(changes, 0.99):.0f} µs", "under 1 ms"],
        ["presence change, max", f"{max(changes):.0f} µs", ""],
        [
            "peak Python memory added",
            "n/a" if RESULT.peak_mib is None else f"{RESULT.peak_mib:.1f} MiB",
            "",
        ],
    ]
    stall_rows: list[list[object]] = [
        [phase, f"{worst:.1f} ms", f"{collection:.1f} ms", f"{without:.1f} ms"]
        for phase, (worst, collection, without) in RESULT.stalls.items()
    ]
    REPORT.add(
        "Scale",
        [
            (
                f"{PROFILES} profiles ({RESULT.entities} entities) in one Home "
                f"Assistant, {CHANGES:,} presence changes"
            ),
            "spread over them at random (seeded), real time, asyncio debug mode off.",
            "",
            *table(["measure", "value", "target"], rows),
            "",
            *table(
                [
                    "event-loop stalls (target: none over 20 ms)",
                    "longest",
                    "longest gc",
                    "longest without gc",
                ],
                stall_rows,
            ),
            "",
            "A change is timed from setting the presence state until Home Assistant",
            "is idle again. Stalls: a 2 ms timer records how late it runs; the gc",
            "column is the longest garbage collection (interpreter callbacks), and",
            "the last column is the longest stall once collections inside it are",
            "taken out. Concurrent setup runs all entries' ready callbacks in one",
            "loop iteration, as Home Assistant does at start. Memory: tracemalloc",
            "peak above the baseline before the entries, in a separate run.",
        ],
    )
