"""The README and docs/ against the code: every list the code defines, every link."""

from __future__ import annotations

import json
from pathlib import Path
import re

from custom_components.desk_break_coach.const import DEFAULT_OPTIONS
from custom_components.desk_break_coach.engine import EventType
from custom_components.desk_break_coach.llm import TOOLS

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
MANIFEST = ROOT / "custom_components" / "desk_break_coach" / "manifest.json"


def _table_column(text: str, header: str) -> list[str]:
    """Return the backticked names in the first column of the table `header` starts."""
    start = text.index(f"| {header} |")
    table = text[start:].split("\n\n", maxsplit=1)[0]
    return [
        name
        for row in table.splitlines()[2:]
        for name in re.findall(r"`([^`]+)`", row.split("|")[1])
    ]


def test_every_event_type_is_listed() -> None:
    """docs/reference.md lists every event type, and no other."""
    listed = _table_column((DOCS / "reference.md").read_text(), "event type")
    assert sorted(listed) == sorted(event.value for event in EventType)


def test_every_llm_tool_is_listed() -> None:
    """docs/reference.md lists every LLM tool, and no other."""
    listed = _table_column((DOCS / "reference.md").read_text(), "tool")
    assert sorted(listed) == sorted(TOOLS)


def test_every_option_is_listed() -> None:
    """docs/configuration.md's options table has every option, and no other."""
    listed = _table_column((DOCS / "configuration.md").read_text(), "option")
    assert sorted(listed) == sorted(DEFAULT_OPTIONS)


def test_works_with_rows_are_tests() -> None:
    """Each "Works with" row names tests that exist in tests/test_sources.py."""
    readme = README.read_text()
    table = readme[readme.index("| source | pick |") :].split("\n\n")[0]
    sources = (Path(__file__).parent / "test_sources.py").read_text()
    rows = table.splitlines()[2:]
    assert len(rows) >= 12
    for row in rows:
        names = re.findall(r"`(test_[a-z_]+)`", row.split("|")[4])
        assert names, row
        for name in names:
            assert f"def {name}(" in sources, name


def test_images_by_absolute_url() -> None:
    """HACS shows the README inside Home Assistant: images by raw.githubusercontent."""
    repository = json.loads(MANIFEST.read_text())["documentation"]
    owner_repo = repository.removeprefix("https://github.com/")
    images = re.findall(r'<img src="([^"]+)"', README.read_text())
    images += re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README.read_text())
    assert images
    for image in images:
        assert image.startswith(
            f"https://raw.githubusercontent.com/{owner_repo}/main/"
        ), image
        assert (ROOT / image.split("/main/", 1)[1]).is_file(), image


def test_relative_links_point_to_files() -> None:
    """Every relative link of the README and docs/ points to a file that exists."""
    for page in [README, *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), (page.name, target)


def test_readme_is_a_first_screen() -> None:
    """The README stays short; reference and development live in docs/."""
    readme = README.read_text()
    assert len(readme.splitlines()) < 250  # it was 743 lines
    for heading in (
        "## Which presence sensor?",
        "### Works with",
        "## Troubleshooting",
    ):
        assert heading in readme
    assert "## Benchmarks" not in readme
