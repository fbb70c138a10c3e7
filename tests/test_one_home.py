"""Facts written once: the version, the program ids, the shipped languages."""

from __future__ import annotations

import json
from pathlib import Path
import tomllib

from custom_components.desk_break_coach import const
from custom_components.desk_break_coach.engine import ProgramId, Settings
from custom_components.desk_break_coach.engine.comfort import NEXT_PROGRAM

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "custom_components" / const.DOMAIN


def test_one_version() -> None:
    """The package and the integration's manifest carry the same version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    manifest = json.loads((PACKAGE / "manifest.json").read_text(encoding="utf-8"))
    assert project["project"]["version"] == manifest["version"]


def test_programs_are_the_engines() -> None:
    """The option's programs, the default and the next program are the engine's ids."""
    assert tuple(program.value for program in ProgramId) == const.PROGRAMS
    assert Settings().program in const.PROGRAMS
    assert const.DEFAULT_PROGRAM == ProgramId.NECK_SITTING
    assert set(NEXT_PROGRAM) | set(NEXT_PROGRAM.values()) <= set(const.PROGRAMS)


def test_every_catalogue_has_exactly_the_programs() -> None:
    """Each shipped catalogue has each program id, and no other."""
    catalogues = sorted((PACKAGE / "routines").glob("*.json"))
    assert [path.stem for path in catalogues] == sorted(const.LANGUAGES)
    for path in catalogues:
        programs = json.loads(path.read_text(encoding="utf-8"))["programs"]
        assert list(programs) == list(const.PROGRAMS), path.name


def test_languages_fold_once() -> None:
    """Regional and underscore forms fall on the shipped language; others on English."""
    assert const.shipped_language("de-CH") == "de"
    assert const.shipped_language("ru_RU") == "ru"
    assert const.shipped_language("EN-gb") == "en"
    assert const.shipped_language("pt-BR") == "pt"
    assert const.shipped_language("sv") == const.FALLBACK_LANGUAGE
    assert const.shipped_language(None) == const.FALLBACK_LANGUAGE
