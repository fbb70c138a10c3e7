"""Browser tests talk to a Home Assistant of their own, not the test harness's."""

from __future__ import annotations

from collections.abc import Iterator
import os
import subprocess

import pytest

from .cdp import find_chromium
from .server import REPO, DevelopServer, free_port


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """No in-process Home Assistant here (overrides the package-wide fixture)."""


@pytest.fixture(name="chromium")
def chromium_fixture() -> str:
    """Debian's Chromium; installed by `scripts/setup --browser` when missing."""
    if (path := find_chromium()) is None:
        subprocess.run(
            [REPO / "scripts" / "setup", "develop", "--browser"],
            check=False,
            stdin=subprocess.DEVNULL,
            timeout=900,
        )
        path = find_chromium()
    if path is None:
        message = "Chromium is not installed and could not be installed (scripts/setup --browser)"
        if os.environ.get("DBC_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(name="home_assistant")
def home_assistant_fixture(
    socket_enabled: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DevelopServer]:
    """Start a real Home Assistant with the demo profile by `scripts/develop`."""
    server = DevelopServer(tmp_path_factory.mktemp("ha-config"), free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
