"""Collects the printed figures of a benchmark run and writes them to results/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
ORDER = ("Workday cost", "Scale", "Thirty days")


@dataclass
class Report:
    """Titled blocks of text, printed at the end of the run in the order added."""

    sections: dict[str, list[str]] = field(default_factory=dict)

    def add(self, title: str, lines: list[str]) -> None:
        """Add (or replace) a section."""
        self.sections[title] = lines

    def render(self) -> str:
        """All sections as text, in ORDER."""
        titles = sorted(
            self.sections,
            key=lambda t: ORDER.index(t) if t in ORDER else len(ORDER),
        )
        return "\n\n".join(
            "\n".join([f"## {title}", "", *self.sections[title]]) for title in titles
        )

    def save(self) -> Path:
        """Write the figures to results/latest.md and return its path."""
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / "latest.md"
        path.write_text(self.render() + "\n", encoding="utf-8")
        return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    """Return a Markdown table with right-aligned figures."""
    cells = [header, *[[str(cell) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for index, row in enumerate(cells):
        padded = [
            row[i].ljust(widths[i]) if i == 0 else row[i].rjust(widths[i])
            for i in range(len(row))
        ]
        lines.append("| " + " | ".join(padded) + " |")
        if index == 0:
            lines.append(
                "|"
                + "|".join(
                    "-" * (w + 1) + ("-" if i == 0 else ":")
                    for i, w in enumerate(widths)
                )
                + "|"
            )
    return lines


REPORT = Report()
