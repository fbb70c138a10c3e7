"""Setup that finds what you have: suggestions, the device's area, refusals, sections."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    translation,
)
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import (
    CONF_DND_ENTITIES,
    CONF_DND_STATES,
    CONF_NAME,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    DOMAIN,
    PRESENCE_MODE_ALL,
    PRESENCE_MODE_ANY,
    default_options,
)

from .helpers import options_form, state, tool_device

OCCUPANCY = "binary_sensor.office_occupancy"
LASTACTIVE = "sensor.workpc_lastactive"


async def _translated(hass: HomeAssistant, category: str, key: str) -> str:
    strings = await translation.async_get_translations(hass, "en", category, {DOMAIN})
    return strings[f"component.{DOMAIN}.{category}.error.{key}"]


async def _profile_form(hass: HomeAssistant) -> dict[str, Any]:
    """Start the config flow; with areas in the home, skip the area question."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    if result["step_id"] == "area":
        result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["step_id"] == "user"
    return dict(result)


async def _create(
    hass: HomeAssistant, presence: list[str], mode: str = PRESENCE_MODE_ANY
) -> dict[str, Any]:
    result = await _profile_form(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Desk", CONF_PRESENCE_ENTITIES: presence, CONF_PRESENCE_MODE: mode},
    )
    if result["type"] is FlowResultType.FORM and result["step_id"] == "consent":
        result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
        await hass.async_block_till_done()
    return dict(result)


async def test_the_user_step_suggests_presence_entities(hass: HomeAssistant) -> None:
    """Occupancy sensors and PC activity are listed, the office's first; none chosen."""
    office = ar.async_get(hass).async_get_or_create("Office")
    hass.states.async_set(
        "binary_sensor.hall_motion", "off", {"device_class": "motion"}
    )
    hass.states.async_set(
        "binary_sensor.kitchen_presence", "off", {"device_class": "presence"}
    )
    tool_device(hass, "Office sensor", [OCCUPANCY], office.id)
    hass.states.async_set(
        OCCUPANCY, "on", {"device_class": "occupancy", "friendly_name": "Office"}
    )
    hass.states.async_set(
        LASTACTIVE, "2026-11-23T08:00:00+00:00", {"device_class": "timestamp"}
    )
    hass.states.async_set(
        "sensor.outdoor_temperature", "3", {"device_class": "temperature"}
    )

    result = await _profile_form(hass)
    listed = result["description_placeholders"]["suggestions"].splitlines()
    assert listed[0] == f"- Office: Office ({OCCUPANCY})"
    assert any(LASTACTIVE in line for line in listed)
    assert any("binary_sensor.kitchen_presence" in line for line in listed)
    assert not any("motion" in line or "temperature" in line for line in listed)
    presence = next(
        key for key in result["data_schema"].schema if key == CONF_PRESENCE_ENTITIES
    )
    assert "suggested_value" not in (presence.description or {})


async def test_new_device_lands_in_the_presence_area(hass: HomeAssistant) -> None:
    """The profile's device is placed where its first presence entity's device is."""
    office = ar.async_get(hass).async_get_or_create("Office")
    tool_device(hass, "WORKPC", [LASTACTIVE], office.id)
    hass.states.async_set(LASTACTIVE, "unknown", {"device_class": "timestamp"})
    hass.states.async_set(OCCUPANCY, "off")  # no area at all, listed first

    result = await _create(hass, [OCCUPANCY, LASTACTIVE])
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = result["result"]
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    assert device is not None
    assert device.area_id == office.id
    # Placed once its entities exist: their ids keep the profile's name only.
    assert hass.states.get("sensor.desk_status") is not None

    # Moved by the person, it stays where they put it across a reload.
    kitchen = ar.async_get(hass).async_get_or_create("Kitchen")
    dr.async_get(hass).async_update_device(device.id, area_id=kitchen.id)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert dr.async_get(hass).async_get(device.id).area_id == kitchen.id  # type: ignore[union-attr]


async def test_an_entity_area_wins_over_its_device(hass: HomeAssistant) -> None:
    """The entity's own area first, then its device's."""
    office = ar.async_get(hass).async_get_or_create("Office")
    den = ar.async_get(hass).async_get_or_create("Den")
    tool_device(hass, "WORKPC", [LASTACTIVE], office.id)
    er.async_get(hass).async_update_entity(
        LASTACTIVE, area_id=den.id, name="Last active"
    )
    result = await _create(hass, [LASTACTIVE])
    entry = result["result"]
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    assert device is not None
    assert device.area_id == den.id


@pytest.mark.parametrize("home", ["person.alice", "device_tracker.pixel"])
async def test_home_presence_needs_all(hass: HomeAssistant, home: str) -> None:
    """A phone or person at home is accepted only with `all`, with a translated why."""
    hass.states.async_set(home, "home")
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_NAME: "Desk",
            CONF_PRESENCE_ENTITIES: [OCCUPANCY, home],
            CONF_PRESENCE_MODE: PRESENCE_MODE_ANY,
        },
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_PRESENCE_MODE: "home_needs_all"}
    assert "all" in await _translated(hass, "config", "home_needs_all")
    assert hass.config_entries.async_entries(DOMAIN) == []

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_NAME: "Desk",
            CONF_PRESENCE_ENTITIES: [OCCUPANCY, home],
            CONF_PRESENCE_MODE: PRESENCE_MODE_ALL,
        },
    )
    assert result["step_id"] == "consent"


