"""Assist: the intents, and the shipped sentences registered as sentence triggers.

The sentences need no file in the configuration directory: once `conversation`
is set up they are attached through its sentence trigger, the same mechanism an
automation's "Sentence" trigger uses. A match runs the DeskBreak* intent and its
reply becomes Assist's answer. Like every sentence trigger they are matched
before Home Assistant's built-in sentences, and in an Assist pipeline before its
conversation agent, whichever agent that is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
import logging
import re
from typing import Any

from homeassistant.config_entries import SIGNAL_CONFIG_ENTRY_CHANGED, ConfigEntry
from homeassistant.const import CONF_COMMAND, CONF_PLATFORM
from homeassistant.core import CALLBACK_TYPE, Context, HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.script import ScriptRunResult
from homeassistant.helpers.trigger import (
    async_initialize_triggers,
    async_validate_trigger_config,
)
from homeassistant.setup import async_when_setup
from homeassistant.util.hass_dict import HassKey
import probatio as vol

from ..const import DOMAIN
from ..profile.personal import routines
from .choose import find_coach, loaded_coaches
from .intents import (
    INTENT_START,
    SLOT_LEVEL,
    SLOT_MINUTES,
    SLOT_PROFILE,
    SLOT_ROUTINE,
    handlers,
)
from .language import (
    SentenceBlock,
    VoiceData,
    async_error_text,
    async_load_voices,
    normalize,
)

_LOGGER = logging.getLogger(__name__)

CONVERSATION = "conversation"
DATA_ROUTINE_SENTENCES: HassKey[RoutineSentences] = HassKey(
    f"{DOMAIN}_routine_sentences"
)
_LIST = re.compile(r"\{(\w+)\}")


def _result(speech: str) -> ScriptRunResult:
    """Return what a sentence trigger's action returns: the spoken reply."""
    return ScriptRunResult(
        conversation_response=speech, service_response=None, variables={}
    )


class SentenceAction:
    """Runs the intent of one block of sentences when Assist matches one of them."""

    def __init__(
        self,
        hass: HomeAssistant,
        voice: VoiceData,
        block: SentenceBlock,
        yields_to: Callable[[str], bool] | None = None,
    ) -> None:
        """Bind the sentences to their intent.

        `yields_to`: whether a sentence is another trigger's to answer; then this
        one stays silent (all matching sentence triggers run).
        """
        self.hass = hass
        self.voice = voice
        self.block = block
        self.yields_to = yields_to

    async def async_run(
        self, run_variables: dict[str, Any], context: Context | None = None
    ) -> ScriptRunResult:
        """Handle one matched sentence; errors become the spoken reply."""
        trigger: Mapping[str, Any] = run_variables["trigger"]
        if self.yields_to is not None and self.yields_to(
            str(trigger.get("sentence") or "")
        ):
            return ScriptRunResult(
                conversation_response=None, service_response=None, variables={}
            )
        said = dict(trigger.get("slots") or {})
        slots: dict[str, Any] = {
            name: {"value": value} for name, value in self.block.slots.items()
        }
        profile = str(said.pop(SLOT_PROFILE, "")).strip()
        coaches = loaded_coaches(self.hass)
        if (
            profile
            and SLOT_MINUTES not in said
            and self.voice.ends_with_minutes(profile)
            and find_coach(coaches, profile) is None
        ):
            # "snooze the break for ten minutes" fits "... for {profile}" too.
            said[SLOT_MINUTES], profile = profile, ""
        elif (
            not profile
            and (minutes := str(said.get(SLOT_MINUTES, "")))
            and self.voice.minutes(minutes) is None
            and find_coach(coaches, minutes) is not None
        ):
            # And "pause the reminders for Anna" fits "... for {minutes}".
            profile = str(said.pop(SLOT_MINUTES))
        if profile:
            slots[SLOT_PROFILE] = {"value": profile, "text": profile}
        # Numbers said as words or digits; one not understood is answered.
        numbers = (
            (SLOT_MINUTES, self.voice.minutes, "voice_minutes"),
            (SLOT_LEVEL, self.voice.level, "voice_level"),
        )
        for slot, read, error in numbers:
            if slot not in said:
                continue
            if (value := read(str(said[slot]))) is None:
                return _result(
                    await async_error_text(self.hass, self.voice.language, error, {})
                )
            slots[slot] = {"value": value}
        user_input: Mapping[str, Any] = trigger.get("user_input") or {}
        try:
            response = await intent.async_handle(
                self.hass,
                CONVERSATION,
                self.block.intent,
                slots,
                text_input=trigger.get("sentence"),
                context=context,
                language=self.voice.language,
                assistant=CONVERSATION,
                device_id=trigger.get("device_id"),
                satellite_id=trigger.get("satellite_id"),
                conversation_agent_id=user_input.get("agent_id"),
            )
        except intent.IntentError as err:
            return _result(str(err))
        return _result(response.speech.get("plain", {}).get("speech", ""))


