"""Shared helpers of the reliability tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from pytest_homeassistant_custom_component.common import MockConfigEntry

# The test harness replaces these with an in-memory dict while a test runs (the
# `hass_storage` fixture). Kept from import time, before any fixture, so a test
# can put Home Assistant's own file storage back.
_FILE_STORAGE = {
    name: getattr(Store, name)
    for name in ("_async_load", "_async_write_data", "async_remove")
}


def profile_snapshot(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    """Return everything refused input must not change: entities, progress, options."""
    states = {
        state.entity_id: (state.state, dict(state.attributes))
        for state in hass.states.async_all()
        if state.entity_id.split(".")[1].startswith("desk_")
    }
    return states, entry.runtime_data.engine.state.to_dict(), dict(entry.options)


@contextmanager
def file_storage() -> Iterator[None]:
    """Let Home Assistant's Store read and write real files in the config dir."""
    with ExitStack() as stack:
        for name, method in _FILE_STORAGE.items():
            stack.enter_context(patch.object(Store, name, method))
        yield
