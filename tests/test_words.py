"""Words and figures: counts agree with their numbers; shipped texts are clean.

The plural helper follows each language's CLDR rules; every counted word of every
shipped language has its forms; the texts a person reads or hears have no double
space and no raw id where a name exists.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

import pytest
import yaml

from custom_components.desk_break_coach.voice.language import _load_all
from custom_components.desk_break_coach.voice.plural import LANGUAGES, category
from custom_components.desk_break_coach.voice.words import Words

from .test_translations import card_strings

PACKAGE = Path(__file__).parents[1] / "custom_components" / "desk_break_coach"
VOICES = _load_all()
SHIPPED = sorted(VOICES)
NUMBERS = (0, 1, 2, 5, 11, 21)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["0 minutes", "1 minute", "2 minutes", "5 minutes", "11 minutes", "21 minutes"]),
        ("de", ["0 Minuten", "1 Minute", "2 Minuten", "5 Minuten", "11 Minuten", "21 Minuten"]),
        ("ru", ["0 минут", "1 минуту", "2 минуты", "5 минут", "11 минут", "21 минуту"]),
        ("uk", ["0 хвилин", "1 хвилину", "2 хвилини", "5 хвилин", "11 хвилин", "21 хвилину"]),
        ("pl", ["0 minut", "1 minutę", "2 minuty", "5 minut", "11 minut", "21 minut"]),
        ("es", ["0 minutos", "1 minuto", "2 minutos", "5 minutos", "11 minutos", "21 minutos"]),
        ("it", ["0 minuti", "1 minuto", "2 minuti", "5 minuti", "11 minuti", "21 minuti"]),
        ("fr", ["0 minute", "1 minute", "2 minutes", "5 minutes", "11 minutes", "21 minutes"]),
        ("nl", ["0 minuten", "1 minuut", "2 minuten", "5 minuten", "11 minuten", "21 minuten"]),
    ],
)  # fmt: skip
def test_minutes_agree_in_every_shipped_language(
    language: str, expected: list[str]
) -> None:
    """0, 1, 2, 5, 11 and 21 minutes, as the language says them."""
    words = VOICES[language].words
    assert [words.count("minutes", n) for n in NUMBERS] == expected


@pytest.mark.parametrize(
    ("language", "categories"),
    [
        ("en", ["other", "one", "other", "other", "other", "other"]),
        ("de", ["other", "one", "other", "other", "other", "other"]),
        ("nl", ["other", "one", "other", "other", "other", "other"]),
        ("ru", ["many", "one", "few", "many", "many", "one"]),
        ("uk", ["many", "one", "few", "many", "many", "one"]),
        ("pl", ["many", "one", "few", "many", "many", "many"]),
        ("es", ["other", "one", "other", "other", "other", "other"]),
        ("it", ["other", "one", "other", "other", "other", "other"]),
        ("fr", ["one", "one", "other", "other", "other", "other"]),
        ("pt", ["one", "one", "other", "other", "other", "other"]),
    ],
)
def test_plural_categories_follow_cldr(language: str, categories: list[str]) -> None:
    """The category of 0, 1, 2, 5, 11 and 21 in each language with rules."""
    assert [category(language, n) for n in NUMBERS] == categories


def test_the_rules_beyond_the_first_numbers() -> None:
    """The teens, 22-24, 112 and a million: where the rules differ."""
    assert [category("ru", n) for n in (12, 14, 22, 24, 25, 101, 111, 112)] == [
        "many", "many", "few", "few", "many", "one", "many", "many",
    ]  # fmt: skip
    assert [category("pl", n) for n in (12, 22, 101, 122)] == [
        "many", "few", "many", "few",
    ]  # fmt: skip
    assert category("es", 1_000_000) == "many"
    assert category("fr", 2_000_000) == "many"
    assert category("pt-BR", 0) == "one"
    assert category("xx", 1) == "one"  # an unknown language counts as English
    assert {"en", "de", "ru", "uk", "pl", "es", "fr", "it", "nl", "pt"} <= LANGUAGES


@pytest.mark.parametrize("language", SHIPPED)
def test_every_counted_word_has_its_forms(language: str) -> None:
    """English's counted words, each with a form for every category it needs."""
    words = VOICES[language].words
    assert set(words.counts) == set(VOICES["en"].words.counts)
    for word, forms in words.counts.items():
        needed = {category(language, n) for n in range(200)}
        assert needed <= set(forms), (word, needed - set(forms))
        for n in range(200):
            assert str(n) in words.count(word, n), (word, n)


