"""A real Home Assistant killed with SIGKILL during a break, then started again.

The server is the project's own `scripts/develop` (the pinned develop release,
on a fresh configuration directory and a free port, so a developer's instance
is never touched), driven over its REST API as the demo owner.

What survives, and why: completed breaks and the streak are saved the moment
they happen, so they are intact. The break in progress resumes: starting it
saved it at once, with the time its current step ends, and after the restart
the coach catches up with the wall clock, so the routine goes on at the step
the clock says (a step whose time ran out while Home Assistant was down counts
as done). It is not abandoned, because the person very likely kept exercising
while the server was down, and finishing it must still count.

Deselect with `-m "not server"` (it takes about a minute; the first run also
builds the develop environment).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
import json
import os
from pathlib import Path
import signal
import time
from typing import Any

import aiohttp
import pytest

from tests.browser.ha_api import HomeAssistantApi
from tests.browser.server import DOMAIN, DevelopServer, free_port

pytestmark = pytest.mark.server

PROFILE = "demo_desk"  # the demo profile "Demo desk" scripts/develop creates


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """No in-process Home Assistant here (overrides the package-wide fixture)."""


class Server(DevelopServer):
    """The browser test's `scripts/develop` server, which can also be killed."""

    def kill(self) -> None:
        """SIGKILL Home Assistant: no shutdown, no final write."""
        pid = int((self.config / "develop.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{pid}").exists()

    def stored(self, entry_id: str) -> dict[str, Any]:
        """Return the profile's stored data, as on disk now."""
        path = self.config / ".storage" / f"{DOMAIN}.{entry_id}"
        data: dict[str, Any] = json.loads(path.read_text())["data"]
        return data


@pytest.fixture(name="server")
def server_fixture(
    socket_enabled: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """Start scripts/develop's Home Assistant with the demo profile."""
    server = Server(tmp_path_factory.mktemp("crash-ha"), free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(name="api")
async def api_fixture(server: Server) -> AsyncIterator[HomeAssistantApi]:
    """Log in as the demo owner."""
    async with aiohttp.ClientSession() as session:
        api = HomeAssistantApi(session, server.url)
        await api.log_in()
        yield api


async def _entry_id(api: HomeAssistantApi) -> str:
    async with api.session.get(
        f"{api.url}/api/config/config_entries/entry?domain={DOMAIN}",
        headers=api.headers,
    ) as response:
        entries = await response.json()
    assert len(entries) == 1, entries
    entry_id: str = entries[0]["entry_id"]
    return entry_id


async def _visible(api: HomeAssistantApi) -> dict[str, Any]:
    exercise = await api.state(f"sensor.{PROFILE}_current_exercise")
    return {
        "status": (await api.state(f"sensor.{PROFILE}_status"))["state"],
        "breaks_today": (await api.state(f"sensor.{PROFILE}_breaks_today"))["state"],
        "streak": (await api.state(f"sensor.{PROFILE}_streak"))["state"],
        "exercise": exercise["state"],
        "step": exercise["attributes"].get("step"),
        "ends_at": exercise["attributes"].get("ends_at"),
    }


def _wait_for(check: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


async def test_sigkill_during_a_break(server: Server, api: HomeAssistantApi) -> None:
    """Completed breaks and the streak survive; the break in progress resumes."""
    entry_id = await _entry_id(api)
    # One break a day: the first completed break meets the target (streak 1).
    await api.call_service(
        "number", "set_value", entity_id=f"number.{PROFILE}_daily_target", value=1
    )
    await api.call_service(
        "input_boolean", "turn_on", entity_id="input_boolean.desk_presence"
    )
    await api.call_service(DOMAIN, "start_break", config_entry_id=entry_id)
    await api.call_service(DOMAIN, "finish_break", config_entry_id=entry_id)
    await api.call_service(DOMAIN, "start_break", config_entry_id=entry_id)
    before = await _visible(api)
    assert before["status"] == "on_break"
    assert (before["breaks_today"], before["streak"]) == ("1", "1")
    assert before["step"] == 1

    # Saved at once (a waiting save would take SAVE_DELAY, 300 s): the file has it.
    _wait_for(
        lambda: (server.stored(entry_id).get("brk") or {}).get("position") == 0,
        timeout=10,
    )
    # The options (daily target 1) reach Home Assistant's own storage a second later.
    entries = server.config / ".storage" / "core.config_entries"
    _wait_for(lambda: '"daily_target":1' in entries.read_text().replace(" ", ""))
    killed_at = time.time()
    server.kill()
    server.start()
    down = time.time() - killed_at

    async with aiohttp.ClientSession() as session:
        again = HomeAssistantApi(session, server.url)
        await again.log_in()
        after = await _visible(again)
        assert (after["breaks_today"], after["streak"]) == ("1", "1"), (after, down)
        assert after["status"] == "on_break", (after, down)
        if after["step"] == 1:
            # Same step, same end: it resumed where the clock is.
            assert after["ends_at"] == before["ends_at"]
        else:
            # The first step's time ran out while the server was down.
            assert after["step"] > 1, (after, down)
        await again.call_service(DOMAIN, "finish_break", config_entry_id=entry_id)
        done = await _visible(again)
        assert (done["breaks_today"], done["streak"]) == ("2", "1")
        assert done["status"] != "on_break"
    # Written at once: the write runs beside the loop, so it may land just after
    # the action returns.
    _wait_for(lambda: server.stored(entry_id)["breaks_today"] == 2, timeout=10)
