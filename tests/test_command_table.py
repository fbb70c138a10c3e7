"""The command table is the one home of each command: every surface follows it."""

from __future__ import annotations

import json
from pathlib import Path

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

from custom_components.desk_break_coach import device_action
from custom_components.desk_break_coach.button import BUTTONS
from custom_components.desk_break_coach.commands import COMMANDS, specs
from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.engine import Command
from custom_components.desk_break_coach.outputs.phones import PHONE_COMMANDS

PACKAGE = Path(__file__).parent.parent / "custom_components" / DOMAIN


def test_every_command_has_one_row() -> None:
    """A command without a row could not be run from anywhere."""
    assert set(COMMANDS) == set(Command)


def test_icons_json_gives_each_command_its_rows_icon() -> None:
    """The action and its button show the icon of the command's row."""
    icons = json.loads((PACKAGE / "icons.json").read_text())
    for spec in COMMANDS.values():
        assert icons["services"][spec.key] == {"service": spec.icon}, spec.key
        if spec.button:
            assert icons["entity"]["button"][spec.key]["default"] == spec.icon


def test_services_yaml_describes_each_rows_fields() -> None:
    """services.yaml lists exactly the fields of each command's row, in its bounds."""
    services = yaml.safe_load((PACKAGE / "services.yaml").read_text())
    for spec in COMMANDS.values():
        fields = services[spec.key]["fields"]
        assert set(fields) - {"config_entry_id"} == spec.field_names, spec.key
        for field in spec.fields:
            assert fields[field.name]["required"] is field.required
            if field.bounds is not None:
                number = fields[field.name]["selector"]["number"]
                assert (number["min"], number["max"]) == field.bounds


def test_surfaces_are_built_from_the_table() -> None:
    """Buttons, device actions and phone buttons are the rows that ask for them."""
    assert [b.key for b in BUTTONS] == [s.key for s in specs("button")]
    assert list(device_action.ACTIONS) == [s.key for s in specs("device_action")]
    assert [s.phone for s in PHONE_COMMANDS] == ["START", "SNOOZE", "SKIP"]


async def test_each_command_is_an_action(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Every row is registered as an action of the integration."""
    registered = hass.services.async_services_for_domain(DOMAIN)
    assert set(registered) == {command.value for command in Command} | {"get_status"}
