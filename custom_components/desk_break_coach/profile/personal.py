"""The person's own routines: config subentries of a profile, offered as programs.

One subentry of type `routine` is one routine: a name, a position and an ordered
list of exercises, each with a name, repetitions, seconds and instructions. Its
program id `custom_<slug>` is fixed when the routine is created (renaming keeps
it, so automations naming it keep working). Each routine becomes a `Program` of
the profile's catalogue, after the shipped ones; its exercises are its steps, each
with its own repetitions and time, split across the day like any program.

The person's text is data: it is shown and spoken as written, never a template.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.util import slugify

from ..const import CONF_PROGRAM, DEFAULT_PROGRAM, PROGRAMS
from ..engine import Catalogue, Program, Step

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

_LOGGER = logging.getLogger(__name__)

SUBENTRY_ROUTINE: Final = "routine"
CUSTOM_PREFIX: Final = "custom_"

# Subentry data of a routine
CONF_ROUTINE_ID: Final = "id"
CONF_ROUTINE_NAME: Final = "name"
CONF_POSITION: Final = "position"
CONF_EXERCISES: Final = "exercises"
# Each exercise
CONF_EXERCISE_NAME: Final = "name"
CONF_EXERCISE_REPS: Final = "reps"
CONF_EXERCISE_SECONDS: Final = "seconds"
CONF_EXERCISE_INSTRUCTIONS: Final = "instructions"

POSITION_SITTING: Final = "sitting"
POSITION_STANDING: Final = "standing"
POSITION_LYING: Final = "lying"
POSITIONS: Final = (POSITION_SITTING, POSITION_STANDING, POSITION_LYING)

# Inclusive ranges and limits of what a person writes
ROUTINE_REPS_RANGE: Final = (1, 50)
ROUTINE_SECONDS_RANGE: Final = (10, 600)
NAME_MAX_LENGTH: Final = 50
INSTRUCTIONS_MAX_LENGTH: Final = 500
MAX_EXERCISES: Final = 30
DEFAULT_EXERCISE_REPS: Final = 10
DEFAULT_EXERCISE_SECONDS: Final = 60


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of a person's routine, as written."""

    name: str
    reps: int
    seconds: int
    instructions: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form."""
        return {
            CONF_EXERCISE_NAME: self.name,
            CONF_EXERCISE_REPS: self.reps,
            CONF_EXERCISE_SECONDS: self.seconds,
            CONF_EXERCISE_INSTRUCTIONS: self.instructions,
        }


@dataclass(frozen=True, slots=True)
class Routine:
    """A person's own routine (one subentry of the profile)."""

    program_id: str
    name: str
    position: str
    exercises: tuple[Exercise, ...]
    subentry_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form (the subentry's data)."""
        return {
            CONF_ROUTINE_ID: self.program_id,
            CONF_ROUTINE_NAME: self.name,
            CONF_POSITION: self.position,
            CONF_EXERCISES: [exercise.as_dict() for exercise in self.exercises],
        }

    def program(self) -> Program:
        """Return the routine as a program: each exercise a step of its own length."""
        low, high = ROUTINE_REPS_RANGE
        steps = tuple(
            Step(
                id=str(number),
                name=exercise.name,
                instructions=exercise.instructions,
                # What is spoken at each step: the person's own instructions.
                cue=exercise.instructions,
                seconds=exercise.seconds,
                reps=exercise.reps,
            )
            for number, exercise in enumerate(self.exercises, start=1)
        )
        return Program(
            id=self.program_id,
            name=self.name,
            reps_min=low,
            reps_max=high,
            max_seconds=ROUTINE_SECONDS_RANGE[1],
            steps=steps,
        )


def is_custom(program_id: str) -> bool:
    """Whether a program id names a person's own routine."""
    return program_id.startswith(CUSTOM_PREFIX)


def _whole(value: Any) -> int:
    """Return a stored whole number (refusing booleans and fractions)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    if not float(value).is_integer():
        raise ValueError(value)
    return int(value)


def routine_from_data(
    data: Mapping[str, Any], subentry_id: str | None = None
) -> Routine:
    """Read a routine from its stored form (raises on a damaged one)."""
    program_id = data[CONF_ROUTINE_ID]
    name = data[CONF_ROUTINE_NAME]
    position = data.get(CONF_POSITION, POSITION_SITTING)
    if not (isinstance(program_id, str) and is_custom(program_id)):
        raise ValueError(f"program id {program_id!r}")
    if not isinstance(name, str) or position not in POSITIONS:
        raise ValueError(f"name {name!r} or position {position!r}")
    exercises = tuple(
        Exercise(
            name=str(item[CONF_EXERCISE_NAME]),
            reps=_whole(item[CONF_EXERCISE_REPS]),
            seconds=_whole(item[CONF_EXERCISE_SECONDS]),
            instructions=str(item.get(CONF_EXERCISE_INSTRUCTIONS) or ""),
        )
        for item in data[CONF_EXERCISES]
    )
    if not exercises:
        raise ValueError("no exercises")
    return Routine(program_id, name, str(position), exercises, subentry_id)


def routines(entry: ConfigEntry) -> list[Routine]:
    """Return the profile's own routines, in the order they were made.

    A subentry that cannot be read (edited by hand, say) is logged and left out.
    """
    found: list[Routine] = []
    for subentry in entry.subentries.values():
        if subentry.subentry_type != SUBENTRY_ROUTINE:
            continue
        try:
            found.append(routine_from_data(subentry.data, subentry.subentry_id))
        except (KeyError, TypeError, ValueError) as err:
            _LOGGER.warning(
                "Routine %r of %s cannot be read and is left out (%s: %s)",
                subentry.title,
                entry.title,
                type(err).__name__,
                err,
            )
    return found


def new_program_id(name: str, taken: Iterable[str]) -> str:
    """Return a new program id for a routine: `custom_<slug>`, unique in the profile."""
    slug = slugify(name)
    if not slug or slug == "unknown":  # what slugify makes of, say, only emoji
        slug = "routine"
    base = f"{CUSTOM_PREFIX}{slug}"
    used = set(taken)
    program_id, number = base, 2
    while program_id in used:
        program_id = f"{base}_{number}"
        number += 1
    return program_id


def personal_catalogue(shipped: Catalogue, entry: ConfigEntry) -> Catalogue:
    """Return the shipped programs followed by the profile's own routines."""
    programs: dict[str, Program] = dict(shipped.programs)
    for routine in routines(entry):
        programs.setdefault(routine.program_id, routine.program())
    return Catalogue(language=shipped.language, programs=programs)


def program_ids(entry: ConfigEntry) -> list[str]:
    """Return every program the profile offers: shipped ones, then its own."""
    return [*PROGRAMS, *(routine.program_id for routine in routines(entry))]


def program_names(entry: ConfigEntry) -> dict[str, str]:
    """Return the names of the profile's own routines, by program id."""
    return {routine.program_id: routine.name for routine in routines(entry)}


def fixed_program_option(entry: ConfigEntry) -> dict[str, Any] | None:
    """Return options with the default program if `program` names no program.

    That happens when the routine it named was deleted. None: nothing to fix.
    """
    program = entry.options.get(CONF_PROGRAM)
    if program is None or program in program_ids(entry):
        return None
    return {**entry.options, CONF_PROGRAM: DEFAULT_PROGRAM}