def _log(level: int, msg: str, **kwargs: Any) -> None:
    """Log trigger set-up problems; routine progress only at debug level."""
    _LOGGER.log(
        level if level >= logging.WARNING else logging.DEBUG,
        "Assist sentences: %s",
        msg,
        **kwargs,
    )


async def _async_attach(
    hass: HomeAssistant,
    voice: VoiceData,
    block: SentenceBlock,
    yields_to: Callable[[str], bool] | None = None,
) -> CALLBACK_TYPE | None:
    """Attach one block of sentences as one sentence trigger; return its remover."""
    try:
        config = await async_validate_trigger_config(
            hass, [{CONF_PLATFORM: CONVERSATION, CONF_COMMAND: list(block.sentences)}]
        )
    except vol.Invalid as err:
        _LOGGER.error(
            "Invalid %s sentences of %s: %s", voice.language, block.intent, err
        )
        return None
    action = SentenceAction(hass, voice, block, yields_to)
    return await async_initialize_triggers(
        hass,
        config,
        action.async_run,
        DOMAIN,
        f"{block.intent} ({voice.language})",
        _log,
    )


class RoutineSentences:
    """Sentences for the person's own routines: one trigger per language and name.

    Each trigger's sentences carry the routine's name, so only a sentence naming a
    routine is taken ("start my vacuum" stays Home Assistant's). They follow the
    routines: made, renamed, deleted, or a profile loaded or unloaded. A routine
    named like a shipped sentence ("start my exercises") leaves that sentence its
    usual meaning.
    """

    def __init__(self, hass: HomeAssistant, voices: Mapping[str, VoiceData]) -> None:
        """Nothing attached yet."""
        self.hass = hass
        self.voices = voices
        self._attached: dict[tuple[str, str], CALLBACK_TYPE] = {}
        self._lock = asyncio.Lock()
        self._shipped: Any = None

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the profiles; return what stops it."""

        @callback
        def changed(_change: Any, entry: ConfigEntry) -> None:
            if entry.domain == DOMAIN:
                self.hass.async_create_task(self.async_refresh())

        stop_following = async_dispatcher_connect(
            self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, changed
        )
        self.hass.async_create_task(self.async_refresh())

        @callback
        def stop() -> None:
            stop_following()
            for remove in self._attached.values():
                remove()
            self._attached.clear()

        return stop

    def wanted(self) -> dict[tuple[str, str], SentenceBlock]:
        """Return the triggers the loaded profiles' routines need."""
        names = {
            normalize(routine.name)
            for coach in loaded_coaches(self.hass)
            for routine in routines(coach.entry)
        } - {""}
        return {
            (voice.language, name): SentenceBlock(
                intent=INTENT_START,
                sentences=tuple(
                    sentence.replace("{routine}", voice.name_template(name))
                    for sentence in voice.routine_sentences
                ),
                slots={SLOT_ROUTINE: name},
            )
            for voice in self.voices.values()
            if voice.routine_sentences
            for name in sorted(names)
        }

    async def async_refresh(self) -> None:
        """Attach the triggers of new names, remove those of names gone."""
        async with self._lock:
            wanted = self.wanted()
            for key in set(self._attached) - set(wanted):
                self._attached.pop(key)()
            for key, block in wanted.items():
                if key in self._attached:
                    continue
                voice = self.voices[key[0]]
                remove = await _async_attach(self.hass, voice, block, self.shipped)
                if remove is not None:
                    self._attached[key] = remove

    def shipped(self, sentence: str) -> bool:
        """Whether a shipped sentence (of any language) matches too."""
        from hassil.intents import Intents, WildcardSlotList  # noqa: PLC0415
        from hassil.recognize import recognize  # noqa: PLC0415

        if self._shipped is None:
            blocks = [block for voice in self.voices.values() for block in voice.blocks]
            self._shipped = Intents.from_dict(
                {
                    "language": "en",
                    "intents": {
                        f"shipped_{number}": {
                            "data": [{"sentences": list(block.sentences)}]
                        }
                        for number, block in enumerate(blocks)
                    },
                }
            )
            for block in blocks:
                for sentence_text in block.sentences:
                    for name in _LIST.findall(sentence_text):
                        self._shipped.slot_lists[name] = WildcardSlotList(name)
        return recognize(sentence, self._shipped) is not None


