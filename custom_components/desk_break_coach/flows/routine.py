"""The person's own routines in the UI: the subentry flow of a profile.

One form makes a routine and the same form, filled in, edits it: the name, the
position, and the exercises as a list the person adds to, edits, reorders (by
dragging) and removes from, each exercise in a small dialog of its own (name,
repetitions, seconds, instructions). Deleting a routine is Home Assistant's own
"Delete" of the subentry. Every refusal is a translated error next to its field;
one about an exercise names its number.
"""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Any, Final

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigSubentryFlow,
    SubentryFlowResult,
)
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    ObjectSelector,
    ObjectSelectorConfig,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
)
import probatio

from ..const import CONF_PROGRAM, PROGRAMS
from ..profile.personal import (
    CONF_EXERCISE_INSTRUCTIONS,
    CONF_EXERCISE_NAME,
    CONF_EXERCISE_REPS,
    CONF_EXERCISE_SECONDS,
    CONF_EXERCISES,
    CONF_POSITION,
    CONF_ROUTINE_ID,
    CONF_ROUTINE_NAME,
    DEFAULT_EXERCISE_REPS,
    DEFAULT_EXERCISE_SECONDS,
    INSTRUCTIONS_MAX_LENGTH,
    MAX_EXERCISES,
    NAME_MAX_LENGTH,
    POSITION_SITTING,
    POSITIONS,
    ROUTINE_REPS_RANGE,
    ROUTINE_SECONDS_RANGE,
    Exercise,
    Routine,
    is_custom,
    new_program_id,
    program_names,
    routines,
)
from ..voice.language import normalize

# Error keys, translated under config_subentries.routine.error.
ERROR_NAME_EMPTY: Final = "name_empty"
ERROR_NAME_TOO_LONG: Final = "name_too_long"
ERROR_INVALID_NAME: Final = "invalid_name"
ERROR_DUPLICATE_NAME: Final = "duplicate_name"
ERROR_INVALID_POSITION: Final = "invalid_position"
ERROR_NO_EXERCISES: Final = "no_exercises"
ERROR_TOO_MANY_EXERCISES: Final = "too_many_exercises"
ERROR_INVALID_EXERCISES: Final = "invalid_exercises"
ERROR_INVALID_EXERCISE: Final = "invalid_exercise"
ERROR_EXERCISE_NAME_EMPTY: Final = "exercise_name_empty"
ERROR_EXERCISE_NAME_TOO_LONG: Final = "exercise_name_too_long"
ERROR_REPS_OUT_OF_RANGE: Final = "reps_out_of_range"
ERROR_SECONDS_OUT_OF_RANGE: Final = "seconds_out_of_range"
ERROR_INSTRUCTIONS_TOO_LONG: Final = "instructions_too_long"

#: The placeholders of the errors: the limits, and the exercise an error is about.
LIMITS: Final = {
    "name_max": str(NAME_MAX_LENGTH),
    "instructions_max": str(INSTRUCTIONS_MAX_LENGTH),
    "reps_min": str(ROUTINE_REPS_RANGE[0]),
    "reps_max": str(ROUTINE_REPS_RANGE[1]),
    "seconds_min": str(ROUTINE_SECONDS_RANGE[0]),
    "seconds_max": str(ROUTINE_SECONDS_RANGE[1]),
    "max_exercises": str(MAX_EXERCISES),
}
PLACEHOLDER_EXERCISE: Final = "exercise"


def _number(bounds: tuple[int, int], unit: str) -> NumberSelector:
    low, high = bounds
    return NumberSelector(
        NumberSelectorConfig(
            min=low,
            max=high,
            step=1,
            mode=NumberSelectorMode.BOX,
            unit_of_measurement=unit,
            translation_key="option_unit",
        )
    )


class ExerciseList(ObjectSelector):
    """The exercises field: shown as the list editor, checked by the flow itself.

    Only the shape is checked here (a list of mappings); every value is checked
    by `validate_routine`, so each refusal gets its own translated error.
    """

    def __call__(self, data: Any) -> Any:
        """Accept a list of mappings."""
        if not isinstance(data, list) or not all(
            isinstance(item, Mapping) for item in data
        ):
            raise probatio.Invalid(ERROR_INVALID_EXERCISES)
        return [dict(item) for item in data]


