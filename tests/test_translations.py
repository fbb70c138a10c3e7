"""Every language carries what English carries.

The translations, the routine catalogue, the voice data and the card's strings of
each shipped language have English's keys and placeholders (and, for the catalogue,
its programs, steps, repetitions and times).
"""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

import pytest
import yaml

from custom_components.desk_break_coach.const import FALLBACK_LANGUAGE
from custom_components.desk_break_coach.const import LANGUAGES as SHIPPED

PACKAGE = Path(__file__).parents[1] / "custom_components" / "desk_break_coach"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: The languages besides English.
LANGUAGES = [language for language in SHIPPED if language != FALLBACK_LANGUAGE]
#: The card's sources: one file, or the card and its modules.
FRONTEND = PACKAGE / "frontend"
#: Plural categories (Intl.PluralRules): a card string with these keys is one text.
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Return every leaf string by its dotted key."""
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out |= flatten(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = value
    return out


def load(name: str) -> dict[str, str]:
    """Return one translation file, flattened."""
    return flatten(json.loads((PACKAGE / name).read_text(encoding="utf-8")))


def test_strings_match_english() -> None:
    """translations/en.json is strings.json."""
    assert load("strings.json") == load("translations/en.json")


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_has_every_key_and_placeholder(language: str) -> None:
    """Nothing is left untranslated or loses a placeholder."""
    english, other = load("translations/en.json"), load(f"translations/{language}.json")
    assert set(other) == set(english)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(other[key])) == set(PLACEHOLDER.findall(text)), (
            key
        )


def catalogue(language: str) -> dict[str, Any]:
    """Return one language's routine catalogue."""
    path = PACKAGE / "routines" / f"{language}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def shape(program: dict[str, Any]) -> dict[str, Any]:
    """Return what every language's program shares: all but the words."""
    return {
        "reps": program["reps"],
        "max_seconds": program["max_seconds"],
        "daily_seconds": program.get("daily_seconds"),
        **{
            part: [(step["id"], step.get("seconds")) for step in program.get(part, [])]
            for part in ("opening", "steps", "closing")
        },
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_matches_english(language: str) -> None:
    """The same programs, steps, repetitions and times; every text filled in."""
    english, other = catalogue("en"), catalogue(language)
    assert other["language"] == language
    assert list(other["programs"]) == list(english["programs"])
    for program_id, program in other["programs"].items():
        assert shape(program) == shape(english["programs"][program_id]), program_id
        assert set(program) == set(english["programs"][program_id]), program_id
        assert program["name"].strip(), program_id
        for part in ("opening", "steps", "closing"):
            for step in program.get(part, []):
                for text in ("name", "cue", "instructions"):
                    assert step[text].strip(), (program_id, step["id"], text)


def voice_data(language: str) -> dict[str, Any]:
    """Return one language's voice data (sentences/<language>.yaml)."""
    path = PACKAGE / "sentences" / f"{language}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def templates(data: dict[str, Any]) -> dict[str, str]:
    """Return the texts with placeholders: question, replies, messages, logbook."""
    return {
        "question": data["question"],
        "comfort_question": data["comfort_question"],
        **flatten(data["replies"], "replies."),
        **flatten(data["messages"], "messages."),
        **flatten(data["logbook"], "logbook."),
    }


def slots_used(sentences: list[str]) -> set[str]:
    """Return the slots ({minutes}, {profile}, ...) some sentence captures."""
    return {name for sentence in sentences for name in PLACEHOLDER.findall(sentence)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_sentences_match_english(language: str) -> None:
    """Every intent, block, slot and text of English, with its placeholders."""
    english, other = voice_data("en"), voice_data(language)
    assert other["language"] == language
    assert list(other["intents"]) == list(english["intents"])
    for intent_type, blocks in english["intents"].items():
        theirs = other["intents"][intent_type]
        assert [block.get("slots") for block in theirs] == [
            block.get("slots") for block in blocks
        ], intent_type
        for block, their_block in zip(blocks, theirs, strict=True):
            assert their_block["sentences"], intent_type
            assert slots_used(their_block["sentences"]) == slots_used(
                block["sentences"]
            ), intent_type
    assert slots_used(other["routine_sentences"]) == slots_used(
        english["routine_sentences"]
    )
    assert other["minute_words"]
    assert list(other["answers"]) == list(english["answers"])
    for answer_id, sentences in english["answers"].items():
        assert slots_used(other["answers"][answer_id]) == slots_used(sentences)
    assert slots_used(other["comfort_answers"]) == slots_used(
        english["comfort_answers"]
    )
    english_texts, other_texts = templates(english), templates(other)
    assert set(other_texts) == set(english_texts)
    for key, text in english_texts.items():
        assert set(PLACEHOLDER.findall(other_texts[key])) == set(
            PLACEHOLDER.findall(text)
        ), key


_JS_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z_]\w*|[{}:,]')


def card_strings() -> dict[str, Any]:
    """Return the card's STRINGS object, read from the JavaScript source.

    It is plain data: keys, double-quoted strings and nested objects.
    """
    found = [
        match
        for path in sorted(FRONTEND.rglob("*.js"))
        if (
            match := re.search(
                r"^(?:export )?const STRINGS = (\{.*?^\});$",
                path.read_text(encoding="utf-8"),
                re.MULTILINE | re.DOTALL,
            )
        )
    ]
    assert len(found) == 1, "the card's STRINGS not found, or found twice"
    match = found[0]
    tokens = _JS_TOKEN.findall(match.group(1))
    position = 0

    def value() -> Any:
        nonlocal position
        token = tokens[position]
        position += 1
        if token.startswith('"'):
            return json.loads(token)
        assert token == "{", token
        out: dict[str, Any] = {}
        while tokens[position] != "}":
            key = tokens[position]
            assert tokens[position + 1] == ":", (key, tokens[position + 1])
            position += 2
            out[key] = value()
            if tokens[position] == ",":
                position += 1
        position += 1
        return out

    strings = value()
    assert position == len(tokens)
    assert isinstance(strings, dict)
    return strings


def card_texts(strings: dict[str, Any], prefix: str = "") -> dict[str, set[str]]:
    """Return each card text's placeholders by dotted key; a plural is one text."""
    out: dict[str, set[str]] = {}
    for key, text in strings.items():
        if isinstance(text, dict) and not set(text) <= PLURAL_FORMS:
            out |= card_texts(text, f"{prefix}{key}.")
        elif isinstance(text, dict):
            assert "other" in text, f"{prefix}{key}"
            forms = [set(PLACEHOLDER.findall(form)) for form in text.values()]
            assert all(form == forms[0] for form in forms), f"{prefix}{key}"
            out[f"{prefix}{key}"] = forms[0]
        else:
            out[f"{prefix}{key}"] = set(PLACEHOLDER.findall(text))
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_card_strings_match_english(language: str) -> None:
    """The card's STRINGS: every key of English, with its placeholders."""
    strings = card_strings()
    assert card_texts(strings[language]) == card_texts(strings["en"])


def test_every_language_ships_everything() -> None:
    """A language has translations, a catalogue, voice data and card strings."""
    shipped = {"en", *LANGUAGES}
    assert {path.stem for path in (PACKAGE / "translations").glob("*.json")} == shipped
    assert {path.stem for path in (PACKAGE / "routines").glob("*.json")} == shipped
    assert {path.stem for path in (PACKAGE / "sentences").glob("*.yaml")} == shipped
    assert set(card_strings()) == shipped
