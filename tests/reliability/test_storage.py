"""A corrupt, odd or newer storage file: a clear log line and a clean start, never a failed setup.

These tests use Home Assistant's real file storage in a configuration directory
of their own, not the in-memory dict of the other tests.
"""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import DOMAIN
from tests.helpers import MONDAY_0900, advance, set_presence, state

from .common import file_storage

STORED = {
    "day": "2026-11-23",
    "breaks_today": 2,
    "met_today": False,
    "streak": 6,
}


@pytest.fixture
def hass_config_dir(tmp_path: Path) -> str:
    """Give each test a configuration directory of its own."""
    return str(tmp_path)


@pytest.fixture(autouse=True)
def storage_on_disk(hass_storage: dict[str, Any]) -> Iterator[None]:
    """Home Assistant's own file storage instead of the tests' dict."""
    with file_storage():
        yield


def store_path(hass: HomeAssistant, entry: MockConfigEntry) -> Path:
    """Return the profile's storage file."""
    return Path(hass.config.path(".storage", f"{DOMAIN}.{entry.entry_id}"))


async def start_with_file(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entry: MockConfigEntry,
    content: str,
) -> None:
    """Write the storage file, then set up the profile: it must load."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(MONDAY_0900)
    path = store_path(hass, entry)
    await hass.async_add_executor_job(_write, path, content)
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"desk": {}}}
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def _file(version: Any, data: Any, minor: Any = 1, key: str = "x") -> str:
    return json.dumps(
        {"version": version, "minor_version": minor, "key": key, "data": data}
    )


async def saved(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry: MockConfigEntry
) -> dict[str, Any]:
    """Flush the profile's storage and return the file's content."""
    await hass.config_entries.async_unload(entry.entry_id)
    # Unloading saves with no delay: on the next tick of the (frozen) clock.
    await advance(hass, freezer, seconds=1)
    text = await hass.async_add_executor_job(store_path(hass, entry).read_text)
    content: dict[str, Any] = json.loads(text)
    return content


async def test_corrupt_file(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Half a file: Home Assistant logs it, keeps it aside, and the coach starts afresh."""
    content = _file(1, STORED)
    await start_with_file(
        hass, freezer, mock_config_entry, content[: len(content) // 2]
    )
    assert f"Unrecoverable error decoding storage {DOMAIN}." in caplog.text
    path = store_path(hass, mock_config_entry)
    aside = await hass.async_add_executor_job(
        lambda: sorted(path.parent.glob(f"{path.name}.corrupt.*"))
    )
    assert len(aside) == 1
    assert state(hass, "sensor", "streak").state == "0"
    await set_presence(hass, True)
    assert state(hass, "sensor", "status").state == "sitting"
    stored = await saved(hass, freezer, mock_config_entry)
    assert stored["version"] == 1
    assert stored["data"]["present"] is True


@pytest.mark.parametrize(
    ("content", "streak"),
    [
        ("[1, 2, 3]", "0"),
        ('"just text"', "0"),
        ("42", "0"),
        ("{}", "0"),
        (json.dumps({"data": STORED}), "6"),
        (json.dumps({"version": "one", "data": STORED}), "6"),
        (_file(1, ["not", "a", "mapping"]), "0"),
        (_file(1, "text"), "0"),
        (_file(1, STORED, minor="x"), "6"),
    ],
    ids=[
        "list",
        "string",
        "number",
        "empty",
        "no-version",
        "bad-version",
        "data-list",
        "data-string",
        "bad-minor",
    ],
)
async def test_odd_file(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    *,
    content: str,
    streak: str,
) -> None:
    """Valid JSON of the wrong shape: what can be read is kept, the rest starts afresh."""
    await start_with_file(hass, freezer, mock_config_entry, content)
    assert state(hass, "sensor", "streak").state == streak
    if content != "{}":
        assert str(store_path(hass, mock_config_entry)) in caplog.text
    await set_presence(hass, True)
    stored = await saved(hass, freezer, mock_config_entry)
    assert stored["version"] == 1
    assert stored["data"]["streak"] == int(streak)


async def test_file_of_a_newer_version(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """After a downgrade: a warning, and the fields this version knows are kept."""
    data = {**STORED, "a_field_from_the_future": {"x": 1}}
    await start_with_file(hass, freezer, mock_config_entry, _file(3, data, minor=2))
    assert "newer version" in caplog.text
    assert state(hass, "sensor", "streak").state == "6"
    assert state(hass, "sensor", "breaks_today").state == "2"
    stored = await saved(hass, freezer, mock_config_entry)
    assert stored["version"] == 1
    assert stored["data"]["streak"] == 6


async def test_newer_minor_version_is_read_quietly(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A newer minor version is compatible by definition."""
    await start_with_file(hass, freezer, mock_config_entry, _file(1, STORED, minor=4))
    assert state(hass, "sensor", "streak").state == "6"
    assert "newer version" not in caplog.text


async def test_unreadable_fields(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Junk in some fields: each is logged and reset; the others are kept."""
    data = {
        **STORED,
        "streak": "many",
        "snoozes_used": None,
        "block_start": "yesterday",
        "brk": {"program": "neck_sitting", "step_ids": ["x"], "position": 9},
    }
    await start_with_file(hass, freezer, mock_config_entry, _file(1, data))
    assert "Ignoring unreadable stored value for streak" in caplog.text
    assert "Ignoring unreadable stored break in progress" in caplog.text
    assert state(hass, "sensor", "streak").state == "0"
    assert state(hass, "sensor", "breaks_today").state == "2"
    assert state(hass, "sensor", "status").state == "away"
