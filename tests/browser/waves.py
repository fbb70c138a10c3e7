"""What the second wave shows a person, checked in the browser.

The week view against the imported history and the live states; the comfort
question after a finished break and the level it logs; a micro-break with its
countdown; the card picker's suggestion; the card without its week.

A micro-break falls due after `micro_break_minutes` of sitting, 10 at the
least: rather than wait, the test stops Home Assistant, moves the profile's
stored micro-break count back by ten minutes less a few seconds, and starts it
again. The coach catches up as after any restart and starts the micro-break
itself; the open page reconnects on its own.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
import re
from typing import Any

from .card_page import (
    CARD,
    button_center,
    card_screenshot,
    card_suggestion,
    card_text,
    center_of,
    lightness,
    settled,
    week_rows,
)
from .cdp import Page, wait_until
from .ha_api import HomeAssistantApi
from .history import Day
from .server import DevelopServer, edit_stored_progress

SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP: dict[str, Any] = {"width": 1280, "height": 900}
PHONE: dict[str, Any] = {"width": 390, "height": 844, "scale": 2, "mobile": True}
CARD_TYPE = "custom:desk-break-coach-card"
LOOK_AWAY = "Look away from the screen"
COMFORT_LEVEL = 8


@dataclass
class Demo:
    """The demo profile, the browser page and the server, as the checks need them."""

    page: Page
    api: HomeAssistantApi
    server: DevelopServer
    entry_id: str
    device_id: str
    ids: dict[str, str]
    status_names: dict[str, str]
    week: list[Day]
    lovelace: dict[str, Any]
    dashboard: str


def _minutes(total: float) -> str:
    """Return the card's English duration: "45 min", "3 h 15 min"."""
    total = int(total)
    return f"{total} min" if total < 60 else f"{total // 60} h {total % 60} min"


async def _number(api: HomeAssistantApi, entity_id: str) -> float | None:
    state = (await api.state(entity_id))["state"]
    return None if state in ("unknown", "unavailable") else float(state)


async def _expected_week(demo: Demo) -> list[dict[str, Any]]:
    """Return the week view's rows: the imported days, today's live states."""
    api, ids = demo.api, demo.ids
    today = replace(
        demo.week[-1],
        breaks=int(await _number(api, ids["breaks_today"]) or 0),
        desk_minutes=int(await _number(api, ids["sitting_today"]) or 0),
        comfort=await _number(api, ids["comfort"]),
    )
    return [
        {
            "day": day.day.strftime("%a"),
            "today": day is today,
            "breaks": "—" if day.breaks is None else str(day.breaks),
            "desk": "—" if day.desk_minutes is None else _minutes(day.desk_minutes),
            "comfort": "—" if day.comfort is None else f"{day.comfort:g}",
        }
        for day in [*demo.week[:-1], today]
    ]


