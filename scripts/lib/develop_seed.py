"""Wait for the development Home Assistant, onboard it, add a demo and its dashboard.

Everything goes through Home Assistant's public HTTP API, as a browser would:
the onboarding views, the auth login flow, the config entry and options flow
REST API, and websocket commands for the registries and for Lovelace.

The demo is a profile "Demo desk" watching input_boolean.desk_presence (off:
nobody at the desk), coaching at any hour of any day, and a storage-mode
dashboard "Desk" in the sidebar: the card, the presence toggle (flip it to sit
down) and the profile's main entities. Both are created once; what a developer
changes afterwards stays.

    python develop_seed.py --url http://127.0.0.1:8123 --pid PID

Exit status: 0 when Home Assistant answers (even if the demo could not be
created: that is reported as a warning), 1 when it never came up.
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
#: The demo coaches whenever it is tried: working hours all day, every day.
DEMO_OPTIONS = {
    "work_start": "00:00",
    "work_end": "23:59",
    "work_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
}
DASHBOARD = {
    "url_path": "desk-break",
    "title": "Desk",
    "icon": "mdi:desk",
    "mode": "storage",
    "require_admin": False,
    "show_in_sidebar": True,
}
#: The profile's main entities on the dashboard, by platform and translation key.
DASHBOARD_ENTITIES = (
    ("sensor", "status"),
    ("sensor", "sitting_time"),
    ("sensor", "sitting_today"),
    ("sensor", "next_break"),
    ("sensor", "breaks_today"),
    ("sensor", "streak"),
    ("switch", "reminders"),
)


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


async def _websocket_calls(
    api: HomeAssistantApi, messages: tuple[dict[str, Any], ...]
) -> list[Any]:
    """Send commands over one websocket connection; return their result messages."""
    url = api.url.replace("http", "ws", 1) + "/api/websocket"
    replies = []
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            url, timeout=aiohttp.ClientWSTimeout(ws_close=10), max_msg_size=0
        ) as ws,
    ):
        await ws.receive_json(timeout=10)  # auth_required
        await ws.send_json({"type": "auth", "access_token": api.token})
        auth = await ws.receive_json(timeout=10)
        if auth.get("type") != "auth_ok":
            raise RuntimeError(f"websocket login failed: {auth}")
        for message_id, message in enumerate(messages, 1):
            await ws.send_json({"id": message_id, **message})
            while True:
                reply = await ws.receive_json(timeout=30)
                if reply.get("id") == message_id and reply.get("type") == "result":
                    replies.append(reply)
                    break
    return replies


def websocket(api: HomeAssistantApi, *messages: dict[str, Any]) -> list[Any]:
    """Send websocket commands one after the other; return their result messages."""
    return asyncio.run(_websocket_calls(api, messages))


def confirm_http_config(api: HomeAssistantApi) -> None:
    """Confirm http settings that wait for confirmation, if any.

    scripts/develop writes the http settings to Home Assistant's http store
    before the first start (scripts/lib/develop_http.py), so nothing waits.
    A configuration directory from before that still has `http:` in its YAML,
    which Home Assistant 2026.11 imports as a trial: unless confirmed within
    five minutes it restarts with the previous settings.
    """
    (reply,) = websocket(api, {"type": "http/config"})
    if not reply.get("success"):
        return
    config = reply["result"]
    pending = config.get("pending")
    if config.get("active_config_type") != "pending" or not pending:
        return
    (reply,) = websocket(api, {"type": "http/config/promote"})
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


def _answers(result: dict[str, Any], values: dict[str, Any]) -> dict[str, Any] | None:
    """Fill in a flow's form: the given values, else the defaults; None if stuck.

    A section ("expandable") is answered field by field, as the frontend does.
    """
    answers: dict[str, Any] = {}
    for field in result.get("data_schema", []):
        if field.get("type") == "expandable":
            inner = _answers(
                {"step_id": result.get("step_id"), "data_schema": field["schema"]},
                values,
            )
            if inner is None:
                return None
            answers[field["name"]] = inner
            continue
        known, value = _answer(field, values)
        if not known:
            warn(
                f"flow step {result.get('step_id')!r} asks for "
                f"{field['name']!r}, which the demo does not know"
            )
            return None
        if value is not None:
            answers[field["name"]] = value
    return answers


def profile_entries(api: HomeAssistantApi) -> list[dict[str, Any]]:
    """Return the integration's config entries."""
    status, entries = api.request(
        "GET", f"/api/config/config_entries/entry?domain={DOMAIN}"
    )
    return entries if status == 200 and isinstance(entries, list) else []


def create_profile(api: HomeAssistantApi) -> bool:
    """Create the demo profile through the config flow, unless one exists."""
    if entries := profile_entries(api):
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
        answers = _answers(result, values)
        if answers is None:
            api.request(
                "DELETE", f"/api/config/config_entries/flow/{result['flow_id']}"
            )
            return False
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


def _suggested(field: dict[str, Any]) -> Any:
    description = field.get("description")
    return description.get("suggested_value") if description else None


