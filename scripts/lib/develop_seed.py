"""Wait for the development Home Assistant, onboard it and add a demo profile.

Everything goes through Home Assistant's public HTTP API, as a browser would:
the onboarding views, the auth login flow, the config entry flow REST API and
the websocket command that confirms the http settings.

    python develop_seed.py --url http://127.0.0.1:8123 --pid PID

Exit status: 0 when Home Assistant answers (even if the demo profile could not
be created: that is reported as a warning), 1 when it never came up.
"""

import argparse
import asyncio
import json
from pathlib import Path
import sys
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

import aiohttp

DOMAIN = "desk_break_coach"
OWNER = {"name": "Demo", "username": "demo", "password": "demo-desk-break"}
LANGUAGE = "en"
PRESENCE_ENTITY = "input_boolean.desk_presence"
PROFILE = {
    "name": "Demo desk",
    "presence_entities": [PRESENCE_ENTITY],
    "presence_mode": "any",
}


def say(message: str) -> None:
    """Progress output."""
    print(f"    {message}", file=sys.stderr, flush=True)


def warn(message: str) -> None:
    """Prominent warning."""
    print(f"\033[1;33mWARNING: {message}\033[0m", file=sys.stderr, flush=True)


class HomeAssistantApi:
    """Tiny JSON client for Home Assistant's HTTP API."""

    def __init__(self, url: str) -> None:
        """Remember the base URL."""
        self.url = url.rstrip("/")
        self.client_id = f"{self.url}/"
        self.token: str | None = None

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        form: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, Any]:
        """Send a request; return the status and the decoded JSON (or text)."""
        headers = {"Accept": "application/json"}
        data: bytes | None = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            self.url + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        text = raw.decode(errors="replace")
        try:
            return status, json.loads(text) if text else None
        except json.JSONDecodeError:
            return status, text


def wait_for_http(api: HomeAssistantApi, pid: int | None, deadline: float) -> bool:
    """Wait until the HTTP API answers."""
    while time.monotonic() < deadline:
        if pid is not None and not Path(f"/proc/{pid}").exists():
            warn("Home Assistant exited during start-up")
            return False
        try:
            status, _ = api.request("GET", "/api/onboarding", timeout=5)
        except OSError:
            time.sleep(0.5)
            continue
        if status in (200, 404):
            return True
        time.sleep(0.5)
    warn("Home Assistant did not answer in time")
    return False


def exchange_code(api: HomeAssistantApi, code: str) -> None:
    """Trade an authorization code for an access token."""
    status, tokens = api.request(
        "POST",
        "/auth/token",
        form={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": api.client_id,
        },
    )
    if status != 200:
        raise RuntimeError(f"token exchange failed: {status} {tokens}")
    api.token = tokens["access_token"]


def log_in(api: HomeAssistantApi) -> None:
    """Log in as the demo owner through the auth login flow."""
    status, flow = api.request(
        "POST",
        "/auth/login_flow",
        {
            "client_id": api.client_id,
            "handler": ["homeassistant", None],
            "redirect_uri": api.client_id,
        },
    )
    if status != 200:
        raise RuntimeError(f"login flow failed: {status} {flow}")
    status, result = api.request(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        {
            "client_id": api.client_id,
            "username": OWNER["username"],
            "password": OWNER["password"],
        },
    )
    if status != 200 or result.get("type") != "create_entry":
        raise RuntimeError(
            f"logging in as {OWNER['username']!r} failed: {status} {result}"
        )
    exchange_code(api, result["result"])


def onboard(api: HomeAssistantApi) -> None:
    """Finish whatever onboarding steps are still open, then log in."""
    status, steps = api.request("GET", "/api/onboarding")
    pending = (
        [step["step"] for step in steps if not step["done"]] if status == 200 else []
    )
    if "user" in pending:
        say(f"onboarding: creating the owner {OWNER['username']!r}")
        status, result = api.request(
            "POST",
            "/api/onboarding/users",
            {**OWNER, "client_id": api.client_id, "language": LANGUAGE},
        )
        if status != 200:
            raise RuntimeError(f"creating the owner failed: {status} {result}")
        exchange_code(api, result["auth_code"])
    else:
        log_in(api)
    for step, body in (
        ("core_config", None),
        ("analytics", None),
        (
            "integration",
            {"client_id": api.client_id, "redirect_uri": f"{api.url}/?auth_callback=1"},
        ),
    ):
        if step not in pending:
            continue
        status, result = api.request("POST", f"/api/onboarding/{step}", body)
        if status != 200:
            raise RuntimeError(f"onboarding step {step} failed: {status} {result}")
        say(f"onboarding: {step} done")


def wait_until_running(api: HomeAssistantApi, deadline: float) -> None:
    """Wait for Home Assistant to finish starting."""
    while time.monotonic() < deadline:
        status, config = api.request("GET", "/api/config")
        if status == 200 and config.get("state") == "RUNNING":
            return
        time.sleep(0.5)
    warn("Home Assistant is still starting; continuing anyway")


