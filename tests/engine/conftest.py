"""Engine fixtures: no Home Assistant here."""

from __future__ import annotations

from datetime import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from custom_components.desk_break_coach.engine import BreakEngine, Catalogue, Settings

ROUTINES = (
    Path(__file__).parents[2] / "custom_components" / "desk_break_coach" / "routines"
)
TZ = ZoneInfo("Europe/Berlin")


def load_catalogue(language: str = "en") -> Catalogue:
    """Return the shipped catalogue of one language."""
    return Catalogue.from_dict(
        json.loads((ROUTINES / f"{language}.json").read_text("utf-8"))
    )


def local(*args: int) -> datetime:
    """Return a local (Berlin) time."""
    return datetime(*args, tzinfo=TZ)  # type: ignore[misc]


@pytest.fixture(name="catalogue")
def catalogue_fixture() -> Catalogue:
    """Return the English catalogue."""
    return load_catalogue()


@pytest.fixture(name="engine")
def engine_fixture(catalogue: Catalogue) -> BreakEngine:
    """Return an engine with default settings."""
    return BreakEngine(Settings(), catalogue, TZ)
