"""The first run and the dashboard card in headless Chromium, against a real Home Assistant.

Home Assistant is started by the project's own `scripts/develop` (on a fresh
configuration directory and a free port, so a developer's running instance is
never touched) and stopped again when the test ends. The browser logs in as
the demo owner through the login page and opens the "Desk" dashboard that
`scripts/develop` puts in the sidebar, like a first-time user: it holds the
card, the demo's presence toggle and the main entities. Flipping the toggle
starts sitting; the repairs list holds nothing of the integration's or the
development configuration's making. Then, at phone width, the test checks what
the card shows against the entities' states, presses "Start break" like a user
and follows the card and the status entity to the first exercise. Screenshots
(the dashboard; the card at phone width, light and dark) land in
tests/browser/screenshots/.
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
# The dashboard scripts/develop creates, and its one view.
DASHBOARD, DASHBOARD_TITLE, VIEW = "desk-break", "Desk", "desk"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844, "scale": 2, "mobile": True}
# The entities the dashboard shows besides the card, by translation key.
MAIN_ENTITIES = (
    "status",
    "sitting_time",
    "sitting_today",
    "next_break",
    "breaks_today",
    "streak",
    "reminders",
)

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


async def _log_in(page: Page) -> None:
    """Fill in the login page like a person would."""
    for field, value in (("username", USERNAME), ("password", PASSWORD)):
        input_ = f"document.querySelector('input[name=\"{field}\"]')"
        for attempt in range(3):
            center = await page.wait_for(
                f"""(() => {{
                    const input = {input_};
                    const box = input && input.getBoundingClientRect();
                    return box && box.width ? [box.x + box.width / 2, box.y + box.height / 2] : null;
                }})()""",
                within=60,
                what=f"the login page's {field} field",
            )
            await page.click(*center)
            # Typing replaces what a earlier attempt left in the field.
            await page.evaluate(
                f"{input_} === document.activeElement && {input_}.select()"
            )
            await page.type_text(value)
            # The page may still be settling and lose a click or the typing: check.
            try:
                await page.wait_for(
                    f"{input_}.value === {json.dumps(value)}",
                    within=2,
                    what=f"the typed {field}",
                )
            except TimeoutError:
                if attempt == 2:
                    raise
            else:
                break
    await page.press_enter()
    await page.wait_for(
        "!location.pathname.startsWith('/auth/') && !location.search.includes('auth_callback')"
        " && !!document.querySelector('home-assistant')",
        within=60,
        what="Home Assistant's frontend after logging in",
    )


async def _sidebar_item(page: Page, path: str) -> dict[str, Any] | None:
    """Return the sidebar's link to a panel: its name and where to click it."""
    item: dict[str, Any] | None = await page.evaluate(f"""(() => {{
        const sidebar = deepQuery('ha-sidebar');
        if (!sidebar || !sidebar.shadowRoot) return null;
        const link = deepQueryAll('a[href="{path}"]', sidebar.shadowRoot)[0];
        if (!link) return null;
        const item = link.getRootNode().host || link;
        const box = link.getBoundingClientRect();
        if (!box.width || !box.height || box.y + box.height / 2 > innerHeight) return null;
        return {{
            name: (item.innerText || item.textContent).trim(),
            center: [box.x + box.width / 2, box.y + box.height / 2],
        }};
    }})()""")
    return item


async def _toggle(page: Page, entity_id: str) -> dict[str, Any] | None:
    """Return an entity's toggle on the dashboard: whether on, where to click."""
    toggle: dict[str, Any] | None = await page.evaluate(f"""(() => {{
        const toggle = deepQueryAll('ha-entity-toggle').find(
            (el) => el.stateObj && el.stateObj.entity_id === {json.dumps(entity_id)});
        const control = toggle && toggle.shadowRoot
            && toggle.shadowRoot.querySelector('ha-switch, ha-md-switch, input, button');
        if (!control) return null;
        const box = control.getBoundingClientRect();
        if (!box.width || box.y + box.height / 2 > innerHeight) return null;
        return {{
            on: toggle.stateObj.state === 'on',
            center: [box.x + box.width / 2, box.y + box.height / 2],
        }};
    }})()""")
    return toggle


async def _sitting_stat(page: Page) -> str | None:
    """Return what the card shows as the time sitting now."""
    text: str | None = await page.evaluate(f"""(() => {{
        const stat = {CARD_PART}.querySelector('[data-stat="sitting"]');
        if (!stat || stat.hidden) return null;
        return stat.querySelector('dd').textContent.trim();
    }})()""")
    return text


async def _repairs(api: HomeAssistantApi) -> list[dict[str, Any]]:
    """Return the issues of Settings > Repairs."""
    (listed,) = await api.websocket({"type": "repairs/list_issues"})
    issues: list[dict[str, Any]] = listed["issues"]
    return issues


