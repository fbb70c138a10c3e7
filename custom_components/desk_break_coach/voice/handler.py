"""The base of every DeskBreak* intent: one profile chosen, a command run, a reply.

`CoachIntentHandler` picks the profile (choose.py), runs the handler and puts
the profile's name before the reply when it was chosen without being named;
`CommandIntentHandler` runs one row of the command table (`Coach.run`) and says
the events it caused. The intents themselves are in intents.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, Final

from homeassistant.helpers import config_validation as cv, intent
import probatio as vol

from ..coach import Coach, Origin, OriginKind
from ..commands import COMMANDS, CommandSpec
from ..engine import Command, EngineError
from ..profile.catalogues import reworded
from ..readout import status_data
from .choose import Choice, async_choose
from .language import VoiceData, async_error_text, get_voice

SLOT_PROFILE: Final = "profile"


class CoachIntentHandler(intent.IntentHandler, ABC):
    """One voice command for one profile."""

    #: Whether the reply itself names a profile asked about by name (a question:
    #: "Anna has been sitting ..."); `run` finds the profile's name in the
    #: profile slot, which is empty when the person asked about themselves.
    names_profile = False

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
        if self.names_profile:
            # Asked by name, the reply names it: the profile's name, not the form
            # said ("Анны"). Asked about oneself, it stays "you".
            values[SLOT_PROFILE] = coach.name if values.get(SLOT_PROFILE) else None
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
#: The reply said before the events' words, from the fields the command ran with.
type Reply = Callable[[VoiceData, dict[str, Any]], str]


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
        reply: Reply | None = None,
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
        fields = self._fields(coach, values)
        events = coach.run(self.command, origin, **fields)
        parts = [self._reply(voice, fields)] if self._reply else []
        parts.append(
            reworded(
                intent_obj.hass, coach.entry, coach.catalogue, events, voice.language
            )
        )
        return " ".join(part for part in parts if part)