EXERCISES_SELECTOR: Final = ExerciseList(
    ObjectSelectorConfig(
        fields={
            CONF_EXERCISE_NAME: {"selector": TextSelector(), "required": True},
            CONF_EXERCISE_REPS: {
                "selector": _number(ROUTINE_REPS_RANGE, "repetitions"),
                "required": True,
                "default": DEFAULT_EXERCISE_REPS,
            },
            CONF_EXERCISE_SECONDS: {
                "selector": _number(ROUTINE_SECONDS_RANGE, "seconds"),
                "required": True,
                "default": DEFAULT_EXERCISE_SECONDS,
            },
            CONF_EXERCISE_INSTRUCTIONS: {
                "selector": TextSelector(TextSelectorConfig(multiline=True)),
                "required": False,
            },
        },
        multiple=True,
        label_field=CONF_EXERCISE_NAME,
        description_field=CONF_EXERCISE_INSTRUCTIONS,
        translation_key="exercise",
    )
)

ROUTINE_SCHEMA: Final = probatio.Schema(
    {
        probatio.Required(CONF_ROUTINE_NAME, msg=ERROR_NAME_EMPTY): probatio.All(
            TextSelector(), msg=ERROR_INVALID_NAME
        ),
        probatio.Required(CONF_POSITION, default=POSITION_SITTING): probatio.All(
            SelectSelector(
                SelectSelectorConfig(
                    options=list(POSITIONS),
                    translation_key=CONF_POSITION,
                    mode=SelectSelectorMode.LIST,
                )
            ),
            msg=ERROR_INVALID_POSITION,
        ),
        probatio.Optional(CONF_EXERCISES, default=list): EXERCISES_SELECTOR,
    }
)


def name_key(name: str) -> str:
    """Compare names as voice does: case, punctuation and spacing aside."""
    return normalize(name) or name.casefold().strip()


