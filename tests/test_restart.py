"""Nothing is lost when Home Assistant restarts: a new instance on the same storage."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant import loader
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_test_home_assistant,
)

from .helpers import MONDAY_0900, act, advance, set_presence, state


async def start_profile(
    hass: HomeAssistant, entry: MockConfigEntry, desk_on: bool
) -> None:
    """Set up the presence boolean and the profile on `hass`."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"desk": {"initial": desk_on}}}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


@asynccontextmanager
async def restarted(
    hass: HomeAssistant, entry: MockConfigEntry, desk_on: bool = True
) -> AsyncIterator[HomeAssistant]:
    """Stop `hass` (flushing storage) and start a fresh instance with the same profile."""
    await hass.async_stop(force=True)
    async with async_test_home_assistant(config_dir=hass.config.config_dir) as new_hass:
        new_hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        clone = MockConfigEntry(
            domain=entry.domain,
            title=entry.title,
            data=dict(entry.data),
            options=dict(entry.options),
            unique_id=entry.unique_id,
            entry_id=entry.entry_id,
        )
        await start_profile(new_hass, clone, desk_on)
        yield new_hass
        await new_hass.async_stop(force=True)


def visible(hass: HomeAssistant) -> dict[str, Any]:
    """Return what a user sees of the profile."""
    keys = (
        "status",
        "sitting_time",
        "sitting_today",
        "breaks_today",
        "daily_progress",
        "streak",
    )
    seen: dict[str, Any] = {key: state(hass, "sensor", key).state for key in keys}
    seen["since"] = state(hass, "sensor", "sitting_time").attributes["since"]
    exercise = state(hass, "sensor", "current_exercise")
    attributes = dict(exercise.attributes)
    # seconds_left is written when a step starts; ends_at is what stays exact
    seen["seconds_left"] = attributes.pop("seconds_left", None)
    seen["exercise"] = (exercise.state, attributes)
    seen["snoozes_left"] = state(hass, "sensor", "status").attributes["snoozes_left"]
    seen["next_break"] = state(hass, "sensor", "next_break").state
    return seen


async def test_restart_in_the_middle_of_a_break(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Same step, same seconds left, same counters after a restart."""
    freezer.move_to(MONDAY_0900)
    await start_profile(hass, mock_config_entry, desk_on=False)
    entry_id = mock_config_entry.entry_id
    await set_presence(hass, True)
    await act(hass, entry_id, "start_break")
    await act(hass, entry_id, "finish_break")
    await act(hass, entry_id, "start_break")
    await advance(hass, freezer, seconds=30)
    await act(hass, entry_id, "next_exercise")
    await advance(hass, freezer, seconds=20)
    before = visible(hass)
    assert before["exercise"][1]["step"] == 2
    assert before["breaks_today"] == "1"
    async with restarted(hass, mock_config_entry) as new_hass:
        after = visible(new_hass)
        assert after["exercise"][0] == before["exercise"][0]
        attrs = after["exercise"][1]
        assert attrs["step"] == 2
        assert after["seconds_left"] == 100
        assert attrs["ends_at"] == before["exercise"][1]["ends_at"]
        for key in ("status", "breaks_today", "daily_progress", "streak", "since"):
            assert after[key] == before[key], key
        # the break goes on: its last step ends and it completes
        await advance(new_hass, freezer, seconds=100)
        assert state(new_hass, "sensor", "breaks_today").state == "2"


async def test_restart_in_the_middle_of_a_sitting_block(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """The block, its start, snoozes left and the due break survive a restart."""
    freezer.move_to(MONDAY_0900)
    await start_profile(hass, mock_config_entry, desk_on=False)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await act(hass, mock_config_entry.entry_id, "snooze", minutes=20)
    await advance(hass, freezer, minutes=5)
    before = visible(hass)
    assert before["status"] == "snoozed" and before["snoozes_left"] == 2
    assert (before.pop("sitting_time"), before.pop("sitting_today")) == ("45", "45")
    async with restarted(hass, mock_config_entry) as new_hass:
        after = visible(new_hass)
        # durations are shown in 15-minute steps and exactly after a restart
        assert (after.pop("sitting_time"), after.pop("sitting_today")) == ("50", "50")
        assert after == before
        await advance(new_hass, freezer, minutes=15)
        assert state(new_hass, "sensor", "status").state == "break_due"


async def test_reload_and_options_keep_state(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """A reload and an options change keep every counter and the break in progress."""
    freezer.move_to(MONDAY_0900)
    await start_profile(hass, mock_config_entry, desk_on=False)
    await set_presence(hass, True)
    entry_id = mock_config_entry.entry_id
    await act(hass, entry_id, "start_break")
    await advance(hass, freezer, seconds=10)
    before = visible(hass)
    assert await hass.config_entries.async_reload(entry_id)
    await hass.async_block_till_done()
    reloaded = visible(hass)
    assert reloaded.pop("seconds_left") == 110
    assert before.pop("seconds_left") == 120
    assert reloaded == before
    hass.config_entries.async_update_entry(
        mock_config_entry, options={**mock_config_entry.options, "sit_minutes": 30}
    )
    await hass.async_block_till_done()
    after = visible(hass)
    assert after["exercise"] == before["exercise"]
    assert after["since"] == before["since"]