def test_hours_and_minutes_as_a_person_says_them() -> None:
    """480 minutes are 8 hours; 95 are 1 hour 35 minutes."""
    en, de, ru = (VOICES[lang].words for lang in ("en", "de", "ru"))
    assert en.minutes(45) == "45 minutes"
    assert en.minutes(60) == "1 hour"
    assert en.minutes(95) == "1 hour 35 minutes"
    assert de.minutes(480) == "8 Stunden"
    assert de.minutes(61) == "1 Stunde 1 Minute"
    assert ru.minutes(480) == "8 часов"
    assert ru.minutes(142) == "2 часа 22 минуты"


def test_past_the_target_says_it_is_met() -> None:
    """Never "5 of 4": past the target the count stands alone, and it is met."""
    en, de, ru = (VOICES[lang].words for lang in ("en", "de", "ru"))
    assert en.breaks(2, 4) == "2 of 4 breaks done today"
    assert en.breaks(5, 4) == "5 breaks today; target met"
    assert en.breaks(1, 1) == "1 break today; target met"
    assert ru.breaks(0, 1) == "Сегодня сделано 0 из 1 перерыва"
    assert ru.breaks(2, 4) == "Сегодня сделано 2 из 4 перерывов"
    assert ru.breaks(7, 4) == "Сегодня сделано 7 перерывов, цель достигнута"
    assert de.breaks(0, 1) == "Heute hast du 0 von 1 Pause geschafft"
    assert de.breaks(5, 4) == "Heute hast du 5 Pausen geschafft – Ziel erreicht"


def test_the_new_languages_count_breaks_and_hours() -> None:
    """Below and past the target, and hours with minutes, in the other languages."""
    words = {
        lang: VOICES[lang].words for lang in ("es", "fr", "it", "nl", "pl", "pt", "uk")
    }
    assert words["es"].breaks(0, 1) == "Hoy llevas 0 de 1 descanso"
    assert words["es"].breaks(5, 4) == "Hoy llevas 5 descansos: objetivo cumplido"
    assert words["fr"].breaks(2, 4) == "Pauses aujourd'hui : 2 sur 4"
    assert words["it"].breaks(1, 1) == "Oggi hai fatto 1 pausa: obiettivo raggiunto"
    assert words["nl"].breaks(2, 4) == "Vandaag 2 van de 4 pauzes gehouden"
    assert words["pl"].breaks(0, 1) == "Dzisiaj zrobiono 0 z 1 przerwy"
    assert words["pl"].breaks(2, 4) == "Dzisiaj zrobiono 2 z 4 przerw"
    assert words["pl"].breaks(22, 4) == "Dzisiaj zrobiono 22 przerwy, cel osiągnięty"
    assert words["pt"].breaks(5, 4) == "Hoje já fez 5 pausas: objetivo cumprido"
    assert words["uk"].breaks(2, 4) == "Сьогодні зроблено 2 з 4 перерв"
    assert words["uk"].breaks(21, 4) == "Сьогодні зроблено 21 перерву, мету досягнуто"
    assert words["es"].minutes(142) == "2 horas y 22 minutos"
    assert words["fr"].minutes(61) == "1 heure et 1 minute"
    assert words["nl"].minutes(480) == "8 uur"
    assert words["pl"].minutes(142) == "2 godziny 22 minuty"
    assert words["uk"].minutes(305) == "5 годин 5 хвилин"


def test_a_template_names_only_words_it_has() -> None:
    """A misspelt counted word is an error, not a silent bare number."""
    words = Words("en", counts={"minutes": {"one": "{n} minute"}})
    with pytest.raises(ValueError, match="minuets"):
        words.fill("{m:minuets}", {"m": 3})
    assert words.fill("{m:minutes} and {m}", {"m": 1}) == "1 minute and 1"


# --- Shipped texts ---------------------------------------------------------------

#: A snake_case id (program, step, option, attribute) left in a text.
RAW_ID = re.compile(r"(?<![{\w`.%/-])[a-z]+(?:_[a-z0-9]+)+(?![\w}`])")
#: What a text may name on purpose: placeholders, code in backticks, references.
_QUOTED = re.compile(r"\{[^}]*\}|`[^`]*`|\[%key:[^%]*%\]")


