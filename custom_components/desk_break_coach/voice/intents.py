"""Voice commands: the DeskBreak* intents, for Assist sentences and LLM tools alike.

Which profile a request is for is chosen in choose.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.util import dt as dt_util
import probatio as vol

from ..coach import Coach, Origin, OriginKind
from ..commands import ATTR_PROGRAM, COMMANDS, CommandSpec
from ..const import REASONS
from ..engine import Command, EngineError
from ..profile.catalogues import in_language, reworded
from ..profile.personal import Routine, routines
from ..readout import status_data
from .choose import Choice, async_choose, loaded_coaches, voice_error
from .language import VoiceData, async_error_text, get_voice, normalize

INTENT_START: Final = "DeskBreakStart"
INTENT_SNOOZE: Final = "DeskBreakSnooze"
INTENT_SKIP: Final = "DeskBreakSkip"
INTENT_NEXT: Final = "DeskBreakNext"
INTENT_FINISH: Final = "DeskBreakFinish"
INTENT_STATUS: Final = "DeskBreakStatus"
INTENT_STOP: Final = "DeskBreakStop"
INTENT_RESUME: Final = "DeskBreakResume"
INTENT_COMFORT: Final = "DeskBreakComfort"

SLOT_PROFILE: Final = "profile"
SLOT_MINUTES: Final = "minutes"
SLOT_REASON: Final = "reason"
SLOT_LEVEL: Final = "level"
SLOT_ROUTINE: Final = "routine"


class CoachIntentHandler(intent.IntentHandler, ABC):
    """One voice command for one profile."""

    def __init__(
        self,
        intent_type: str,
        description: str,
        command: Command | None = None,
        slots: Mapping[Any, Any] | None = None,
    ) -> None:
        """Describe the command."""
        self.intent_type = intent_type
        self.description = description
        self.command = command
        self._slots = dict(slots or {})

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Every command takes an optional profile name."""
        return {
            vol.Optional(
                SLOT_PROFILE,
                description="Name of the desk profile; leave out when there is one",
            ): cv.string,
            **self._slots,
        }

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Run the command for the chosen profile and say what happened."""
        hass = intent_obj.hass
        slots = self.async_validate_slots(intent_obj.slots)
        values = {name: slot.get("value") for name, slot in slots.items()}
        voice = get_voice(hass, intent_obj.language)
        assert voice is not None
        choice = await self.async_choose(intent_obj, values)
        coach = choice.coach
        try:
            speech = self.run(voice, coach, intent_obj, values)
        except EngineError as err:
            message = await async_error_text(
                hass, intent_obj.language, err.key, err.values
            )
            if choice.say_name:
                message = voice.for_profile(coach.name, message)
            raise intent.IntentHandleError(message) from err
        if choice.say_name:
            speech = voice.for_profile(coach.name, speech)
        response = intent_obj.create_response()
        response.async_set_speech(speech)
        response.async_set_speech_slots(
            {"profile": coach.name, "config_entry_id": coach.entry.entry_id}
            | status_data(coach.view_now())
        )
        return response

    async def async_choose(
        self, intent_obj: intent.Intent, values: dict[str, Any]
    ) -> Choice:
        """Pick the profile the request is for."""
        return await async_choose(
            intent_obj.hass, intent_obj, values.get(SLOT_PROFILE), self.command
        )

    @abstractmethod
    def run(
        self,
        voice: VoiceData,
        coach: Coach,
        intent_obj: intent.Intent,
        values: dict[str, Any],
    ) -> str:
        """Run the command; return the reply."""


#: The fields of a command, from the slot values said (the profile's own routine
#: named becomes its program).
type Fields = Callable[[Coach, dict[str, Any]], dict[str, Any]]


def _said_fields(spec: CommandSpec) -> Fields:
    """Return the slots named like the command's fields, as said (checked by the command)."""
    names = spec.field_names

    def fields(_coach: Coach, said: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in said.items() if k in names and v is not None}

    return fields


