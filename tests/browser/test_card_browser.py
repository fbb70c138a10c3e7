"""The first run and the dashboard card in headless Chromium, against a real Home Assistant.

Home Assistant is started by the project's own `scripts/develop` (on a fresh
configuration directory and a free port, so a developer's running instance is
never touched) and stopped again when the test ends. Before the browser opens,
the test gives the demo profile a week of history (the recorder's statistics,
history.py) and, through the options flow, the comfort question after a break
and micro-breaks.

The browser logs in as the demo owner through the login page and opens the
"Desk" dashboard that `scripts/develop` puts in the sidebar, like a first-time
user: it holds the card, the demo's presence toggle and the main entities.
Flipping the toggle starts sitting; the repairs list holds nothing of the
integration's or the development configuration's making; the card's week view
shows the seven days. Then, at phone width, the test presses "Start break" like
a user and follows the card and the entities to the first exercise and its
picture, reads the exercise in five other languages (languages.py), finishes
the break, answers the comfort question and follows a micro-break (waves.py).
Screenshots land in tests/browser/screenshots/.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
import json
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from .card_page import (
    button_center,
    card_screenshot,
    card_text,
    lightness,
    log_in,
    sidebar_item,
    sitting_stat,
    toggle,
)
from .cdp import Chromium, Page, wait_until
from .ha_api import HomeAssistantApi
from .history import import_week, seeded_week
from .languages import check_languages
from .server import REPO, DevelopServer
from .waves import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Demo,
    check_comfort,
    check_micro_break,
    check_week,
    check_without_week,
)

TRANSLATIONS = REPO / "custom_components" / "desk_break_coach" / "translations"
ICONS = REPO / "custom_components" / "desk_break_coach" / "icons.json"

DOMAIN = "desk_break_coach"
PRESENCE = "input_boolean.desk_presence"
# The dashboard scripts/develop creates, and its one view.
DASHBOARD, DASHBOARD_TITLE, VIEW = "desk-break", "Desk", "desk"
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


async def _repairs(api: HomeAssistantApi) -> list[dict[str, Any]]:
    """Return the issues of Settings > Repairs."""
    (listed,) = await api.websocket({"type": "repairs/list_issues"})
    issues: list[dict[str, Any]] = listed["issues"]
    return issues


async def test_card_in_a_browser(chromium: str, home_assistant: DevelopServer) -> None:
    """First run, the week, a break with pictures, comfort, a micro-break."""
    url = home_assistant.url
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    status_names = json.loads((TRANSLATIONS / "en.json").read_text())["entity"][
        "sensor"
    ]["status"]["state"]
    async with aiohttp.ClientSession() as session:
        api = HomeAssistantApi(session, url)
        await api.log_in()
        try:
            devices, entities, dashboards, lovelace = await api.websocket(
                {"type": "config/device_registry/list"},
                {"type": "config/entity_registry/list"},
                {"type": "lovelace/dashboards/list"},
                {"type": "lovelace/config", "url_path": DASHBOARD},
            )
        except AssertionError as err:
            err.add_note(f"scripts/develop said:\n{home_assistant.output}")
            raise
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

        # A week of history; the comfort question after a break, micro-breaks.
        time_zone = (await api.config())["time_zone"]
        week = seeded_week(datetime.now(ZoneInfo(time_zone)).date())
        await import_week(api, ids, week, time_zone)
        (entry_id,) = device["config_entries"]
        await api.set_options(
            entry_id, ask_comfort=True, micro_break_minutes=10, micro_break_seconds=120
        )

        async with Chromium(chromium) as browser:
            page = await browser.open_page()
            demo = Demo(
                page=page,
                api=api,
                server=home_assistant,
                entry_id=entry_id,
                device_id=device["id"],
                ids=ids,
                status_names=status_names,
                week=week,
                lovelace=lovelace,
                dashboard=DASHBOARD,
            )
            try:
                await _first_run(page, api, url, status_names=status_names, ids=ids)
                await check_week(demo, DESKTOP)
                await page.screenshot(SCREENSHOTS / "dashboard.png")
                await _run_card_checks(demo, device_name=device["name"])
                await check_languages(demo)
                await check_comfort(demo)
                await check_micro_break(demo)
                await check_without_week(demo)
            except BaseException as err:
                with contextlib.suppress(Exception):
                    await page.screenshot(SCREENSHOTS / "failure.png")
                    err.add_note(f"the card showed: {await card_text(page)}")
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
    await log_in(page)

    await page.wait_for(
        "!document.getElementById('ha-launch-screen')",
        within=30,
        what="the frontend's loading screen to go",
    )

    # The sidebar lists the Desk dashboard; a click opens it. A click while the
    # frontend still opens its default panel can be lost: then click again.
    for attempt in range(3):
        item = await wait_until(
            lambda: sidebar_item(page, f"/{DASHBOARD}"),
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
        card = await card_text(page)
        return card if card["status"] == status_names[status] else None

    await wait_until(
        lambda: shows("away"), within=60, what="the card to show the demo away"
    )

    # Sit down: flip the demo's presence toggle on the dashboard.
    found = await wait_until(
        lambda: toggle(page, PRESENCE), within=30, what="the presence toggle"
    )
    assert not found["on"]
    await page.click(*found["center"])

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
        lambda: sitting_stat(page), within=10, what="the card's sitting time"
    )
    assert stat != "—"
    assert any(char.isdigit() for char in stat), stat
    found = await wait_until(
        lambda: toggle(page, PRESENCE), within=10, what="the presence toggle"
    )
    assert found["on"]

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


def _check_icons(card: dict[str, Any], status: str) -> None:
    """Check that the card shows the integration's icons, served to it as facts."""
    icons = json.loads(ICONS.read_text(encoding="utf-8"))
    assert card["statusIcon"] == icons["entity"]["sensor"]["status"]["state"][status]
    assert card["buttonIcons"], card
    for action, icon in card["buttonIcons"].items():
        assert icon == icons["services"][action]["service"], (action, icon)


