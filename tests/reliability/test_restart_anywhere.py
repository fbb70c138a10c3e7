"""A simulated week, once straight through and once with 30 restarts: the same week.

The person follows the shared workday (tests/workday.py) on weekdays, reacts to
due breaks with a seeded mix of starting, snoozing, skipping and ignoring, pauses,
stops a routine, and one night works past midnight. The second run stops Home
Assistant at 30 seeded points (sitting, due, snoozed, on a break, paused, and
across midnight), lets the clock move on while it is down, and starts a new
instance on the same storage. Every counter, the streak, the event sequence and
the final state must equal the run without restarts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import random
from typing import Any
from zoneinfo import ZoneInfo

from freezegun.api import FrozenDateTimeFactory
from homeassistant import loader
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import restore_state
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_test_home_assistant,
)

from custom_components.desk_break_coach.const import DOMAIN, default_options
from custom_components.desk_break_coach.engine import EventType
from custom_components.desk_break_coach.readout import status_data
from tests.workday import presence_changes

TZ = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, tzinfo=TZ)
SEED = 20261123
RESTARTS = 30
CATEGORIES = ("sitting", "break_due", "snoozed", "on_break", "paused", "midnight")
PRESENCE = "input_boolean.desk"
STANDING = "input_boolean.standing"
#: A routine of the person's own, followed on Tuesday and Thursday (its breaks
#: split across the day like the built-in programs').
ROUTINE = ConfigSubentryData(
    data={
        "id": "custom_desk_set",
        "name": "Desk set",
        "position": "sitting",
        "exercises": [
            {
                "name": "Shoulder rolls",
                "reps": 8,
                "seconds": 40,
                "instructions": "Slow.",
            },
            {"name": "Chin tucks", "reps": 6, "seconds": 30, "instructions": "Gently."},
            {
                "name": "Wrist circles",
                "reps": 10,
                "seconds": 20,
                "instructions": "Both.",
            },
        ],
    },
    subentry_type="routine",
    title="Desk set",
    unique_id="custom_desk_set",
)
#: The second wave's kinds of break, all on; the third wave's pacing (always on),
#: reminders again (on by default), a skip budget and the weekly report.
OPTIONS = {
    "micro_break_minutes": 10,
    "micro_break_seconds": 20,
    "warn_minutes": 2,
    "daily_limit_minutes": 420,
    "standing_entity": STANDING,
    # The third wave's stand suggestions (their stretch survives restarts too).
    "stand_minutes": 30,
    "max_skips_per_day": 1,
    "weekly_report": True,
}


def ticks() -> list[datetime]:
    """Return the moments the clock stops at: each minute at work, else every 15."""
    moments, moment = [], MONDAY + timedelta(hours=7)
    # On to the next Monday's start of working hours: the weekly report.
    end = MONDAY + timedelta(days=7, hours=9, minutes=30)
    while moment < end:
        moments.append(moment)
        busy = moment.weekday() < 5 and 8 <= moment.hour < 19
        late_friday = (moment - timedelta(hours=2)).weekday() == 4 and (
            moment.hour >= 19 or moment.hour < 1
        )
        moment += timedelta(minutes=1 if busy or late_friday else 15)
    return moments


def plan() -> dict[datetime, list[str]]:
    """Return what the person does, by moment: presence and planned actions."""
    actions: dict[datetime, list[str]] = {}
    for day in range(5):
        midnight = MONDAY + timedelta(days=day)
        changes = presence_changes()
        if day == 4:  # Friday: works on until half past midnight
            changes[-1] = type(changes[-1])(24 * 60 + 30, False)
        for change in changes:
            moment = midnight + timedelta(minutes=change.minute)
            actions.setdefault(moment, []).append("on" if change.present else "off")
    extra = {
        (1, 11, 0): "pause 30",
        (2, 10, 0): "pause",
        (2, 10, 40): "resume",
        (3, 15, 20): "resume",
        # Standing at the desk: short stretches, and one long enough to be a break.
        (0, 11, 5): "stand",
        (0, 11, 8): "sit",
        (2, 14, 30): "stand",
        (2, 14, 41): "sit",
        (3, 9, 50): "stand",
        (3, 9, 52): "sit",
    }
    # How the neck feels, every working day after lunch.
    for day in range(5):
        extra[(day, 13, 30)] = "comfort"
    for (day, hour, minute), action in extra.items():
        moment = MONDAY + timedelta(days=day, hours=hour, minutes=minute)
        actions.setdefault(moment, []).append(action)
    # Saturday: an hour at the desk, off hours.
    saturday = MONDAY + timedelta(days=5, hours=10)
    actions.setdefault(saturday, []).append("on")
    actions.setdefault(saturday + timedelta(hours=1), []).append("off")
    return actions


@dataclass
class Week:
    """One run of the week on fresh storage."""

    freezer: FrozenDateTimeFactory
    config_dir: str
    entry_id: str
    restarts: set[int] = field(default_factory=set)
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    events: list[tuple[str, tuple[tuple[str, Any], ...]]] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    days: list[dict[str, Any]] = field(default_factory=list)
    restarted_in: list[str] = field(default_factory=list)
    present: bool = False
    standing: bool = False
    #: The person ignores a due break until then.
    ignoring_until: datetime = datetime.min.replace(tzinfo=TZ)
    hass: HomeAssistant | None = None
    entry: MockConfigEntry | None = None
    _stack: AsyncExitStack | None = None

    # ------------------------------------------------------------ Home Assistant
    async def start(self) -> HomeAssistant:
        """Start an instance with the profile, the presence as it is now."""
        self._stack = AsyncExitStack()
        hass = await self._stack.enter_async_context(
            async_test_home_assistant(config_dir=self.config_dir)
        )
        hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        await hass.config.async_set_time_zone("Europe/Berlin")
        assert await async_setup_component(
            hass,
            "input_boolean",
            {
                "input_boolean": {
                    "desk": {"initial": self.present},
                    "standing": {"initial": self.standing},
                }
            },
        )
        for kind in EventType:
            hass.bus.async_listen(f"{DOMAIN}_{kind}", self._record)
        self.entry = MockConfigEntry(
            domain=DOMAIN,
            title="Desk",
            data={
                "name": "Desk",
                "presence_entities": [PRESENCE],
                "presence_mode": "any",
            },
            entry_id=self.entry_id,
            unique_id=PRESENCE,
            options={**default_options(), **OPTIONS},
            subentries_data=[ROUTINE],
        )
        self.entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(self.entry.entry_id)
        await hass.async_block_till_done()
        self.hass = hass
        return hass

    async def stop(self) -> None:
        """Stop the instance (storage is flushed), as a restart does."""
        assert self.hass is not None
        assert self._stack is not None
        # Home Assistant saves restorable states when it stops; the test harness
        # leaves that out, so do it here (the event entity restores its last event).
        await restore_state.async_get(self.hass).async_dump_states()
        await self.hass.async_stop(force=True)
        await self._stack.aclose()
        self.hass = None

    @callback
    def _record(self, event: Event) -> None:
        data = {k: v for k, v in event.data.items() if k != "config_entry_id"}
        self.events.append((event.event_type, tuple(sorted(data.items()))))

    def days_done(self) -> int:
        """Return how many days of the week have ended."""
        return len(self.days)

    def status(self) -> dict[str, Any]:
        """Return the profile's status, computed now."""
        assert self.entry is not None
        return status_data(self.entry.runtime_data.view_now())

    async def act(self, service: str, **data: Any) -> None:
        """Call an action of the profile."""
        assert self.hass is not None
        await self.hass.services.async_call(
            DOMAIN, service, {"config_entry_id": self.entry_id, **data}, blocking=True
        )
        await self.hass.async_block_till_done()

    # ------------------------------------------------------------ the week
    async def run(self) -> None:
        """Drive the week tick by tick."""
        moments, actions = ticks(), plan()
        self.freezer.move_to(moments[0])
        hass = await self.start()
        for index, moment in enumerate(moments):
            if index:
                self.freezer.move_to(moment)
                async_fire_time_changed(hass)
                await hass.async_block_till_done()
            for action in actions.get(moment, []):
                await self._do(hass, action)
            await self._react()
            status = self.status()["status"]
            self.statuses.append(status)
            if moment.hour == 23 and moment.minute >= 45:
                self._end_of_day(moment)
            if index in self.restarts:
                self.restarted_in.append(self._category(index, moments, status))
                await self.stop()
                self.freezer.move_to(moments[index + 1])
                hass = await self.start()
        assert self.hass is not None

    def _end_of_day(self, moment: datetime) -> None:
        if self.days and self.days[-1]["date"] == moment.date():
            return
        status = self.status()
        self.days.append(
            {
                "date": moment.date(),
                "breaks_today": status["breaks_today"],
                "streak": status["streak"],
                "sitting_today_minutes": status["sitting_today_minutes"],
            }
        )

    @staticmethod
    def _category(index: int, moments: list[datetime], status: str) -> str:
        if moments[index + 1].date() != moments[index].date():
            return "midnight"
        return status

    async def _do(self, hass: HomeAssistant, action: str) -> None:
        if action in ("on", "off"):
            self.present = action == "on"
            await hass.services.async_call(
                "input_boolean",
                f"turn_{action}",
                {"entity_id": PRESENCE},
                blocking=True,
            )
            await hass.async_block_till_done()
        elif action in ("stand", "sit"):
            self.standing = action == "stand"
            await hass.services.async_call(
                "input_boolean",
                "turn_on" if self.standing else "turn_off",
                {"entity_id": STANDING},
                blocking=True,
            )
            await hass.async_block_till_done()
        elif action == "comfort":
            await self.act("log_comfort", level=self.rng.randint(5, 10))
        elif action == "pause 30":
            await self.act("pause", minutes=30)
        elif self.status()["status"] in ("paused", "resting") or action != "resume":
            await self.act(action)

    async def _react(self) -> None:
        """Answer what the coach shows, as the person would (seeded choices)."""
        status = self.status()
        now = dt_util.utcnow()
        if status["status"] == "break_due" and now < self.ignoring_until:
            return  # busy: the reminders again come meanwhile
        if status["status"] == "break_due":
            choice = self.rng.choice(("start", "start", "snooze", "skip", "ignore"))
            if choice == "ignore":
                self.ignoring_until = now + timedelta(
                    minutes=self.rng.choice((1, 20, 40))
                )
            if choice == "snooze" and status["snoozes_left"] == 0:
                choice = "start"
            if choice == "skip" and status["skips_left"] == 0:
                choice = "start"
            if choice == "start":
                # Tuesdays and Thursdays: the person's own routine.
                own = self.days_done() in (1, 3)
                await self.act(
                    "start_break", **({"program": "custom_desk_set"} if own else {})
                )
                if status["breaks_today"] == 1 and status["streak"] % 2:
                    await self.act("stop_routine")  # resumed by the plan or later
            elif choice == "snooze":
                await self.act("snooze", minutes=self.rng.choice((5, 10, 20)))
            elif choice == "skip":
                await self.act("skip_break")
        elif status["status"] == "on_break" and self.rng.random() < 0.1:
            await self.act(self.rng.choice(("next_exercise", "finish_break")))
        elif status["status"] == "resting" and self.rng.random() < 0.05:
            await self.act("resume")


