"""Texts with counts that agree: the templates' `{value:word}` placeholders.

A template names what a number counts: "Break snoozed for {minutes:minutes}."
says "Break snoozed for 1 minute." or «Перерыв отложен на 21 минуту», with the
forms of `counts.minutes` of the language. `{minutes:duration}` says a number of
minutes as a person would ("8 hours", "1 hour 20 minutes"), and `{progress}`
today's breaks against the target ("2 of 4 breaks done today", or past it
"5 breaks today; target met"). A plain `{value}` is the value as it is.

Pure Python: no Home Assistant import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .plural import say, split_minutes

#: The format specification that says minutes as hours and minutes.
DURATION = "duration"
#: Hours and minutes together, where a language file says nothing else.
_DURATION = "{hours:hours} {minutes:minutes}"


@dataclass(frozen=True, slots=True)
class Words:
    """The counted words of one language, and the texts built from them."""

    language: str
    #: Forms per counted word: {"minutes": {"one": "{n} minute", "other": ...}}.
    counts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Hours and minutes together: "{hours:hours} {minutes:minutes}".
    duration: str = _DURATION
    #: Today's breaks: "below" the target and "met" (at or past it).
    progress: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, language: str, data: Mapping[str, Any]) -> Words:
        """Build from the `counts`, `duration` and `progress` of a language file."""
        return cls(
            language=language,
            counts={
                str(word): {str(k): str(v) for k, v in forms.items()}
                for word, forms in (data.get("counts") or {}).items()
            },
            duration=str(data.get("duration") or _DURATION),
            progress={str(k): str(v) for k, v in (data.get("progress") or {}).items()},
        )

    def count(self, word: str, n: int) -> str:
        """Return `n` with the word that agrees with it ("1 minute", «5 минут»)."""
        forms = self.counts.get(word)
        return str(n) if forms is None else say(self.language, forms, n)

    def minutes(self, minutes: int) -> str:
        """Return minutes as said: "45 minutes", "8 hours", "1 hour 20 minutes"."""
        hours, rest = split_minutes(minutes)
        if not hours:
            return self.count("minutes", rest)
        if not rest:
            return self.count("hours", hours)
        return self.fill(self.duration, {"hours": hours, "minutes": rest})

    def breaks(self, done: int, target: int) -> str:
        """Return today's breaks against the target, saying when it is met."""
        key = "met" if target and done >= target else "below"
        template = self.progress.get(key)
        if template is None:
            return f"{done}/{target}"
        return self.fill(template, {"done": done, "target": target})

    def fill(self, template: str, values: Mapping[str, Any]) -> str:
        """Fill a template; numbers are said with the word their field names.

        Raises KeyError, IndexError or ValueError for a template that does not
        fit the values.
        """
        filled = {
            key: _Number(value, self)
            if isinstance(value, int) and not isinstance(value, bool)
            else value
            for key, value in values.items()
        }
        if "progress" not in filled and {"breaks_today", "daily_target"} <= set(values):
            filled["progress"] = self.breaks(
                int(values["breaks_today"]), int(values["daily_target"])
            )
        return template.format_map(filled)


@dataclass(frozen=True, slots=True)
class _Number:
    """A number in a template: `{n}` as digits, `{n:minutes}` with its word."""

    value: int
    words: Words

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self.value)
        if spec == DURATION:
            return self.words.minutes(self.value)
        if spec not in self.words.counts:
            msg = f"no counted word {spec!r} in {self.words.language}"
            raise ValueError(msg)
        return self.words.count(spec, self.value)

    def __str__(self) -> str:
        return str(self.value)
