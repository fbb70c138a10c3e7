"""The `break` event entity and the bus events: the contract's data, once per transition."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.engine import EventType

from .assist_helpers import async_start_day, profile
from .helpers import act, advance, set_presence

BASE = {"config_entry_id", "name", "message"}
#: The contract's fields of each event, beyond config_entry_id, name and message.
FIELDS: dict[str, set[str]] = {
    "break_due": {"sitting_minutes", "program", "snoozes_left"},
    "break_started": {"program", "steps_total", "sitting_minutes"},
    "exercise_started": {
        "program",
        "step",
        "steps_total",
        "exercise",
        "exercise_id",
        "reps",
        "seconds",
    },
    "break_completed": {"program", "breaks_today", "daily_target"},
    "break_skipped": set(),
    "break_snoozed": {"minutes", "snoozes_left"},
    "routine_stopped": {"reason"},
    "break_soon": {"minutes"},
    "micro_break_started": {"seconds"},
    "micro_break_completed": {"micro_breaks_today"},
    "daily_limit_reached": {"minutes"},
    "comfort_logged": {"level", "average_7d", "trend", "worse", "worse_days"},
    "stand_suggested": {"sitting_minutes"},  # tests/test_desk.py
    # These two: tests/test_habit.py.
    "break_reminded": {"count", "minutes"},
    "weekly_report": {"breaks", "target", "adherence_28d", "comfort_change"},
}


async def test_each_transition_fires_once_with_the_contract_data(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Due, snooze, due, start, steps, done, due, skip, start, stop; then a reload."""
    assert set(FIELDS) == {event_type.value for event_type in EventType}
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)
    bus: list[Event] = []
    entity: list[dict[str, Any]] = []

    @callback
    def on_bus(event: Event) -> None:
        if event.event_type.startswith(f"{DOMAIN}_"):
            bus.append(event)

    @callback
    def on_entity(event: Event[EventStateChangedData]) -> None:
        new_state = event.data["new_state"]
        assert new_state is not None
        entity.append(dict(new_state.attributes))

    hass.bus.async_listen("*", on_bus)
    async_track_state_change_event(hass, "event.desk_break", on_entity)

    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "snooze", minutes=5)
    await advance(hass, freezer, minutes=5)
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "next_exercise")
    await advance(hass, freezer, minutes=2)  # the last step runs out
    await advance(hass, freezer, minutes=45)
    await act(hass, entry.entry_id, "skip_break")
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "stop_routine", reason="other")

    expected = [
        "break_due",
        "break_snoozed",
        "break_due",
        "break_started",
        "exercise_started",
        "exercise_started",
        "break_completed",
        "break_due",
        "break_skipped",
        "break_started",
        "exercise_started",
        "routine_stopped",
    ]
    assert [event.event_type.removeprefix(f"{DOMAIN}_") for event in bus] == expected
    for event in bus:
        kind = event.event_type.removeprefix(f"{DOMAIN}_")
        assert set(event.data) == BASE | FIELDS[kind], kind
        assert event.data["config_entry_id"] == entry.entry_id
        assert event.data["name"] == "Desk"
        assert isinstance(event.data["message"], str) and event.data["message"]

    assert len(entity) == len(bus)
    for attributes, event in zip(entity, bus, strict=True):
        assert attributes["event_type"] == event.event_type.removeprefix(f"{DOMAIN}_")
        assert {key: attributes[key] for key in event.data} == dict(event.data)
    assert [
        e.data["step"] for e in bus if e.event_type.endswith("exercise_started")
    ] == [
        1,
        2,
        1,
    ]
    first: dict[str, dict[str, Any]] = {}
    for event in bus:
        kind = event.event_type.removeprefix(f"{DOMAIN}_")
        values = dict(event.data)
        del values["config_entry_id"], values["name"]
        first.setdefault(kind, values)
    assert first == {
        "break_due": {
            "message": "You have been sitting for 45 minutes. "
            "Time for a short neck break.",
            "sitting_minutes": 45,
            "program": "neck_sitting",
            "snoozes_left": 3,
        },
        "break_snoozed": {
            "message": "Break snoozed for 5 minutes.",
            "minutes": 5,
            "snoozes_left": 2,
        },
        "break_started": {
            "message": "Starting Gentle seated neck routine: 2 exercises. "
            "Move gently, and stop if anything hurts.",
            "program": "neck_sitting",
            "steps_total": 2,
            "sitting_minutes": 50,
        },
        "exercise_started": {
            "message": first["exercise_started"]["message"],
            "program": "neck_sitting",
            "step": 1,
            "steps_total": 2,
            "exercise": "Chin tucks",
            "exercise_id": "chin_tuck",
            "reps": 10,
            "seconds": 120,
        },
        "break_completed": {
            "message": "Well done. 1 of 4 breaks done today.",
            "program": "neck_sitting",
            "breaks_today": 1,
            "daily_target": 4,
        },
        "break_skipped": {"message": "Break skipped. The sitting timer starts again."},
        "routine_stopped": {
            "message": 'Exercises stopped. Say "resume the exercises" '
            "when you want to continue.",
            "reason": "other",
        },
    }
    # The step's words: its number, its name, its cue from the catalogue, the count.
    assert first["exercise_started"]["message"].startswith(
        "Exercise 1 of 2: Chin tucks. "
    )
    assert first["exercise_started"]["message"].endswith(" 10 times.")

    # Restarting the profile repeats nothing.
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=1)
    assert len(bus) == len(expected)


async def test_second_wave_events_carry_the_contract_data(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Heads-up, micro-break and daily limit: bus and event entity, contract fields."""
    entry = profile(
        "Desk",
        micro_break_minutes=10,
        warn_minutes=2,
        daily_limit_minutes=60,
    )
    await async_start_day(hass, freezer, entry, assist=False)
    bus: list[Event] = []
    entity: list[str] = []

    @callback
    def on_bus(event: Event) -> None:
        if event.event_type.startswith(f"{DOMAIN}_"):
            bus.append(event)

    @callback
    def on_entity(event: Event[EventStateChangedData]) -> None:
        new_state = event.data["new_state"]
        assert new_state is not None
        entity.append(new_state.attributes["event_type"])

    hass.bus.async_listen("*", on_bus)
    async_track_state_change_event(hass, "event.desk_break", on_entity)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=10)
    await advance(hass, freezer, seconds=20)
    await advance(hass, freezer, minutes=33)
    await advance(hass, freezer, minutes=2)
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    await advance(hass, freezer, minutes=15)
    kinds = [event.event_type.removeprefix(f"{DOMAIN}_") for event in bus]
    assert kinds == [
        "micro_break_started",
        "micro_break_completed",
        "micro_break_started",
        "micro_break_completed",
        "micro_break_started",
        "micro_break_completed",
        "break_soon",
        "break_due",
        "break_started",
        "exercise_started",
        "break_completed",
        "micro_break_started",
        "micro_break_completed",
        "daily_limit_reached",
    ]
    assert entity == kinds
    for event in bus:
        kind = event.event_type.removeprefix(f"{DOMAIN}_")
        assert set(event.data) == BASE | FIELDS[kind], kind
