"""Phones and the habit: reminders again, the spent skip budget, the weekly report."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant

from custom_components.desk_break_coach.const import (
    CONF_MAX_SKIPS_PER_DAY,
    CONF_WEEKLY_REPORT,
)

from .helpers import act, advance, set_presence, state
from .test_habit import REMINDED
from .test_phones import (
    PhoneFarm,
    action,
    buttons,
    due,
    farm,
    now_token,
    seated_at_due,
    settle,
    tags,
)

__all__ = ["farm"]


async def test_reminded_again_on_the_phone_without_skip_once_spent(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Each reminder replaces the due notification; no Skip once the day's are used."""
    pixel = await farm.register("Pixel 9")
    entry, token = await seated_at_due(
        hass, freezer, pixel, **{CONF_MAX_SKIPS_PER_DAY: 1}
    )
    assert farm.pushed(pixel) == [due(entry.entry_id, token)]
    farm.clear_pushed()
    await advance(hass, freezer, minutes=15)
    await settle(hass)
    # The same break, reminded: the same buttons, which still act.
    assert farm.pushed(pixel) == [due(entry.entry_id, token, REMINDED.format(15))]

    await farm.press(pixel, action(entry.entry_id, "SKIP", token))
    assert state(hass, "sensor", "status").state == "sitting"
    farm.clear_pushed()
    await advance(hass, freezer, minutes=45)
    await settle(hass)
    second = now_token()
    (again,) = farm.pushed(pixel)
    without_skip = buttons(entry.entry_id, second)[:2]
    assert again["data"]["actions"] == without_skip
    # Pressing a Skip of an older notification changes nothing.
    await farm.press(pixel, action(entry.entry_id, "SKIP", token))
    assert state(hass, "sensor", "status").state == "break_due"
    farm.clear_pushed()
    await advance(hass, freezer, minutes=15)
    await settle(hass)
    (reminded,) = farm.pushed(pixel)
    assert reminded["data"]["actions"] == without_skip
    assert reminded["data"]["tag"] == tags(entry.entry_id)[0]


async def test_weekly_report_on_the_phone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Monday at the start of working hours: a plain notification, no buttons."""
    pixel = await farm.register("Pixel 9")
    entry, _token = await seated_at_due(
        hass, freezer, pixel, **{CONF_WEEKLY_REPORT: True}
    )
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    await set_presence(hass, False)
    await advance(hass, freezer, days=7, minutes=-45)  # next Monday 09:00
    await settle(hass)
    report = farm.pushed(pixel)[-1]
    assert report == {
        "message": "Last week: 1 of 4 breaks done. Over 4 weeks, 25 % of the "
        "daily breaks done.",
        "title": "Desk",
        "data": {
            "tag": f"desk_break_coach_{entry.entry_id}_report",
            "notification_icon": "mdi:chart-line",
        },
    }
