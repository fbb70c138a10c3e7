"""Tests for the config, options and reconfigure flows."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    translation,
)
from homeassistant.setup import async_setup_component
import probatio
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.desk_break_coach.const import (
    CONF_ANNOUNCE_STEPS,
    CONF_ANNOUNCE_TARGETS,
    CONF_AREA,
    CONF_ASK_COMFORT,
    CONF_AWAY_MINUTES,
    CONF_DAILY_LIMIT_MINUTES,
    CONF_DAILY_TARGET,
    CONF_DESK_ENTITY,
    CONF_DESK_SIT_POSITION,
    CONF_DESK_STAND_POSITION,
    CONF_DND_ENTITIES,
    CONF_DND_STATES,
    CONF_EXERCISE_SECONDS,
    CONF_IDLE_SECONDS,
    CONF_LANGUAGE,
    CONF_MASSAGE_AFTER_LAST,
    CONF_MAX_SKIPS_PER_DAY,
    CONF_MAX_SNOOZES,
    CONF_MICRO_BREAK_MINUTES,
    CONF_MICRO_BREAK_SECONDS,
    CONF_NAME,
    CONF_PAUSE_MEDIA,
    CONF_PHONES,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_PRESENCE_STATES,
    CONF_PROGRAM,
    CONF_REMIND_AGAIN_MINUTES,
    CONF_REPS,
    CONF_SCHEDULE_ENTITY,
    CONF_SIT_MINUTES,
    CONF_SNOOZE_MINUTES,
    CONF_STAND_MINUTES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    CONF_STANDING_TARGET_MINUTES,
    CONF_TTS_ENTITY,
    CONF_WARN_MINUTES,
    CONF_WEEKLY_REPORT,
    CONF_WORK_DAYS,
    CONF_WORK_END,
    CONF_WORK_START,
    DOMAIN,
    NUMBER_OPTION_RANGES,
    PRESENCE_MODE_ALL,
    PRESENCE_MODE_ANY,
    default_options,
)
from custom_components.desk_break_coach.flows.sections import (
    OPTION_SECTIONS,
    SECTION_OF,
    nest,
)

from .helpers import profile_entry

PRESENCE_ENTITY = "input_boolean.desk"  # the presence entity of `mock_config_entry`
CHAIR = "binary_sensor.chair"
REMOVED = object()  # marks a field the user left empty

# A complete options form as the frontend submits it; numbers arrive as floats.
OPTIONS_INPUT: dict[str, Any] = {
    CONF_SIT_MINUTES: 50.0,
    CONF_AWAY_MINUTES: 7,
    CONF_SNOOZE_MINUTES: 15,
    CONF_MAX_SNOOZES: 0,
    CONF_DAILY_TARGET: 6,
    CONF_PROGRAM: "neck_lying",
    CONF_REPS: 20,
    CONF_EXERCISE_SECONDS: 60,
    CONF_WORK_START: "08:30",
    CONF_WORK_END: "17:15:00",
    CONF_WORK_DAYS: ["sat", "mon", "wed"],
    CONF_SCHEDULE_ENTITY: "schedule.office",
    CONF_DND_ENTITIES: ["calendar.work", "binary_sensor.camera_in_use"],
    CONF_ANNOUNCE_TARGETS: ["assist_satellite.desk", "media_player.office"],
    CONF_TTS_ENTITY: "tts.google_translate_en_com",
    CONF_ANNOUNCE_STEPS: False,
    CONF_IDLE_SECONDS: 300,
    CONF_PRESENCE_STATES: [" Unlocked ", "active", "ACTIVE", ""],
    CONF_MICRO_BREAK_MINUTES: 20,
    CONF_MICRO_BREAK_SECONDS: 30.0,
    CONF_WARN_MINUTES: 2,
    CONF_DAILY_LIMIT_MINUTES: 480,
    CONF_STANDING_ENTITY: "sensor.desk_height",
    CONF_STANDING_ABOVE: 95,
    CONF_PAUSE_MEDIA: ["media_player.office", "media_player.office"],
    CONF_LANGUAGE: "ru",
    CONF_DESK_ENTITY: "number.desk_height",
    CONF_DESK_SIT_POSITION: 72,
    CONF_DESK_STAND_POSITION: 110.5,
    CONF_STAND_MINUTES: 30.0,
    CONF_STANDING_TARGET_MINUTES: 120,
    CONF_REMIND_AGAIN_MINUTES: 30.0,
    CONF_MAX_SKIPS_PER_DAY: 2,
    CONF_WEEKLY_REPORT: True,
}

OPTIONS_STORED: dict[str, Any] = {
    CONF_SIT_MINUTES: 50,
    CONF_AWAY_MINUTES: 7,
    CONF_SNOOZE_MINUTES: 15,
    CONF_MAX_SNOOZES: 0,
    CONF_DAILY_TARGET: 6,
    CONF_PROGRAM: "neck_lying",
    CONF_REPS: 20,
    CONF_EXERCISE_SECONDS: 60,
    CONF_WORK_START: "08:30:00",
    CONF_WORK_END: "17:15:00",
    CONF_WORK_DAYS: ["mon", "wed", "sat"],
    CONF_SCHEDULE_ENTITY: "schedule.office",
    CONF_DND_ENTITIES: ["calendar.work", "binary_sensor.camera_in_use"],
    CONF_ANNOUNCE_TARGETS: ["assist_satellite.desk", "media_player.office"],
    CONF_TTS_ENTITY: "tts.google_translate_en_com",
    CONF_ANNOUNCE_STEPS: False,
    CONF_IDLE_SECONDS: 300,
    CONF_PRESENCE_STATES: ["unlocked", "active"],
    CONF_DND_STATES: list(default_options()[CONF_DND_STATES]),
    CONF_MICRO_BREAK_MINUTES: 20,
    CONF_MICRO_BREAK_SECONDS: 30,
    CONF_WARN_MINUTES: 2,
    CONF_DAILY_LIMIT_MINUTES: 480,
    CONF_STANDING_ENTITY: "sensor.desk_height",
    CONF_STANDING_ABOVE: 95.0,
    CONF_PAUSE_MEDIA: ["media_player.office"],
    CONF_PHONES: [],
    CONF_ASK_COMFORT: False,
    CONF_MASSAGE_AFTER_LAST: False,
    CONF_LANGUAGE: "ru",
    CONF_DESK_ENTITY: "number.desk_height",
    CONF_DESK_SIT_POSITION: 72.0,
    CONF_DESK_STAND_POSITION: 110.5,
    CONF_STAND_MINUTES: 30,
    CONF_STANDING_TARGET_MINUTES: 120,
    CONF_REMIND_AGAIN_MINUTES: 30,
    CONF_MAX_SKIPS_PER_DAY: 2,
    CONF_WEEKLY_REPORT: True,
}


#: The entities OPTIONS_INPUT and the error cases name, as their integrations publish them.
NAMED_ENTITIES = (
    "schedule.office",
    "calendar.work",
    "binary_sensor.camera_in_use",
    "assist_satellite.desk",
    "media_player.office",
    "tts.google_translate_en_com",
    "sensor.desk_height",
    "cover.desk",
    "notify.phone",
)


@pytest.fixture(autouse=True)
def named_entities(hass: HomeAssistant) -> None:
    """Let every entity the options name exist."""
    for entity_id in NAMED_ENTITIES:
        hass.states.async_set(entity_id, "off")


def form(flat: dict[str, Any]) -> dict[str, Any]:
    """Return flat options as the sectioned form submits them."""
    return nest(flat)


def _suggested_values(result: dict[str, Any]) -> dict[str, Any]:
    """Return the values a form prefills, by field, through its sections."""
    schema: probatio.Schema = result["data_schema"]
    found: dict[str, Any] = {}
    for key, value in schema.schema.items():
        inner = getattr(value, "schema", None)
        if isinstance(inner, probatio.Schema):
            found.update(_suggested_values({"data_schema": inner}))
        elif key.description and "suggested_value" in key.description:
            found[str(key)] = key.description["suggested_value"]
    return found


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    """Return stored options as the form prefills them: times without seconds."""
    return {
        key: value[:5] if key in (CONF_WORK_START, CONF_WORK_END) else value
        for key, value in values.items()
        if value is not None
    }


async def _start_user_flow(hass: HomeAssistant, step: str = "user") -> dict[str, Any]:
    """Start adding a profile; its first form is `step` ("area" once areas exist)."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == step
    assert result["errors"] == {}
    return dict(result)