def _leaves(data: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(data, dict):
        return {
            key: text
            for name, value in data.items()
            for key, text in _leaves(value, f"{prefix}{name}.").items()
        }
    if isinstance(data, list):
        return {
            key: text
            for index, value in enumerate(data)
            for key, text in _leaves(value, f"{prefix}{index}.").items()
        }
    return {prefix.rstrip("."): data} if isinstance(data, str) else {}


def shipped_texts(language: str) -> dict[str, str]:
    """Every text of a language a person reads or hears, by where it is."""
    texts = _leaves(
        json.loads((PACKAGE / "translations" / f"{language}.json").read_text()),
        "translations.",
    )
    catalogue = json.loads((PACKAGE / "routines" / f"{language}.json").read_text())
    texts |= {
        key: text
        for key, text in _leaves(catalogue["programs"], "routines.").items()
        if not key.endswith(".id")
    }
    voice = yaml.safe_load((PACKAGE / "sentences" / f"{language}.yaml").read_text())
    for part in ("question", "comfort_question", "replies", "messages", "progress"):
        texts |= _leaves({part: voice[part]}, "sentences.")
    texts |= _leaves(card_strings()[language], "card.")
    return texts


@pytest.mark.parametrize("language", SHIPPED)
def test_no_double_space_or_raw_id_in_any_shipped_text(language: str) -> None:
    """Texts are clean: one space between words, names rather than ids."""
    texts = shipped_texts(language)
    assert len(texts) > 300
    doubled = [key for key, text in texts.items() if "  " in text]
    assert not doubled
    raw = {
        key: found
        for key, text in texts.items()
        if (found := RAW_ID.findall(_QUOTED.sub("", text)))
    }
    assert not raw


def test_the_shipped_text_check_can_fail() -> None:
    """The check above finds a double space and a raw id."""
    assert RAW_ID.findall(_QUOTED.sub("", "Start neck_sitting now")) == ["neck_sitting"]
    assert not RAW_ID.findall(_QUOTED.sub("", "Set {config_entry_id} or `ask_comfort`"))


SAFETY = {
    "en": r"hurt|pain",
    "ru": r"бол",
    "de": r"weh|Schmerz",
    "es": r"duele|dolor",
    "fr": r"fait mal|douleur",
    "it": r"fa male|dolore",
    "nl": r"pijn",
    "pl": r"boli|bólu|ból",
    "pt": r"doer|dor",
    "uk": r"бол",
}


@pytest.mark.parametrize("language", SHIPPED)
def test_every_exercise_says_stop_if_it_hurts(language: str) -> None:
    """Each built-in step's instructions carry the safety words."""
    catalogue = json.loads((PACKAGE / "routines" / f"{language}.json").read_text())
    for program_id, program in catalogue["programs"].items():
        for part in ("opening", "steps", "closing"):
            for step in program.get(part, []):
                assert re.search(
                    SAFETY[language], step["instructions"], re.IGNORECASE
                ), (
                    program_id,
                    step["id"],
                )


@pytest.mark.parametrize("language", SHIPPED)
def test_no_advice_beyond_the_documents(language: str) -> None:
    """Stop, rest, talk to your doctor; no medication, no diagnosis."""
    banned = {
        "en": r"medication|severe condition",
        "ru": r"лекарств|тяжёл\w* состояни|Не расслышал",
        "de": r"Medikament|schwere\w* Zustand",
        "es": r"medicaci|medicament|estado grave",
        "fr": r"médicament|traitement habituel|état sévère|état grave",
        "it": r"farmac|condizion\w* grav",
        "nl": r"medicatie|medicijn|ernstige toestand",
        "pl": r"\bleki\b|leków|ciężki\w* stan",
        "pt": r"medicação|medicamento|estado grave",
        "uk": r"ліки|ліків|тяжк\w* стан",
    }[language]
    found = [
        key for key, text in shipped_texts(language).items() if re.search(banned, text)
    ]
    assert not found


def test_one_russian_disclaimer() -> None:
    """Russian says "coaching, not medical advice" one way wherever it says it."""
    disclaimer = "Это подсказки для занятий, а не медицинская консультация."
    saying = {
        key: text
        for key, text in shipped_texts("ru").items()
        if "медицинск" in text and "а не" in text
    }
    assert len(saying) >= 2  # the first-run consent and the card's note
    assert all(disclaimer in text for text in saying.values()), saying
