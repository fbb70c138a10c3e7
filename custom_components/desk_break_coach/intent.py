"""Voice commands: the DeskBreak* intents, for Assist sentences and LLM tools alike.

With several profiles, the one meant is the one named, else the one whose presence
entities (or device) share the speaking satellite's area, else the only one the
command fits or the only one in use; the reply then says whose it was. Otherwise
the reply asks which profile is meant.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
    intent,
)
from homeassistant.util import dt as dt_util
import probatio as vol

from .announce import run_command, spoken
from .const import CONF_PRESENCE_ENTITIES, DOMAIN, SNOOZE_ACTION_MINUTES_RANGE
from .engine import EngineError, Status, View
from .services import REASONS
from .voice import VoiceData, async_error_text, get_voice, normalize

if TYPE_CHECKING:
    from .coach import Coach

INTENT_START: Final = "DeskBreakStart"
INTENT_SNOOZE: Final = "DeskBreakSnooze"
INTENT_SKIP: Final = "DeskBreakSkip"
INTENT_NEXT: Final = "DeskBreakNext"
INTENT_FINISH: Final = "DeskBreakFinish"
INTENT_STATUS: Final = "DeskBreakStatus"
INTENT_STOP: Final = "DeskBreakStop"
INTENT_RESUME: Final = "DeskBreakResume"

SLOT_PROFILE: Final = "profile"
SLOT_MINUTES: Final = "minutes"
SLOT_REASON: Final = "reason"

_DUE = (Status.BREAK_DUE, Status.SNOOZED)
_IN_USE = (Status.BREAK_DUE, Status.SNOOZED, Status.ON_BREAK)

#: Tests of which profiles a command fits, tried in order until one fits exactly one.
type Fits = tuple[Callable[[View], bool], ...]


@callback
def loaded_coaches(hass: HomeAssistant) -> list[Coach]:
    """Return the coaches of every loaded profile."""
    return [
        entry.runtime_data for entry in hass.config_entries.async_loaded_entries(DOMAIN)
    ]


def find_coach(coaches: list[Coach], said: str) -> Coach | None:
    """Find a profile by its spoken name, allowing an inflected ending ("Анны")."""
    key = normalize(said)
    if not key:
        return None
    for coach in coaches:
        if normalize(coach.name) == key:
            return coach
    close = []
    for coach in coaches:
        name = normalize(coach.name)
        stem = name[:-1] if len(name) > 3 else name
        if key.startswith(stem) and len(key) - len(name) <= 2:
            close.append(coach)
    return close[0] if len(close) == 1 else None


def _entity_area(hass: HomeAssistant, entity_id: str) -> str | None:
    entry = er.async_get(hass).async_get(entity_id)
    return None if entry is None else er.async_get_effective_area_id(hass, entry)


def _speaker_area(hass: HomeAssistant, intent_obj: intent.Intent) -> str | None:
    """Return the area of the satellite or device the request came from."""
    if intent_obj.satellite_id and (
        area := _entity_area(hass, intent_obj.satellite_id)
    ):
        return area
    if intent_obj.device_id and (
        device := dr.async_get(hass).async_get(intent_obj.device_id)
    ):
        return dr.async_get_effective_area_id(hass, device)
    return None


def _profile_areas(hass: HomeAssistant, coach: Coach) -> set[str]:
    """Areas of the profile's presence entities and of its own device."""
    areas = {
        area
        for entity_id in coach.entry.data[CONF_PRESENCE_ENTITIES]
        if (area := _entity_area(hass, entity_id))
    }
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, coach.entry.entry_id), coach.entry.entry_id
    )
    if device is not None and device.area_id:
        areas.add(device.area_id)
    return areas


def _in_use(view: View) -> bool:
    return view.occupied or view.status in _IN_USE


@dataclass(frozen=True, slots=True)
class Choice:
    """The profile a request is for, and whether the reply should name it."""

    coach: Coach
    say_name: bool


async def _error(
    hass: HomeAssistant, language: str, key: str, **values: Any
) -> intent.IntentHandleError:
    return intent.IntentHandleError(await async_error_text(hass, language, key, values))


async def async_choose(
    hass: HomeAssistant, intent_obj: intent.Intent, said: str | None, fits: Fits
) -> Choice:
    """Pick the profile a request is for, or raise an error that asks."""
    language = intent_obj.language
    coaches = loaded_coaches(hass)
    if not coaches:
        raise await _error(hass, language, "voice_no_profile")
    names = ", ".join(coach.name for coach in coaches)
    if said:
        if (coach := find_coach(coaches, said)) is None:
            raise await _error(
                hass, language, "voice_unknown_profile", name=said, profiles=names
            )
        return Choice(coach, say_name=False)
    if len(coaches) == 1:
        return Choice(coaches[0], say_name=False)
    candidates = coaches
    if area := _speaker_area(hass, intent_obj):
        here = [coach for coach in coaches if area in _profile_areas(hass, coach)]
        if len(here) == 1:
            return Choice(here[0], say_name=True)
        candidates = here or coaches
    for test in (*fits, _in_use):
        found = [coach for coach in candidates if test(coach.view)]
        if len(found) == 1:
            return Choice(found[0], say_name=True)
    raise await _error(
        hass,
        language,
        "voice_which_profile",
        profiles=", ".join(coach.name for coach in candidates),
        example=candidates[0].name,
    )


