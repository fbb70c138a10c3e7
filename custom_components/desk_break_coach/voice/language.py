"""Voice data per language: sentences, the due-break question, replies, event texts.

The data lives in `sentences/<language>.yaml`; it is read once at setup, in the
executor, together with the spoken numbers used to understand "ten minutes".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
import logging
from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import translation
from homeassistant.util.hass_dict import HassKey
from homeassistant.util.yaml import load_yaml_dict

from ..const import (
    COMFORT_LEVEL_RANGE,
    DOMAIN,
    PAUSE_ACTION_MINUTES_RANGE,
    SNOOZE_ACTION_MINUTES_RANGE,
    shipped_language,
)
from .words import Words

_LOGGER = logging.getLogger(__name__)

SENTENCES = Path(__file__).parent.parent / "sentences"
DATA_VOICE: HassKey[dict[str, VoiceData]] = HassKey(f"{DOMAIN}_voice")

_SPACES = re.compile(r"[\s\-]+")


def normalize(text: str) -> str:
    """Lower-case, single-spaced, without the punctuation speech-to-text adds.

    The apostrophe is dropped in every form, the Ukrainian letter one ("пʼять")
    too, so "п'ять" said and "пʼять" spelled are one word.
    """
    text = text.casefold().replace("ё", "е").replace("\u02bc", "")
    text = re.sub(r"[^\w\s\-]", "", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class SentenceBlock:
    """Sentences of one intent, with slot values they imply (e.g. a stop reason)."""

    intent: str
    sentences: tuple[str, ...]
    slots: Mapping[str, str]
    #: Short sentences ("next", "weiter") Assist hears as ours only while a
    #: profile offers the intent's command; otherwise they stay Home Assistant's.
    offered: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceData:
    """Everything spoken or written for one language."""

    language: str
    blocks: tuple[SentenceBlock, ...]
    minute_words: frozenset[str]
    question: str
    answers: Mapping[str, tuple[str, ...]]
    comfort_question: str
    comfort_answers: tuple[str, ...]
    replies: Mapping[str, Any]
    messages: Mapping[str, str]
    numbers: Mapping[str, int]
    #: Counted words, durations and today's progress (`words.fill`).
    words: Words
    #: Sentences that start one of the person's own routines, named by {routine}.
    routine_sentences: tuple[str, ...] = ()
    #: Word endings of a routine's name as said in those sentences ("а": "у").
    routine_endings: Mapping[str, str] = field(default_factory=dict)
    #: Words that may follow a number of hours ("2 hours" = 120 minutes).
    hour_words: frozenset[str] = frozenset()
    #: Spans said without a number: "half an hour" = 30 (minutes).
    durations: Mapping[str, int] = field(default_factory=dict)
    #: Words that may end any sentence ("please", "now"), longest first.
    after_words: tuple[str, ...] = ()

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], numbers: Mapping[str, int]
    ) -> VoiceData:
        """Build from the YAML form."""
        polite = data.get("polite") or {}
        before = [str(words) for words in polite.get("before") or ()]
        after = [str(words) for words in polite.get("after") or ()]
        blocks = tuple(
            SentenceBlock(
                intent=intent_type,
                sentences=tuple(
                    _politely(sentence, before, after)
                    for sentence in block["sentences"]
                ),
                slots={str(k): str(v) for k, v in (block.get("slots") or {}).items()},
                offered=bool(block.get("offered", False)),
            )
            for intent_type, items in data["intents"].items()
            for block in items
        )
        return cls(
            language=str(data["language"]),
            blocks=blocks,
            minute_words=frozenset(normalize(w) for w in data["minute_words"]),
            question=str(data["question"]),
            answers={k: tuple(v) for k, v in data["answers"].items()},
            comfort_question=str(data["comfort_question"]),
            comfort_answers=tuple(data["comfort_answers"]),
            replies=data["replies"],
            messages=data["messages"],
            numbers=numbers,
            words=Words.from_dict(str(data["language"]), data),
            routine_sentences=tuple(data.get("routine_sentences") or ()),
            after_words=tuple(
                sorted((normalize(words) for words in after), key=len, reverse=True)
            ),
            routine_endings={
                str(k): str(v) for k, v in (data.get("routine_endings") or {}).items()
            },
            hour_words=frozenset(normalize(w) for w in data.get("hour_words") or ()),
            durations={
                normalize(str(k)): int(v)
                for k, v in (data.get("durations") or {}).items()
            },
        )

    def answers_payload(self) -> list[dict[str, Any]]:
        """Return the `answers` field of `assist_satellite.ask_question`."""
        return [
            {"id": answer_id, "sentences": list(sentences)}
            for answer_id, sentences in self.answers.items()
        ]

    def name_template(self, name: str) -> str:
        """Return a routine's normalised name as a template, with other word forms.

        "утренняя зарядка" -> "(утренняя|утреннюю) (зарядка|зарядку)".
        """
        endings = sorted(self.routine_endings.items(), key=lambda item: -len(item[0]))
        words = []
        for word in name.split():
            forms = [word]
            for ending, other in endings:
                if word.endswith(ending) and len(word) > len(ending) + 1:
                    forms.append(word[: -len(ending)] + other)
                    break
            words.append(f"({'|'.join(forms)})" if len(forms) > 1 else word)
        return " ".join(words)

    def for_profile(self, name: str, speech: str) -> str:
        """Say whose profile a reply is about."""
        return str(self.replies["for_profile"]).format(name=name, speech=speech)

    def without_after_words(self, text: str) -> str:
        """Return a captured slot without the "please" or "now" that ended it."""
        said = normalize(text)
        changed = True
        while changed:
            changed = False
            for words in self.after_words:
                if said.endswith(f" {words}"):
                    said, changed = said[: -len(words) - 1], True
        return said if said != normalize(text) else text

    def ends_with_minutes(self, text: str) -> bool:
        """Whether the words are a span of time ("ten minutes", "an hour")."""
        words = normalize(text).split()
        return bool(words) and (
            words[-1] in self.minute_words | self.hour_words
            or " ".join(words) in self.durations
        )

    def number(self, text: str) -> int | None:
        """Read "7", "seven" or "like a 7" as 7: the number the words end with."""
        words = normalize(text).split()
        for start in range(len(words)):
            said = " ".join(words[start:])
            if said.isdecimal():
                return int(said)
            if (value := self.numbers.get(said)) is not None:
                return value
        return None

    def level(self, text: str) -> int | None:
        """Read "7", "seven" or "like a 7" as a comfort level 0-10; else None."""
        value = self.number(text)
        low, high = COMFORT_LEVEL_RANGE
        return value if value is not None and low <= value <= high else None

    def minutes(self, text: str) -> int | None:
        """Read a span as minutes: "15", "fifteen minutes", "2 hours", "half an hour".

        None if it is not one; the command checks its own range ("snooze for
        500 minutes" is refused by the snooze, saying the range).
        """
        words = normalize(text).split()
        value: int | None = None
        for start in range(len(words)):  # "about half an hour"
            if (span := self.durations.get(" ".join(words[start:]))) is not None:
                value = span
                break
        else:
            factor = 1
            if words and words[-1] in self.hour_words:
                words, factor = words[:-1], 60
            elif words and words[-1] in self.minute_words:
                words = words[:-1]
            number = self.number(" ".join(words)) if words else None
            value = None if number is None else number * factor
        low, high = PAUSE_ACTION_MINUTES_RANGE
        if value is None or not low <= value <= high:
            return None
        return value


def _politely(sentence: str, before: list[str], after: list[str]) -> str:
    """Return a sentence that may start with "please" and end with "please" or "now"."""
    if before:
        sentence = f"[{'|'.join(before)}] {sentence}"
    if after:
        sentence = f"{sentence} [{'|'.join(after)}]"
    return sentence


#: Other spellings of a language's numbers that are understood too: Portuguese
#: is written as in Portugal ("dezasseis"), the library's "pt" is Brazil's.
_REGIONAL_NUMBERS: dict[str, tuple[str, ...]] = {"pt": ("pt_PT",)}


def _spoken_numbers(language: str) -> dict[str, int]:
    """Map the number words 0-120 of a language to numbers ("twenty five": 25).

    Blocking. Uses the number spelling library that ships with Assist; without
    it only digits are understood.
    """
    try:
        from unicode_rbnf import RbnfEngine  # noqa: PLC0415
    except ImportError:
        return {}
    words: dict[str, int] = {}
    for spelling in (language, *_REGIONAL_NUMBERS.get(language, ())):
        try:
            engine = RbnfEngine.for_language(spelling)
        except OSError, ValueError, KeyError:
            _LOGGER.debug("No spoken numbers for %s", spelling)
            continue
        for value in range(SNOOZE_ACTION_MINUTES_RANGE[1] + 1):
            for text in engine.format_number(value).text_by_ruleset.values():
                words.setdefault(normalize(text), value)
    return words


def _load_all() -> dict[str, VoiceData]:
    """Read every language file (blocking: run in the executor)."""
    voices = {}
    for path in sorted(SENTENCES.glob("*.yaml")):
        data = load_yaml_dict(path)
        language = str(data["language"])
        voices[language] = VoiceData.from_dict(data, _spoken_numbers(language))
    return voices


async def async_load_voices(hass: HomeAssistant) -> dict[str, VoiceData]:
    """Load the voice data of every language once."""
    if (voices := hass.data.get(DATA_VOICE)) is None:
        voices = await hass.async_add_executor_job(_load_all)
        hass.data[DATA_VOICE] = voices
    return voices


def get_voice(hass: HomeAssistant, language: str | None) -> VoiceData | None:
    """Return the loaded voice data for a language, falling back to English."""
    voices = hass.data.get(DATA_VOICE)
    if not voices:
        return None
    return voices.get(shipped_language(language))


async def async_error_text(
    hass: HomeAssistant, language: str, key: str, values: Mapping[str, Any]
) -> str:
    """Return the translated message of one of the integration's exceptions."""
    strings = await translation.async_get_translations(
        hass, language, "exceptions", {DOMAIN}
    )
    template = strings.get(f"component.{DOMAIN}.exceptions.{key}.message", key)
    try:
        return template.format(**values)
    except KeyError, IndexError, ValueError:
        return template