async def _translated_errors(hass: HomeAssistant, category: str) -> set[str]:
    """Return the error keys that have an English translation."""
    strings = await translation.async_get_translations(hass, "en", category, {DOMAIN})
    prefix = f"component.{DOMAIN}.{category}.error."
    return {key.removeprefix(prefix) for key in strings if key.startswith(prefix)}


@pytest.mark.usefixtures("presence_entity")
async def test_user_flow_creates_profile(hass: HomeAssistant) -> None:
    """The user step, then the consent note, create a profile with default options."""
    result = await _start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_NAME: "  Alice  ",
            CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY, CHAIR, PRESENCE_ENTITY],
            CONF_PRESENCE_MODE: PRESENCE_MODE_ALL,
        },
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "consent"
    assert result["data_schema"] is None
    assert hass.config_entries.async_entries(DOMAIN) == []

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Alice"
    assert result["data"] == {
        CONF_NAME: "Alice",
        CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY, CHAIR],
        CONF_PRESENCE_MODE: PRESENCE_MODE_ALL,
    }
    assert result["options"] == default_options()
    entry = result["result"]
    assert entry.unique_id == f"{CHAIR},{PRESENCE_ENTITY}"
    assert entry.version == 1
    assert entry.minor_version == 1
    assert entry.state is ConfigEntryState.LOADED