class CoachIntentHandler(intent.IntentHandler, ABC):
    """One voice command for one profile."""

    def __init__(
        self,
        intent_type: str,
        description: str,
        fits: Fits = (),
        slots: Mapping[Any, Any] | None = None,
    ) -> None:
        """Describe the command."""
        self.intent_type = intent_type
        self.description = description
        self._fits = fits
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
        choice = await async_choose(
            hass, intent_obj, values.get(SLOT_PROFILE), self._fits
        )
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
            | dict(coach.status())
        )
        return response

    @abstractmethod
    def run(
        self,
        voice: VoiceData,
        coach: Coach,
        intent_obj: intent.Intent,
        values: dict[str, Any],
    ) -> str:
        """Run the command; return the reply."""


class CommandIntentHandler(CoachIntentHandler):
    """A command that runs one coach command and speaks the events it caused."""

    def __init__(
        self,
        intent_type: str,
        description: str,
        command: str,
        fits: Fits = (),
        *,
        slots: Mapping[Any, Any] | None = None,
        reply: str | None = None,
    ) -> None:
        """Describe the command."""
        super().__init__(intent_type, description, fits, slots)
        self._command = command
        self._reply = reply

    def run(
        self,
        voice: VoiceData,
        coach: Coach,
        intent_obj: intent.Intent,
        values: dict[str, Any],
    ) -> str:
        """Run the coach command with the slot values as arguments."""
        args = [values.get(name, _DEFAULTS.get(name)) for name in self._slots_names()]
        events = run_command(coach, intent_obj.satellite_id, self._command, *args)
        parts = [str(voice.replies[self._reply])] if self._reply else []
        parts.append(spoken(events))
        return " ".join(part for part in parts if part)

    def _slots_names(self) -> list[str]:
        return [str(key) for key in self._slots]


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
        status = coach.status()
        exercise = status["current_exercise"] or {}
        next_break = status["next_break"]
        template = str(voice.replies["status"][status["status"]])
        return template.format(
            sitting_minutes=status["sitting_minutes"],
            breaks_today=status["breaks_today"],
            daily_target=status["daily_target"],
            next_break=dt_util.as_local(
                dt_util.parse_datetime(next_break) or dt_util.utcnow()
            ).strftime("%H:%M")
            if next_break
            else "",
            step=exercise.get("step", ""),
            steps_total=exercise.get("steps_total", ""),
            exercise=exercise.get("name", ""),
        )


def _due_now(view: View) -> bool:
    return view.status is Status.BREAK_DUE


def _due(view: View) -> bool:
    return view.status in _DUE


def _on_break(view: View) -> bool:
    return view.status is Status.ON_BREAK


def _stopped(view: View) -> bool:
    return view.status in (Status.PAUSED, Status.RESTING)


#: Slot values used when a slot is left out.
_DEFAULTS: Final = {SLOT_REASON: REASONS[0]}

_MINUTES = vol.Optional(
    SLOT_MINUTES, description="Minutes to postpone; the profile's default if left out"
)
_REASON = vol.Optional(
    SLOT_REASON, description="unwell (pain or feeling worse, the default) or other"
)


def handlers() -> list[CoachIntentHandler]:
    """Return a handler for every voice command."""
    low, high = SNOOZE_ACTION_MINUTES_RANGE
    return [
        CommandIntentHandler(
            INTENT_START,
            "Starts the guided neck exercise break of a desk profile now.",
            "start_break",
            (_due_now, _due),
        ),
        CommandIntentHandler(
            INTENT_SNOOZE,
            "Postpones the desk break that is due, optionally by a number of minutes.",
            "snooze",
            (_due_now, _due),
            slots={_MINUTES: vol.All(vol.Coerce(int), vol.Range(min=low, max=high))},
        ),
        CommandIntentHandler(
            INTENT_SKIP,
            "Dismisses the desk break that is due without counting it.",
            "skip_break",
            (_due_now, _due),
        ),
        CommandIntentHandler(
            INTENT_NEXT,
            "Moves to the next exercise of the break in progress.",
            "next_exercise",
            (_on_break,),
        ),
        CommandIntentHandler(
            INTENT_FINISH,
            "Completes the desk break now; it counts as done.",
            "finish_break",
            (_on_break, _due_now, _due),
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
            "stop_routine",
            (_on_break,),
            slots={_REASON: vol.In(REASONS)},
        ),
        CommandIntentHandler(
            INTENT_RESUME,
            "Turns break reminders and exercises back on after a pause or a stop.",
            "resume",
            (_stopped,),
            reply="resumed",
        ),
    ]


INTENTS: Final = (
    INTENT_START,
    INTENT_SNOOZE,
    INTENT_SKIP,
    INTENT_NEXT,
    INTENT_FINISH,
    INTENT_STATUS,
    INTENT_STOP,
    INTENT_RESUME,
)


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents (the `intent` integration calls this once it is set up)."""
    for handler in handlers():
        intent.async_register(hass, handler)
