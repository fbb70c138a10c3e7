"""Spoken and written reminders: each coach event sent to the profile's announce targets.

Every target gets its own background task, so a slow, missing or failing target
never holds up the coach or the other targets. Messages to one target are
delivered in order. A satellite that can start a conversation is asked whether
to start the due break, and the answer is acted on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import ATTR_SUPPORTED_FEATURES, STATE_UNAVAILABLE
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback, split_entity_id
from homeassistant.exceptions import HomeAssistantError
import probatio as vol

from ..coach import Coach, Origin, OriginKind
from ..commands import ATTR_MINUTES, specs
from ..const import (
    CONF_ANNOUNCE_STEPS,
    CONF_ANNOUNCE_TARGETS,
    CONF_ASK_COMFORT,
    CONF_TTS_ENTITY,
    DOMAIN,
)
from ..engine import Command, EngineError, Event, EventType
from ..voice.language import VoiceData, async_error_text, get_voice
from ..voice.speech import spoken
from .failures import Failures
from .started import async_until_started

if TYPE_CHECKING:
    from ..coach import DeskBreakCoachConfigEntry

_LOGGER = logging.getLogger(__name__)

#: Events spoken along the guided break when `announce_steps` is on.
#: Events always announced.
REMINDER_EVENTS: Final = frozenset(
    {
        EventType.BREAK_DUE,
        EventType.BREAK_REMINDED,
        EventType.WEEKLY_REPORT,
        EventType.BREAK_SOON,
        EventType.MICRO_BREAK_STARTED,
        EventType.DAILY_LIMIT_REACHED,
        EventType.STAND_SUGGESTED,
    }
)
STEP_EVENTS: Final = frozenset(
    {EventType.BREAK_STARTED, EventType.EXERCISE_STARTED, EventType.BREAK_COMPLETED}
)
#: A due break, said first or again: a satellite asks "start or snooze?".
_DUE: Final = frozenset({EventType.BREAK_DUE, EventType.BREAK_REMINDED})
NOTIFY: Final = "notify"
#: Longest wait for one delivery; a question waits for the spoken answer as well.
SEND_TIMEOUT: Final = 60.0
ASK_TIMEOUT: Final = 120.0
#: assist_satellite.AssistSatelliteEntityFeature values, read from the state.
_ANNOUNCE: Final = 1
_START_CONVERSATION: Final = 2


class TargetError(HomeAssistantError):
    """A target cannot take the message now."""


class Announcer:
    """Sends one profile's events to its announce targets."""

    def __init__(self, hass: HomeAssistant, entry: DeskBreakCoachConfigEntry) -> None:
        """Bind to the profile."""
        self.hass = hass
        self.entry = entry
        self._locks: dict[str, asyncio.Lock] = {}
        self._failures = Failures(
            _LOGGER,
            "Cannot announce the desk break to %s (%s); skipping it until it works",
            "Still cannot announce to %s: %s",
            "Announcing to %s works again",
        )

    @property
    def coach(self) -> Coach:
        """The profile's coach."""
        coach: Coach = self.entry.runtime_data
        return coach

    @callback
    def async_on_event(self, event: Event, origin: Origin | None) -> None:
        """Schedule the deliveries an event calls for.

        A satellite that asked by voice hears the reply instead.
        """
        options = self.entry.options
        asking = event.type is EventType.BREAK_COMPLETED and options.get(
            CONF_ASK_COMFORT
        )
        if (
            event.type not in REMINDER_EVENTS
            and not asking
            and not (
                event.type in STEP_EVENTS and options.get(CONF_ANNOUNCE_STEPS, True)
            )
        ):
            return
        asked_by = None if origin is None else origin.satellite_id
        for target in options.get(CONF_ANNOUNCE_TARGETS) or []:
            if target == asked_by or (
                # The weekly report is written, never spoken.
                event.type is EventType.WEEKLY_REPORT
                and split_entity_id(target)[0] != NOTIFY
            ):
                continue
            self.entry.async_create_background_task(
                self.hass,
                self._deliver(target, event),
                f"{DOMAIN} announce {event.type} to {target}",
                # Start after the coach has finished telling everyone about
                # this event: an answer may run a command that causes more.
                eager_start=False,
            )

    async def _deliver(self, target: str, event: Event) -> None:
        """Deliver one event to one target; problems are logged, never raised."""
        lock = self._locks.setdefault(target, asyncio.Lock())
        async with lock:
            await async_until_started(self.hass)
            try:
                await self._send(target, event)
            except TimeoutError:
                self._failures.failed(target, "no reply in time")
            except (HomeAssistantError, vol.Invalid) as err:
                self._failures.failed(target, str(err) or type(err).__name__)
            except Exception:
                _LOGGER.exception("Unexpected error announcing to %s", target)
            else:
                self._failures.worked(target)

    async def _send(self, target: str, event: Event) -> None:
        state = self.hass.states.get(target)
        if state is None:
            raise TargetError("entity not found")
        if state.state == STATE_UNAVAILABLE:
            raise TargetError("unavailable")
        message = str(event.data["message"])
        domain = split_entity_id(target)[0]
        if domain == "assist_satellite":
            features = int(state.attributes.get(ATTR_SUPPORTED_FEATURES) or 0)
            if event.type in _DUE and features & _START_CONVERSATION:
                await self._ask(target, message, features)
                return
            if (
                event.type is EventType.BREAK_COMPLETED
                and self.entry.options.get(CONF_ASK_COMFORT)
                and features & _START_CONVERSATION
            ):
                await self._ask_comfort(target, message, features)
                return
            if not features & _ANNOUNCE:
                raise TargetError("the satellite cannot announce")
            await self._call("assist_satellite", "announce", target, message=message)
        elif domain == "media_player":
            tts_entity = self.entry.options.get(CONF_TTS_ENTITY)
            if not tts_entity:
                raise TargetError("no text-to-speech entity is set for speakers")
            await self._call(
                "tts",
                "speak",
                tts_entity,
                media_player_entity_id=target,
                message=message,
            )
        elif domain == "notify":
            await self._call(
                "notify", "send_message", target, message=message, title=self.coach.name
            )
        else:
            raise TargetError("not a satellite, media player or notify entity")

    async def _call(
        self, domain: str, service: str, entity_id: str, **data: Any
    ) -> None:
        async with asyncio.timeout(SEND_TIMEOUT):
            await self.hass.services.async_call(
                domain, service, {"entity_id": entity_id, **data}, blocking=True
            )

    async def _question(
        self, target: str, question: str, answers: list[dict[str, Any]]
    ) -> tuple[Any, dict[str, Any]]:
        """Ask on a satellite; return the answer's id and slots."""
        async with asyncio.timeout(ASK_TIMEOUT):
            response = await self.hass.services.async_call(
                "assist_satellite",
                "ask_question",
                {"entity_id": target, "question": question, "answers": answers},
                blocking=True,
                return_response=True,
            )
        answer = response if isinstance(response, dict) else {}
        _LOGGER.debug("Answer from %s: %s", target, answer)
        slots = answer.get("slots")
        return answer.get("id"), slots if isinstance(slots, dict) else {}

    def _voice(self) -> VoiceData:
        voice = get_voice(self.hass, self.coach.catalogue.language)
        if voice is None:
            raise TargetError("voice data not loaded")
        return voice

    async def _ask(self, target: str, message: str, features: int) -> None:
        """Offer the due break as a question and act on the answer."""
        voice = self._voice()
        answer_id, slots = await self._question(
            target, voice.question.format(message=message), voice.answers_payload()
        )
        spec = _ANSWERS.get(str(answer_id))
        if spec is None:
            return
        fields: dict[str, Any] = {}
        if ATTR_MINUTES in spec.field_names:
            fields[ATTR_MINUTES] = voice.minutes(str(slots.get(ATTR_MINUTES, "")))
        command = partial(
            self.coach.run, spec.command, Origin(OriginKind.VOICE, target), **fields
        )
        await self._answer(target, voice, command, features)

    async def _ask_comfort(self, target: str, message: str, features: int) -> None:
        """After a break: how does the neck feel? The level said is logged."""
        voice = self._voice()
        answer_id, slots = await self._question(
            target,
            voice.comfort_question.format(message=message),
            [{"id": "level", "sentences": list(voice.comfort_answers)}],
        )
        level = voice.level(str(slots.get("level", "")))
        if answer_id != "level" or level is None:
            return
        origin = Origin(OriginKind.VOICE, target)
        command = partial(self.coach.run, Command.LOG_COMFORT, origin, level=level)
        await self._answer(target, voice, command, features)

    async def _answer(
        self,
        target: str,
        voice: VoiceData,
        command: Callable[[], list[Event]],
        features: int,
    ) -> None:
        """Run what the answer asked for and say what happened."""
        try:
            reply = spoken(command())
        except EngineError as err:
            reply = await async_error_text(
                self.hass, voice.language, err.key, err.values
            )
        if reply and features & _ANNOUNCE:
            await self._call("assist_satellite", "announce", target, message=reply)


#: The commands a spoken answer to "start or snooze?" runs, by answer id.
_ANSWERS: Final = {spec.answer: spec for spec in specs("answer")}


@callback
def async_attach_announcer(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> CALLBACK_TYPE:
    """Start announcing the profile's events; returns the detach callback."""
    announcer = Announcer(hass, entry)
    detach: Callable[[], None] = entry.runtime_data.async_add_event_listener(
        announcer.async_on_event
    )
    return detach
