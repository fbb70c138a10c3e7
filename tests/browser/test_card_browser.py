"""The dashboard card in headless Chromium, against a real Home Assistant.

Home Assistant is started by the project's own `scripts/develop` (on a fresh
configuration directory and a free port, so a developer's running instance is
never touched) and stopped again when the test ends. The browser logs in as
the demo owner through the login page, opens a dashboard holding the card,
checks what the card shows against the entities' states, presses "Start break"
like a user and follows the card and the status entity to the first exercise.
Screenshots at phone width, light and dark, land in tests/browser/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
import json
import os
from pathlib import Path
import socket
import subprocess
from typing import Any

import aiohttp
import pytest

from .cdp import Chromium, Page, find_chromium, wait_until
from .ha_api import PASSWORD, USERNAME, HomeAssistantApi

REPO = Path(__file__).resolve().parents[2]
DEVELOP = REPO / "scripts" / "develop"
TRANSLATIONS = REPO / "custom_components" / "desk_break_coach" / "translations"
SCREENSHOTS = Path(__file__).parent / "screenshots"

DOMAIN = "desk_break_coach"
PRESENCE = "input_boolean.desk_presence"
DASHBOARD, VIEW = "desk-break-test", "desk"
PHONE = {"width": 390, "height": 844, "scale": 2, "mobile": True}
# Statuses in which the card offers "Start break".
STARTABLE = {"sitting", "break_due", "snoozed", "off_hours"}

# The card element and its parts, found through every shadow root.
CARD = "deepQuery('desk-break-coach-card')"
CARD_PART = f"(({CARD} || {{}}).shadowRoot || document.createDocumentFragment())"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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
) -> Iterator[str]:
    """Start a real Home Assistant with the demo profile by `scripts/develop`."""
    config = tmp_path_factory.mktemp("ha-config")
    port = _free_port()
    command: list[str | Path] = [DEVELOP, "--config", config]
    try:
        started = subprocess.run(
            [*command, "--background", "--port", str(port)],
            check=False,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if started.returncode != 0:
            log = config / "home-assistant.log"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            pytest.fail(
                f"scripts/develop failed ({started.returncode}):\n"
                f"{started.stderr}\n{tail}"
            )
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*command, "--stop"],
            check=False,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
        )


async def _button_center(page: Page, action: str) -> list[float] | None:
    """Where to click a visible card button, if nothing covers it."""
    center: list[float] | None = await page.evaluate(f"""(() => {{
        const root = {CARD_PART};
        const button = root.querySelector('button[data-action="{action}"]');
        if (!button || button.hidden) return null;
        const box = button.getBoundingClientRect();
        const x = box.x + box.width / 2, y = box.y + box.height / 2;
        if (!box.width || y > innerHeight) return null;
        const hit = root.elementFromPoint(x, y);
        return hit && button.contains(hit) ? [x, y] : null;
    }})()""")
    return center


async def _card_text(page: Page) -> dict[str, Any]:
    """Read what the card shows."""
    text: dict[str, Any] = await page.evaluate(f"""(() => {{
        const root = {CARD_PART};
        const text = (selector) => {{
            const el = root.querySelector(selector);
            return el && !el.closest('[hidden]') ? el.textContent.trim() : null;
        }};
        const card = root.querySelector('ha-card');
        return {{
            name: text('.name'), status: text('.status'), exercise: text('.ex-name'),
            step: text('.ex-step'), countdown: text('.countdown'),
            buttons: Array.from(root.querySelectorAll('button'))
                .filter((b) => !b.hidden).map((b) => b.textContent.trim()),
            background: card ? getComputedStyle(card).backgroundColor : null,
        }};
    }})()""")
    return text


def _lightness(css_color: str | None) -> float:
    """0 (black) to 1 (white) for an rgb()/rgba() colour."""
    assert css_color and css_color.startswith("rgb"), css_color
    red, green, blue = (
        float(part) for part in css_color.split("(")[1].split(")")[0].split(",")[:3]
    )
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


async def _log_in(page: Page, url: str) -> None:
    """Fill in the login page like a person would."""
    for field, value in (("username", USERNAME), ("password", PASSWORD)):
        center = await page.wait_for(
            f"""(() => {{
                const input = document.querySelector('input[name="{field}"]');
                const box = input && input.getBoundingClientRect();
                return box && box.width ? [box.x + box.width / 2, box.y + box.height / 2] : null;
            }})()""",
            within=60,
            what=f"the login page's {field} field",
        )
        await page.click(*center)
        await page.type_text(value)
    await page.press_enter()
    await page.wait_for(
        f"location.href === {json.dumps(url)} && !!document.querySelector('home-assistant')",
        within=60,
        what="the dashboard after logging in",
    )


async def test_card_in_a_browser(chromium: str, home_assistant: str) -> None:
    """Log in, see the demo profile, start a break, reach the first exercise."""
    url = home_assistant
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    status_names = json.loads((TRANSLATIONS / "en.json").read_text())["entity"][
        "sensor"
    ]["status"]["state"]
    async with aiohttp.ClientSession() as session:
        api = HomeAssistantApi(session, url)
        await api.log_in()
        devices, entities = await api.websocket(
            {"type": "config/device_registry/list"},
            {"type": "config/entity_registry/list"},
        )
        device = next(
            dev
            for dev in devices
            if any(ident[0] == DOMAIN for ident in dev["identifiers"])
        )
        ids = {
            entry["translation_key"]: entry["entity_id"]
            for entry in entities
            if entry["device_id"] == device["id"] and entry["platform"] == DOMAIN
        }
        status_id, exercise_id = ids["status"], ids["current_exercise"]
        await api.websocket(
            {
                "type": "lovelace/dashboards/create",
                "url_path": DASHBOARD,
                "title": "Desk break test",
                "mode": "storage",
                "require_admin": False,
                "show_in_sidebar": True,
            },
            {
                "type": "lovelace/config/save",
                "url_path": DASHBOARD,
                "config": {
                    "views": [
                        {
                            "title": "Desk",
                            "path": VIEW,
                            "cards": [
                                {
                                    "type": "custom:desk-break-coach-card",
                                    "device_id": device["id"],
                                }
                            ],
                        }
                    ]
                },
            },
        )
        # At the desk: the card offers a break.
        await api.call_service("input_boolean", "turn_on", entity_id=PRESENCE)

        async def startable() -> str | None:
            state = (await api.state(status_id))["state"]
            return state if state in STARTABLE else None

        await wait_until(startable, within=30, what=f"{status_id} to allow a break")

        async with Chromium(chromium) as browser:
            page = await browser.open_page()
            try:
                await _run_card_checks(
                    page,
                    api,
                    f"{url}/{DASHBOARD}/{VIEW}",
                    device_name=device["name"],
                    status_names=status_names,
                    status_id=status_id,
                    exercise_id=exercise_id,
                )
            except BaseException as err:
                with contextlib.suppress(Exception):
                    await page.screenshot(SCREENSHOTS / "failure.png")
                    err.add_note(f"the card showed: {await _card_text(page)}")
                err.add_note("browser console:\n" + "\n".join(page.console[-30:]))
                raise
            card_errors = [line for line in page.console if "desk-break-coach" in line]
            assert not card_errors, card_errors


async def _run_card_checks(
    page: Page,
    api: HomeAssistantApi,
    dashboard: str,
    *,
    device_name: str,
    status_names: dict[str, str],
    status_id: str,
    exercise_id: str,
) -> None:
    """Drive the card in the browser and check it against the entities."""
    await page.set_viewport(
        PHONE["width"], PHONE["height"], scale=PHONE["scale"], mobile=True
    )
    await page.set_color_scheme("light")
    await page.navigate(dashboard)
    await _log_in(page, dashboard)

    # The card is defined and renders the demo profile and its current status.
    async def rendered() -> dict[str, Any] | None:
        card = await _card_text(page)
        if not card["name"] or not card["status"]:
            return None
        state = (await api.state(status_id))["state"]
        return card if card["status"] == status_names[state] else None

    card = await wait_until(
        rendered, within=60, what="the card to render the profile's status"
    )
    await page.wait_for(
        "!document.getElementById('ha-launch-screen')",
        within=30,
        what="the frontend's loading screen to go",
    )
    assert card["name"] == device_name
    assert "Start break" in card["buttons"]
    assert card["exercise"] is None
    assert _lightness(card["background"]) > 0.8
    await page.screenshot(SCREENSHOTS / "card-light.png")

    # Start the break with a click on the card's own button.
    center = await wait_until(
        lambda: _button_center(page, "start_break"),
        within=10,
        what="a clickable Start break button",
    )
    await page.click(*center)

    async def first_exercise() -> dict[str, Any] | None:
        card = await _card_text(page)
        return card if card["exercise"] and card["step"] else None

    card = await wait_until(first_exercise, within=30, what="the first exercise")
    status = await api.state(status_id)
    exercise = await api.state(exercise_id)
    assert status["state"] == "on_break"
    assert exercise["attributes"]["step"] == 1
    assert card["status"] == status_names["on_break"]
    assert card["exercise"] == exercise["state"]
    assert card["step"] == f"Step 1 of {exercise['attributes']['steps_total']}"
    assert card["countdown"]
    assert "Next" in card["buttons"]
    assert "Start break" not in card["buttons"]
    await page.screenshot(SCREENSHOTS / "card-light-break.png")

    # The same card in the dark theme (the frontend follows the system).
    await page.set_color_scheme("dark")

    async def dark() -> dict[str, Any] | None:
        card = await _card_text(page)
        return card if _lightness(card["background"]) < 0.3 else None

    card = await wait_until(dark, within=15, what="the dark theme")
    assert card["exercise"] == exercise["state"]
    await page.screenshot(SCREENSHOTS / "card-dark-break.png")