class OfferedSentences:
    """Short sentences ("next", "weiter", «готово») heard only while they fit.

    A block marked `offered` is attached while a loaded profile offers its
    intent's command (`View.available_commands`: "next" during a break) and
    removed when none does, so at other times Home Assistant's own sentences
    (a media player's "weiter") answer as if this integration were not there.
    """

    def __init__(self, hass: HomeAssistant, voices: Mapping[str, VoiceData]) -> None:
        """Nothing attached yet."""
        self.hass = hass
        self.voices = voices
        self._commands = {
            handler.intent_type: handler.command
            for handler in handlers()
            if handler.command is not None
        }
        self._attached: dict[tuple[str, int], CALLBACK_TYPE] = {}
        self._following: dict[str, CALLBACK_TYPE] = {}
        self._lock = asyncio.Lock()
        self._wanted: frozenset[tuple[str, int]] = frozenset()

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the profiles and their views; return what stops it."""

        @callback
        def changed(_change: Any, entry: ConfigEntry) -> None:
            if entry.domain == DOMAIN:
                self._follow()

        stop_following = async_dispatcher_connect(
            self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, changed
        )
        self._follow()

        @callback
        def stop() -> None:
            stop_following()
            for remove in [*self._following.values(), *self._attached.values()]:
                remove()
            self._following.clear()
            self._attached.clear()

        return stop

    @callback
    def _follow(self) -> None:
        """Listen to every loaded profile's view (and no longer to unloaded ones)."""
        coaches = {coach.entry.entry_id: coach for coach in loaded_coaches(self.hass)}
        for entry_id in set(self._following) - set(coaches):
            self._following.pop(entry_id)()
        for entry_id, coach in coaches.items():
            if entry_id not in self._following:
                self._following[entry_id] = coach.async_add_listener(self._changed)
        self._changed()

    @callback
    def _changed(self) -> None:
        """Attach or remove blocks when what the profiles offer changed."""
        offered = {
            command
            for coach in loaded_coaches(self.hass)
            for command in coach.view.available_commands
        }
        wanted = frozenset(
            (language, number)
            for language, voice in self.voices.items()
            for number, block in enumerate(voice.blocks)
            if block.offered and self._commands.get(block.intent) in offered
        )
        if wanted != self._wanted:
            self._wanted = wanted
            self.hass.async_create_task(self.async_refresh())

    async def async_refresh(self) -> None:
        """Attach the blocks now offered, remove those no longer offered."""
        async with self._lock:
            wanted = self._wanted
            for key in set(self._attached) - wanted:
                self._attached.pop(key)()
            for key in wanted - set(self._attached):
                voice = self.voices[key[0]]
                remove = await _async_attach(self.hass, voice, voice.blocks[key[1]])
                if remove is not None:
                    self._attached[key] = remove


async def _async_register_sentences(hass: HomeAssistant, _component: str) -> None:
    """Attach every shipped sentence, once `conversation` is set up."""
    voices = await async_load_voices(hass)
    for voice in voices.values():
        for block in voice.blocks:
            if not block.offered:
                await _async_attach(hass, voice, block)
    if DATA_ROUTINE_SENTENCES not in hass.data:
        own = hass.data[DATA_ROUTINE_SENTENCES] = RoutineSentences(hass, voices)
        own.async_start()
        OfferedSentences(hass, voices).async_start()


async def async_setup_assist(hass: HomeAssistant) -> None:
    """Load the voice data and, with Assist, register the sentences.

    The intents themselves are registered by the `intent` integration through
    this integration's `intent.py` platform.
    """
    await async_load_voices(hass)
    async_when_setup(hass, CONVERSATION, _async_register_sentences)