async def _options(
    hass: HomeAssistant, entry: MockConfigEntry, changes: dict[str, Any]
) -> dict[str, Any]:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    current = {k: v for k, v in entry.options.items() if v is not None}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], options_form({**current, **changes})
    )
    await hass.async_block_till_done()
    return dict(result)


async def test_standing_entity_cannot_be_presence(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The presence entity as the standing entity: refused, translated, nothing changed."""
    result = await _options(
        hass, init_integration, {CONF_STANDING_ENTITY: "input_boolean.desk"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_STANDING_ENTITY: "standing_is_presence"}
    assert await _translated(hass, "options", "standing_is_presence")
    assert dict(init_integration.options) == default_options()


@pytest.mark.parametrize(
    "changes",
    [
        {CONF_DND_ENTITIES: ["binary_sensor.nowhere"]},
        {CONF_STANDING_ENTITY: "cover.nowhere", CONF_STANDING_ABOVE: 50},
        {"schedule_entity": "schedule.nowhere"},
        {"pause_media": ["media_player.nowhere"]},
    ],
)
async def test_entities_that_do_not_exist_are_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, changes: dict[str, Any]
) -> None:
    """An entity id that exists nowhere: entity_not_found, translated, nothing changed."""
    result = await _options(hass, init_integration, changes)
    assert result["type"] is FlowResultType.FORM
    assert set(result["errors"].values()) == {"entity_not_found"}
    assert set(result["errors"]) <= set(changes)
    assert await _translated(hass, "options", "entity_not_found")
    assert dict(init_integration.options) == default_options()


async def test_a_disabled_desk_height_is_accepted(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The Idasen height sensor is disabled by default: in the registry, no state yet."""
    er.async_get(hass).async_get_or_create(
        "sensor",
        "idasen_desk_bt",
        "aa:bb-height",
        suggested_object_id="desk_height",
        disabled_by=er.RegistryEntryDisabler.INTEGRATION,
    )
    result = await _options(
        hass,
        init_integration,
        {CONF_STANDING_ENTITY: "sensor.desk_height", CONF_STANDING_ABOVE: 0.95},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options[CONF_STANDING_ENTITY] == "sensor.desk_height"


async def test_dnd_states_are_an_option(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """dnd_states: trimmed, lower-case, stored flat; empty restores the defaults."""
    hass.states.async_set("sensor.pc_notificationstate", "AcceptsNotifications")
    result = await _options(
        hass,
        init_integration,
        {
            CONF_DND_ENTITIES: ["sensor.pc_notificationstate"],
            CONF_DND_STATES: [" Gaming ", "busy", "BUSY"],
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options[CONF_DND_STATES] == ["gaming", "busy"]
    assert (
        "presence_and_desk" not in init_integration.options
    )  # sections only shape the form
    result = await _options(hass, init_integration, {CONF_DND_STATES: []})
    assert (
        init_integration.options[CONF_DND_STATES] == default_options()[CONF_DND_STATES]
    )


async def test_options_suggest_dnd_and_desk(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Calendars, webcams, notification and phone states, desks: listed, none chosen."""
    for entity_id, value in (
        ("calendar.work", "off"),
        ("binary_sensor.workpc_webcam_in_use", "off"),
        ("sensor.workpc_notificationstate", "AcceptsNotifications"),
        ("sensor.pixel_do_not_disturb_sensor", "off"),
        ("sensor.pixel_phone_state", "idle"),
        ("cover.idasen_desk", "open"),
        ("light.kitchen", "on"),
    ):
        hass.states.async_set(entity_id, value)
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    dnd = result["description_placeholders"]["dnd_candidates"]
    for entity_id in (
        "calendar.work",
        "binary_sensor.workpc_webcam_in_use",
        "sensor.workpc_notificationstate",
        "sensor.pixel_do_not_disturb_sensor",
        "sensor.pixel_phone_state",
    ):
        assert entity_id in dnd
    assert "light.kitchen" not in dnd
    assert "cover.idasen_desk" in result["description_placeholders"]["desk_candidates"]
    section = next(
        value
        for key, value in result["data_schema"].schema.items()
        if key == "presence_and_desk"
    )
    suggested = {
        str(key): (key.description or {}).get("suggested_value")
        for key in section.schema.schema
    }
    assert suggested[CONF_DND_ENTITIES] == []
    assert suggested[CONF_STANDING_ENTITY] is None


async def test_occupied_tells_how_it_reads(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The occupied sensor's `sources` say how each presence and DND entity is read."""
    hass.states.async_set("calendar.work", "off")
    hass.states.async_set("sensor.pixel_phone_state", "idle")
    result = await _options(
        hass,
        init_integration,
        {CONF_DND_ENTITIES: ["calendar.work", "sensor.pixel_phone_state"]},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result.get("errors")
    assert state(hass, "binary_sensor", "occupied").attributes["sources"] == {
        "input_boolean.desk": "on_off",
        "calendar.work": "do_not_disturb: on_off",
        "sensor.pixel_phone_state": "do_not_disturb: dnd_states",
    }
