"""One block of sentences as one sentence trigger, and what runs when it matches.

`SentenceAction` reads the words said (a profile, minutes or a level, in words or
digits), runs the block's DeskBreak* intent and returns its reply as Assist's
answer; `async_attach` attaches a block through `conversation`'s sentence trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import logging
import re
from typing import Any

from homeassistant.const import CONF_COMMAND, CONF_PLATFORM
from homeassistant.core import CALLBACK_TYPE, Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.helpers.script import ScriptRunResult
from homeassistant.helpers.trigger import (
    async_initialize_triggers,
    async_validate_trigger_config,
)
import probatio as vol

from ..const import DOMAIN
from .choose import find_coach, loaded_coaches
from .intents import SLOT_LEVEL, SLOT_MINUTES, SLOT_PROFILE
from .language import SentenceBlock, VoiceData, async_error_text

_LOGGER = logging.getLogger(__name__)

CONVERSATION = "conversation"
_LIST = re.compile(r"\{(\w+)\}")


def _result(speech: str) -> ScriptRunResult:
    """Return what a sentence trigger's action returns: the spoken reply."""
    return ScriptRunResult(
        conversation_response=speech, service_response=None, variables={}
    )


def _silent() -> ScriptRunResult:
    """Return no reply: another trigger that matched answers."""
    return ScriptRunResult(
        conversation_response=None, service_response=None, variables={}
    )


def sentence_intents(language: str, blocks: list[SentenceBlock]) -> Any:
    """Return blocks of sentences as hassil intents, their {slots} as wildcards."""
    from hassil.intents import Intents, WildcardSlotList  # noqa: PLC0415

    intents = Intents.from_dict(
        {
            "language": language,
            "intents": {
                f"block_{number}": {"data": [{"sentences": list(block.sentences)}]}
                for number, block in enumerate(blocks)
            },
        }
    )
    for block in blocks:
        for sentence in block.sentences:
            for name in _LIST.findall(sentence):
                intents.slot_lists[name] = WildcardSlotList(name)
    return intents


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
        self._others: Any = None

    def _heard_elsewhere(self, sentence: str) -> bool:
        """Whether another shipped block takes the sentence with no number in it."""
        from hassil.recognize import recognize_all  # noqa: PLC0415

        if self._others is None:
            others = [
                block
                for block in self.voice.blocks
                if block is not self.block and not block.offered
            ]
            self._others = sentence_intents(self.voice.language, others)
        return any(
            not {SLOT_MINUTES, SLOT_LEVEL} & set(result.entities)
            for result in recognize_all(sentence, self._others)
        )

    async def async_run(
        self, run_variables: dict[str, Any], context: Context | None = None
    ) -> ScriptRunResult:
        """Handle one matched sentence; errors become the spoken reply."""
        trigger: Mapping[str, Any] = run_variables["trigger"]
        if self.yields_to is not None and self.yields_to(
            str(trigger.get("sentence") or "")
        ):
            return _silent()
        said = {
            name: self.voice.without_after_words(value)
            if isinstance(value, str)
            else value
            for name, value in (trigger.get("slots") or {}).items()
        }
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
                if self._heard_elsewhere(str(trigger.get("sentence") or "")):
                    # "my neck is sore": not a level, but another block's words.
                    return _silent()
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


async def async_attach(
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
