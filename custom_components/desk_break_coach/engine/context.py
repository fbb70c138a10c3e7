"""What every part of the engine shares: the options, the catalogue, the zone, the state.

It also holds the facts several parts need (the sitting block, the day, whether it
is working time) and collects the events of the current pass.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from . import pace
from .model import Event, EventType, Settings
from .routine import Catalogue
from .schedule import WorkSchedule
from .state import CoachState

_MINUTE = timedelta(minutes=1)


def span(minutes: int) -> timedelta:
    """Return a number of minutes as a duration."""
    return minutes * _MINUTE


class Context:
    """One profile's engine data, shared by the clock, the session and the read model."""

    def __init__(
        self, settings: Settings, catalogue: Catalogue, tz: tzinfo, state: CoachState
    ) -> None:
        """Hold the parts; `events` collects what one pass emits."""
        self.settings = settings
        self.catalogue = catalogue
        self.tz = tz
        self.state = state
        self.events: list[Event] = []
        #: The last midnight asked for: (day, zone, its end).
        self._midnight: tuple[date, tzinfo, datetime] | None = None
        #: Working hours as last read: (schedule, zone, from, until, working); the
        #: answer holds from `from` until the next change, `until`.
        self._hours: tuple[WorkSchedule, tzinfo, datetime, datetime | None, bool] | None
        self._hours = None
        #: The last moment made local, and its local form (a pass asks several times).
        self._local: tuple[datetime, tzinfo, datetime] | None = None

    def emit(self, kind: EventType, **values: Any) -> None:
        """Record an event of this pass."""
        self.events.append(Event(kind, values))

    # ------------------------------------------------------------- the day
    def local(self, moment: datetime) -> datetime:
        """Return a moment in local time (the last one is kept: a pass asks often)."""
        cached = self._local
        if cached is not None and cached[0] is moment and cached[1] is self.tz:
            return cached[2]
        local = moment.astimezone(self.tz)
        self._local = (moment, self.tz, local)
        return local

    def local_date(self, moment: datetime) -> date:
        """Return the local calendar day of a moment."""
        return self.local(moment).date()

    def midnight_after(self, day: date) -> datetime:
        """Return the local midnight that ends `day`, in UTC."""
        cached = self._midnight
        if cached is not None and cached[0] == day and cached[1] is self.tz:
            return cached[2]
        midnight = datetime.combine(day + timedelta(days=1), time(), self.tz)
        self._midnight = (day, self.tz, midnight.astimezone(UTC))
        return self._midnight[2]

    def working(self, now: datetime) -> bool:
        """Whether `now` is working time (fixed hours, or a schedule entity's word)."""
        schedule = self.settings.schedule
        if schedule is None:
            return self.state.working
        return self._working_hours(schedule, now)[1]

    def next_change(self, now: datetime) -> datetime | None:
        """Return when fixed working time next starts or ends after `now`, if ever."""
        schedule = self.settings.schedule
        if schedule is None:
            return None
        return self._working_hours(schedule, now)[0]

    def _working_hours(
        self, schedule: WorkSchedule, now: datetime
    ) -> tuple[datetime | None, bool]:
        """Return the next change of working time after `now`, and whether it is on.

        Both hold from one change to the next, so they are read once per stretch
        (the clock asks several times a pass).
        """
        cached = self._hours
        if (
            cached is not None
            and cached[0] is schedule
            and cached[1] is self.tz
            and cached[2] <= now
            and (cached[3] is None or now < cached[3])
        ):
            return cached[3], cached[4]
        until = schedule.next_change(now, self.tz)
        working = schedule.is_working(now, self.tz)
        self._hours = (schedule, self.tz, now, until, working)
        return until, working

    def check_target(self) -> None:
        """Count the day towards the streak once the daily target is met."""
        s = self.state
        if not s.met_today and s.breaks_today >= self.settings.daily_target:
            s.met_today = True
            s.streak += 1

    # ------------------------------------------------------------- the sitting block
    def sitting_minutes(self, now: datetime) -> int:
        """Whole minutes of the current sitting block (they stop while standing)."""
        start, standing = self.state.block_start, self.state.standing_since
        if start is None:
            return 0
        end = now if standing is None else max(standing, start)
        return max(0, int((end - start) / _MINUTE))

    def sitting_today_seconds(self, now: datetime) -> float:
        """Seconds at the desk today, the open segment included."""
        s = self.state
        today = s.sitting_today_seconds
        if s.segment_start is not None:
            end = min(now, s.away_since or now)
            today += max(0.0, (end - s.segment_start).total_seconds())
        return today

    def standing_today_seconds(self, now: datetime) -> float:
        """Seconds standing at the desk today, the open stretch included."""
        s = self.state
        today = s.standing_today_seconds
        if s.standing_segment_start is not None:
            today += max(0.0, (now - s.standing_segment_start).total_seconds())
        return today

    def desk_seconds(self, now: datetime) -> float:
        """Seconds at the desk today, sitting or standing."""
        return self.sitting_today_seconds(now) + self.standing_today_seconds(now)

    def close_standing(self, end: datetime) -> None:
        """Add the open standing stretch, up to `end`, to today's standing time."""
        s = self.state
        if s.standing_segment_start is not None:
            s.standing_today_seconds += max(
                0.0, (end - s.standing_segment_start).total_seconds()
            )
            s.standing_segment_start = end

    def due_at(self) -> datetime:
        """When the current sitting block makes a break due (pacing: pace.py)."""
        return pace.due_at(self)

    def close_segment(self, end: datetime) -> None:
        """Add the open segment, up to `end`, to today's time at the desk."""
        s = self.state
        if s.segment_start is not None:
            s.sitting_today_seconds += max(0.0, (end - s.segment_start).total_seconds())
            s.segment_start = end

    def restart_block(self, now: datetime) -> None:
        """Start the sitting block again at `now`: a break was taken or skipped."""
        s = self.state
        if s.block_start is not None:
            self.close_segment(min(now, s.away_since or now))
            s.block_start = s.micro_anchor = now
            s.segment_start = None if s.standing_since is not None else now
            if s.away_since is not None:
                s.away_since = now
        pace.answered(self)
        self.clear_due()

    # ------------------------------------------------------------- the due break
    def paused(self) -> bool:
        """Whether reminders are paused (for minutes or until resume)."""
        return self.state.paused or self.state.paused_until is not None

    def snoozes_left(self) -> int:
        """Snoozes still allowed for the due break."""
        return max(0, self.settings.max_snoozes - self.state.snoozes_used)

    def skips_left(self) -> int | None:
        """Skips still allowed today (None: no limit)."""
        limit = self.settings.max_skips_per_day
        return None if limit <= 0 else max(0, limit - self.state.skips_today)

    def clear_due(self, *, keep_snoozes: bool = False) -> None:
        """No break is due any more (and, unless kept, its snoozes are forgotten)."""
        s = self.state
        s.due = False
        s.due_since = None
        s.reminded, s.remind_at = 0, None
        if not keep_snoozes:
            s.snoozed_until = None
            s.snoozes_used = 0
            s.warned = False