async def _run_card_checks(demo: Demo, *, device_name: str) -> None:
    """At phone width: start a break on the card; its exercise, countdown and picture."""
    page, api, ids, status_names = demo.page, demo.api, demo.ids, demo.status_names
    await page.set_viewport(
        PHONE["width"], PHONE["height"], scale=PHONE["scale"], mobile=True
    )
    await page.set_color_scheme("light")

    # The card is defined and renders the demo profile and its current status.
    async def rendered() -> dict[str, Any] | None:
        card = await card_text(page)
        if not card["name"] or not card["status"]:
            return None
        state = (await api.state(ids["status"]))["state"]
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
    _check_icons(card, (await api.state(ids["status"]))["state"])
    assert card["exercise"] is None
    assert card["picture"] is None
    assert lightness(card["background"]) > 0.8
    await check_week(demo, PHONE)
    await card_screenshot(page, SCREENSHOTS / "card-light.png", PHONE)

    # Start the break with a click on the card's own button.
    center = await wait_until(
        lambda: button_center(page, "start_break"),
        within=10,
        what="a clickable Start break button",
    )
    await page.click(*center)

    async def first_exercise() -> dict[str, Any] | None:
        card = await card_text(page)
        return card if card["exercise"] and card["step"] else None

    card = await wait_until(first_exercise, within=30, what="the first exercise")
    status = await api.state(ids["status"])
    exercise = await api.state(ids["current_exercise"])
    assert status["state"] == "on_break"
    assert exercise["attributes"]["step"] == 1
    assert card["status"] == status_names["on_break"]
    assert card["exercise"] == exercise["state"]
    assert card["step"] == f"Step 1 of {exercise['attributes']['steps_total']}"
    assert card["countdown"]
    assert "Next" in card["buttons"]
    assert "Start break" not in card["buttons"]
    _check_icons(card, "on_break")
    # A built-in exercise: its picture beside the name; the first-week note.
    assert card["picture"] == exercise["attributes"]["exercise_id"], card
    assert status["attributes"]["first_week"] is True
    assert "Crackling in the first days is normal" in card["disclaimer"]
    await card_screenshot(page, SCREENSHOTS / "card-light-break.png", PHONE)

    # The same card in the dark theme (the frontend follows the system).
    await page.set_color_scheme("dark")

    async def dark() -> dict[str, Any] | None:
        card = await card_text(page)
        return card if lightness(card["background"]) < 0.3 else None

    card = await wait_until(dark, within=15, what="the dark theme")
    assert card["exercise"] == exercise["state"]
    assert card["picture"] == exercise["attributes"]["exercise_id"]
    await card_screenshot(page, SCREENSHOTS / "card-dark-break.png", PHONE)
