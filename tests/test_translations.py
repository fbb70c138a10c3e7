"""Every language carries what English carries.

The translations, the routine catalogue, the voice data and the card's strings of
each shipped language have English's keys and placeholders (and, for the catalogue,
its programs, steps, repetitions and times). Every catalogue keeps the safety words
of each exercise, every counted card text has the plural forms its language needs,
and every translation names every language.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

import pytest
import yaml

from custom_components.desk_break_coach.const import (
    FALLBACK_LANGUAGE,
    LANGUAGES as SHIPPED,
)

PACKAGE = Path(__file__).parents[1] / "custom_components" / "desk_break_coach"
PLACEHOLDER = re.compile(r"\{(\w+)(?::\w+)?\}")
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
    """Return the texts with placeholders: question, replies, messages, counts."""
    return {
        "question": data["question"],
        "comfort_question": data["comfort_question"],
        "duration": data["duration"],
        **flatten(data["replies"], "replies."),
        **flatten(data["messages"], "messages."),
        **flatten(data["progress"], "progress."),
        **{f"counts.{word}": "{n}" for word in data["counts"]},
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
        assert [(block.get("slots"), block.get("offered")) for block in theirs] == [
            (block.get("slots"), block.get("offered")) for block in blocks
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
    assert other["hour_words"]
    assert set(other["durations"].values()) >= {30, 60}  # half an hour, an hour
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


#: The safety words of the exercise instructions, per language: "stop if it
#: hurts", "no pain", the lying set's limits (ten times, one minute), "pain must
#: not increase" and "no return of pain". Each is matched case-insensitively.
SAFETY: dict[str, dict[str, str]] = {
    "en": {
        "stop": r"stop (at once )?if it hurts",
        "no_pain": r"\bno pain\b",
        "ten": r"\bten\b",
        "minute": r"\bone minute\b",
        "increase": r"pain must never increase|pain intensification is not allowed",
        "return": r"avoid any return of pain",
    },
    "ru": {
        "stop": r"если больно, (сразу )?остановитесь",
        "no_pain": r"без боли",
        "ten": r"не более десяти",
        "minute": r"не дольше одной минуты",
        "increase": r"боль не должна усиливаться|усиление боли недопустимо",
        "return": r"не допуская возобновления боли",
    },
    "de": {
        "stop": r"hör (sofort )?auf, wenn es wehtut",
        "no_pain": r"ohne schmerzen",
        "ten": r"\bzehn",
        "minute": r"\beine minute\b",
        "increase": r"schmerzen dürfen (nie|nicht) stärker werden",
        "return": r"lass es nicht wieder schmerzen",
    },
    "es": {
        "stop": r"para (enseguida )?si duele",
        "no_pain": r"\bsin dolor\b",
        "ten": r"\bdiez\b",
        "minute": r"\bun minuto\b",
        "increase": r"el dolor no debe aumentar|no se permite que el dolor aumente",
        "return": r"evita que vuelva el dolor",
    },
    "fr": {
        "stop": r"arrêtez (immédiatement )?si ça fait mal",
        "no_pain": r"\bsans douleur\b",
        "ten": r"\bdix\b",
        "minute": r"\bune minute\b",
        "increase": r"la douleur ne doit (jamais|pas) augmenter",
        "return": r"évitez tout retour de la douleur",
    },
    "it": {
        "stop": r"fermati (subito )?se fa male",
        "no_pain": r"\bsenza dolore\b",
        "ten": r"\bdieci\b",
        "minute": r"\bun minuto\b",
        "increase": r"il dolore non deve (mai )?aumentare",
        "return": r"evita che il dolore ritorni",
    },
    "nl": {
        "stop": r"stop (meteen )?als het pijn doet",
        "no_pain": r"\bzonder pijn\b",
        "ten": r"\btien\b",
        "minute": r"\b(een|één) minuut\b",
        "increase": r"pijn mag (nooit|niet) erger worden",
        "return": r"laat de pijn niet terugkomen",
    },
    "pl": {
        "stop": r"przerwij, jeśli boli",
        "no_pain": r"\bbez bólu\b",
        "ten": r"\bdziesięć\b",
        "minute": r"\bminutę\b",
        "increase": r"ból nie może się nasilać|nasilenie bólu jest niedopuszczalne",
        "return": r"nie dopuszczaj do powrotu bólu",
    },
    "pt": {
        "stop": r"pare (de imediato )?se doer",
        "no_pain": r"\bsem dor\b",
        "ten": r"\bdez\b",
        "minute": r"\bum minuto\b",
        "increase": r"a dor nunca deve aumentar|não é permitido que a dor aumente",
        "return": r"evite que a dor volte",
    },
    "uk": {
        "stop": r"якщо болить, (одразу )?зупиніться",
        "no_pain": r"без болю",
        "ten": r"не більше десяти",
        "minute": r"не довше однієї хвилини",
        "increase": r"біль не повинен посилюватися|посилення болю неприпустиме",
        "return": r"не допускаючи повернення болю",
    },
}
#: The plural categories of whole numbers (CLDR), which a counted text needs.
PLURAL_CATEGORIES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("en", "de", "nl"), frozenset({"one", "other"})),
    **dict.fromkeys(("es", "fr", "it", "pt"), frozenset({"one", "many", "other"})),
    **dict.fromkeys(("ru", "uk", "pl"), frozenset({"one", "few", "many", "other"})),
}


def steps(language: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Return every step of a catalogue by program and step id."""
    return {
        (program_id, step["id"]): step
        for program_id, program in catalogue(language)["programs"].items()
        for part in ("opening", "steps", "closing")
        for step in program.get(part, [])
    }


