"""Working hours: is a moment inside them, and when do they next change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

#: Weekdays in `date.weekday()` order: WEEKDAYS[date.weekday()].
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkSchedule:
    """Fixed weekly working hours in local time."""

    start: time = time(9, 0)
    end: time = time(18, 0)
    days: frozenset[str] = frozenset(WEEKDAYS[:5])

    def is_work_day(self, day_index: int) -> bool:
        """Whether the weekday (Monday = 0) is a working day."""
        return WEEKDAYS[day_index] in self.days

    def is_working(self, now: datetime, tz: tzinfo) -> bool:
        """Whether `now` falls inside working hours."""
        local = now.astimezone(tz)
        return (
            self.is_work_day(local.weekday()) and self.start <= local.time() < self.end
        )

    def next_change(self, now: datetime, tz: tzinfo) -> datetime | None:
        """Return the next moment working time starts or ends, after `now` (UTC)."""
        local_day = now.astimezone(tz).date()
        for offset in range(8):
            day = local_day + timedelta(days=offset)
            if not self.is_work_day(day.weekday()):
                continue
            for moment in (self.start, self.end):
                at = datetime.combine(day, moment, tz).astimezone(UTC)
                if at > now:
                    return at
        return None
