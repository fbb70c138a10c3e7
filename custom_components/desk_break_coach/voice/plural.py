"""One way to say a count: CLDR plural rules and the counted words of a language.

A count is said as its number with a word that agrees with it: "1 minute",
"2 minutes"; «1 минуту», «2 минуты», «5 минут», «21 минуту». Which form a number
takes is the language's plural category (`category`, the rules of the Unicode
CLDR for whole numbers); the forms themselves are data (`counts` in
`sentences/<language>.yaml`, one entry per counted word and grammatical use).
The card has the same helper in JavaScript (`Intl.PluralRules`).

Pure Python: no Home Assistant import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

#: The CLDR plural categories a form may be given for.
CATEGORIES: Final = ("zero", "one", "two", "few", "many", "other")


def _one_other(n: int) -> str:
    """English, German, Dutch: "1 minute", "0 minutes", "2 minutes"."""
    return "one" if n == 1 else "other"


def _millions(n: int) -> bool:
    return n != 0 and n % 1_000_000 == 0


def _romance(n: int) -> str:
    """Spanish, Italian: one for 1; many for whole millions ("un millón de")."""
    if n == 1:
        return "one"
    return "many" if _millions(n) else "other"


def _zero_one(n: int) -> str:
    """French, Portuguese (Brazil): one for 0 and 1; many for whole millions."""
    if n in {0, 1}:
        return "one"
    return "many" if _millions(n) else "other"


def _east_slavic(n: int) -> str:
    """Russian, Ukrainian: 1, 21 one; 2-4, 22-24 few; 0, 5-20, 25-30 many."""
    last, last_two = n % 10, n % 100
    if last == 1 and last_two != 11:
        return "one"
    if 2 <= last <= 4 and not 12 <= last_two <= 14:
        return "few"
    return "many"


def _polish(n: int) -> str:
    """Polish: 1 one; 2-4, 22-24 few; 0, 5-21, 25-31 many."""
    if n == 1:
        return "one"
    last, last_two = n % 10, n % 100
    if 2 <= last <= 4 and not 12 <= last_two <= 14:
        return "few"
    return "many"


_RULES: Final[dict[str, Callable[[int], str]]] = {
    "en": _one_other,
    "de": _one_other,
    "nl": _one_other,
    "es": _romance,
    "it": _romance,
    "fr": _zero_one,
    "pt": _zero_one,
    "ru": _east_slavic,
    "uk": _east_slavic,
    "pl": _polish,
}

#: The languages whose rules are known.
LANGUAGES: Final = frozenset(_RULES)


def category(language: str, n: int) -> str:
    """Return the CLDR plural category of a whole number in a language.

    An unknown language counts as English; a negative number as its size.
    """
    base = language.replace("_", "-").split("-")[0].lower()
    return _RULES.get(base, _one_other)(abs(int(n)))


def say(language: str, forms: Mapping[str, str], n: int) -> str:
    """Return the form of a counted word for `n`, with `{n}` filled in.

    `forms` maps categories to texts ("{n} minute"); a category without a form
    falls back on `other`, then `many`.
    """
    form = (
        forms.get(category(language, n))
        or forms.get("other")
        or forms.get("many")
        or "{n}"
    )
    return form.replace("{n}", str(n))


def split_minutes(minutes: int) -> tuple[int, int]:
    """Return whole hours and the minutes left: 480 -> (8, 0), 95 -> (1, 35)."""
    total = max(0, int(minutes))
    return total // 60, total % 60