async def test_user_flow_defaults(hass: HomeAssistant) -> None:
    """Name and presence mode have defaults; the name is prefilled."""
    result = await _start_user_flow(hass)
    defaults = {
        str(key): key.default()
        for key in result["data_schema"].schema
        if key.default is not probatio.UNDEFINED
    }
    assert defaults == {CONF_NAME: "Desk", CONF_PRESENCE_MODE: PRESENCE_MODE_ANY}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PRESENCE_ENTITIES: [CHAIR]}
    )
    assert result["step_id"] == "consent"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_NAME: "Desk",
        CONF_PRESENCE_ENTITIES: [CHAIR],
        CONF_PRESENCE_MODE: PRESENCE_MODE_ANY,
    }


@pytest.mark.parametrize(
    "presence_entities",
    [
        [CHAIR, PRESENCE_ENTITY],
        [PRESENCE_ENTITY, CHAIR],
        [PRESENCE_ENTITY, CHAIR, CHAIR],
    ],
)
async def test_user_flow_same_set_aborts(
    hass: HomeAssistant, presence_entities: list[str]
) -> None:
    """The same set of presence entities, in any order, cannot be set up twice."""
    profile_entry("Existing", [PRESENCE_ENTITY, CHAIR]).add_to_hass(hass)

    result = await _start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Again", CONF_PRESENCE_ENTITIES: presence_entities},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


async def test_user_flow_subset_is_a_new_profile(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A different set (here a superset) of presence entities is another profile."""
    mock_config_entry.add_to_hass(hass)
    result = await _start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Bob", CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY, CHAIR]},
    )
    assert result["step_id"] == "consent"


async def test_consent_aborts_when_set_was_taken_meanwhile(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A profile created while the consent note was open wins; no duplicate."""
    result = await _start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Desk", CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY]},
    )
    assert result["step_id"] == "consent"

    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert hass.config_entries.async_entries(DOMAIN) == [mock_config_entry]


@pytest.mark.parametrize(
    ("user_input", "errors"),
    [
        (
            {CONF_NAME: "   ", CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY]},
            {CONF_NAME: "empty_name"},
        ),
        (
            {CONF_NAME: "Desk", CONF_PRESENCE_ENTITIES: []},
            {CONF_PRESENCE_ENTITIES: "no_presence_entities"},
        ),
        (
            {CONF_NAME: "", CONF_PRESENCE_ENTITIES: []},
            {CONF_NAME: "empty_name", CONF_PRESENCE_ENTITIES: "no_presence_entities"},
        ),
    ],
)
async def test_user_flow_errors(
    hass: HomeAssistant, user_input: dict[str, Any], errors: dict[str, str]
) -> None:
    """Invalid profiles show translated errors and keep what was typed."""
    result = await _start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == errors
    assert set(errors.values()) <= await _translated_errors(hass, "config")
    assert _suggested_values(result)[CONF_NAME] == user_input[CONF_NAME]

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Desk", CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY]},
    )
    assert result["step_id"] == "consent"