def set_demo_options(api: HomeAssistantApi, entry_id: str) -> None:
    """Give the demo profile working hours at any time, through the options flow."""
    status, result = api.request(
        "POST", "/api/config/config_entries/options/flow", {"handler": entry_id}
    )
    if status != 200 or result.get("type") != "form":
        warn(f"could not open the demo profile's options ({status}: {result})")
        return
    # Keep every current value (the form suggests them), change the hours.
    fields = [
        inner
        for field in result.get("data_schema", [])
        for inner in (field["schema"] if field.get("type") == "expandable" else [field])
    ]
    values = {
        field["name"]: _suggested(field)
        for field in fields
        if _suggested(field) is not None
    }
    answers = _answers(result, {**values, **DEMO_OPTIONS})
    if answers is None:
        api.request(
            "DELETE", f"/api/config/config_entries/options/flow/{result['flow_id']}"
        )
        return
    status, result = api.request(
        "POST", f"/api/config/config_entries/options/flow/{result['flow_id']}", answers
    )
    if status != 200 or result.get("type") != "create_entry":
        warn(f"could not set the demo profile's working hours ({status}: {result})")
        return
    say("demo profile: working hours all day, every day")


def _demo_entities(
    api: HomeAssistantApi, entry_id: str, deadline: float
) -> tuple[str, dict[tuple[str, str], str]] | None:
    """Return the profile's device id and its entity ids by (platform, key)."""
    while True:
        devices, entities = websocket(
            api,
            {"type": "config/device_registry/list"},
            {"type": "config/entity_registry/list"},
        )
        device = next(
            (
                dev
                for dev in devices.get("result") or []
                if entry_id in dev.get("config_entries", [])
                and any(ident[0] == DOMAIN for ident in dev.get("identifiers", []))
            ),
            None,
        )
        ids = {
            (entry["entity_id"].split(".", 1)[0], entry["translation_key"]): entry[
                "entity_id"
            ]
            for entry in entities.get("result") or []
            if device is not None
            and entry.get("device_id") == device["id"]
            and entry.get("platform") == DOMAIN
            and entry.get("translation_key")
        }
        if device is not None and ("sensor", "status") in ids:
            return device["id"], ids
        if time.monotonic() > deadline:
            return None
        time.sleep(0.5)


def dashboard_config(device_id: str, ids: dict[tuple[str, str], str]) -> dict[str, Any]:
    """Return the Desk dashboard: the card, the presence toggle, the main entities."""
    entities: list[Any] = [
        {"entity": PRESENCE_ENTITY, "name": "At the desk (demo presence)"},
        {"type": "divider"},
    ]
    entities += [ids[key] for key in DASHBOARD_ENTITIES if key in ids]
    return {
        "title": "Desk",
        "views": [
            {
                "title": "Desk",
                "path": "desk",
                "icon": "mdi:desk",
                "cards": [
                    {"type": "custom:desk-break-coach-card", "device_id": device_id},
                    {
                        "type": "entities",
                        "title": PROFILE["name"],
                        "show_header_toggle": False,
                        "state_color": True,
                        "entities": entities,
                    },
                ],
            }
        ],
    }


def create_dashboard(api: HomeAssistantApi, deadline: float) -> None:
    """Add the Desk dashboard to the sidebar, unless it exists."""
    (listed,) = websocket(api, {"type": "lovelace/dashboards/list"})
    if any(
        board.get("url_path") == DASHBOARD["url_path"]
        for board in listed.get("result") or []
    ):
        say(f"dashboard already there: /{DASHBOARD['url_path']}")
        return
    entries = profile_entries(api)
    demo = next(
        (entry for entry in entries if entry.get("title") == PROFILE["name"]),
        entries[0] if entries else None,
    )
    if demo is None:
        warn("no profile, so no Desk dashboard")
        return
    found = _demo_entities(api, demo["entry_id"], deadline)
    if found is None:
        warn(f"the entities of {demo.get('title')!r} did not appear; no Desk dashboard")
        return
    device_id, ids = found
    if missing := [
        key for platform, key in DASHBOARD_ENTITIES if (platform, key) not in ids
    ]:
        warn(f"the dashboard goes without these entities, not found: {missing}")
    created, saved = websocket(
        api,
        {"type": "lovelace/dashboards/create", **DASHBOARD},
        {
            "type": "lovelace/config/save",
            "url_path": DASHBOARD["url_path"],
            "config": dashboard_config(device_id, ids),
        },
    )
    if not created.get("success") or not saved.get("success"):
        warn(
            "could not create the Desk dashboard: "
            f"{created.get('error') or saved.get('error')}"
        )
        return
    say(f"dashboard created: {DASHBOARD['title']!r} at /{DASHBOARD['url_path']}")


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
            entries = profile_entries(api)
            if entries:
                set_demo_options(api, entries[0]["entry_id"])
        # Once per configuration, also for one whose profile came before it.
        create_dashboard(api, time.monotonic() + 30)
    except (RuntimeError, OSError, KeyError, aiohttp.ClientError, TimeoutError) as err:
        warn(f"seeding the demo failed: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