def _whole(value: Any) -> int | None:
    """Return a whole number from a form (10, 10.0 or "10"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
        return None
    return int(value)


def _in(value: int | None, bounds: tuple[int, int]) -> bool:
    return value is not None and bounds[0] <= value <= bounds[1]


def _exercise(item: Mapping[str, Any]) -> tuple[Exercise | None, str | None]:
    """Read one exercise of the form; return it, or the key of its first error."""
    name = item.get(CONF_EXERCISE_NAME)
    instructions = item.get(CONF_EXERCISE_INSTRUCTIONS)
    if instructions is None:
        instructions = ""
    if not isinstance(name, str | None) or not isinstance(instructions, str):
        return None, ERROR_INVALID_EXERCISE
    name = (name or "").strip()
    instructions = instructions.strip()
    reps = _whole(item.get(CONF_EXERCISE_REPS))
    seconds = _whole(item.get(CONF_EXERCISE_SECONDS))
    error = None
    if not name:
        error = ERROR_EXERCISE_NAME_EMPTY
    elif len(name) > NAME_MAX_LENGTH:
        error = ERROR_EXERCISE_NAME_TOO_LONG
    elif not _in(reps, ROUTINE_REPS_RANGE):
        error = ERROR_REPS_OUT_OF_RANGE
    elif not _in(seconds, ROUTINE_SECONDS_RANGE):
        error = ERROR_SECONDS_OUT_OF_RANGE
    elif len(instructions) > INSTRUCTIONS_MAX_LENGTH:
        error = ERROR_INSTRUCTIONS_TOO_LONG
    if error is not None:
        return None, error
    assert reps is not None and seconds is not None
    return Exercise(name, reps, seconds, instructions), None


def validate_routine(
    user_input: Mapping[str, Any], others: list[Routine]
) -> tuple[tuple[str, str, tuple[Exercise, ...]], dict[str, str], dict[str, str]]:
    """Check the form; return (name, position, exercises), errors and placeholders.

    `others` are the profile's other routines: a name must differ from theirs.
    """
    errors: dict[str, str] = {}
    placeholders: dict[str, str] = {PLACEHOLDER_EXERCISE: ""}
    name = str(user_input[CONF_ROUTINE_NAME]).strip()
    if not name:
        errors[CONF_ROUTINE_NAME] = ERROR_NAME_EMPTY
    elif len(name) > NAME_MAX_LENGTH:
        errors[CONF_ROUTINE_NAME] = ERROR_NAME_TOO_LONG
    elif any(name_key(other.name) == name_key(name) for other in others):
        errors[CONF_ROUTINE_NAME] = ERROR_DUPLICATE_NAME
    items = user_input[CONF_EXERCISES]
    exercises: list[Exercise] = []
    if not items:
        errors[CONF_EXERCISES] = ERROR_NO_EXERCISES
    elif len(items) > MAX_EXERCISES:
        errors[CONF_EXERCISES] = ERROR_TOO_MANY_EXERCISES
    else:
        for number, item in enumerate(items, start=1):
            exercise, error = _exercise(item)
            if error is not None:
                errors[CONF_EXERCISES] = error
                placeholders[PLACEHOLDER_EXERCISE] = str(number)
                break
            assert exercise is not None
            exercises.append(exercise)
    return (
        (name, str(user_input[CONF_POSITION]), tuple(exercises)),
        errors,
        placeholders,
    )


def program_selector(entry: ConfigEntry) -> SelectSelector:
    """Return the `program` choice: the shipped programs and the profile's own.

    The shipped ones are named by their translations; the person's own by the
    names they wrote.
    """
    names = program_names(entry)
    options = [SelectOptionDict(value=program, label=program) for program in PROGRAMS]
    options += [
        SelectOptionDict(value=program, label=name) for program, name in names.items()
    ]
    return SelectSelector(
        SelectSelectorConfig(
            options=options,
            translation_key=CONF_PROGRAM,
            mode=SelectSelectorMode.DROPDOWN,
        )
    )


class RoutineSubentryFlow(ConfigSubentryFlow):
    """Make or edit one of the profile's own routines."""

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Make a routine."""
        return self._form("user", user_input, None)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Edit a routine: rename it, change its exercises; its program id stays."""
        subentry = self._get_reconfigure_subentry()
        return self._form("reconfigure", user_input, subentry.subentry_id)

    def _form(
        self, step_id: str, user_input: dict[str, Any] | None, subentry_id: str | None
    ) -> SubentryFlowResult:
        entry = self._get_entry()
        mine = routines(entry)
        others = [routine for routine in mine if routine.subentry_id != subentry_id]
        errors: dict[str, str] = {}
        placeholders = {**LIMITS, PLACEHOLDER_EXERCISE: ""}
        suggested: Mapping[str, Any] = {}
        if subentry_id is not None:
            suggested = entry.subentries[subentry_id].data
        if user_input is not None:
            (name, position, exercises), errors, where = validate_routine(
                user_input, others
            )
            placeholders |= where
            if not errors:
                if subentry_id is None:
                    program_id = new_program_id(
                        name, (routine.program_id for routine in mine)
                    )
                    routine = Routine(program_id, name, position, exercises)
                    return self.async_create_entry(
                        title=name, data=routine.as_dict(), unique_id=program_id
                    )
                subentry = entry.subentries[subentry_id]
                routine = Routine(
                    self._kept_id(subentry.data, name, others),
                    name,
                    position,
                    exercises,
                )
                return self.async_update_and_abort(
                    entry,
                    subentry,
                    title=name,
                    data=routine.as_dict(),
                    unique_id=routine.program_id,
                )
            suggested = user_input
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(ROUTINE_SCHEMA, suggested),
            errors=errors,
            description_placeholders=placeholders,
        )

    @staticmethod
    def _kept_id(data: Mapping[str, Any], name: str, others: list[Routine]) -> str:
        """Return the routine's program id; a new one only if its data lost it."""
        program_id = data.get(CONF_ROUTINE_ID)
        taken = {routine.program_id for routine in others}
        if isinstance(program_id, str) and is_custom(program_id):
            if program_id not in taken:
                return program_id
        return new_program_id(name, taken)
