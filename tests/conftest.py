"""Shared fixtures for the Desk Break Coach tests."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

# Importing the package here, before the `hass` fixture runs, makes Home Assistant
# resolve `custom_components` to this repository rather than the test harness's own.
from .helpers import profile_entry, start_profile

PRESENCE_ENTITY = "input_boolean.desk"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that tells the `profile` fixture how to start."""
    config.addinivalue_line(
        "markers",
        "profile(**keywords): how the `profile` fixture starts the profile "
        "(the keywords of tests.helpers.start_profile)",
    )


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load integrations from custom_components."""


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Return a profile "Desk" watching input_boolean.desk, with default options."""
    return profile_entry("Desk", [PRESENCE_ENTITY])


@pytest.fixture
async def presence_entity(hass: HomeAssistant) -> str:
    """Set up input_boolean.desk (off: nobody at the desk) and return its id."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"desk": {"name": "Desk"}}}
    )
    await hass.async_block_till_done()
    return PRESENCE_ENTITY


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, presence_entity: str
) -> MockConfigEntry:
    """Set up the integration with `mock_config_entry` and return the entry."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    return mock_config_entry


@pytest.fixture(name="profile")
async def profile_fixture(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    request: pytest.FixtureRequest,
) -> MockConfigEntry:
    """Monday 09:00 in Berlin, someone just sat down; the break is due at 09:45.

    A test or module marked `profile(...)` starts it otherwise: the marker's
    keywords go to `start_profile` (`present=False`: nobody at the desk; `at`,
    `booleans`, `options`).
    """
    marker = request.node.get_closest_marker("profile")
    keywords: dict[str, Any] = {"present": True, **(marker.kwargs if marker else {})}
    return await start_profile(hass, freezer, mock_config_entry, **keywords)
