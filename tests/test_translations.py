"""Translations: strings.json, English and Russian carry the same keys and placeholders."""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

import pytest

PACKAGE = Path(__file__).parents[1] / "custom_components" / "desk_break_coach"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


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


@pytest.mark.parametrize("language", ["ru"])
def test_language_has_every_key_and_placeholder(language: str) -> None:
    """Nothing is left untranslated or loses a placeholder."""
    english, other = load("translations/en.json"), load(f"translations/{language}.json")
    assert set(other) == set(english)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(other[key])) == set(PLACEHOLDER.findall(text)), (
            key
        )
