"""Snapshots of the entity registry and diagnostics; repair issues for lost presence."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.presence.watch import issue_id

from .helpers import MONDAY_0900, act, advance, set_presence


@pytest.mark.freeze_time(MONDAY_0900)
async def test_entity_registry(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every contract entity, with unique ids, translation keys, classes and states."""
    entries = er.async_entries_for_config_entry(
        entity_registry, init_integration.entry_id
    )
    assert len(entries) == 24  # the contract's 20 and the second wave's 4
    seen = {}
    for entry in sorted(entries, key=lambda item: item.entity_id):
        assert entry.unique_id == f"{init_integration.entry_id}_{entry.translation_key}"
        state = hass.states.get(entry.entity_id)
        assert state is not None
        attributes = dict(state.attributes)
        if "config_entry_id" in attributes:
            assert attributes.pop("config_entry_id") == init_integration.entry_id
        seen[entry.entity_id] = {
            "translation_key": entry.translation_key,
            "original_name": entry.original_name,
            "entity_category": entry.entity_category,
            "device_class": entry.original_device_class,
            "unit": entry.unit_of_measurement,
            "capabilities": entry.capabilities,
            "state": state.state,
            "attributes": attributes,
        }
    assert seen == snapshot


@pytest.mark.freeze_time(MONDAY_0900)
async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    mock_config_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Diagnostics show options, stored state and status."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"desk": {}}}
    )
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    await set_presence(hass, True)
    await act(hass, mock_config_entry.entry_id, "start_break")
    result = await get_diagnostics_for_config_entry(
        hass, hass_client, mock_config_entry
    )
    assert result == snapshot


async def test_repair_issue_for_unavailable_presence(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
) -> None:
    """Unavailable for an hour: an issue; the last known presence holds; back: cleared."""
    entity_id = "input_boolean.desk"
    key = issue_id(init_integration.entry_id, entity_id)
    await set_presence(hass, True)
    hass.states.async_set(entity_id, "unavailable")
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=59)
    assert issue_registry.async_get_issue(DOMAIN, key) is None
    assert hass.states.get("binary_sensor.desk_occupied").state == "on"  # type: ignore[union-attr]
    await advance(hass, freezer, minutes=2)
    issue = issue_registry.async_get_issue(DOMAIN, key)
    assert issue is not None
    assert issue.translation_key == "presence_unavailable"
    assert issue.translation_placeholders == {"entity_id": entity_id, "name": "Desk"}
    assert hass.states.get("binary_sensor.desk_occupied").state == "on"  # type: ignore[union-attr]
    hass.states.async_set(entity_id, "on")
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, key) is None


async def test_missing_presence_entity_raises_issue(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """A presence entity that never appears raises the issue after an hour."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.desk_status").state == "away"  # type: ignore[union-attr]
    freezer.tick(timedelta(hours=1, seconds=1))
    await advance(hass, freezer, seconds=1)
    assert issue_registry.async_get_issue(
        DOMAIN, issue_id(mock_config_entry.entry_id, "input_boolean.desk")
    )