class CommandIntentHandler(CoachIntentHandler):
    """A command that runs one coach command and speaks the events it caused."""

    def __init__(
        self,
        intent_type: str,
        description: str,
        command: Command,
        *,
        slots: Mapping[Any, Any] | None = None,
        fields: Fields | None = None,
        reply: str | None = None,
    ) -> None:
        """Describe the command."""
        super().__init__(intent_type, description, command, slots)
        self._fields = fields or _said_fields(COMMANDS[command])
        self._reply = reply

    def run(
        self,
        voice: VoiceData,
        coach: Coach,
        intent_obj: intent.Intent,
        values: dict[str, Any],
    ) -> str:
        """Run the coach command; the satellite that heard it is its origin."""
        assert self.command is not None
        origin = Origin(OriginKind.VOICE, intent_obj.satellite_id)
        events = coach.run(self.command, origin, **self._fields(coach, values))
        parts = [str(voice.replies[self._reply])] if self._reply else []
        parts.append(
            reworded(
                intent_obj.hass, coach.entry, coach.catalogue, events, voice.language
            )
        )
        return " ".join(part for part in parts if part)


def find_routine(coach: Coach, said: str) -> Routine | None:
    """Find one of a profile's own routines by its spoken name."""
    key = normalize(said)
    if not key:
        return None
    for routine in routines(coach.entry):
        if normalize(routine.name) == key:
            return routine
    return None


class StartIntentHandler(CommandIntentHandler):
    """Start a break: the profile's program, or one of the person's own routines.

    A routine named without a profile is for the profile that has it; if several
    have one of that name, the profile is chosen as for any command.
    """

    async def async_choose(
        self, intent_obj: intent.Intent, values: dict[str, Any]
    ) -> Choice:
        """Pick the profile; with a routine named, one that has it."""
        said = values.get(SLOT_ROUTINE)
        hass = intent_obj.hass
        coaches = loaded_coaches(hass)
        if not said or not coaches:
            return await super().async_choose(intent_obj, values)
        if values.get(SLOT_PROFILE):
            choice = await super().async_choose(intent_obj, values)
            if find_routine(choice.coach, said) is None:
                raise await _unknown_routine(intent_obj, said, [choice.coach])
            return choice
        having = [coach for coach in coaches if find_routine(coach, said)]
        if not having:
            raise await _unknown_routine(intent_obj, said, coaches)
        if len(having) == 1:
            return Choice(having[0], say_name=len(coaches) > 1)
        return await async_choose(hass, intent_obj, None, self.command, having)


async def _unknown_routine(
    intent_obj: intent.Intent, said: str, coaches: list[Coach]
) -> intent.IntentHandleError:
    """No such routine: say which there are (or that there are none yet)."""
    names = [routine.name for coach in coaches for routine in routines(coach.entry)]
    if not names:
        return await voice_error(
            intent_obj.hass, intent_obj.language, "voice_no_routines", name=said
        )
    return await voice_error(
        intent_obj.hass,
        intent_obj.language,
        "voice_unknown_routine",
        name=said,
        routines=", ".join(names),
    )


class StatusIntentHandler(CoachIntentHandler):
    """How long the person has been sitting, and today's breaks."""

    def run(
        self,
        voice: VoiceData,
        coach: Coach,
        intent_obj: intent.Intent,
        values: dict[str, Any],
    ) -> str:
        """Describe the profile's status."""
        status = status_data(coach.view_now())
        exercise = status["current_exercise"] or {}
        if exercise:  # named in the language asked in
            catalogue = in_language(
                intent_obj.hass, coach.entry, coach.catalogue, voice.language
            )
            program = catalogue.program(exercise["program"])
            exercise["name"] = program.step(exercise["exercise_id"]).name
        next_break = status["next_break"]
        template = str(voice.replies["status"][status["status"]])
        return voice.words.fill(
            template,
            {
                "sitting_minutes": status["sitting_minutes"],
                "breaks_today": status["breaks_today"],
                "daily_target": status["daily_target"],
                "next_break": dt_util.as_local(
                    dt_util.parse_datetime(next_break) or dt_util.utcnow()
                ).strftime("%H:%M")
                if next_break
                else "",
                "step": exercise.get("step", ""),
                "steps_total": exercise.get("steps_total", ""),
                "exercise": exercise.get("name", ""),
            },
        )