async def _websocket_call(api: HomeAssistantApi, message: dict[str, Any]) -> Any:
    """Send one command over the websocket API; return its result message."""
    url = api.url.replace("http", "ws", 1) + "/api/websocket"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=10)) as ws,
    ):
        await ws.receive_json(timeout=10)  # auth_required
        await ws.send_json({"type": "auth", "access_token": api.token})
        auth = await ws.receive_json(timeout=10)
        if auth.get("type") != "auth_ok":
            raise RuntimeError(f"websocket login failed: {auth}")
        await ws.send_json({"id": 1, **message})
        while True:
            reply = await ws.receive_json(timeout=30)
            if reply.get("id") == 1 and reply.get("type") == "result":
                return reply


def confirm_http_config(api: HomeAssistantApi) -> None:
    """Confirm the http: settings that Home Assistant took over from YAML.

    Since 2026.11 Home Assistant moves `http:` from configuration.yaml into
    its storage as a trial: unless confirmed within five minutes it restarts
    with the defaults (all interfaces, port 8123). Older releases have no such
    command, which is fine.
    """
    reply = asyncio.run(_websocket_call(api, {"type": "http/config"}))
    if not reply.get("success"):
        return
    config = reply["result"]
    pending = config.get("pending")
    if config.get("active_config_type") != "pending" or not pending:
        return
    reply = asyncio.run(_websocket_call(api, {"type": "http/config/promote"}))
    if reply.get("success"):
        hosts = pending.get("server_host") or "all interfaces"
        if isinstance(hosts, list):
            hosts = ", ".join(hosts)
        say(
            "http settings from configuration.yaml confirmed "
            f"({hosts}, port {pending.get('server_port')})"
        )
    else:
        warn(f"could not confirm the http settings: {reply.get('error')}")


def _answer(field: dict[str, Any], values: dict[str, Any]) -> tuple[bool, Any]:
    """Pick a value for one form field: (known, value)."""
    name = field["name"]
    if name in values:
        return True, values[name]
    is_bool = field.get("type") == "boolean" or "boolean" in field.get("selector", {})
    if field.get("required") and is_bool:
        return True, True
    if "default" in field:
        return True, field["default"]
    return not field.get("required"), None


def create_profile(api: HomeAssistantApi) -> bool:
    """Create the demo profile through the config flow, unless one exists."""
    status, entries = api.request(
        "GET", f"/api/config/config_entries/entry?domain={DOMAIN}"
    )
    if status == 200 and entries:
        say(f"profile already configured: {entries[0].get('title')!r}")
        return False
    status, result = api.request(
        "POST",
        "/api/config/config_entries/flow",
        {"handler": DOMAIN, "show_advanced_options": False},
    )
    if status != 200:
        warn(
            f"could not start the {DOMAIN} config flow ({status}: {result}); "
            "Home Assistant keeps running without a demo profile"
        )
        return False
    values = dict(PROFILE)
    for _ in range(10):
        kind = result.get("type")
        if kind == "create_entry":
            say(f"demo profile created: {result.get('title')!r}")
            return True
        if kind == "abort":
            warn(f"config flow aborted: {result.get('reason')}")
            return False
        if kind != "form":
            warn(f"config flow returned {kind!r}, not a form: {result}")
            break
        answers: dict[str, Any] = {}
        for field in result.get("data_schema", []):
            known, value = _answer(field, values)
            if not known:
                warn(
                    f"config flow step {result.get('step_id')!r} asks for "
                    f"{field['name']!r}, which the demo does not know"
                )
                api.request(
                    "DELETE", f"/api/config/config_entries/flow/{result['flow_id']}"
                )
                return False
            if value is not None:
                answers[field["name"]] = value
        if result.get("errors"):
            warn(f"config flow errors: {result['errors']}")
            break
        status, result = api.request(
            "POST", f"/api/config/config_entries/flow/{result['flow_id']}", answers
        )
        if status != 200:
            warn(f"config flow step failed ({status}: {result})")
            return False
    warn("config flow did not finish; no demo profile")
    return False


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8123")
    parser.add_argument("--pid", type=int)
    parser.add_argument("--timeout", type=float, default=170)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout
    api = HomeAssistantApi(args.url)
    if not wait_for_http(api, args.pid, deadline):
        return 1
    say("Home Assistant answers")
    try:
        onboard(api)
        wait_until_running(api, deadline)
        confirm_http_config(api)
        if create_profile(api):
            # Start the demo sitting at the desk.
            api.request(
                "POST",
                "/api/services/input_boolean/turn_on",
                {"entity_id": PRESENCE_ENTITY},
            )
    except (RuntimeError, OSError, KeyError, aiohttp.ClientError, TimeoutError) as err:
        warn(f"seeding the demo failed: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