def choose_restarts(statuses: list[str], moments: list[datetime]) -> set[int]:
    """30 seeded restart points, at least three of each kind where possible."""
    rng = random.Random(SEED + 1)
    by_kind: dict[str, list[int]] = {kind: [] for kind in CATEGORIES}
    for index, status in enumerate(statuses[:-1]):
        kind = Week._category(index, moments, status)
        if kind in by_kind:
            by_kind[kind].append(index)
    chosen: set[int] = set()
    for candidates in by_kind.values():
        chosen.update(rng.sample(candidates, min(5, len(candidates))))
    rest = [i for i in range(len(statuses) - 1) if i not in chosen]
    chosen.update(rng.sample(rest, RESTARTS - len(chosen)))
    return chosen


def final_view(week: Week) -> Iterator[tuple[str, Any]]:
    """Yield the profile's entities as a user sees them, and the stored state."""
    assert week.hass is not None
    assert week.entry is not None
    for state in week.hass.states.async_all():
        if state.entity_id.split(".")[1].startswith("desk_"):
            yield state.entity_id, (state.state, dict(state.attributes))
    yield "stored", week.entry.runtime_data.engine.state.to_dict()


async def test_a_week_with_thirty_restarts(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, hass_storage: dict[str, Any]
) -> None:
    """Restarts anywhere change nothing a user can see or count."""
    config_dir = hass.config.config_dir
    plain = Week(freezer, config_dir, "01KRESTARTANYWHERE000000000")
    await plain.run()
    plain_view = dict(final_view(plain))
    await plain.stop()

    hass_storage.clear()
    restarted = Week(
        freezer,
        config_dir,
        "01KRESTARTANYWHERE000000000",
        restarts=choose_restarts(plain.statuses, ticks()),
    )
    await restarted.run()
    restarted_view = dict(final_view(restarted))
    await restarted.stop()

    assert len(restarted.restarted_in) == RESTARTS
    assert set(CATEGORIES) <= set(restarted.restarted_in), restarted.restarted_in
    assert restarted.statuses == plain.statuses
    assert restarted.days == plain.days
    assert restarted.events == plain.events
    assert restarted_view == plain_view
    # The week had something in it.
    kinds = {kind for kind, _ in plain.events}
    assert {f"{DOMAIN}_{kind}" for kind in EventType} <= kinds, kinds
    own = [
        data
        for kind, data in plain.events
        if kind == f"{DOMAIN}_break_started" and ("program", "custom_desk_set") in data
    ]
    assert own, "the person's own routine was never followed"
    assert {"standing", "micro_break"} & set(plain.statuses), "nothing stood or paused"
    assert max(day["streak"] for day in plain.days) > 0, plain.days
    assert "adherence" in str(plain_view), "no adherence sensor"
    reminded = [d for kind, d in plain.events if kind == f"{DOMAIN}_break_reminded"]
    assert reminded, "never reminded again"
