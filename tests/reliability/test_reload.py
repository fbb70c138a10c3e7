"""Load and unload every profile 50 times: nothing is left behind.

After the cycles Home Assistant must look as it did before them: the same bus
listeners, state trackers, pending timers, actions, intents, LLM APIs and
dispatcher connections, and only the running profiles' coaches alive.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
import gc
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent, llm
from homeassistant.helpers.storage import Store
from homeassistant.setup import async_setup_component

from custom_components.desk_break_coach.coach import Coach
from custom_components.desk_break_coach.const import (
    CONF_DND_ENTITIES,
    CONF_SCHEDULE_ENTITY,
    DOMAIN,
)
from custom_components.desk_break_coach.profile.store import SAVE_DELAY
from tests.assist_helpers import profile
from tests.helpers import MONDAY_0900, act, advance

CYCLES = 50
#: Where Home Assistant keeps the per-entity state change trackers.
_TRACKERS = "track_state_change_data"


def _timer_name(callback: Any) -> str:
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, Store):
        return f"save of {owner.key}"
    return str(getattr(callback, "__qualname__", type(callback).__name__))


def footprint(hass: HomeAssistant) -> dict[str, Any]:
    """Return what loaded profiles hold on to in Home Assistant."""
    gc.collect()
    trackers = hass.data.get(_TRACKERS)
    dispatcher = hass.data.get("dispatcher") or {}
    return {
        "bus listeners": dict(hass.bus.async_listeners()),
        "state trackers": {
            entity_id: len(jobs)
            for entity_id, jobs in (trackers.callbacks if trackers else {}).items()
            if jobs
        },
        "timers": Counter(
            _timer_name(handle._callback)  # noqa: SLF001
            for handle in hass.loop._scheduled  # type: ignore[attr-defined]  # noqa: SLF001
            if not handle.cancelled()
        ),
        "actions": sorted(hass.services.async_services_for_domain(DOMAIN)),
        "intents": sorted(handler.intent_type for handler in intent.async_get(hass)),
        "llm apis": sorted(api.id for api in llm.async_get_apis(hass)),
        "dispatcher": {
            str(signal): len(targets)
            for signal, targets in dispatcher.items()
            if targets
        },
        "coaches alive": sum(1 for obj in gc.get_objects() if isinstance(obj, Coach)),
    }


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Return what changed, item by item."""
    changed: dict[str, Any] = {}
    for key, old in before.items():
        new = after[key]
        if isinstance(old, dict) and isinstance(new, dict):
            items = {
                item: (old.get(item), new.get(item))
                for item in {*old, *new}
                if old.get(item) != new.get(item)
            }
            if items:
                changed[key] = items
        elif old != new:
            changed[key] = (old, new)
    return changed


async def test_load_and_unload_fifty_times(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Three profiles in different states, each unloaded and loaded 50 times."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(MONDAY_0900)
    assert await async_setup_component(
        hass,
        "input_boolean",
        {
            "input_boolean": {
                name: {"initial": name != "meeting"}
                for name in ("desk", "desk_2", "desk_3", "meeting", "office_hours")
            }
        },
    )
    entries = [
        profile("Desk", "input_boolean.desk"),
        profile(
            "Desk 2",
            "input_boolean.desk_2",
            **{
                CONF_DND_ENTITIES: ["input_boolean.meeting"],
                CONF_SCHEDULE_ENTITY: "input_boolean.office_hours",
            },
        ),
        # Its presence entity does not exist: a repair check is pending.
        profile("Desk 3", "input_boolean.nobody"),
    ]
    for entry in entries:
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await act(hass, entries[0].entry_id, "start_break")  # a step timer runs
    # Let every delayed save (Home Assistant's registries too) happen, here and
    # after the cycles, so pending saves do not count as left over.
    await advance(hass, freezer, seconds=SAVE_DELAY + 15)
    loaded = footprint(hass)
    assert loaded["coaches alive"] == len(entries)
    progress = [e.runtime_data.engine.state.brk for e in entries]

    for _ in range(CYCLES):
        for entry in entries:
            assert await hass.config_entries.async_unload(entry.entry_id)
            assert entry.state is ConfigEntryState.NOT_LOADED
            # Unloading saves at once; the frozen clock moves a microsecond so it can.
            freezer.tick(timedelta(microseconds=10))
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done()
            assert entry.state is ConfigEntryState.LOADED

    await advance(hass, freezer, seconds=SAVE_DELAY + 15)
    after = footprint(hass)
    assert after == loaded, differences(loaded, after)
    # The break in progress went through every reload.
    assert [e.runtime_data.engine.state.brk for e in entries] == progress

    for entry in entries:
        assert await hass.config_entries.async_unload(entry.entry_id)
    freezer.tick(timedelta(microseconds=10))
    await hass.async_block_till_done()
    unloaded = footprint(hass)
    assert unloaded["coaches alive"] == 0
    assert not any(DOMAIN in signal for signal in unloaded["dispatcher"])
    # What stays is registered once for the integration, not per profile.
    assert unloaded["actions"] == loaded["actions"]
    assert unloaded["intents"] == loaded["intents"]


async def test_reload_then_a_completed_break_stays_on_disk(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """The unloaded coach's last save must not land after the reloaded coach's.

    Presence changes are saved with a delay; a reload right after them, then a
    break completed (saved at once), then a crash: the disk must hold the break.
    """
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(MONDAY_0900)
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"desk": {"initial": True}}}
    )
    entry = profile("Desk", "input_boolean.desk")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=5)
    for on in (False, True):  # two delayed saves in a row
        await hass.services.async_call(
            "input_boolean",
            "turn_on" if on else "turn_off",
            {"entity_id": "input_boolean.desk"},
            blocking=True,
        )
        await advance(hass, freezer, seconds=5)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    key = f"{DOMAIN}.{entry.entry_id}"
    assert hass_storage[key]["data"]["breaks_today"] == 1
    # Seconds later, before the next delayed save: what a crash would leave.
    await advance(hass, freezer, seconds=9)
    assert hass_storage[key]["data"]["breaks_today"] == 1
