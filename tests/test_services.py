"""Every action's bad input: a translated ServiceValidationError and no change."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import translation
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import DOMAIN

from .helpers import CONTRACT_ACTIONS, act, advance, set_presence


def snapshot_states(hass: HomeAssistant) -> dict[str, Any]:
    """Return every state of the domain's entities with attributes."""
    return {
        s.entity_id: (s.state, dict(s.attributes))
        for s in hass.states.async_all()
        if s.entity_id.split(".")[1].startswith("desk_")
    }


async def assert_refused(
    hass: HomeAssistant, service: str, data: dict[str, Any], key: str
) -> None:
    """Call, expect the translated error `key`, and check nothing changed."""
    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            service,
            data,
            blocking=True,
            return_response=service == "get_status",
        )
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == key
    translations = await translation.async_get_translations(
        hass, "en", "exceptions", {DOMAIN}
    )
    message = translations.get(f"component.{DOMAIN}.exceptions.{key}.message")
    assert message, f"no translation for {key}"
    await hass.async_block_till_done()
    assert snapshot_states(hass) == before


@pytest.mark.parametrize("service", CONTRACT_ACTIONS)
async def test_unknown_or_missing_entry(
    hass: HomeAssistant, init_integration: MockConfigEntry, service: str
) -> None:
    """Wrong, missing or foreign entry ids are refused."""
    await assert_refused(hass, service, {"config_entry_id": "nope"}, "entry_not_found")
    await assert_refused(hass, service, {}, "entry_required")
    other = MockConfigEntry(domain="input_boolean")
    other.add_to_hass(hass)
    await assert_refused(
        hass, service, {"config_entry_id": other.entry_id}, "entry_not_found"
    )


async def test_unloaded_entry(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An unloaded profile is refused by name."""
    await hass.config_entries.async_unload(init_integration.entry_id)
    await assert_refused(
        hass,
        "start_break",
        {"config_entry_id": init_integration.entry_id},
        "entry_not_loaded",
    )


@pytest.mark.parametrize(
    ("service", "data", "key"),
    [
        ("snooze", {"minutes": 0}, "minutes_out_of_range"),
        ("snooze", {"minutes": 121}, "minutes_out_of_range"),
        ("snooze", {"minutes": "ten"}, "minutes_out_of_range"),
        ("snooze", {"minutes": 2.5}, "minutes_out_of_range"),
        ("snooze", {"minutes": True}, "minutes_out_of_range"),
        ("pause", {"minutes": -1}, "minutes_out_of_range"),
        ("pause", {"minutes": 100000}, "minutes_out_of_range"),
        ("start_break", {"program": "yoga"}, "invalid_program"),
        ("stop_routine", {"reason": "bored"}, "invalid_reason"),
        ("resume", {"minutes": 5}, "unknown_field"),
        ("start_break", {"program": "neck_lying", "colour": "red"}, "unknown_field"),
        ("get_status", {"verbose": True}, "unknown_field"),
    ],
)
async def test_out_of_range(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    service: str,
    data: dict[str, Any],
    key: str,
) -> None:
    """Out-of-range and malformed fields are refused."""
    await assert_refused(
        hass, service, {"config_entry_id": init_integration.entry_id, **data}, key
    )


@pytest.mark.parametrize(
    ("service", "key"),
    [
        ("next_exercise", "no_break"),
        ("finish_break", "no_break"),
        ("snooze", "nothing_due"),
        ("skip_break", "nothing_due"),
        ("resume", "not_paused"),
    ],
)
async def test_wrong_state(
    hass: HomeAssistant, init_integration: MockConfigEntry, service: str, key: str
) -> None:
    """Actions that do not fit the current state are refused."""
    await assert_refused(
        hass, service, {"config_entry_id": init_integration.entry_id}, key
    )


async def test_wrong_state_during_break_and_rest(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
) -> None:
    """A second start is refused; so is a start while resting."""
    entry_id = init_integration.entry_id
    await set_presence(hass, True)
    await act(hass, entry_id, "start_break", program="self_massage_neck")
    await assert_refused(
        hass, "start_break", {"config_entry_id": entry_id}, "already_on_break"
    )
    await act(hass, entry_id, "stop_routine", reason="other")
    await assert_refused(hass, "start_break", {"config_entry_id": entry_id}, "resting")
    await advance(hass, freezer, minutes=1)


async def test_get_status_response(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """get_status answers for scripts, including the remaining steps."""
    await set_presence(hass, True)
    await act(hass, init_integration.entry_id, "start_break")
    status = await act(hass, init_integration.entry_id, "get_status")
    assert status["status"] == "on_break"
    assert status["current_exercise"]["step"] == 1
    assert status["remaining_steps"] == ["Chin tucks", "Side tilts"]
    assert status["daily_target"] == 4
    assert status["program"] == "neck_sitting"
