"""One realistic workday of desk presence, shared by tests and benchmarks.

Arrive 08:45, leave 17:15; 40 short absences (2 minutes, under the away threshold),
3 natural breaks (lunch and two walks) and whatever exercise breaks fall due.
"""

from __future__ import annotations

from dataclasses import dataclass

START_MINUTE = 8 * 60 + 45
END_MINUTE = 17 * 60 + 15
NATURAL_BREAKS = ((12 * 60 + 30, 30), (14 * 60 + 40, 15), (16 * 60, 10))
SHORT_ABSENCES = 40
SHORT_ABSENCE_MINUTES = 2


@dataclass(frozen=True, slots=True)
class Change:
    """Presence changes at `minute` of the day (local time)."""

    minute: int
    present: bool


def presence_changes() -> list[Change]:
    """Every presence change of the day, in order."""
    away = [(start, start + length) for start, length in NATURAL_BREAKS]
    changes = [Change(START_MINUTE, True)]
    for start, end in away:
        changes += [Change(start, False), Change(end, True)]
    candidates = [
        minute
        for minute in range(START_MINUTE + 5, END_MINUTE - 5, 3)
        if all(not (start - 5 <= minute <= end + 5) for start, end in away)
    ]
    step = len(candidates) / SHORT_ABSENCES
    for index in range(SHORT_ABSENCES):
        minute = candidates[int(index * step)]
        changes += [Change(minute, False), Change(minute + SHORT_ABSENCE_MINUTES, True)]
    changes.append(Change(END_MINUTE, False))
    return sorted(changes, key=lambda change: (change.minute, change.present))


def walker_present(minute: int, sit: int = 40, walk: int = 6) -> bool:
    """Whether someone who sits `sit` minutes and walks `walk`, all day, is at the desk.

    `minute` counts from the moment they first sit down.
    """
    return minute % (sit + walk) < sit