async def test_user_flow_missing_presence_entities(hass: HomeAssistant) -> None:
    """Leaving the presence field out entirely is reported with a translated key."""
    result = await _start_user_flow(hass)
    with pytest.raises(InvalidData) as err:
        await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_NAME: "Desk"}
        )
    assert err.value.schema_errors == {CONF_PRESENCE_ENTITIES: "no_presence_entities"}


#: Two occupancy sensors in each of two areas, all of another integration.
ROOM_SENSORS = {
    "Office": ("binary_sensor.office_chair", "binary_sensor.office_radar"),
    "Kitchen": ("binary_sensor.kitchen_chair", "binary_sensor.kitchen_radar"),
}


def _rooms(hass: HomeAssistant) -> dict[str, str]:
    """Create the areas of ROOM_SENSORS with their sensors; return the area ids."""
    areas = {}
    for name, entity_ids in ROOM_SENSORS.items():
        areas[name] = ar.async_get(hass).async_get_or_create(name).id
        for entity_id in entity_ids:
            object_id = entity_id.split(".")[1]
            er.async_get(hass).async_get_or_create(
                "binary_sensor", "mqtt", object_id, suggested_object_id=object_id
            )
            er.async_get(hass).async_update_entity(entity_id, area_id=areas[name])
            hass.states.async_set(
                entity_id,
                "off",
                {
                    "device_class": "occupancy",
                    "friendly_name": object_id.replace("_", " ").capitalize(),
                },
            )
    return areas


async def _finish(hass: HomeAssistant, result: dict[str, Any], presence: str) -> Any:
    """Submit the profile form with one presence entity and confirm the note."""
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Alice", CONF_PRESENCE_ENTITIES: [presence]}
    )
    assert result["step_id"] == "consent"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    return result["result"]


def _device_area(hass: HomeAssistant, entry_id: str) -> str | None:
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry_id), entry_id
    )
    assert device is not None
    return device.area_id


async def test_picked_area_lists_its_sensors_first_and_holds_the_device(
    hass: HomeAssistant,
) -> None:
    """The desk's area comes first: its sensors lead the hint, its device goes there."""
    areas = _rooms(hass)
    result = await _start_user_flow(hass, "area")

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"area": areas["Office"]}
    )
    assert result["step_id"] == "user"
    listed = result["description_placeholders"]["suggestions"].splitlines()
    office, kitchen = ROOM_SENSORS["Office"][0], ROOM_SENSORS["Kitchen"][0]
    assert listed.index(f"- Office: Office chair ({office})") < listed.index(
        f"- Kitchen: Kitchen chair ({kitchen})"
    )
    presence = next(
        key for key in result["data_schema"].schema if key == CONF_PRESENCE_ENTITIES
    )
    assert "suggested_value" not in (presence.description or {})

    # A Kitchen sensor as the presence entity: the picked area still wins.
    entry = await _finish(hass, dict(result), kitchen)
    assert entry.data[CONF_AREA] == areas["Office"]
    assert _device_area(hass, entry.entry_id) == areas["Office"]


async def test_skipped_area_places_the_device_by_presence(hass: HomeAssistant) -> None:
    """No area picked: the device lands in the first presence entity's area."""
    areas = _rooms(hass)
    result = await _start_user_flow(hass, "area")

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["step_id"] == "user"
    entry = await _finish(hass, dict(result), ROOM_SENSORS["Kitchen"][0])
    assert CONF_AREA not in entry.data
    assert _device_area(hass, entry.entry_id) == areas["Kitchen"]


async def test_area_is_asked_only_when_the_home_has_areas(
    hass: HomeAssistant,
) -> None:
    """No areas: straight to the profile form; the first area brings the question."""
    await _start_user_flow(hass)
    ar.async_get(hass).async_get_or_create("Office")
    await _start_user_flow(hass, "area")


async def test_removed_area_is_refused(hass: HomeAssistant) -> None:
    """An area removed while the form was open: a translated error, nothing kept."""
    areas = _rooms(hass)
    result = await _start_user_flow(hass, "area")
    ar.async_get(hass).async_delete(areas["Office"])

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"area": areas["Office"]}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "area"
    assert result["errors"] == {"area": "area_not_found"}
    assert "area_not_found" in await _translated_errors(hass, "config")

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    entry = await _finish(hass, dict(result), ROOM_SENSORS["Kitchen"][0])
    assert CONF_AREA not in entry.data


