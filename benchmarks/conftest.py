"""Fixtures for the benchmarks: a real Home Assistant per run, as in the tests."""

from __future__ import annotations

from collections.abc import Iterator
import logging
import os
from pathlib import Path

import pytest

# Imported before the `hass` fixture runs, so that Home Assistant resolves
# `custom_components` to this repository (see tests/conftest.py).
import custom_components.desk_break_coach  # noqa: F401
from tests.reliability.common import file_storage

from .report import REPORT


@pytest.fixture(autouse=True)
def frozen_before_hass(request: pytest.FixtureRequest) -> None:
    """Freeze time before Home Assistant starts, in modules marked `freeze_time`.

    Defined before the fixtures that need `hass`, so pytest sets it up first and
    every timer uses the frozen clock. Unmarked modules measure real time.
    """
    if request.node.get_closest_marker("freeze_time") is not None:
        request.getfixturevalue("freezer")


@pytest.fixture
def hass_config_dir(tmp_path: Path) -> str:
    """Each run gets a configuration directory of its own."""
    return str(tmp_path)


@pytest.fixture(autouse=True)
def storage_on_disk(hass_storage: dict[str, object]) -> Iterator[None]:
    """Home Assistant's own file storage, not the tests' in-memory dict.

    The dict's mock keeps every write it saw, which grows memory and costs CPU
    a real installation does not spend.
    """
    with file_storage():
        yield


@pytest.fixture(autouse=True)
def production_log_levels() -> Iterator[None]:
    """Log as an installation does by default (warnings), not at the tests' INFO.

    Formatting thousands of INFO lines (entity registrations, the recorder's SQL)
    would otherwise be most of the CPU time measured.
    """
    names = (
        "",
        "homeassistant",
        "custom_components",
        "sqlalchemy",
        "sqlalchemy.engine",
    )
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load integrations from custom_components."""


@pytest.fixture
def mock_recorder_before_hass(async_setup_recorder_instance: object) -> None:
    """Prepare the recorder's database before Home Assistant starts."""


@pytest.fixture
def persistent_database() -> bool:
    """Write the recorder's SQLite database to a file, as an installation does."""
    return True


@pytest.fixture
def enable_statistics() -> bool:
    """Compile statistics every 5 minutes, as an installation does.

    BENCH_STATISTICS=0 turns compiling off, to see what it costs.
    """
    return os.environ.get("BENCH_STATISTICS", "1") != "0"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures after the run (pytest captures output while tests run)."""
    text = REPORT.render()
    if text:
        terminalreporter.write_sep("=", "benchmark figures")
        terminalreporter.write(text + "\n")
        path = REPORT.save()
        terminalreporter.write_line(f"(also written to {path})")


@pytest.fixture
def expected_lingering_timers() -> bool:
    """Allow the day's timers to be armed at the end, as in a running instance."""
    return True
