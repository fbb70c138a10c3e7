"""What the browser test reads off the page and does on it, like a person would.

The card element and its parts are found through every shadow root (the
frontend nests the card a dozen roots deep).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from .cdp import Page
from .ha_api import PASSWORD, USERNAME

CARD = "deepQuery('desk-break-coach-card')"
CARD_PART = f"(({CARD} || {{}}).shadowRoot || document.createDocumentFragment())"


async def card_text(page: Page) -> dict[str, Any]:
    """Read what the card shows."""
    text: dict[str, Any] = await page.evaluate(f"""(() => {{
        const root = {CARD_PART};
        const shown = (el) => el && !el.closest('[hidden]') ? el : null;
        const text = (selector) => {{
            const el = shown(root.querySelector(selector));
            return el ? el.textContent.trim() : null;
        }};
        const card = root.querySelector('ha-card');
        const picture = shown(root.querySelector('.ex-pic'));
        return {{
            name: text('.name'), status: text('.status'), exercise: text('.ex-name'),
            step: text('.ex-step'), countdown: text('.countdown'),
            instructions: text('.instructions'), disclaimer: text('.disclaimer'),
            picture: picture && picture.querySelector('svg') ? picture.dataset.picture : null,
            comfort: text('.comfort-q'),
            levels: Array.from(root.querySelectorAll('.levels button'))
                .filter((b) => shown(b)).map((b) => b.textContent.trim()),
            buttons: Array.from(root.querySelectorAll('.actions button'))
                .filter((b) => !b.hidden).map((b) => b.textContent.trim()),
            statusIcon: (root.querySelector('.status-icon') || {{ getAttribute: () => null }})
                .getAttribute('icon'),
            buttonIcons: Object.fromEntries(Array.from(root.querySelectorAll('.actions button'))
                .filter((b) => !b.hidden).map((b) => [b.dataset.action,
                    b.querySelector('ha-icon').getAttribute('icon')])),
            background: card ? getComputedStyle(card).backgroundColor : null,
        }};
    }})()""")
    return text


async def week_rows(page: Page) -> list[dict[str, Any]] | None:
    """Read the week view: its rows, oldest first, or None when it is not shown."""
    rows: list[dict[str, Any]] | None = await page.evaluate(f"""(() => {{
        const week = {CARD_PART}.querySelector('.week');
        if (!week || week.hidden) return null;
        const comfortShown = !week.classList.contains('no-comfort');
        return Array.from(week.querySelectorAll('tbody tr')).map((tr) => ({{
            day: tr.querySelector('th').textContent.trim(),
            title: tr.querySelector('th').title,
            today: tr.getAttribute('aria-current') === 'date',
            breaks: tr.querySelector('.num').textContent.trim(),
            bar: tr.querySelector('.fill').getBoundingClientRect().width
                / tr.querySelector('.bar').getBoundingClientRect().width,
            desk: tr.querySelector('.c-desk').textContent.trim(),
            comfort: comfortShown ? tr.querySelector('.c-comfort').textContent.trim() : null,
            standing: week.classList.contains('no-stand')
                ? null : tr.querySelector('.c-stand').textContent.trim(),
        }}));
    }})()""")
    return rows


async def center_of(page: Page, selector: str) -> list[float] | None:
    """Where to click a visible element of the card, if nothing covers it."""
    center: list[float] | None = await page.evaluate(f"""(() => {{
        const root = {CARD_PART};
        const el = root.querySelector({json.dumps(selector)});
        if (!el || el.closest('[hidden]')) return null;
        el.scrollIntoView({{ block: 'center' }});
        const box = el.getBoundingClientRect();
        const x = box.x + box.width / 2, y = box.y + box.height / 2;
        if (!box.width || y > innerHeight || y < 0) return null;
        const hit = root.elementFromPoint(x, y);
        return hit && el.contains(hit) ? [x, y] : null;
    }})()""")
    return center


async def button_center(page: Page, action: str) -> list[float] | None:
    """Where to click one of the card's action buttons."""
    return await center_of(page, f'button[data-action="{action}"]')


async def card_screenshot(page: Page, path: Path, screen: dict[str, Any]) -> Path:
    """Save the whole card: the viewport grows to hold it, then is restored."""
    measure = f"""(() => {{
        scrollTo(0, 0);
        const box = {CARD}.getBoundingClientRect();
        return [box.x, box.y, box.width, box.height];
    }})()"""
    x, y, width, height = await page.evaluate(measure)
    scale = screen.get("scale", 1)
    mobile = screen.get("mobile", False)
    tall = max(screen["height"], int(y + height + 24))
    await page.set_viewport(screen["width"], tall, scale=scale, mobile=mobile)
    await asyncio.sleep(0.5)  # let the layout settle at the new height
    x, y, width, height = await page.evaluate(measure)
    try:
        return await page.screenshot(
            path, clip={"x": x, "y": y, "width": width, "height": height}
        )
    finally:
        await page.set_viewport(
            screen["width"], screen["height"], scale=scale, mobile=mobile
        )


async def card_suggestion(page: Page, entity_id: str) -> Any:
    """Return what the card picker's entry suggests for an entity (2026.10's "by entity")."""
    return await page.evaluate(f"""(() => {{
        const hass = document.querySelector('home-assistant').hass;
        const entry = (window.customCards || [])
            .find((card) => card.type === 'desk-break-coach-card');
        return entry && entry.getEntitySuggestion
            ? entry.getEntitySuggestion(hass, {json.dumps(entity_id)}) : 'no entry';
    }})()""")


async def settled(page: Page) -> bool:
    """Whether Home Assistant runs and no toast covers the page (after a restart)."""
    quiet: bool = await page.evaluate("""(() => {
        const hass = (document.querySelector('home-assistant') || {}).hass;
        if (!hass || !hass.connected || hass.config.state !== 'RUNNING') return false;
        return !deepQueryAll('ha-toast').some((toast) => {
            const shown = (toast.shadowRoot && toast.shadowRoot.querySelector('.toast')) || toast;
            const box = shown.getBoundingClientRect();
            const style = getComputedStyle(shown);
            return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
                && Number(style.opacity) > 0;
        });
    })()""")
    return quiet


def lightness(css_color: str | None) -> float:
    """0 (black) to 1 (white) for an rgb()/rgba() colour."""
    assert css_color and css_color.startswith("rgb"), css_color
    red, green, blue = (
        float(part) for part in css_color.split("(")[1].split(")")[0].split(",")[:3]
    )
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


async def log_in(page: Page) -> None:
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


async def sidebar_item(page: Page, path: str) -> dict[str, Any] | None:
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


async def toggle(page: Page, entity_id: str) -> dict[str, Any] | None:
    """Return an entity's toggle on the dashboard: whether on, where to click."""
    found: dict[str, Any] | None = await page.evaluate(f"""(() => {{
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
    return found


async def sitting_stat(page: Page) -> str | None:
    """Return what the card shows as the time sitting now."""
    text: str | None = await page.evaluate(f"""(() => {{
        const stat = {CARD_PART}.querySelector('[data-stat="sitting"]');
        if (!stat || stat.hidden) return null;
        return stat.querySelector('dd').textContent.trim();
    }})()""")
    return text
