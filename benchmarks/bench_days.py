"""120 simulated days of one profile: memory and stored data must stay flat.

Weekdays follow the shared workday (tests/workday.py) with exercise breaks
started when due (up to the daily target); weekends nobody comes. Every day at
noon the person logs how the neck feels (with a note), so the comfort log grows
until its 90-day bound and then stays there. The frozen clock moves from timer
to timer. At the end of each day: Python memory in use (tracemalloc, after a full
collection), the size of the profile's storage file (Home Assistant's own
storage on disk, see conftest.py) and the comfort log's length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
import gc
from pathlib import Path
import tracemalloc
from zoneinfo import ZoneInfo

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant, callback
import pytest

from custom_components.desk_break_coach.const import DOMAIN
from tests.workday import presence_changes

from .harness import PRESENCE, Clock, setup_coach, setup_shared
from .report import REPORT, table

pytestmark = pytest.mark.freeze_time("2026-11-23 07:00:00+01:00")
TZ = ZoneInfo("Europe/Berlin")
FIRST_DAY = datetime(2026, 11, 23, tzinfo=TZ)
DAYS = 120
EXERCISE_BREAKS = 4


@dataclass
class DaySample:
    """Measured at the end of one day."""

    day: int
    memory_kib: float
    stored_bytes: int
    breaks: int
    streak: str
    comfort_log: int


@dataclass
class DaysResult:
    """All samples."""

    samples: list[DaySample] = field(default_factory=list)


RESULT = DaysResult()


async def bench_days_of_use(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Run the days; sample memory and storage at the end of each."""
    hass.loop.set_debug(False)
    await setup_shared(hass)
    entry = await setup_coach(hass)
    path = Path(hass.config.path(".storage", f"{DOMAIN}.{entry.entry_id}"))
    clock = Clock(hass, freezer, record=False)

    @callback
    def start_when_due(_event: Event) -> None:
        breaks = hass.states.get("sensor.desk_breaks_today")
        if breaks is not None and int(breaks.state) < EXERCISE_BREAKS:
            hass.async_create_task(
                hass.services.async_call(
                    DOMAIN, "start_break", {"config_entry_id": entry.entry_id}
                )
            )

    hass.bus.async_listen(f"{DOMAIN}_break_due", start_when_due)
    changes = presence_changes()
    gc.collect()
    tracemalloc.start()
    try:
        for day in range(DAYS):
            midnight = FIRST_DAY + timedelta(days=day)
            noon = midnight + timedelta(hours=12)
            logged = False

            async def log_comfort(day: int = day) -> None:
                await hass.services.async_call(
                    DOMAIN,
                    "log_comfort",
                    {
                        "config_entry_id": entry.entry_id,
                        "level": 5 + day % 6,
                        "note": "A little stiff on the left after the meeting.",
                    },
                    blocking=True,
                )

            if midnight.weekday() < 5:
                for change in changes:
                    moment = midnight + timedelta(minutes=change.minute)
                    if not logged and moment >= noon:
                        await clock.run_until(noon)
                        await log_comfort()
                        logged = True
                    await clock.run_until(moment)
                    await hass.services.async_call(
                        "input_boolean",
                        "turn_on" if change.present else "turn_off",
                        {"entity_id": PRESENCE},
                        blocking=True,
                    )
            if not logged:
                await clock.run_until(noon)
                await log_comfort()
            await clock.run_until(midnight + timedelta(hours=23, minutes=59))
            breaks = hass.states.get("sensor.desk_breaks_today")
            streak = hass.states.get("sensor.desk_streak")
            assert breaks is not None
            assert streak is not None
            gc.collect()
            size = await hass.async_add_executor_job(lambda: path.stat().st_size)
            RESULT.samples.append(
                DaySample(
                    day=day + 1,
                    memory_kib=tracemalloc.get_traced_memory()[0] / 1024,
                    stored_bytes=size,
                    breaks=int(breaks.state),
                    streak=streak.state,
                    comfort_log=len(entry.runtime_data.engine.state.comfort),
                )
            )
    finally:
        tracemalloc.stop()
    # Four breaks every weekday: the target is met and the streak grows.
    assert all(
        s.breaks == EXERCISE_BREAKS
        for s in RESULT.samples
        if (FIRST_DAY + timedelta(days=s.day - 1)).weekday() < 5
    )


def bench_days_of_use_report() -> None:
    """Print memory and storage by day."""
    samples = RESULT.samples
    if len(samples) < DAYS:
        return
    shown = [samples[i] for i in (0, 9, 29, 59, 89, 99, 119)]
    rows: list[list[object]] = [
        [
            f"day {s.day} ({(FIRST_DAY + timedelta(days=s.day - 1)):%a})",
            f"{s.memory_kib - samples[0].memory_kib:+.0f} KiB",
            f"{s.stored_bytes} B",
            s.breaks,
            s.streak,
            s.comfort_log,
        ]
        for s in shown
    ]
    week_two = samples[7:]
    growth = (week_two[-1].memory_kib - week_two[0].memory_kib) / (len(week_two) - 1)
    REPORT.add(
        f"{DAYS} days",
        [
            f"One profile, {DAYS} simulated days from Monday 23 November 2026",
            "(workdays as above, weekends away; a comfort level logged every day).",
            "",
            *table(
                [
                    "end of",
                    "memory vs day 1",
                    "storage file",
                    "breaks that day",
                    "streak",
                    "comfort log",
                ],
                rows,
            ),
            "",
            (
                f"Memory trend from day 8 to day {DAYS}: {growth:+.1f} KiB per day "
                "(tracemalloc, after gc.collect())."
            ),
            (
                f"Storage file: {min(s.stored_bytes for s in samples)} to "
                f"{max(s.stored_bytes for s in samples)} bytes over the {DAYS} days; "
                f"from day 91 on {min(s.stored_bytes for s in samples[90:])} to "
                f"{max(s.stored_bytes for s in samples[90:])} bytes, the comfort log "
                f"at {max(s.comfort_log for s in samples)} entries at most."
            ),
        ],
    )
