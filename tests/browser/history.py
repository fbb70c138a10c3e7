"""A week of history for the demo profile, in the recorder's long-term statistics.

A fresh Home Assistant has none: the test imports six past days
(`recorder/import_statistics`, as the statistics developer tools do) for the
statistics the card's week view reads: breaks_today and sitting_today (sums,
as their total_increasing sensors keep them) and comfort (a mean). One day is
left out, as if Home Assistant had been off: the card shows "—" for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .cdp import wait_until
from .ha_api import HomeAssistantApi

#: Per past day, oldest first: breaks, minutes at the desk, mean comfort; None: no data.
PAST_DAYS: tuple[tuple[int, int, float | None] | None, ...] = (
    (3, 195, 6.0),
    (4, 250, 7.0),
    None,
    (1, 70, None),
    (5, 310, 7.5),
    (2, 135, 8.0),
)


@dataclass(frozen=True)
class Day:
    """One row of the week view as the test expects it."""

    day: date
    breaks: int | None
    desk_minutes: int | None
    comfort: float | None


def seeded_week(today: date) -> list[Day]:
    """Return the six past days the test imports, and today (filled in by the test)."""
    days = [
        Day(today - timedelta(days=len(PAST_DAYS) - i), *(values or (None, None, None)))
        for i, values in enumerate(PAST_DAYS)
    ]
    return [*days, Day(today, None, None, None)]


def _metadata(statistic_id: str, *, unit: str | None, sums: bool) -> dict[str, Any]:
    return {
        "statistic_id": statistic_id,
        "source": "recorder",
        "name": None,
        "has_sum": sums,
        # StatisticMeanType: 0 none, 1 arithmetic.
        "mean_type": 0 if sums else 1,
        "unit_of_measurement": unit,
        "unit_class": "duration" if unit == "min" else None,
    }


async def import_week(
    api: HomeAssistantApi, ids: dict[str, str], days: list[Day], time_zone: str
) -> None:
    """Import the past days, one hourly row at noon each, and wait till they are in."""
    zone = ZoneInfo(time_zone)
    breaks, desk, comfort = [], [], []
    breaks_sum = desk_sum = 0
    for day in days[:-1]:
        if day.breaks is None or day.desk_minutes is None:
            continue
        start = datetime.combine(day.day, time(12), zone).isoformat()
        breaks_sum += day.breaks
        desk_sum += day.desk_minutes
        breaks.append({"start": start, "state": day.breaks, "sum": breaks_sum})
        desk.append({"start": start, "state": day.desk_minutes, "sum": desk_sum})
        if day.comfort is not None:
            level = day.comfort
            comfort.append({"start": start, "mean": level, "min": level, "max": level})
    await api.websocket(
        {
            "type": "recorder/import_statistics",
            "metadata": _metadata(ids["breaks_today"], unit=None, sums=True),
            "stats": breaks,
        },
        {
            "type": "recorder/import_statistics",
            "metadata": _metadata(ids["sitting_today"], unit="min", sums=True),
            "stats": desk,
        },
        {
            "type": "recorder/import_statistics",
            "metadata": _metadata(ids["comfort"], unit=None, sums=False),
            "stats": comfort,
        },
    )
    wanted = {
        ids["breaks_today"]: breaks,
        ids["sitting_today"]: desk,
        ids["comfort"]: comfort,
    }

    async def imported() -> bool:
        (result,) = await api.websocket(
            {
                "type": "recorder/statistics_during_period",
                "start_time": datetime.combine(days[0].day, time(0), zone).isoformat(),
                "statistic_ids": list(wanted),
                "period": "hour",
            }
        )
        return all(
            len(result.get(key, [])) >= len(rows) for key, rows in wanted.items()
        )

    await wait_until(imported, within=30, what="the imported statistics")
