"""Assist: the intents, and the shipped sentences registered as sentence triggers.

The sentences need no file in the configuration directory: once `conversation`
is set up they are attached through its sentence trigger, the same mechanism an
automation's "Sentence" trigger uses. A match runs the DeskBreak* intent and its
reply becomes Assist's answer. Like every sentence trigger they are matched
before Home Assistant's built-in sentences, and in an Assist pipeline before its
conversation agent, whichever agent that is.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

from homeassistant.const import CONF_COMMAND, CONF_PLATFORM
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.helpers.script import ScriptRunResult
from homeassistant.helpers.trigger import (
    async_initialize_triggers,
    async_validate_trigger_config,
)
from homeassistant.setup import async_when_setup
import probatio as vol

from .const import DOMAIN
from .intent import SLOT_MINUTES, SLOT_PROFILE, find_coach, loaded_coaches
from .voice import SentenceBlock, VoiceData, async_error_text, async_load_voices

_LOGGER = logging.getLogger(__name__)

CONVERSATION = "conversation"


def _result(speech: str) -> ScriptRunResult:
    """Return what a sentence trigger's action returns: the spoken reply."""
    return ScriptRunResult(
        conversation_response=speech, service_response=None, variables={}
    )


class SentenceAction:
    """Runs the intent of one block of sentences when Assist matches one of them."""

    def __init__(
        self, hass: HomeAssistant, voice: VoiceData, block: SentenceBlock
    ) -> None:
        """Bind the sentences to their intent."""
        self.hass = hass
        self.voice = voice
        self.block = block

    async def async_run(
        self, run_variables: dict[str, Any], context: Context | None = None
    ) -> ScriptRunResult:
        """Handle one matched sentence; errors become the spoken reply."""
        trigger: Mapping[str, Any] = run_variables["trigger"]
        said = dict(trigger.get("slots") or {})
        slots: dict[str, Any] = {
            name: {"value": value} for name, value in self.block.slots.items()
        }
        profile = str(said.pop(SLOT_PROFILE, "")).strip()
        if (
            profile
            and SLOT_MINUTES not in said
            and self.voice.ends_with_minutes(profile)
            and find_coach(loaded_coaches(self.hass), profile) is None
        ):
            # "snooze the break for ten minutes" fits "... for {profile}" too.
            said[SLOT_MINUTES], profile = profile, ""
        if profile:
            slots[SLOT_PROFILE] = {"value": profile, "text": profile}
        if SLOT_MINUTES in said:
            minutes = self.voice.minutes(str(said[SLOT_MINUTES]))
            if minutes is None:
                return _result(
                    await async_error_text(
                        self.hass, self.voice.language, "voice_minutes", {}
                    )
                )
            slots[SLOT_MINUTES] = {"value": minutes}
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
    hass: HomeAssistant, voice: VoiceData, block: SentenceBlock
) -> None:
    """Attach one block of sentences as one sentence trigger."""
    try:
        config = await async_validate_trigger_config(
            hass, [{CONF_PLATFORM: CONVERSATION, CONF_COMMAND: list(block.sentences)}]
        )
    except vol.Invalid as err:
        _LOGGER.error(
            "Invalid %s sentences of %s: %s", voice.language, block.intent, err
        )
        return
    action = SentenceAction(hass, voice, block)
    await async_initialize_triggers(
        hass,
        config,
        action.async_run,
        DOMAIN,
        f"{block.intent} ({voice.language})",
        _log,
    )


async def _async_register_sentences(hass: HomeAssistant, _component: str) -> None:
    """Attach every shipped sentence, once `conversation` is set up."""
    voices = await async_load_voices(hass)
    for voice in voices.values():
        for block in voice.blocks:
            await _async_attach(hass, voice, block)


async def async_setup_assist(hass: HomeAssistant) -> None:
    """Load the voice data and, with Assist, register the sentences.

    The intents themselves are registered by the `intent` integration through
    this integration's `intent.py` platform.
    """
    await async_load_voices(hass)
    async_when_setup(hass, CONVERSATION, _async_register_sentences)
