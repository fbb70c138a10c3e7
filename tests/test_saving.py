"""Saving the progress: every change is written, an input that changes nothing is not."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import CONF_DND_ENTITIES, DOMAIN
from custom_components.desk_break_coach.engine import CoachState
from custom_components.desk_break_coach.profile.store import SAVE_DELAY

from .helpers import act, advance, set_presence

pytestmark = pytest.mark.profile(
    booleans=("desk", "meeting"),
    options={CONF_DND_ENTITIES: ["input_boolean.meeting"]},
)


def written(hass_storage: dict[str, Any], entry: MockConfigEntry) -> Any:
    """Return the profile's file as last written (a new object on every write)."""
    return hass_storage[f"{DOMAIN}.{entry.entry_id}"]


def without_cursor(data: dict[str, Any]) -> dict[str, Any]:
    """Return stored data without the clock cursor (never a reason to save)."""
    return {key: value for key, value in data.items() if key != "cursor"}


async def settle(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Let a delayed save land."""
    await advance(hass, freezer, seconds=SAVE_DELAY + 1)


@pytest.fixture(name="encodings")
def encodings_fixture(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    """Count how often the whole state is encoded for storage."""
    calls: list[None] = []
    encode = CoachState.to_dict

    def counted(state: CoachState) -> dict[str, Any]:
        calls.append(None)
        return encode(state)

    monkeypatch.setattr(CoachState, "to_dict", counted)
    return calls


async def test_an_input_that_changes_nothing_writes_and_encodes_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    profile: MockConfigEntry,
    hass_storage: dict[str, Any],
    encodings: list[None],
) -> None:
    """Timer ticks and a presence said again: no write, and no encoding to compare."""
    await settle(hass, freezer)
    before = written(hass_storage, profile)
    encodings.clear()
    await advance(hass, freezer, minutes=15)  # the sitting time moves on the entities
    await advance(hass, freezer, minutes=15)
    hass.states.async_set("input_boolean.desk", "on", {"said": "again"})
    await hass.async_block_till_done()
    await settle(hass, freezer)
    assert encodings == []
    assert written(hass_storage, profile) is before


async def test_every_kind_of_change_is_saved(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    profile: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Presence, do-not-disturb, the clock, commands and the comfort log all reach the file."""
    engine = profile.runtime_data.engine

    async def saved(step: str, *, at_once: bool = False) -> None:
        """Check the file holds the state: at once after a command, else in the wait."""
        if at_once:
            await hass.async_block_till_done()
        else:
            await settle(hass, freezer)
        data = written(hass_storage, profile)["data"]
        assert without_cursor(data) == without_cursor(engine.state.to_dict()), step

    await saved("sat down")
    await set_presence(hass, False)
    await saved("left")
    await advance(hass, freezer, minutes=2)
    await set_presence(hass, True)
    await saved("came back")
    await set_presence(hass, True, "input_boolean.meeting")
    await saved("a meeting began")
    await set_presence(hass, False, "input_boolean.meeting")
    await saved("the meeting ended")
    await advance(hass, freezer, minutes=45)
    assert engine.state.due
    await saved("the break fell due")
    await act(hass, profile.entry_id, "snooze", minutes=5)
    await saved("snoozed", at_once=True)
    await advance(hass, freezer, minutes=5)
    await saved("the snooze ended")
    await act(hass, profile.entry_id, "start_break")
    await saved("on a break", at_once=True)
    await act(hass, profile.entry_id, "next_exercise")
    await saved("the next step", at_once=True)
    await act(hass, profile.entry_id, "finish_break")
    await saved("the break completed", at_once=True)
    await act(hass, profile.entry_id, "log_comfort", level=6, note="stiff")
    await saved("comfort logged", at_once=True)
    await act(hass, profile.entry_id, "pause", minutes=30)
    await saved("paused", at_once=True)
    await advance(hass, freezer, minutes=30)
    await saved("the pause ended")
    await set_presence(hass, False)
    await advance(hass, freezer, hours=16)
    await saved("a new day")
    assert engine.state.breaks_today == 0


async def test_a_flapping_sensor_writes_once_per_wait(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    profile: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Presence changing every minute for 15 minutes: 3 writes, not one per change.

    A change that can wait is written within SAVE_DELAY (5 minutes), together
    with the changes that came meanwhile; later changes do not put it off.
    """
    engine = profile.runtime_data.engine
    await settle(hass, freezer)
    writes: list[Any] = [written(hass_storage, profile)]
    minutes = 15
    for minute in range(minutes):
        await set_presence(hass, minute % 2 == 1)
        await advance(hass, freezer, minutes=1)
        latest = written(hass_storage, profile)
        if latest is not writes[-1]:
            writes.append(latest)
    # One write per 5 minutes, the first within them, though a change came every minute.
    assert len(writes) - 1 == 3
    await set_presence(hass, True)
    await settle(hass, freezer)
    data = written(hass_storage, profile)["data"]
    assert without_cursor(data) == without_cursor(engine.state.to_dict())
