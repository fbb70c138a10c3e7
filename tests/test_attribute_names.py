"""Every attribute a state shows has a name in every shipped language."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, translation
import pytest

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.engine import Command

from .assist_helpers import async_start_day, profile
from .helpers import act, advance, set_presence

#: Attributes Home Assistant itself names (or never shows as attributes).
STANDARD = frozenset(
    {
        "friendly_name",
        "icon",
        "unit_of_measurement",
        "device_class",
        "state_class",
        "options",
        "min",
        "max",
        "step",
        "mode",
        "restored",
        "supported_features",
        "event_types",
    }
)


@pytest.mark.parametrize("language", ["en", "ru", "de"])
async def test_every_attribute_shown_has_a_name(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, language: str
) -> None:
    """Status, exercise, comfort and the rest, during a break: no unnamed attribute."""
    desk = profile("Desk", ask_comfort=True)
    await async_start_day(hass, freezer, desk, assist=False)
    await set_presence(hass, True)
    await act(hass, desk.entry_id, "log_comfort", level=6)
    await advance(hass, freezer, minutes=5)
    await act(hass, desk.entry_id, "start_break")
    strings = await translation.async_get_translations(
        hass, language, "entity", {DOMAIN}
    )
    registry = er.async_get(hass)
    shown: dict[str, set[str]] = {}
    for entry in er.async_entries_for_config_entry(registry, desk.entry_id):
        state = hass.states.get(entry.entity_id)
        if state is None or entry.domain == "event":
            continue
        prefix = f"component.{DOMAIN}.entity.{entry.domain}.{entry.translation_key}"
        for attribute in set(state.attributes) - STANDARD:
            shown.setdefault(entry.entity_id, set()).add(attribute)
            assert strings.get(f"{prefix}.state_attributes.{attribute}.name"), (
                entry.entity_id,
                attribute,
            )
    assert {"ask_comfort", "first_week"} <= shown["sensor.desk_status"]
    assert "exercise_id" in shown["sensor.desk_current_exercise"]


@pytest.mark.parametrize("language", ["en", "ru", "de"])
async def test_ids_shown_have_names(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, language: str
) -> None:
    """The program and the available commands are shown by name, not by id."""
    desk = profile("Desk")
    await async_start_day(hass, freezer, desk, assist=False)
    await set_presence(hass, True)
    await act(hass, desk.entry_id, "start_break")
    strings = await translation.async_get_translations(
        hass, language, "entity", {DOMAIN}
    )
    sensor = f"component.{DOMAIN}.entity.sensor"
    exercise = hass.states.get("sensor.desk_current_exercise")
    status = hass.states.get("sensor.desk_status")
    assert exercise is not None and status is not None
    program = exercise.attributes["program"]
    assert strings.get(
        f"{sensor}.current_exercise.state_attributes.program.state.{program}"
    )
    commands = status.attributes["available_commands"]
    assert commands
    for command in commands:
        key = f"{sensor}.status.state_attributes.available_commands.state.{command}"
        assert strings.get(key), command


@pytest.mark.parametrize("language", ["en", "ru", "de"])
async def test_every_command_has_a_name_as_an_attribute(
    hass: HomeAssistant, language: str
) -> None:
    """Whatever commands the status lists, each has a name."""
    strings = await translation.async_get_translations(
        hass, language, "entity", {DOMAIN}
    )
    prefix = (
        f"component.{DOMAIN}.entity.sensor.status.state_attributes."
        "available_commands.state"
    )
    assert [c for c in Command if not strings.get(f"{prefix}.{c}")] == []
