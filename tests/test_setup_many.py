"""Many profiles set up at once (as at start): one profile's platform per loop iteration."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import LANGUAGES
from custom_components.desk_break_coach.engine import Catalogue
from custom_components.desk_break_coach.profile import catalogues

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


async def _set_up_together(hass: HomeAssistant) -> list[MockConfigEntry]:
    """Add the profiles and set them all up at once, as Home Assistant does at start."""
    entries = [profile(f"Desk {i}", f"input_boolean.desk_{i}") for i in range(PROFILES)]
    for entry in entries:
        entry.add_to_hass(hass)
    results = await asyncio.gather(
        *(hass.config_entries.async_setup(entry.entry_id) for entry in entries)
    )
    await hass.async_block_till_done()
    assert all(results)
    return entries


async def _desks(hass: HomeAssistant) -> None:
    assert await async_setup_component(
        hass,
        "input_boolean",
        {"input_boolean": {f"desk_{index}": {} for index in range(PROFILES)}},
    )
    await hass.async_block_till_done()


async def test_profiles_set_up_together_add_entities_one_at_a_time(
    hass: HomeAssistant,
) -> None:
    """No loop iteration adds the entities of two profiles, or of two platforms."""
    await _desks(hass)
    iterations = Iterations(hass.loop)
    added: dict[int, set[tuple[str, str]]] = defaultdict(set)

    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        domain, object_id = event.data["entity_id"].split(".")
        if event.data["old_state"] is None and object_id.startswith("desk_"):
            added[iterations.count].add((object_id[:6], domain))  # desk_<index>

    hass.bus.async_listen(EVENT_STATE_CHANGED, record)
    await _set_up_together(hass)
    iterations.stop()
    assert {desk for desk, _domain in set().union(*added.values())} == {
        f"desk_{i}" for i in range(PROFILES)
    }
    assert all(len(adding) == 1 for adding in added.values()), dict(added)


async def test_profiles_set_up_together_read_the_catalogues_once(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Profiles starting together share one read of the shipped catalogues."""
    read: list[str] = []
    load = catalogues.load_catalogue

    def counted(language: str) -> Catalogue:
        read.append(language)
        return load(language)

    monkeypatch.setattr(catalogues, "load_catalogue", counted)
    await _desks(hass)
    entries = await _set_up_together(hass)
    assert sorted(read) == sorted(LANGUAGES)
    assert all(entry.runtime_data.shipped is not None for entry in entries)
