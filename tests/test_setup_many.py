"""Many profiles set up at once (as at start): one profile's entities per loop iteration."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.setup import async_setup_component

from .assist_helpers import profile

PROFILES = 6


class Iterations:
    """Count the event loop's iterations: a callback that re-schedules itself."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start counting."""
        self.count = 0
        self._loop = loop
        self._handle = loop.call_soon(self._tick)

    def _tick(self) -> None:
        self.count += 1
        self._handle = self._loop.call_soon(self._tick)

    def stop(self) -> None:
        """Stop counting."""
        self._handle.cancel()


async def test_profiles_set_up_together_add_entities_one_at_a_time(
    hass: HomeAssistant,
) -> None:
    """No loop iteration adds the entities of two profiles: none holds the loop long."""
    names = [f"Desk {index}" for index in range(PROFILES)]
    entries = [profile(name, f"input_boolean.desk_{i}") for i, name in enumerate(names)]
    assert await async_setup_component(
        hass,
        "input_boolean",
        {"input_boolean": {f"desk_{index}": {} for index in range(PROFILES)}},
    )
    await hass.async_block_till_done()
    iterations = Iterations(hass.loop)
    added: dict[int, set[str]] = defaultdict(set)

    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        object_id = event.data["entity_id"].split(".")[1]
        if event.data["old_state"] is None and object_id.startswith("desk_"):
            added[iterations.count].add(object_id[:6])  # desk_<index>

    hass.bus.async_listen(EVENT_STATE_CHANGED, record)
    for entry in entries:
        entry.add_to_hass(hass)
    results = await asyncio.gather(
        *(hass.config_entries.async_setup(entry.entry_id) for entry in entries)
    )
    await hass.async_block_till_done()
    iterations.stop()
    assert all(results)
    assert set().union(*added.values()) == {f"desk_{i}" for i in range(PROFILES)}
    assert all(len(profiles) == 1 for profiles in added.values()), dict(added)
