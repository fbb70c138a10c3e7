"""The person's own routines: made, edited and deleted in the UI (config subentries).

Everything goes through the real integration: the subentry flow, the program
select and option, the start_break action and the start button, the entities,
voice, diagnostics, storage and reloads.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    SOURCE_USER,
    ConfigSubentryData,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import intent, llm, translation
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.desk_break_coach.const import (
    CONF_DAILY_TARGET,
    CONF_PROGRAM,
    DOMAIN,
)
from custom_components.desk_break_coach.profile.personal import SUBENTRY_ROUTINE
from custom_components.desk_break_coach.profile.store import CoachStore

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, options_form, set_presence, start_profile, state

ROUTINE = "custom_morning_stretch"
STRETCH: dict[str, Any] = {
    "name": "Morning stretch",
    "position": "standing",
    "exercises": [
        {
            "name": "Wall angels",
            "reps": 12,
            "seconds": 90,
            "instructions": "Back against the wall, slide the arms up and down.",
        },
        {"name": "Calf raises", "reps": 20.0, "seconds": 45, "instructions": ""},
        {"name": "Neck rolls", "reps": 5, "seconds": 30},
    ],
}
TEMPLATE_TEXT = "{{ states('sensor.secret') }} {x} {0}"


def exercises(*names: str, reps: int = 10, seconds: int = 60) -> list[dict[str, Any]]:
    """Exercises with the given names, as the form sends them."""
    return [
        {"name": name, "reps": reps, "seconds": seconds, "instructions": f"Do {name}."}
        for name in names
    ]


async def create(
    hass: HomeAssistant, entry: MockConfigEntry, form: dict[str, Any]
) -> dict[str, Any]:
    """Fill in the "Add your own routine" form; return the flow's answer."""
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, SUBENTRY_ROUTINE), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form
    )
    await hass.async_block_till_done()
    return dict(result)


async def edit(
    hass: HomeAssistant, entry: MockConfigEntry, subentry_id: str, form: dict[str, Any]
) -> dict[str, Any]:
    """Fill in the routine's "Edit" form; return the flow's answer."""
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, SUBENTRY_ROUTINE),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": subentry_id},
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form
    )
    await hass.async_block_till_done()
    return dict(result)


def routine_id(entry: MockConfigEntry, name: str) -> str:
    """Return the subentry id of the profile's routine called `name`."""
    (found,) = [s for s in entry.subentries.values() if s.title == name]
    return found.subentry_id


async def delete(hass: HomeAssistant, entry: MockConfigEntry, name: str) -> None:
    """Delete a routine, as the UI's "Delete" does."""
    assert hass.config_entries.async_remove_subentry(entry, routine_id(entry, name))
    await hass.async_block_till_done()


def exercise(hass: HomeAssistant) -> tuple[str, dict[str, Any]]:
    """Return the current exercise sensor's state and attributes."""
    found = state(hass, "sensor", "current_exercise")
    return found.state, dict(found.attributes)