async def check_week(demo: Demo, screen: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the week view: 7 rows, weekday names, the history's values, bars to scale."""
    target = (await demo.api.state(demo.ids["status"]))["attributes"]["daily_target"]

    async def matches() -> list[dict[str, Any]] | None:
        rows = await week_rows(demo.page)
        expected = await _expected_week(demo)
        if not rows:
            return None
        shown = [{key: row[key] for key in expected[0]} for row in rows]
        return rows if shown == expected else None

    try:
        rows = await wait_until(matches, within=30, what="the week view's 7 days")
    except TimeoutError as err:
        err.add_note(f"shown: {await week_rows(demo.page)}")
        err.add_note(f"expected: {await _expected_week(demo)}")
        raise
    assert len(rows) == 7
    assert all(row["title"] for row in rows)
    # The demo profile has no daily standing target: no standing column.
    assert all(row["standing"] is None for row in rows)
    counts = [int(row["breaks"]) if row["breaks"] != "—" else 0 for row in rows]
    scale = max(1, target, *counts)
    for row, count in zip(rows, counts, strict=True):
        assert abs(row["bar"] - count / scale) < 0.03, (row, count, scale, screen)
    return rows


async def check_comfort(demo: Demo) -> None:
    """Finish the break; the card asks how the neck feels; a level is logged."""
    page, api, ids = demo.page, demo.api, demo.ids
    center = await wait_until(
        lambda: button_center(page, "finish_break"), within=10, what="Finish"
    )
    await page.click(*center)

    async def asked() -> dict[str, Any] | None:
        card = await card_text(page)
        return card if card["comfort"] and len(card["levels"]) == 11 else None

    card = await wait_until(asked, within=30, what="the comfort question")
    status = await api.state(ids["status"])
    assert status["state"] == "sitting"
    assert status["attributes"]["ask_comfort"] is True
    assert card["levels"] == [str(level) for level in range(11)]
    assert card["exercise"] is None
    await card_screenshot(page, SCREENSHOTS / "card-dark-comfort.png", PHONE)

    center = await wait_until(
        lambda: center_of(page, f'.levels button[data-level="{COMFORT_LEVEL}"]'),
        within=10,
        what=f"the comfort level {COMFORT_LEVEL}",
    )
    await page.click(*center)

    async def logged() -> bool:
        return await _number(api, ids["comfort"]) == COMFORT_LEVEL

    await wait_until(logged, within=15, what=f"{ids['comfort']} to be {COMFORT_LEVEL}")

    async def answered() -> dict[str, Any] | None:
        card = await card_text(page)
        return card if card["comfort"] is None else None

    await wait_until(answered, within=15, what="the comfort question to go")
    assert (await api.state(ids["status"]))["attributes"]["ask_comfort"] is False
    rows = await check_week(demo, PHONE)
    assert rows[-1]["breaks"] == "1"
    assert rows[-1]["comfort"] == str(COMFORT_LEVEL)


def _countdown_seconds(text: str | None) -> int:
    assert text and re.fullmatch(r"\d+:\d\d", text), text
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


async def check_micro_break(demo: Demo) -> None:
    """Check a micro-break: "Look away from the screen", its countdown, light and dark."""
    page, api, ids = demo.page, demo.api, demo.ids

    def due_in_seconds(config: Path) -> None:
        moment = datetime.now(UTC) - timedelta(minutes=10) + timedelta(seconds=5)
        edit_stored_progress(
            config,
            demo.entry_id,
            lambda data: data.update(micro_anchor=moment.isoformat()),
        )

    await demo.server.restart(due_in_seconds)

    async def micro() -> dict[str, Any] | None:
        with_state = await api.state(ids["status"])
        return with_state if with_state["state"] == "micro_break" else None

    status = await wait_until(micro, within=60, what="the micro-break to start")
    ends_at = datetime.fromisoformat(status["attributes"]["micro_break_ends_at"])
    await page.set_color_scheme("light")

    async def shown() -> dict[str, Any] | None:
        card = await card_text(page)
        if card["exercise"] != LOOK_AWAY or not card["countdown"]:
            return None
        return card if lightness(card["background"]) > 0.8 else None

    card = await wait_until(shown, within=90, what="the card to show the micro-break")
    # The frontend greets the restart with a toast; let it go before the screenshots.
    await asyncio.sleep(1)
    await wait_until(lambda: settled(page), within=20, what="the restart's toast to go")
    card = await card_text(page)
    assert card["status"] == demo.status_names["micro_break"]
    assert card["picture"] == "micro_break"
    assert card["step"] is None
    assert card["disclaimer"] is None
    left = (ends_at - datetime.now(UTC)).total_seconds()
    first = _countdown_seconds(card["countdown"])
    assert abs(first - left) <= 3, (card["countdown"], left)
    await asyncio.sleep(2.2)
    later = _countdown_seconds((await card_text(page))["countdown"])
    assert 1 <= first - later <= 4, (first, later)
    await card_screenshot(page, SCREENSHOTS / "card-light-micro.png", PHONE)

    await page.set_color_scheme("dark")

    async def dark() -> dict[str, Any] | None:
        card = await card_text(page)
        return card if lightness(card["background"]) < 0.3 else None

    card = await wait_until(dark, within=15, what="the dark theme")
    assert card["exercise"] == LOOK_AWAY
    await card_screenshot(page, SCREENSHOTS / "card-dark-micro.png", PHONE)
    await page.set_viewport(DESKTOP["width"], DESKTOP["height"])
    await wait_until(
        lambda: week_rows(page), within=15, what="the week at desktop width"
    )
    await page.screenshot(SCREENSHOTS / "dashboard-dark.png")
    await page.set_viewport(
        PHONE["width"], PHONE["height"], scale=PHONE["scale"], mobile=True
    )


async def check_without_week(demo: Demo) -> None:
    """Check the picker's suggestion, the editor's show_week, a card without its week."""
    page = demo.page
    suggestion = {"config": {"type": CARD_TYPE, "device_id": demo.device_id}}
    assert await card_suggestion(page, demo.ids["status"]) == suggestion
    assert await card_suggestion(page, demo.ids["comfort"]) == suggestion
    assert await card_suggestion(page, "input_boolean.desk_presence") is None
    schema = await page.evaluate(
        f"({CARD}).constructor.getConfigForm().schema"
        ".map(({ name, default: value, selector }) => ({ name, value, selector }))"
    )
    assert {"name": "show_week", "value": True, "selector": {"boolean": {}}} in schema

    (view,) = demo.lovelace["views"]
    card, *others = view["cards"]
    config = {
        **demo.lovelace,
        "views": [{**view, "cards": [{**card, "show_week": False}, *others]}],
    }
    await demo.api.websocket(
        {"type": "lovelace/config/save", "url_path": demo.dashboard, "config": config}
    )

    async def gone() -> bool:
        text = await card_text(page)
        return bool(text["name"]) and await week_rows(page) is None

    await wait_until(gone, within=30, what="the card without its week")