def safety_words(language: str, text: str) -> set[str]:
    """Return which of a language's safety words a text carries."""
    return {
        name
        for name, pattern in SAFETY[language].items()
        if re.search(pattern, text, re.IGNORECASE)
    }


def test_every_language_has_its_safety_words() -> None:
    """The table covers every shipped language."""
    assert set(SAFETY) == set(SHIPPED)
    assert set(PLURAL_CATEGORIES) == set(SHIPPED)
    # The English words are where the source documents put them.
    english = steps("en")
    assert {
        key
        for key, step in english.items()
        if "ten" in safety_words("en", step["instructions"])
    } == {key for key in english if key[0] == "neck_lying"}
    assert (
        sum(
            "stop" in safety_words("en", step["instructions"])
            for step in english.values()
        )
        >= 10
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_safety_words_are_kept(language: str) -> None:
    """Each exercise says what the English (and the Russian original) says about pain."""
    english, russian, other = steps("en"), steps("ru"), steps(language)
    for key, step in english.items():
        wanted = safety_words("en", step["instructions"])
        assert safety_words("ru", russian[key]["instructions"]) == wanted, ("ru", key)
        assert safety_words(language, other[key]["instructions"]) == wanted, key


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_card_plurals_have_every_form(language: str) -> None:
    """A counted card text has exactly the plural forms its language's rules use."""
    strings = card_strings()[language]

    def plurals(node: dict[str, Any], prefix: str = "") -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for key, value in node.items():
            if isinstance(value, dict) and set(value) <= PLURAL_FORMS:
                out[f"{prefix}{key}"] = set(value)
            elif isinstance(value, dict):
                out |= plurals(value, f"{prefix}{key}.")
        return out

    found = plurals(strings)
    assert found, language
    for key, forms in found.items():
        assert forms == PLURAL_CATEGORIES[language], (key, forms)


def test_every_translation_names_every_language() -> None:
    """The language option lists each shipped language, by its own name."""
    names = load("strings.json")
    own = {
        language: names[f"selector.language.options.{language}"] for language in SHIPPED
    }
    for language in SHIPPED:
        theirs = load(f"translations/{language}.json")
        assert {
            key.removeprefix("selector.language.options."): text
            for key, text in theirs.items()
            if key.startswith("selector.language.options.")
        } == own, language


def test_no_sentence_is_heard_in_another_language() -> None:
    """Every language's sentences are registered at once: none may match another's.

    A sentence that fit two languages would run two intents, and the reply could
    come in the wrong language. Each template is expanded (wildcards filled in)
    and matched against every other language's templates, as Assist matches them.
    """
    from hassil.intents import Intents, WildcardSlotList  # noqa: PLC0415
    from hassil.parse_expression import parse_sentence  # noqa: PLC0415
    from hassil.recognize import recognize  # noqa: PLC0415
    from hassil.sample import sample_expression  # noqa: PLC0415

    slots = {"minutes": "10", "profile": "Anna", "level": "7"}
    voices = {language: voice_data(language) for language in SHIPPED}
    templates = {}
    for language, data in voices.items():
        found = Intents.from_dict(
            {
                "language": language,
                "intents": {
                    f"{intent_type}_{number}": {
                        "data": [{"sentences": block["sentences"]}]
                    }
                    for intent_type, blocks in data["intents"].items()
                    for number, block in enumerate(blocks)
                },
            }
        )
        for name in slots:
            found.slot_lists[name] = WildcardSlotList(name)
        templates[language] = found
    heard = []
    for language, data in voices.items():
        for blocks in data["intents"].values():
            for block in blocks:
                for template in block["sentences"]:
                    for name, value in slots.items():
                        template = template.replace(f"{{{name}}}", value)
                    expression = parse_sentence(template).expression
                    for _, sample in zip(
                        range(500), sample_expression(expression), strict=False
                    ):
                        heard.extend(
                            (language, sample, other)
                            for other, found in templates.items()
                            if other != language and recognize(sample, found)
                        )
    assert not heard