async def stored(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    """Return the coach's stored progress, as written to disk."""
    data = await CoachStore(hass, entry.entry_id).async_load()
    assert data is not None
    return data


@pytest.fixture(name="desk")
async def desk_fixture(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> MockConfigEntry:
    """Set up a profile at the desk on a Monday morning, two breaks a day."""
    return await start_profile(
        hass,
        freezer,
        mock_config_entry,
        present=True,
        options={CONF_DAILY_TARGET: 2},
    )


async def test_routine_is_offered_wherever_a_program_is(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Made in the form: a subentry, in the select, the option and the action."""
    result = await create(hass, desk, STRETCH)

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Morning stretch"
    (subentry,) = desk.subentries.values()
    assert subentry.subentry_type == SUBENTRY_ROUTINE
    assert subentry.unique_id == ROUTINE
    assert subentry.data["id"] == ROUTINE
    assert subentry.data["position"] == "standing"
    assert subentry.data["exercises"][1] == {
        "name": "Calf raises",
        "reps": 20,
        "seconds": 45,
        "instructions": "",
    }
    assert desk.supported_subentry_types == {
        SUBENTRY_ROUTINE: {"supports_reconfigure": True}
    }

    select = state(hass, "select", "program")
    assert select.attributes["options"][-1] == ROUTINE
    assert select.attributes["routines"] == {ROUTINE: "Morning stretch"}

    options = await hass.config_entries.options.async_init(desk.entry_id)
    program = next(
        value.validators[0]
        for section in options["data_schema"].schema.values()
        for key, value in section.schema.schema.items()
        if key == CONF_PROGRAM
    )
    assert {"value": ROUTINE, "label": "Morning stretch"} in program.config["options"]
    form = {key: value for key, value in desk.options.items() if value is not None}
    options = await hass.config_entries.options.async_configure(
        options["flow_id"], options_form({**form, CONF_PROGRAM: ROUTINE})
    )
    await hass.async_block_till_done()
    assert options["type"] is FlowResultType.CREATE_ENTRY
    assert desk.options[CONF_PROGRAM] == ROUTINE
    assert state(hass, "select", "program").state == ROUTINE

    await act(hass, desk.entry_id, "start_break")  # the profile's program now
    name, attributes = exercise(hass)
    assert name == "Wall angels"
    assert attributes["program"] == ROUTINE
    assert attributes["reps"] == 12
    assert attributes["instructions"] == (
        "Back against the wall, slide the arms up and down."
    )
    assert attributes["steps_total"] == 2  # three exercises over two breaks
    status = await act(hass, desk.entry_id, "get_status")
    assert status["program"] == ROUTINE
    assert status["remaining_steps"] == ["Wall angels", "Calf raises"]
    assert status["current_exercise"]["seconds_left"] == 90


async def test_select_and_button_start_it_split_across_the_day(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, desk: MockConfigEntry
) -> None:
    """The select follows the routine; each break does its share, with its own times."""
    await create(
        hass,
        desk,
        {"name": "Desk set", "position": "sitting", "exercises": exercises(*"ABCDE")},
    )
    started = async_capture_events(hass, f"{DOMAIN}_exercise_started")
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.desk_program", "option": "custom_desk_set"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert desk.options[CONF_PROGRAM] == "custom_desk_set"
    assert state(hass, "select", "program").state == "custom_desk_set"

    await hass.services.async_call(
        "button", "press", {"entity_id": "button.desk_start_break"}, blocking=True
    )
    await hass.async_block_till_done()
    assert exercise(hass)[0] == "A"
    assert exercise(hass)[1]["steps_total"] == 3
    await advance(hass, freezer, seconds=60)  # each step takes its own 60 s
    assert exercise(hass)[0] == "B"
    await act(hass, desk.entry_id, "next_exercise")
    await act(hass, desk.entry_id, "next_exercise")
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert [event.data["exercise"] for event in started] == ["A", "B", "C"]
    assert all(event.data["seconds"] == 60 for event in started)

    await act(hass, desk.entry_id, "start_break")  # the second break: the rest
    assert exercise(hass)[0] == "D"
    assert exercise(hass)[1]["steps_total"] == 2
    status = await act(hass, desk.entry_id, "get_status")
    assert status["remaining_steps"] == ["D", "E"]


async def test_edit_keeps_the_program_id_and_the_progress(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Renamed, exercises changed: same id, new names everywhere, progress kept."""
    await create(hass, desk, STRETCH)
    await act(hass, desk.entry_id, "start_break")
    await act(hass, desk.entry_id, "finish_break")
    hass.config_entries.async_update_entry(
        desk, options={**desk.options, CONF_PROGRAM: ROUTINE}
    )
    await hass.async_block_till_done()

    result = await edit(
        hass,
        desk,
        routine_id(desk, "Morning stretch"),
        {
            "name": "Evening stretch",
            "position": "lying",
            "exercises": exercises("Knee hugs", reps=8, seconds=120),
        },
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    (subentry,) = desk.subentries.values()
    assert subentry.title == "Evening stretch"
    assert subentry.unique_id == ROUTINE
    assert subentry.data["exercises"] == [
        {
            "name": "Knee hugs",
            "reps": 8,
            "seconds": 120,
            "instructions": "Do Knee hugs.",
        }
    ]
    assert state(hass, "select", "program").attributes["routines"] == {
        ROUTINE: "Evening stretch"
    }
    assert state(hass, "select", "program").state == ROUTINE
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert (await stored(hass, desk))["breaks_today"] == 1

    await act(hass, desk.entry_id, "start_break")
    name, attributes = exercise(hass)
    assert (name, attributes["reps"], attributes["seconds_left"]) == (
        "Knee hugs",
        8,
        120,
    )


async def test_delete_falls_back_to_the_default_program(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """The option naming a deleted routine goes back to the default; it is refused."""
    await create(hass, desk, STRETCH)
    hass.config_entries.async_update_entry(
        desk, options={**desk.options, CONF_PROGRAM: ROUTINE}
    )
    await hass.async_block_till_done()

    await delete(hass, desk, "Morning stretch")

    assert desk.options[CONF_PROGRAM] == "neck_sitting"
    select = state(hass, "select", "program")
    assert select.state == "neck_sitting"
    assert ROUTINE not in select.attributes["options"]
    assert "routines" not in select.attributes
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, desk.entry_id, "start_break", program=ROUTINE)
    assert err.value.translation_key == "invalid_program"
    assert state(hass, "sensor", "status").state == "sitting"
    await act(hass, desk.entry_id, "start_break")
    assert exercise(hass)[0] == "Chin tucks"


async def test_progress_survives_create_edit_delete_and_reload(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Today's breaks stay counted, in memory and on disk, through every change."""
    await act(hass, desk.entry_id, "start_break")
    await act(hass, desk.entry_id, "finish_break")
    before = (await stored(hass, desk))["breaks_today"]
    assert before == 1

    await create(hass, desk, STRETCH)
    assert state(hass, "sensor", "breaks_today").state == "1"
    await edit(hass, desk, routine_id(desk, "Morning stretch"), {**STRETCH})
    assert state(hass, "sensor", "breaks_today").state == "1"

    assert await hass.config_entries.async_reload(desk.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert state(hass, "select", "program").attributes["routines"] == {
        ROUTINE: "Morning stretch"
    }
    await act(hass, desk.entry_id, "start_break", program=ROUTINE)
    await act(hass, desk.entry_id, "finish_break")
    assert state(hass, "sensor", "breaks_today").state == "2"

    await delete(hass, desk, "Morning stretch")
    assert state(hass, "sensor", "breaks_today").state == "2"
    assert (await stored(hass, desk))["breaks_today"] == 2
    assert state(hass, "sensor", "daily_progress").state == "100"


async def test_deleting_the_routine_in_use_lets_the_break_finish(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, desk: MockConfigEntry
) -> None:
    """The break in progress keeps its exercises; it completes and counts."""
    await create(
        hass,
        desk,
        {"name": "Desk set", "position": "sitting", "exercises": exercises(*"ABCD")},
    )
    await act(hass, desk.entry_id, "start_break", program="custom_desk_set")
    await act(hass, desk.entry_id, "next_exercise")
    assert exercise(hass)[0] == "B"

    await delete(hass, desk, "Desk set")

    name, attributes = exercise(hass)
    assert (name, attributes["program"], attributes["step"]) == (
        "B",
        "custom_desk_set",
        2,
    )
    assert attributes["instructions"] == "Do B."
    assert state(hass, "sensor", "status").state == "on_break"
    status = await act(hass, desk.entry_id, "get_status")
    assert status["remaining_steps"] == ["B"]
    await advance(hass, freezer, seconds=60)  # the clock ends the last step
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert state(hass, "sensor", "status").state == "sitting"
    status = await act(hass, desk.entry_id, "get_status")
    assert status["program"] == "neck_sitting"
    assert status["remaining_steps"][0] == "Shoulder shrugs"  # the second half
    await act(hass, desk.entry_id, "start_break")
    assert exercise(hass)[0] == "Shoulder shrugs"


async def test_editing_the_routine_in_use_applies_from_the_next_break(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """The break in progress keeps the exercises it began with."""
    await create(
        hass,
        desk,
        {"name": "Desk set", "position": "sitting", "exercises": exercises("A", "B")},
    )
    await act(hass, desk.entry_id, "start_break", program="custom_desk_set")

    await edit(
        hass,
        desk,
        routine_id(desk, "Desk set"),
        {"name": "Desk set", "position": "sitting", "exercises": exercises("X", "Y")},
    )

    assert exercise(hass)[0] == "A"
    await act(hass, desk.entry_id, "finish_break")
    await act(hass, desk.entry_id, "start_break", program="custom_desk_set")
    assert exercise(hass)[0] == "Y"  # the second break of the day: the second half


async def test_a_break_whose_routine_is_gone_after_a_restart_counts(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Deleted while the profile was unloaded: the stored break completes, counted."""
    await create(hass, desk, STRETCH)
    await act(hass, desk.entry_id, "start_break", program=ROUTINE)
    assert await hass.config_entries.async_unload(desk.entry_id)
    await hass.async_block_till_done()
    completed = async_capture_events(hass, f"{DOMAIN}_break_completed")

    assert hass.config_entries.async_remove_subentry(
        desk, routine_id(desk, "Morning stretch")
    )
    assert await hass.config_entries.async_setup(desk.entry_id)
    await hass.async_block_till_done()

    assert len(completed) == 1
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert (await stored(hass, desk))["brk"] is None


async def test_written_text_is_shown_and_spoken_literally(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Template and format syntax in a name or instructions stays as written."""
    hass.states.async_set("sensor.secret", "leaked")
    started = async_capture_events(hass, f"{DOMAIN}_break_started")
    steps = async_capture_events(hass, f"{DOMAIN}_exercise_started")
    await create(
        hass,
        desk,
        {
            "name": f"Mine {TEMPLATE_TEXT}",
            "position": "sitting",
            "exercises": [
                {
                    "name": f"Step {TEMPLATE_TEXT}",
                    "reps": 3,
                    "seconds": 10,
                    "instructions": f"Say {TEMPLATE_TEXT} {{program_name}}",
                }
            ],
        },
    )
    (subentry,) = desk.subentries.values()
    program = subentry.data["id"]
    assert program == "custom_mine_states_sensor_secret_x_0"

    await act(hass, desk.entry_id, "start_break", program=program)

    name, attributes = exercise(hass)
    assert name == f"Step {TEMPLATE_TEXT}"
    assert attributes["instructions"] == f"Say {TEMPLATE_TEXT} {{program_name}}"
    assert started[0].data["message"].startswith(f"Starting Mine {TEMPLATE_TEXT}: ")
    assert steps[0].data["message"] == (
        f"Exercise 1 of 1: Step {TEMPLATE_TEXT}. "
        f"Say {TEMPLATE_TEXT} {{program_name}} 3 times."
    )
    assert "leaked" not in str([event.data for event in (*started, *steps)])
    assert state(hass, "select", "program").attributes["routines"] == {
        program: f"Mine {TEMPLATE_TEXT}"
    }


async def test_diagnostics_list_the_routines(
    hass: HomeAssistant, desk: MockConfigEntry, hass_client: ClientSessionGenerator
) -> None:
    """Diagnostics show each routine as stored."""
    await create(hass, desk, STRETCH)
    result = await get_diagnostics_for_config_entry(hass, hass_client, desk)
    assert result["routines"] == [
        {
            "id": ROUTINE,
            "name": "Morning stretch",
            "position": "standing",
            "exercises": [
                {
                    "name": "Wall angels",
                    "reps": 12,
                    "seconds": 90,
                    "instructions": (
                        "Back against the wall, slide the arms up and down."
                    ),
                },
                {"name": "Calf raises", "reps": 20, "seconds": 45, "instructions": ""},
                {"name": "Neck rolls", "reps": 5, "seconds": 30, "instructions": ""},
            ],
        }
    ]


# ----------------------------------------------------------------- the form


async def _error_keys(hass: HomeAssistant) -> set[str]:
    strings = await translation.async_get_translations(
        hass, "en", "config_subentries", {DOMAIN}
    )
    prefix = f"component.{DOMAIN}.config_subentries.{SUBENTRY_ROUTINE}.error."
    return {key.removeprefix(prefix) for key in strings if key.startswith(prefix)}


LONG = "x" * 51
REFUSALS: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("empty name", {"name": "   "}, "name", "name_empty", ""),
    ("long name", {"name": LONG}, "name", "name_too_long", ""),
    ("same name", {"name": "MORNING  stretch!"}, "name", "duplicate_name", ""),
    ("no exercises", {"exercises": []}, "exercises", "no_exercises", ""),
    (
        "too many",
        {"exercises": exercises(*(f"E{n}" for n in range(31)))},
        "exercises",
        "too_many_exercises",
        "",
    ),
    (
        "exercise without a name",
        {"exercises": [*exercises("A"), {"name": " ", "reps": 5, "seconds": 30}]},
        "exercises",
        "exercise_name_empty",
        "2",
    ),
    (
        "long exercise name",
        {"exercises": exercises(LONG)},
        "exercises",
        "exercise_name_too_long",
        "1",
    ),
    (
        "no reps",
        {"exercises": exercises("A", reps=0)},
        "exercises",
        "reps_out_of_range",
        "1",
    ),
    (
        "too many reps",
        {"exercises": exercises("A", reps=51)},
        "exercises",
        "reps_out_of_range",
        "1",
    ),
    (
        "half a rep",
        {"exercises": [{"name": "A", "reps": 2.5, "seconds": 30}]},
        "exercises",
        "reps_out_of_range",
        "1",
    ),
    (
        "too short",
        {"exercises": exercises("A", seconds=9)},
        "exercises",
        "seconds_out_of_range",
        "1",
    ),
    (
        "too long",
        {"exercises": exercises("A", seconds=601)},
        "exercises",
        "seconds_out_of_range",
        "1",
    ),
    (
        "no seconds",
        {"exercises": [{"name": "A", "reps": 2}]},
        "exercises",
        "seconds_out_of_range",
        "1",
    ),
    (
        "long instructions",
        {
            "exercises": [
                {"name": "A", "reps": 2, "seconds": 30, "instructions": LONG * 10}
            ]
        },
        "exercises",
        "instructions_too_long",
        "1",
    ),
    (
        "instructions not text",
        {"exercises": [{"name": "A", "reps": 2, "seconds": 30, "instructions": 5}]},
        "exercises",
        "invalid_exercise",
        "1",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "error", "number"),
    [refusal[1:] for refusal in REFUSALS],
    ids=[refusal[0] for refusal in REFUSALS],
)
async def test_form_refusals_are_translated_and_change_nothing(  # noqa: PLR0917
    hass: HomeAssistant,
    desk: MockConfigEntry,
    changes: dict[str, Any],
    field: str,
    error: str,
    number: str,
) -> None:
    """Each refusal: the form again, a translated error at its field, no change."""
    await create(hass, desk, STRETCH)
    before = (dict(desk.subentries), dict(desk.options))
    result = await hass.config_entries.subentries.async_init(
        (desk.entry_id, SUBENTRY_ROUTINE), context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {**STRETCH, "name": "Other", **changes}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {field: error}
    assert error in await _error_keys(hass)
    assert result["description_placeholders"]["exercise"] == number
    assert result["description_placeholders"]["reps_max"] == "50"
    await hass.async_block_till_done()
    assert (dict(desk.subentries), dict(desk.options)) == before

    # Corrected in the same form, it is accepted.
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {**STRETCH, "name": "Other"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_routine_form_over_http(
    hass: HomeAssistant, desk: MockConfigEntry, hass_client: ClientSessionGenerator
) -> None:
    """The frontend gets the list editor and errors it can translate."""
    assert await async_setup_component(hass, "config", {})
    client = await hass_client()
    await create(hass, desk, STRETCH)

    response = await client.post(
        "/api/config/config_entries/subentries/flow",
        json={
            "handler": [desk.entry_id, SUBENTRY_ROUTINE],
            "subentry_id": routine_id(desk, "Morning stretch"),
        },
    )
    assert response.status == HTTPStatus.OK
    form = await response.json()
    assert form["step_id"] == "reconfigure"
    fields = {field["name"]: field for field in form["data_schema"]}
    assert list(fields) == ["name", "position", "exercises"]
    assert fields["name"]["description"] == {"suggested_value": "Morning stretch"}
    editor = fields["exercises"]["selector"]["object"]
    assert editor["multiple"] is True
    assert editor["translation_key"] == "exercise"
    assert editor["label_field"] == "name"
    assert list(editor["fields"]) == ["name", "reps", "seconds", "instructions"]
    assert editor["fields"]["reps"]["selector"]["number"]["max"] == 50
    assert editor["fields"]["seconds"]["default"] == 60
    assert fields["position"]["selector"]["select"]["translation_key"] == "position"

    url = f"/api/config/config_entries/subentries/flow/{form['flow_id']}"
    response = await client.post(url, json={**STRETCH, "exercises": "push-ups"})
    assert response.status == HTTPStatus.BAD_REQUEST
    assert await response.json() == {"errors": {"exercises": "invalid_exercises"}}
    response = await client.post(
        url, json={**STRETCH, "exercises": exercises("A", seconds=5)}
    )
    assert response.status == HTTPStatus.OK
    form = await response.json()
    assert form["errors"] == {"exercises": "seconds_out_of_range"}
    assert form["description_placeholders"]["exercise"] == "1"
    response = await client.post(url, json={**STRETCH, "name": "Renamed"})
    assert (await response.json())["reason"] == "reconfigure_successful"
    assert routine_id(desk, "Renamed")


async def test_editing_keeps_its_own_name_but_not_anothers(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Its own name (in other case) is fine; another routine's is a duplicate."""
    await create(hass, desk, STRETCH)
    await create(hass, desk, {**STRETCH, "name": "Evening"})
    assert (await create(hass, desk, {**STRETCH, "name": "evening"}))["errors"] == {
        "name": "duplicate_name"
    }

    result = await edit(
        hass, desk, routine_id(desk, "Evening"), {**STRETCH, "name": "EVENING"}
    )
    assert result["reason"] == "reconfigure_successful"
    result = await edit(
        hass, desk, routine_id(desk, "EVENING"), {**STRETCH, "name": "Morning Stretch"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"name": "duplicate_name"}


async def test_two_routines_with_one_slug_get_their_own_ids(
    hass: HomeAssistant, desk: MockConfigEntry
) -> None:
    """Names that differ ("Neck: gentle", "neck_gentle") but slug alike get two ids."""
    await create(hass, desk, {**STRETCH, "name": "Neck: gentle"})
    await create(hass, desk, {**STRETCH, "name": "neck_gentle"})
    await create(hass, desk, {**STRETCH, "name": "💪"})
    assert sorted(s.unique_id or "" for s in desk.subentries.values()) == [
        "custom_neck_gentle",
        "custom_neck_gentle_2",
        "custom_routine",
    ]


# ----------------------------------------------------------------- voice

STRETCH_ROUTINE = ConfigSubentryData(
    data={
        "id": ROUTINE,
        "name": "Morning stretch",
        "position": "standing",
        "exercises": STRETCH["exercises"],
    },
    subentry_type=SUBENTRY_ROUTINE,
    title="Morning stretch",
    unique_id=ROUTINE,
)


def with_routines(
    entry: MockConfigEntry, *routines: ConfigSubentryData
) -> MockConfigEntry:
    """Return the profile with the given routines as subentries."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=entry.title,
        data=dict(entry.data),
        options=dict(entry.options),
        unique_id=entry.unique_id,
        subentries_data=list(routines),
    )


async def test_start_my_routine_by_voice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Saying "start my <name>" starts it; the usual sentences keep their meaning."""
    desk = with_routines(profile("Desk", daily_target=2), STRETCH_ROUTINE)
    await async_start_day(hass, freezer, desk)
    await set_presence(hass, True)

    reply = await async_say(hass, "Start my morning stretch")
    assert reply.startswith("Starting Morning stretch: 2 exercises.")
    assert "Exercise 1 of 2: Wall angels. Back against the wall" in reply
    assert "12 times." in reply
    assert state(hass, "sensor", "current_exercise").attributes["program"] == ROUTINE
    await async_say(hass, "I'm done")

    reply = await async_say(hass, "start my neck break")
    assert reply.startswith("Starting Gentle seated neck routine")
    await async_say(hass, "I'm done")

    # Nothing else is taken over: an unknown "start my ..." is not ours.
    reply = await async_say(hass, "start my vacuum")
    assert "routine" not in reply
    assert state(hass, "sensor", "status").state == "sitting"


async def test_routine_sentences_follow_the_routines(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Made, renamed, deleted: the sentences follow."""
    desk = profile("Desk")
    await async_start_day(hass, freezer, desk)
    await set_presence(hass, True)
    await create(hass, desk, {**STRETCH, "name": "Desk yoga"})

    assert (await async_say(hass, "do my desk yoga")).startswith("Starting Desk yoga")
    await async_say(hass, "I'm done")
    await edit(
        hass, desk, routine_id(desk, "Desk yoga"), {**STRETCH, "name": "Chair yoga"}
    )
    assert (await async_say(hass, "start my chair yoga routine")).startswith(
        "Starting Chair yoga"
    )
    await async_say(hass, "I'm done")
    assert state(hass, "sensor", "breaks_today").state == "2"

    await delete(hass, desk, "Chair yoga")
    await async_say(hass, "start my chair yoga")
    assert state(hass, "sensor", "status").state == "sitting"


async def test_a_routine_named_like_a_sentence_leaves_it_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A routine called "Exercises": "start my exercises" still starts one break."""
    desk = profile("Desk")
    await async_start_day(hass, freezer, desk)
    await set_presence(hass, True)
    await create(hass, desk, {**STRETCH, "name": "Exercises"})
    started = async_capture_events(hass, f"{DOMAIN}_break_started")

    reply = await async_say(hass, "start my exercises")

    assert reply.startswith("Starting Gentle seated neck routine")
    assert len(started) == 1


async def test_start_a_routine_by_voice_in_russian(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """«начни утреннюю зарядку» for a routine named «Утренняя зарядка»."""
    routine = ConfigSubentryData(
        data={
            "id": "custom_utrenniaia_zariadka",
            "name": "Утренняя зарядка",
            "position": "sitting",
            "exercises": exercises("Наклоны", "Повороты"),
        },
        subentry_type=SUBENTRY_ROUTINE,
        title="Утренняя зарядка",
        unique_id="custom_utrenniaia_zariadka",
    )
    await async_start_day(
        hass, freezer, with_routines(profile("Desk"), routine), language="ru"
    )
    await set_presence(hass, True)

    reply = await async_say(hass, "начни утреннюю зарядку", language="ru")

    assert "Утренняя зарядка" in reply
    assert "Наклоны" in reply
    assert state(hass, "sensor", "current_exercise").state == "Наклоны"


async def test_unknown_routine_gets_a_translated_reply(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Through the intent (as an LLM agent calls it): which routines there are."""
    await async_start_day(
        hass, freezer, with_routines(profile("Desk"), STRETCH_ROUTINE)
    )
    with pytest.raises(intent.IntentHandleError) as err:
        await intent.async_handle(
            hass, "test", "DeskBreakStart", {"routine": {"value": "yoga"}}
        )
    assert str(err.value) == (
        "There is no routine called yoga. Your own routines: Morning stretch."
    )
    response = await intent.async_handle(
        hass, "test", "DeskBreakStart", {"routine": {"value": "MORNING stretch"}}
    )
    assert response.speech["plain"]["speech"].startswith("Starting Morning stretch")


async def test_no_routines_yet_gets_a_translated_reply(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Without any routine of one's own, the reply says where to add them."""
    await async_start_day(hass, freezer, profile("Desk"), language="ru")
    with pytest.raises(intent.IntentHandleError) as err:
        await intent.async_handle(
            hass,
            "test",
            "DeskBreakStart",
            {"routine": {"value": "йога"}},
            language="ru",
        )
    assert str(err.value) == (
        "Комплекса йога нет. Свои комплексы добавляются в настройках профиля."
    )


async def test_the_profile_with_the_routine_is_the_one_meant(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Two profiles, one has the routine: it starts there, and the reply says whose."""
    anna = with_routines(profile("Anna"), STRETCH_ROUTINE)
    await async_start_day(hass, freezer, anna, profile("Boris"))

    reply = await async_say(hass, "start my morning stretch")

    assert reply.startswith("Anna: Starting Morning stretch")
    assert hass.states.get("sensor.anna_status").state == "on_break"
    assert hass.states.get("sensor.boris_status").state != "on_break"
    reply = await async_say(hass, "start my morning stretch for Boris")
    assert reply == (
        "There is no routine called morning stretch. Add your own routines in the "
        "profile's settings."
    )
    assert hass.states.get("sensor.boris_status").state != "on_break"


async def test_two_profiles_with_the_routine_ask_which(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Both have it and nothing tells them apart: the reply asks; a name settles it."""
    anna = with_routines(profile("Anna"), STRETCH_ROUTINE)
    boris = with_routines(profile("Boris"), STRETCH_ROUTINE)
    await async_start_day(hass, freezer, anna, boris)

    reply = await async_say(hass, "start my morning stretch")
    assert reply.startswith("Which desk profile do you mean: Anna, Boris?")
    reply = await async_say(hass, "start my morning stretch for Boris")
    assert reply.startswith("Starting Morning stretch")
    assert hass.states.get("sensor.boris_status").state == "on_break"
    assert hass.states.get("sensor.anna_status").state != "on_break"


async def test_llm_agents_are_told_the_routines(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The Assist API's prompt names the routines; the start tool takes `routine`."""
    await async_start_day(
        hass, freezer, with_routines(profile("Desk"), STRETCH_ROUTINE)
    )
    api = await llm.async_get_api(
        hass,
        llm.LLM_API_ASSIST,
        llm.LLMContext(
            platform="test",
            context=Context(),
            language="en",
            assistant="conversation",
            device_id=None,
        ),
    )
    assert (
        'own routines, to start by passing the name as routine: ["Morning stretch"]'
        in (api.api_prompt)
    )
    result = await api.async_call_tool(
        llm.ToolInput(
            tool_name="desk_break_coach__DeskBreakStart",
            tool_args={"routine": "morning stretch"},
        )
    )
    assert not result.error
    assert result.data["speech"]["plain"]["speech"].startswith("Starting Morning")


async def test_a_damaged_routine_is_left_out_and_can_be_mended(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A routine whose stored data is broken is skipped; editing it makes it whole."""
    broken = ConfigSubentryData(
        data={"name": "Broken", "exercises": [{"name": "A", "reps": "many"}]},
        subentry_type=SUBENTRY_ROUTINE,
        title="Broken",
        unique_id=None,
    )
    desk = await start_profile(
        hass, freezer, with_routines(profile("Desk"), broken, STRETCH_ROUTINE)
    )
    assert "Routine 'Broken' of Desk cannot be read" in caplog.text
    assert state(hass, "select", "program").attributes["routines"] == {
        ROUTINE: "Morning stretch"
    }

    result = await edit(
        hass,
        desk,
        routine_id(desk, "Broken"),
        {
            "name": "Mended",
            "position": "sitting",
            "exercises": [{"name": "A", "reps": "12", "seconds": "30.0"}],
        },
    )

    assert result["reason"] == "reconfigure_successful"
    assert state(hass, "select", "program").attributes["routines"] == {
        ROUTINE: "Morning stretch",
        "custom_mended": "Mended",
    }
    mended = desk.subentries[routine_id(desk, "Mended")]
    assert mended.data["exercises"] == [
        {"name": "A", "reps": 12, "seconds": 30, "instructions": ""}
    ]