async def test_card_in_a_browser(chromium: str, home_assistant: str) -> None:
    """First run: the Desk dashboard, sitting down, no repairs; then a break."""
    url = home_assistant
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    status_names = json.loads((TRANSLATIONS / "en.json").read_text())["entity"][
        "sensor"
    ]["status"]["state"]
    async with aiohttp.ClientSession() as session:
        api = HomeAssistantApi(session, url)
        await api.log_in()
        devices, entities, dashboards, lovelace = await api.websocket(
            {"type": "config/device_registry/list"},
            {"type": "config/entity_registry/list"},
            {"type": "lovelace/dashboards/list"},
            {"type": "lovelace/config", "url_path": DASHBOARD},
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
        # scripts/develop made the Desk dashboard: in the sidebar, for every
        # user, with the card of the demo profile, its presence and entities.
        board = next(b for b in dashboards if b["url_path"] == DASHBOARD)
        assert board["title"] == DASHBOARD_TITLE
        assert board["show_in_sidebar"]
        assert not board["require_admin"]
        (view,) = lovelace["views"]
        assert view["path"] == VIEW
        card, *others = view["cards"]
        assert card == {
            "type": "custom:desk-break-coach-card",
            "device_id": device["id"],
        }
        shown = [
            row if isinstance(row, str) else row.get("entity")
            for other in others
            for row in other.get("entities", [])
        ]
        assert shown[0] == PRESENCE
        assert [ids[key] for key in MAIN_ENTITIES] == [e for e in shown[1:] if e]
        # The first run starts with nobody at the desk.
        assert (await api.state(PRESENCE))["state"] == "off"
        assert (await api.state(ids["status"]))["state"] == "away"

        async with Chromium(chromium) as browser:
            page = await browser.open_page()
            try:
                await _first_run(page, api, url, status_names=status_names, ids=ids)
                await _run_card_checks(
                    page,
                    api,
                    device_name=device["name"],
                    status_names=status_names,
                    status_id=ids["status"],
                    exercise_id=ids["current_exercise"],
                )
            except BaseException as err:
                with contextlib.suppress(Exception):
                    await page.screenshot(SCREENSHOTS / "failure.png")
                    err.add_note(f"the card showed: {await _card_text(page)}")
                err.add_note("browser console:\n" + "\n".join(page.console[-30:]))
                raise
            card_errors = [line for line in page.console if "desk-break-coach" in line]
            assert not card_errors, card_errors


async def _first_run(
    page: Page,
    api: HomeAssistantApi,
    url: str,
    *,
    status_names: dict[str, str],
    ids: dict[str, str],
) -> None:
    """Log in, open Desk from the sidebar, sit down with the toggle; no repairs."""
    await page.set_viewport(DESKTOP["width"], DESKTOP["height"])
    await page.set_color_scheme("light")
    await page.navigate(f"{url}/")
    await _log_in(page)

    await page.wait_for(
        "!document.getElementById('ha-launch-screen')",
        within=30,
        what="the frontend's loading screen to go",
    )

    # The sidebar lists the Desk dashboard; a click opens it. A click while the
    # frontend still opens its default panel can be lost: then click again.
    for attempt in range(3):
        item = await wait_until(
            lambda: _sidebar_item(page, f"/{DASHBOARD}"),
            within=60,
            what="the Desk dashboard in the sidebar",
        )
        assert item["name"] == DASHBOARD_TITLE
        await page.click(*item["center"])
        try:
            await page.wait_for(
                f"location.pathname === '/{DASHBOARD}/{VIEW}'",
                within=10,
                what="the Desk dashboard to open",
            )
        except TimeoutError:
            if attempt == 2:
                raise
        else:
            break

    async def shows(status: str) -> dict[str, Any] | None:
        card = await _card_text(page)
        return card if card["status"] == status_names[status] else None

    await wait_until(
        lambda: shows("away"), within=60, what="the card to show the demo away"
    )

    # Sit down: flip the demo's presence toggle on the dashboard.
    toggle = await wait_until(
        lambda: _toggle(page, PRESENCE), within=30, what="the presence toggle"
    )
    assert not toggle["on"]
    await page.click(*toggle["center"])

    async def sitting() -> str | None:
        return (
            "sitting"
            if (await api.state(ids["status"]))["state"] == "sitting"
            else None
        )

    await wait_until(sitting, within=30, what=f"{ids['status']} to become sitting")
    assert (await api.state(PRESENCE))["state"] == "on"
    await wait_until(
        lambda: shows("sitting"), within=30, what="the card to show sitting"
    )
    sitting_time = await api.state(ids["sitting_time"])
    assert sitting_time["attributes"].get("since")
    stat = await wait_until(
        lambda: _sitting_stat(page), within=10, what="the card's sitting time"
    )
    assert stat != "—"
    assert any(char.isdigit() for char in stat), stat
    toggle = await wait_until(
        lambda: _toggle(page, PRESENCE), within=10, what="the presence toggle"
    )
    assert toggle["on"]
    await page.screenshot(SCREENSHOTS / "dashboard.png")

    # Nothing in Settings > Repairs of the integration's or the dev config's making.
    issues = await _repairs(api)
    ours = [
        issue
        for issue in issues
        if DOMAIN in (issue["domain"], issue.get("issue_domain"))
    ]
    http_yaml = [
        issue
        for issue in issues
        if issue["domain"] == "http" and "yaml" in issue["issue_id"]
    ]
    assert not ours, ours
    assert not http_yaml, http_yaml


async def _run_card_checks(
    page: Page,
    api: HomeAssistantApi,
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
