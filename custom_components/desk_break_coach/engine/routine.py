"""The routine catalogue and the day's split of a program across breaks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: The `reps` option's range; a program maps it onto its own range.
REPS_RANGE = (10, 20)


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One exercise or massage technique."""

    id: str
    name: str
    instructions: str
    cue: str
    seconds: int | None = None
    #: The step's own repetitions (a person's own exercise); None: the program's.
    reps: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Program:
    """A routine: steps split across the day, plus steps that open and close every part."""

    id: str
    name: str
    reps_min: int
    reps_max: int
    max_seconds: int
    steps: tuple[Step, ...]
    opening: tuple[Step, ...] = ()
    closing: tuple[Step, ...] = ()
    #: Most seconds of this program per day (self-massage: 25 minutes), if capped.
    daily_seconds: int | None = None

    def reps(self, option_reps: int) -> int:
        """Map the `reps` option (10-20) onto this program's range."""
        low, high = REPS_RANGE
        fraction = (min(max(option_reps, low), high) - low) / (high - low)
        return self.reps_min + round(fraction * (self.reps_max - self.reps_min))

    def seconds(self, step: Step, option_seconds: int) -> int:
        """Time for one step: the step's own length, or the option capped by the program."""
        if step.seconds is not None:
            return step.seconds
        return min(option_seconds, self.max_seconds)

    def step(self, step_id: str) -> Step:
        """Return a step by id (a stored break may name one since removed: the first)."""
        for step in (*self.opening, *self.steps, *self.closing):
            if step.id == step_id:
                return step
        return self.steps[0]

    def part(self, index: int, parts: int) -> tuple[Step, ...]:
        """Return the steps of break `index` (0-based, cycling) when the day has `parts` breaks."""
        return self.opening + split(self.steps, parts)[index % parts] + self.closing


def split(steps: tuple[Step, ...], parts: int) -> list[tuple[Step, ...]]:
    """Split `steps` into `parts` consecutive, near-equal, non-empty chunks.

    With more parts than steps, the extra parts repeat single steps from the start,
    so every break still has something to do.
    """
    count = len(steps)
    if parts <= count:
        base, extra = divmod(count, parts)
        chunks: list[tuple[Step, ...]] = []
        start = 0
        for index in range(parts):
            size = base + (1 if index < extra else 0)
            chunks.append(steps[start : start + size])
            start += size
        return chunks
    return [(steps[index % count],) for index in range(parts)]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """All programs of one language."""

    language: str
    programs: Mapping[str, Program]

    def capped(self) -> Program | None:
        """Return the program with a daily time cap (the self-massage), if any."""
        return next((p for p in self.programs.values() if p.daily_seconds), None)

    def program(self, program_id: str) -> Program:
        """Return the program by id, falling back to the first one."""
        return self.programs.get(program_id) or next(iter(self.programs.values()))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Catalogue:
        """Build the catalogue from its JSON form."""

        def steps(items: list[Mapping[str, Any]]) -> tuple[Step, ...]:
            return tuple(
                Step(
                    id=item["id"],
                    name=item["name"],
                    instructions=item["instructions"],
                    cue=item["cue"],
                    seconds=item.get("seconds"),
                )
                for item in items
            )

        programs = {
            program_id: Program(
                id=program_id,
                name=raw["name"],
                reps_min=raw["reps"][0],
                reps_max=raw["reps"][1],
                max_seconds=raw["max_seconds"],
                steps=steps(raw["steps"]),
                opening=steps(raw.get("opening", [])),
                closing=steps(raw.get("closing", [])),
                daily_seconds=raw.get("daily_seconds"),
            )
            for program_id, raw in data["programs"].items()
        }
        return cls(language=data["language"], programs=programs)
