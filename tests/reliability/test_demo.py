"""The demo (`scripts/develop`) can try everything: phones, the automation editor.

A fresh configuration directory on a free port: the log has no ERROR line after
a start; a phone registered the way the companion app registers gets the due
break as a push; an automation saved through the editor's API is listed and runs.

Deselect with `-m "not server"` (it takes about two minutes).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
import json
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from tests.browser.ha_api import HomeAssistantApi
from tests.browser.server import DOMAIN, edit_stored_progress, free_port

# The same demo server and login as the crash test (fixtures shared by import).
from tests.reliability.test_crash import (  # noqa: F401
    PROFILE,
    Server,
    api_fixture,
    auto_enable_custom_integrations,
    server_fixture,
)

pytestmark = pytest.mark.server


def error_lines(server: Server) -> list[str]:
    """Return the ERROR lines of the demo's log."""
    log = (server.config / "develop.log").read_text(errors="replace")
    return [line for line in log.splitlines() if " ERROR " in line]


class PushServer:
    """Where the companion app's push service would receive notifications."""

    def __init__(self) -> None:
        """Nothing received yet."""
        self.received: list[dict[str, Any]] = []
        self.port = free_port()
        self.runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen on 127.0.0.1."""
        app = web.Application()
        app.router.add_post("/push", self._push)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def _push(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        # What the companion app's push relay answers.
        return web.json_response(
            {
                "rateLimits": {
                    "successful": len(self.received),
                    "errors": 0,
                    "maximum": 500,
                    "resetsAt": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
                }
            }
        )


async def _post(api: HomeAssistantApi, path: str, body: Any) -> Any:
    async with api.session.post(
        f"{api.url}{path}", json=body, headers=api.headers
    ) as response:
        assert response.status in (200, 201), await response.text()
        return await response.json()


async def _get(api: HomeAssistantApi, path: str) -> Any:
    async with api.session.get(f"{api.url}{path}", headers=api.headers) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def _wait(check: Any, seconds: float = 30) -> None:
    for _ in range(int(seconds * 5)):
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError("timed out")


async def test_demo_phone_and_automation_editor(
    server: Server, api: HomeAssistantApi
) -> None:
    """No ERROR in the log; a registered phone gets the due break; automations run."""
    assert error_lines(server) == []

    # A phone registers the way the companion app does.
    push = PushServer()
    await push.start()
    registration = await _post(
        api,
        "/api/mobile_app/registrations",
        {
            "device_id": "demo-pixel",
            "app_id": "io.homeassistant.companion.android",
            "app_name": "Home Assistant",
            "app_version": "2026.11.1",
            "device_name": "Demo Pixel",
            "manufacturer": "Google",
            "model": "Pixel 9",
            "os_name": "Android",
            "os_version": "16",
            "supports_encryption": False,
            "app_data": {
                "push_token": "demo-token",
                "push_url": f"http://127.0.0.1:{push.port}/push",
            },
        },
    )
    assert registration["webhook_id"]
    devices = await api.websocket({"type": "config/device_registry/list"})
    (pixel,) = [d for d in devices[0] if d["name"] == "Demo Pixel"]
    entries = await _get(api, f"/api/config/config_entries/entry?domain={DOMAIN}")
    entry_id = entries[0]["entry_id"]
    await api.set_options(entry_id, phones=[pixel["id"]])

    # An automation saved through the editor's API: listed, and it runs.
    await _post(
        api,
        "/api/config/automation/config/demo_sit_down",
        {
            "alias": "Demo: sit down",
            "description": "",
            "triggers": [
                {"trigger": "event", "event_type": "demo_sit_down"},
            ],
            "conditions": [],
            "actions": [
                {
                    "action": "input_boolean.turn_on",
                    "target": {"entity_id": "input_boolean.desk_presence"},
                }
            ],
            "mode": "single",
        },
    )

    async def listed() -> bool:
        states = await _get(api, "/api/states")
        return any(
            s["entity_id"] == "automation.demo_sit_down" and s["state"] == "on"
            for s in states
        )

    await _wait(listed)
    await _post(api, "/api/events/demo_sit_down", {})

    async def seated() -> bool:
        status = await api.state(f"sensor.{PROFILE}_status")
        return bool(status["state"] == "sitting")

    await _wait(seated)
    assert (await api.state("automation.demo_sit_down"))["attributes"]["last_triggered"]

    # An hour of sitting, as if it had passed: the break falls due at the start.
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat()

    def sat_an_hour(stored: dict[str, Any]) -> None:
        for key in ("block_start", "segment_start"):
            assert stored[key], stored
            stored[key] = an_hour_ago

    await server.restart(
        lambda config: edit_stored_progress(config, entry_id, sat_an_hour)
    )

    async def pushed() -> bool:
        return any((m.get("data") or {}).get("actions") for m in push.received)

    async with aiohttp.ClientSession() as session:
        again = HomeAssistantApi(session, server.url)
        await again.log_in()

        async def due() -> bool:
            status = await again.state(f"sensor.{PROFILE}_status")
            return bool(status["state"] == "break_due")

        await _wait(due)
        # Due while Home Assistant was still starting, before the phone's notify
        # service was there: snoozed for a minute, it falls due again.
        await again.call_service(DOMAIN, "snooze", config_entry_id=entry_id, minutes=1)
        try:
            await _wait(pushed, seconds=120)
        except AssertionError:
            raise AssertionError(json.dumps(push.received)) from None
    (message, *_) = [m for m in push.received if (m.get("data") or {}).get("actions")]
    assert message["push_token"] == "demo-token"
    assert "break" in message["message"].lower(), message
    assert len(message["data"]["actions"]) == 3, message  # Start / Snooze / Skip
    assert error_lines(server) == []
