"""Assist: the shipped sentences registered as sentence triggers (triggers.py).

The sentences need no file in the configuration directory: once `conversation`
is set up they are attached through its sentence trigger, the same mechanism an
automation's "Sentence" trigger uses. A match runs the DeskBreak* intent and its
reply becomes Assist's answer. Like every sentence trigger they are matched
before Home Assistant's built-in sentences, and in an Assist pipeline before its
conversation agent, whichever agent that is. Short sentences ("weiter") are
attached only while a profile offers their command (`OfferedSentences`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import SIGNAL_CONFIG_ENTRY_CHANGED, ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.setup import async_when_setup
from homeassistant.util.hass_dict import HassKey

from ..const import DOMAIN
from ..profile.personal import routines
from .choose import loaded_coaches
from .intents import INTENT_START, SLOT_ROUTINE, handlers
from .language import SentenceBlock, VoiceData, async_load_voices, normalize
from .triggers import CONVERSATION, async_attach, sentence_intents

DATA_ROUTINE_SENTENCES: HassKey[RoutineSentences] = HassKey(
    f"{DOMAIN}_routine_sentences"
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
                remove = await async_attach(self.hass, voice, block, self.shipped)
                if remove is not None:
                    self._attached[key] = remove

    def shipped(self, sentence: str) -> bool:
        """Whether a shipped sentence (of any language) matches too."""
        from hassil.recognize import recognize  # noqa: PLC0415

        if self._shipped is None:
            blocks = [block for voice in self.voices.values() for block in voice.blocks]
            self._shipped = sentence_intents("en", blocks)
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
                remove = await async_attach(self.hass, voice, voice.blocks[key[1]])
                if remove is not None:
                    self._attached[key] = remove


async def _async_register_sentences(hass: HomeAssistant, _component: str) -> None:
    """Attach every shipped sentence, once `conversation` is set up."""
    voices = await async_load_voices(hass)
    for voice in voices.values():
        for block in voice.blocks:
            if not block.offered:
                await async_attach(hass, voice, block)
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
