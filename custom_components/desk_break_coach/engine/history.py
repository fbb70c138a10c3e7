"""The long view: is it helping? Closed days, the adherence, the outcome, the report.

Each day closed at midnight leaves a `DayRecord` (breaks, target, whether the person
was at the desk in working time, sitting minutes, the day's mean comfort); only the
last `KEEP_DAYS` are kept, so the stored form stays small however long it runs. The
means of the first `OUTCOME_DAYS` days with a comfort log are kept for good: they
are the baseline the person is compared with.

- Adherence: % of the daily target done over the last `ADHERENCE_DAYS` working days
  before today (each day capped at 100 %). A working day is a day at the desk in
  working time: a day off or away does not count against it.
- Outcome: the baseline against the mean of the last `OUTCOME_DAYS` days with a log
  (once there are twice as many), and whether the change is at least `MEANINGFUL`
  points, the smallest change in a 0-10 neck score that people notice.
- The weekly report: in the first working time of a new week (Monday at the start of
  working hours), the last week's breaks against its target, with both of the above.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from statistics import fmean

from .context import Context
from .model import EventType, Outcome
from .state import DayRecord

#: Closed days kept.
KEEP_DAYS = 60
ADHERENCE_DAYS = 28
OUTCOME_DAYS = 14
MEANINGFUL = 1.5


def week_of(day: date) -> date:
    """Return the Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def day_comfort(ctx: Context, day: date) -> float | None:
    """Return the mean comfort level logged on `day` (local), if any."""
    levels = []
    for entry in reversed(ctx.state.comfort):  # the log is kept in time order
        logged = ctx.local_date(entry.at)
        if logged < day:
            break
        if logged == day:
            levels.append(entry.level)
    return round(fmean(levels), 2) if levels else None


def close_day(ctx: Context, day: date) -> None:
    """Keep the day that ends now (before today's counters restart)."""
    s = ctx.state
    comfort = day_comfort(ctx, day)
    s.history.append(
        DayRecord(
            day=day,
            breaks=s.breaks_today,
            target=ctx.settings.daily_target,
            worked=s.worked_today,
            sitting_minutes=int(s.sitting_today_seconds // 60),
            comfort=comfort,
        )
    )
    del s.history[:-KEEP_DAYS]
    if comfort is not None:
        s.days_logged += 1
        if len(s.baseline) < OUTCOME_DAYS:
            s.baseline.append(comfort)


def adherence(ctx: Context) -> tuple[int | None, int]:
    """Return the adherence (%) over the last working days, and how many there were."""
    days = [r for r in ctx.state.history if r.worked and r.target > 0]
    days = days[-ADHERENCE_DAYS:]
    if not days:
        return None, 0
    done = fmean(min(1.0, r.breaks / r.target) for r in days)
    return round(100 * done), len(days)


def outcome(ctx: Context, now: datetime) -> Outcome:
    """Return comfort early on against comfort now, and the adherence."""
    s = ctx.state
    today = day_comfort(ctx, ctx.local_date(now))
    logged = [r.comfort for r in s.history if r.comfort is not None]
    if today is not None:
        logged.append(today)
    days = s.days_logged + (today is not None)
    first = list(s.baseline)
    if today is not None and len(first) < OUTCOME_DAYS:
        first.append(today)
    baseline = round(fmean(first), 1) if len(first) >= OUTCOME_DAYS else None
    recent = (
        round(fmean(logged[-OUTCOME_DAYS:]), 1)
        if days >= 2 * OUTCOME_DAYS and len(logged) >= OUTCOME_DAYS
        else None
    )
    change = None if baseline is None or recent is None else round(recent - baseline, 1)
    percent, working_days = adherence(ctx)
    return Outcome(
        days_logged=days,
        baseline=baseline,
        recent=recent,
        change=change,
        meaningful=change is not None and abs(change) >= MEANINGFUL,
        adherence_28d=percent,
        adherence_days=working_days,
    )


def report_at(ctx: Context) -> datetime | None:
    """When the next weekly report is due (fixed hours only; else when work starts)."""
    s, schedule = ctx.state, ctx.settings.schedule
    if not ctx.settings.weekly_report or schedule is None or s.cursor is None:
        return None
    monday = week_of(ctx.local_date(s.cursor))
    if s.reported_week is not None and s.reported_week >= monday:
        monday += timedelta(days=7)
    return schedule.next_change(
        datetime.combine(monday, schedule.start, ctx.tz) - timedelta(seconds=1), ctx.tz
    )


def evaluate(ctx: Context, now: datetime) -> None:
    """Send the last week's report in the first working time of a new week."""
    s = ctx.state
    week = week_of(ctx.local_date(now))
    if not ctx.settings.weekly_report or s.reported_week is None:
        # Off, or just turned on: the first report is next week's.
        s.reported_week = week
        return
    if s.reported_week >= week or not ctx.working(now):
        return
    s.reported_week = week
    last_week = [r for r in s.history if week_of(r.day) == week - timedelta(days=7)]
    if not any(r.worked for r in last_week):
        return  # nothing to report: a week away
    shown = outcome(ctx, now)
    ctx.emit(
        EventType.WEEKLY_REPORT,
        breaks=sum(r.breaks for r in last_week),
        target=sum(r.target for r in last_week if r.worked),
        adherence_28d=shown.adherence_28d,
        comfort_change=shown.change,
    )