async def test_a_picked_area_removed_before_setup_is_passed_over(
    hass: HomeAssistant,
) -> None:
    """The picked area gone by the time the device exists: the presence area instead."""
    areas = _rooms(hass)
    kitchen = ROOM_SENSORS["Kitchen"][0]
    entry = profile_entry("Alice", [kitchen], area="gone")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert _device_area(hass, entry.entry_id) == areas["Kitchen"]

    # Reconfigure asks no area and keeps the one picked at setup.
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Alice", CONF_PRESENCE_ENTITIES: [kitchen]}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_AREA] == "gone"


async def test_options_flow_round_trip(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Every option is stored with its proper type, then prefilled next time."""
    entry = init_integration
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert _suggested_values(result) == _shown(default_options())
    assert [str(key) for key in result["data_schema"].schema] == list(OPTION_SECTIONS)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form(OPTIONS_INPUT)
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert dict(entry.options) == OPTIONS_STORED
    for key in NUMBER_OPTION_RANGES:
        assert type(entry.options[key]) is int
    assert entry.options[CONF_ANNOUNCE_STEPS] is False
    assert dict(entry.data) == {
        CONF_NAME: "Desk",
        CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY],
        CONF_PRESENCE_MODE: PRESENCE_MODE_ANY,
    }

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert _suggested_values(result) == _shown(OPTIONS_STORED)
    assert _suggested_values(result)[CONF_WORK_START] == "08:30"


async def test_options_flow_clears_optional_entities(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Optional entity fields left empty are stored as unset."""
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(mock_config_entry, options=OPTIONS_STORED)

    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    cleared = {
        key: value
        for key, value in OPTIONS_INPUT.items()
        if key
        not in (
            CONF_SCHEDULE_ENTITY,
            CONF_DND_ENTITIES,
            CONF_ANNOUNCE_TARGETS,
            CONF_TTS_ENTITY,
        )
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form({**cleared, CONF_DND_ENTITIES: []})
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options[CONF_SCHEDULE_ENTITY] is None
    assert mock_config_entry.options[CONF_DND_ENTITIES] == []
    assert mock_config_entry.options[CONF_ANNOUNCE_TARGETS] == []
    assert mock_config_entry.options[CONF_TTS_ENTITY] is None

    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    suggested = _suggested_values(result)
    assert CONF_SCHEDULE_ENTITY not in suggested
    assert CONF_TTS_ENTITY not in suggested


async def test_options_flow_keeps_unknown_keys(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Options the form does not show survive saving the form."""
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry, options={**default_options(), "extra": 1}
    )
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form(OPTIONS_INPUT)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert dict(mock_config_entry.options) == {**OPTIONS_STORED, "extra": 1}


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {CONF_WORK_START: "18:00", CONF_WORK_END: "09:00"},
            {CONF_WORK_END: "work_end_before_start"},
        ),
        (
            {CONF_WORK_START: "12:00:00", CONF_WORK_END: "12:00"},
            {CONF_WORK_END: "work_end_before_start"},
        ),
        ({CONF_WORK_DAYS: []}, {CONF_WORK_DAYS: "no_work_days"}),
        ({CONF_MICRO_BREAK_MINUTES: 5}, {CONF_MICRO_BREAK_MINUTES: "off_or_range"}),
        ({CONF_DAILY_LIMIT_MINUTES: 59}, {CONF_DAILY_LIMIT_MINUTES: "off_or_range"}),
        (
            {CONF_REMIND_AGAIN_MINUTES: 4},
            {CONF_REMIND_AGAIN_MINUTES: "off_or_range"},
        ),
        (
            {CONF_STANDING_ENTITY: "cover.desk", CONF_STANDING_ABOVE: REMOVED},
            {CONF_STANDING_ABOVE: "standing_above_required"},
        ),
        (
            {CONF_PRESENCE_STATES: ["unlocked", "x" * 51]},
            {CONF_PRESENCE_STATES: "invalid_presence_state"},
        ),
        (
            {CONF_ANNOUNCE_TARGETS: ["media_player.office"], CONF_TTS_ENTITY: REMOVED},
            {CONF_TTS_ENTITY: "tts_required"},
        ),
        (
            {CONF_DESK_SIT_POSITION: REMOVED, CONF_DESK_STAND_POSITION: REMOVED},
            {
                CONF_DESK_SIT_POSITION: "desk_position_required",
                CONF_DESK_STAND_POSITION: "desk_position_required",
            },
        ),
        (
            {CONF_DESK_ENTITY: "cover.desk", CONF_DESK_STAND_POSITION: 110.5},
            {CONF_DESK_STAND_POSITION: "desk_position_cover"},
        ),
        (
            {CONF_STAND_MINUTES: 5, CONF_STANDING_TARGET_MINUTES: 20},
            {
                CONF_STAND_MINUTES: "off_or_range",
                CONF_STANDING_TARGET_MINUTES: "off_or_range",
            },
        ),
        (
            {
                CONF_WORK_DAYS: [],
                CONF_WORK_END: "08:00",
                CONF_ANNOUNCE_TARGETS: ["notify.phone", "media_player.office"],
                CONF_TTS_ENTITY: REMOVED,
            },
            {
                CONF_WORK_END: "work_end_before_start",
                CONF_WORK_DAYS: "no_work_days",
                CONF_TTS_ENTITY: "tts_required",
            },
        ),
    ],
)
async def test_options_flow_errors(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    changes: dict[str, Any],
    errors: dict[str, str],
) -> None:
    """Invalid options show translated errors, keep the input and change nothing."""
    mock_config_entry.add_to_hass(hass)
    user_input = {
        key: value
        for key, value in {**OPTIONS_INPUT, **changes}.items()
        if value is not REMOVED
    }

    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form(user_input)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert result["errors"] == errors
    assert set(errors.values()) <= await _translated_errors(hass, "options")
    assert (
        _suggested_values(result)[CONF_WORK_START]
        == _shown(user_input)[CONF_WORK_START]
    )
    assert dict(mock_config_entry.options) == default_options()

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form(OPTIONS_INPUT)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert dict(mock_config_entry.options) == OPTIONS_STORED


async def test_options_flow_tts_not_needed_without_media_player(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Satellites and notify targets announce without a text-to-speech engine."""
    mock_config_entry.add_to_hass(hass)
    user_input = {
        **OPTIONS_INPUT,
        CONF_ANNOUNCE_TARGETS: ["assist_satellite.desk", "notify.phone"],
    }
    del user_input[CONF_TTS_ENTITY]
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form(user_input)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options[CONF_ANNOUNCE_TARGETS] == [
        "assist_satellite.desk",
        "notify.phone",
    ]
    assert mock_config_entry.options[CONF_TTS_ENTITY] is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        *((key, bounds[0] - 1) for key, bounds in NUMBER_OPTION_RANGES.items()),
        *((key, bounds[1] + 1) for key, bounds in NUMBER_OPTION_RANGES.items()),
        (CONF_SIT_MINUTES, "soon"),
    ],
)
async def test_options_flow_out_of_range(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, key: str, value: Any
) -> None:
    """Numbers outside their range are refused with a translated key."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    with pytest.raises(InvalidData) as err:
        await hass.config_entries.options.async_configure(
            result["flow_id"], form({**OPTIONS_INPUT, key: value})
        )

    # Reported by the field's section, with the field's translated key.
    assert err.value.schema_errors == {SECTION_OF[key]: "out_of_range"}
    assert "out_of_range" in await _translated_errors(hass, "options")
    assert dict(mock_config_entry.options) == default_options()


@pytest.mark.parametrize("key", list(NUMBER_OPTION_RANGES))
async def test_options_flow_accepts_range_bounds(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, key: str
) -> None:
    """Both ends of every range are valid."""
    mock_config_entry.add_to_hass(hass)
    for bound in NUMBER_OPTION_RANGES[key]:
        result = await hass.config_entries.options.async_init(
            mock_config_entry.entry_id
        )
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], form({**OPTIONS_INPUT, key: bound})
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        assert mock_config_entry.options[key] == bound


async def test_options_flow_missing_work_days(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Leaving the working days out entirely is reported with a translated key."""
    mock_config_entry.add_to_hass(hass)
    user_input = dict(OPTIONS_INPUT)
    del user_input[CONF_WORK_DAYS]
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    with pytest.raises(InvalidData) as err:
        await hass.config_entries.options.async_configure(
            result["flow_id"], form(user_input)
        )
    assert err.value.schema_errors == {SECTION_OF[CONF_WORK_DAYS]: "no_work_days"}


async def test_reconfigure(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Reconfigure renames the profile and changes its presence entities."""
    entry = init_integration
    hass.config_entries.async_update_entry(entry, options=OPTIONS_STORED)
    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert _suggested_values(result) == dict(entry.data)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "", CONF_PRESENCE_ENTITIES: [CHAIR]}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "empty_name"}
    assert _suggested_values(result)[CONF_PRESENCE_ENTITIES] == [CHAIR]

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_NAME: "Office",
            CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY, CHAIR],
            CONF_PRESENCE_MODE: PRESENCE_MODE_ALL,
        },
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.title == "Office"
    assert entry.unique_id == f"{CHAIR},{PRESENCE_ENTITY}"
    assert dict(entry.data) == {
        CONF_NAME: "Office",
        CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY, CHAIR],
        CONF_PRESENCE_MODE: PRESENCE_MODE_ALL,
    }
    assert dict(entry.options) == OPTIONS_STORED
    assert entry.state is ConfigEntryState.LOADED


async def test_reconfigure_keeps_own_set(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Renaming without changing the presence entities is not a duplicate."""
    mock_config_entry.add_to_hass(hass)
    result = await mock_config_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Renamed", CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY]},
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert mock_config_entry.title == "Renamed"
    assert mock_config_entry.unique_id == PRESENCE_ENTITY


async def test_reconfigure_to_another_profiles_set_aborts(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Reconfigure cannot take the presence entities of another profile."""
    mock_config_entry.add_to_hass(hass)
    other = profile_entry("Other", [CHAIR, PRESENCE_ENTITY])
    other.add_to_hass(hass)

    result = await mock_config_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Desk", CONF_PRESENCE_ENTITIES: [PRESENCE_ENTITY, CHAIR]},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert mock_config_entry.unique_id == PRESENCE_ENTITY
    assert mock_config_entry.data[CONF_PRESENCE_ENTITIES] == [PRESENCE_ENTITY]


async def test_unload_and_reload(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A profile unloads and loads again."""
    entry = init_integration
    assert entry.state is ConfigEntryState.LOADED

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED


async def test_options_form_over_http(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """The frontend gets a serializable form and field errors it can translate."""
    mock_config_entry.add_to_hass(hass)
    assert await async_setup_component(hass, "config", {})
    client = await hass_client()

    response = await client.post(
        "/api/config/config_entries/options/flow",
        json={"handler": mock_config_entry.entry_id},
    )
    assert response.status == HTTPStatus.OK
    shown = await response.json()
    sections = {field["name"]: field for field in shown["data_schema"]}
    assert list(sections) == list(OPTION_SECTIONS)
    assert {section["type"] for section in sections.values()} == {"expandable"}
    fields = {
        field["name"]: field
        for section in sections.values()
        for field in section["schema"]
    }
    assert set(fields) == set(default_options())
    for name, keys in OPTION_SECTIONS.items():
        assert [field["name"] for field in sections[name]["schema"]] == list(keys)
    assert fields[CONF_SIT_MINUTES]["selector"]["number"] == {
        "min": 10,
        "max": 180,
        "step": 1,
        "mode": "box",
        "unit_of_measurement": "minutes",
        "translation_key": "option_unit",
    }
    assert fields[CONF_WORK_DAYS]["selector"]["select"]["translation_key"] == (
        CONF_WORK_DAYS
    )
    # Working hours without seconds: quarter hours, or typed.
    times = fields[CONF_WORK_START]["selector"]["select"]
    assert times["custom_value"] is True
    assert times["options"][:2] == ["00:00", "00:15"]

    response = await client.post(
        f"/api/config/config_entries/options/flow/{shown['flow_id']}",
        json=form({**OPTIONS_INPUT, CONF_SIT_MINUTES: 181}),
    )
    assert response.status == HTTPStatus.BAD_REQUEST
    assert await response.json() == {"errors": {"timing": "out_of_range"}}
    assert dict(mock_config_entry.options) == default_options()

    # An entity that does not exist is refused, translated, over the API too.
    response = await client.post(
        f"/api/config/config_entries/options/flow/{shown['flow_id']}",
        json=form({**OPTIONS_INPUT, CONF_DND_ENTITIES: ["binary_sensor.nowhere"]}),
    )
    assert response.status == HTTPStatus.OK
    result = await response.json()
    assert result["errors"] == {CONF_DND_ENTITIES: "entity_not_found"}
    assert "entity_not_found" in await _translated_errors(hass, "options")
    assert dict(mock_config_entry.options) == default_options()