_ROUTINE = vol.Optional(
    SLOT_ROUTINE,
    description="Name of one of the person's own routines; leave out for the "
    "profile's program",
)


def _slot(spec: CommandSpec, name: str, description: str) -> dict[Any, Any]:
    """Return a command's field as a slot: a whole number when it is a count."""
    field = next(field for field in spec.fields if field.name == name)
    key = (vol.Required if field.required else vol.Optional)(
        name, description=description
    )
    # The range is checked by the command, so a spoken error names it.
    return {key: vol.Coerce(int) if field.bounds else cv.string}


def _routine_program(coach: Coach, said: dict[str, Any]) -> dict[str, Any]:
    """Return the program of the routine named (the profile has it), if one was."""
    routine = find_routine(coach, name) if (name := said.get(SLOT_ROUTINE)) else None
    return {} if routine is None else {ATTR_PROGRAM: routine.program_id}


def handlers() -> list[CoachIntentHandler]:
    """Return a handler for every voice command."""
    return [
        StartIntentHandler(
            INTENT_START,
            "Starts the guided neck exercise break of a desk profile now: the "
            "profile's program, or one of the person's own routines.",
            Command.START_BREAK,
            slots={_ROUTINE: cv.string},
            fields=_routine_program,
        ),
        CommandIntentHandler(
            INTENT_SNOOZE,
            "Postpones the desk break that is due, optionally by a number of minutes.",
            Command.SNOOZE,
            slots=_slot(
                COMMANDS[Command.SNOOZE],
                SLOT_MINUTES,
                "Minutes to postpone; the profile's default if left out",
            ),
        ),
        CommandIntentHandler(
            INTENT_SKIP,
            "Dismisses the desk break that is due without counting it.",
            Command.SKIP_BREAK,
        ),
        CommandIntentHandler(
            INTENT_NEXT,
            "Moves to the next exercise of the break in progress.",
            Command.NEXT_EXERCISE,
        ),
        CommandIntentHandler(
            INTENT_FINISH,
            "Completes the desk break now; it counts as done.",
            Command.FINISH_BREAK,
        ),
        StatusIntentHandler(
            INTENT_STATUS,
            "Tells how long the person has been sitting, how many breaks are done "
            "today, when the next break is and which exercise is in progress.",
        ),
        CommandIntentHandler(
            INTENT_STOP,
            "Stops the neck exercises at once, for example when the person feels "
            "pain or unwell; no exercise prompts until resumed.",
            Command.STOP_ROUTINE,
            slots={
                vol.Optional(
                    SLOT_REASON,
                    description="unwell (pain or feeling worse, the default) or other",
                ): vol.In(REASONS)
            },
        ),
        CommandIntentHandler(
            INTENT_COMFORT,
            "Logs how the person's neck feels from 0 to 10 (10 = no discomfort); "
            "a level that drops right after a break stops the exercises.",
            Command.LOG_COMFORT,
            slots=_slot(
                COMMANDS[Command.LOG_COMFORT], SLOT_LEVEL, "How the neck feels, 0 to 10"
            ),
        ),
        CommandIntentHandler(
            INTENT_RESUME,
            "Turns break reminders and exercises back on after a pause or a stop.",
            Command.RESUME,
            reply="resumed",
        ),
    ]


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents (the `intent` integration calls this once it is set up)."""
    for handler in handlers():
        intent.async_register(hass, handler)
