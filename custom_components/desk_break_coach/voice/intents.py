"""Voice commands: the DeskBreak* intents, for Assist sentences and LLM tools alike.

Which profile a request is for is chosen in choose.py; the handlers' base is in
handler.py. `handlers()` has one row per intent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.util import dt as dt_util
import probatio as vol

from ..coach import Coach
from ..commands import ATTR_MINUTES, ATTR_PROGRAM, COMMANDS, CommandSpec
from ..const import REASONS
from ..engine import Command, View
from ..profile.catalogues import in_language
from ..profile.personal import Routine, routines
from ..readout import status_data
from .choose import Choice, async_choose, loaded_coaches, voice_error
from .handler import SLOT_PROFILE, CoachIntentHandler, CommandIntentHandler
from .language import VoiceData, normalize

INTENT_START: Final = "DeskBreakStart"
INTENT_SNOOZE: Final = "DeskBreakSnooze"
INTENT_SKIP: Final = "DeskBreakSkip"
INTENT_NEXT: Final = "DeskBreakNext"
INTENT_FINISH: Final = "DeskBreakFinish"
INTENT_STATUS: Final = "DeskBreakStatus"
INTENT_STOP: Final = "DeskBreakStop"
INTENT_RESUME: Final = "DeskBreakResume"
INTENT_COMFORT: Final = "DeskBreakComfort"
INTENT_PAUSE: Final = "DeskBreakPause"
INTENT_COMFORT_STATUS: Final = "DeskBreakComfortStatus"

__all__ = ["SLOT_PROFILE", "CoachIntentHandler", "CommandIntentHandler"]

SLOT_MINUTES: Final = "minutes"
SLOT_REASON: Final = "reason"
SLOT_LEVEL: Final = "level"
SLOT_ROUTINE: Final = "routine"
SLOT_PERIOD: Final = "period"
PERIOD_TODAY: Final = "today"


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
    """How long the person has been sitting, and today's breaks.

    Asked about a profile by name, the reply says the name ("Anna is away").
    """

    names_profile = True

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
        name = values.get(SLOT_PROFILE)
        templates = voice.replies["status_named" if name else "status"]
        said = {
            "name": name,
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
        }
        if name:  # "Anna has done 2 of 4 breaks today"
            done, target = status["breaks_today"], status["daily_target"]
            met = "met" if target and done >= target else "below"
            said["progress"] = voice.words.fill(
                str(voice.replies["progress_named"][met]),
                {"name": name, "done": done, "target": target},
            )
        reply = voice.words.fill(str(templates[status["status"]]), said)
        if values.get(SLOT_PERIOD) != PERIOD_TODAY:
            return reply
        key = "status_today_named" if name else "status_today"
        today = voice.words.fill(
            str(voice.replies[key]),
            {"name": name, "minutes": status["sitting_today_minutes"]},
        )
        return f"{today} {reply}"


class ComfortStatusIntentHandler(CoachIntentHandler):
    """How the neck is doing, from the comfort log: today, the week, the trend.

    The answer is a list of sentences (`replies.comfort`), each said when it has
    something to say; a new part (is it helping?) is one more sentence.
    """

    names_profile = True

    def run(
        self,
        voice: VoiceData,
        coach: Coach,
        intent_obj: intent.Intent,
        values: dict[str, Any],
    ) -> str:
        """Describe the comfort log of the last 7 days."""
        return " ".join(
            comfort_parts(voice, coach.view_now(), values.get(SLOT_PROFILE))
        )


def comfort_parts(voice: VoiceData, view: View, name: str | None) -> list[str]:
    """Return the sentences that describe the comfort log (named: "Anna's neck")."""
    replies: Mapping[str, str] = voice.replies["comfort"]
    named: Mapping[str, str] = voice.replies["comfort_named"] if name else {}

    def say(key: str, **values: Any) -> str:
        return voice.words.fill(
            str(named.get(key) or replies[key]), values | {"name": name}
        )

    average = view.comfort_average_7d
    if average is None:
        return [say("nothing")]
    parts = [say("today", level=view.comfort)] if view.comfort is not None else []
    shown = f"{average:g}".replace(".", str(replies.get("decimal_separator", ".")))
    parts.append(say("week", average=shown))
    if view.comfort_trend in ("better", "worse"):
        parts.append(say(view.comfort_trend))
    return parts


def _paused(voice: VoiceData, fields: dict[str, Any]) -> str:
    """Say how long reminders are paused."""
    if (minutes := fields.get(ATTR_MINUTES)) is None:
        return str(voice.replies["paused"])
    return voice.words.fill(str(voice.replies["paused_for"]), {"minutes": minutes})


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
            slots={
                vol.Optional(
                    SLOT_PERIOD,
                    description="today: also tell the time at the desk today",
                ): vol.In([PERIOD_TODAY])
            },
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
            reply=lambda voice, _fields: str(voice.replies["resumed"]),
        ),
        CommandIntentHandler(
            INTENT_PAUSE,
            "Pauses break reminders, for a number of minutes or until resumed.",
            Command.PAUSE,
            slots=_slot(
                COMMANDS[Command.PAUSE],
                SLOT_MINUTES,
                "Minutes to pause; until resumed if left out",
            ),
            reply=_paused,
        ),
        ComfortStatusIntentHandler(
            INTENT_COMFORT_STATUS,
            "Tells how the person's neck is doing from the comfort log: today's "
            "level (0-10, 10 = no discomfort), the last 7 days' average and trend.",
        ),
    ]


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents (the `intent` integration calls this once it is set up)."""
    for handler in handlers():
        intent.async_register(hass, handler)
