"""Phones: the real mobile_app integration, devices registered as the companion app does.

Only the phones' push service is faked (aioclient_mock answers the push URLs the
apps registered), so each test sees exactly what Home Assistant pushed. Buttons
are pressed the way the app reports them: a `fire_event` webhook call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus
import logging
from typing import Any

from aiohttp import ClientError
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.desk_break_coach.const import (
    CONF_MAX_SNOOZES,
    CONF_PHONES,
    DOMAIN,
)
from custom_components.desk_break_coach.diagnostics import (
    async_get_config_entry_diagnostics,
)

from .assist_helpers import async_start_day, profile
from .helpers import act, advance, options_form, set_presence, state

ACTION_EVENT = "mobile_app_notification_action"
DUE = "You have been sitting for 45 minutes. Time for a short neck break."


@dataclass(frozen=True)
class Phone:
    """A registered companion app: its device, webhook and push URL."""

    device_id: str
    webhook_id: str
    entry_id: str
    push_url: str


class PhoneFarm:
    """Registers phones with the real mobile_app and reads what they were pushed."""

    def __init__(
        self,
        hass: HomeAssistant,
        client: Any,
        aioclient_mock: AiohttpClientMocker,
    ) -> None:
        """Keep the authenticated client and the push mock."""
        self.hass = hass
        self.client = client
        self.mock = aioclient_mock

    async def register(
        self,
        name: str,
        *,
        manufacturer: str = "Google",
        os_name: str = "Android",
        app_data: dict[str, Any] | None = None,
        reachable: bool = True,
    ) -> Phone:
        """POST /api/mobile_app/registrations, as the app does on first start."""
        slug = name.lower().replace(" ", "_")
        push_url = f"https://push.example/{slug}"
        if app_data is None:
            app_data = {"push_url": push_url, "push_token": f"token-{slug}"}
            if reachable:
                self.mock.post(push_url, json={})
            else:
                self.mock.post(push_url, exc=ClientError("no route to the phone"))
        response = await self.client.post(
            "/api/mobile_app/registrations",
            json={
                "app_data": app_data,
                "app_id": "io.homeassistant.companion",
                "app_name": "Home Assistant",
                "app_version": "2026.10",
                "device_name": name,
                "device_id": f"id-{slug}",
                "manufacturer": manufacturer,
                "model": "Phone",
                "os_name": os_name,
                "os_version": "17.4",
                "supports_encryption": False,
            },
        )
        assert response.status == HTTPStatus.CREATED
        webhook_id = (await response.json())["webhook_id"]
        await self.hass.async_block_till_done()
        (device,) = dr.async_get(self.hass).async_get_devices(
            identifiers={("mobile_app", f"id-{slug}")}
        )
        return Phone(device.id, webhook_id, device.config_entry_id, push_url)

    async def webhook(self, phone: Phone, kind: str, data: dict[str, Any]) -> None:
        """Call the phone's webhook, as the app does."""
        response = await self.client.post(
            f"/api/webhook/{phone.webhook_id}", json={"type": kind, "data": data}
        )
        assert response.status == HTTPStatus.OK
        await settle(self.hass)

    async def press(self, phone: Phone, action: str) -> None:
        """Press a notification button on the phone."""
        await self.webhook(
            phone,
            "fire_event",
            {"event_type": ACTION_EVENT, "event_data": {"action": action}},
        )

    def pushed(self, phone: Phone) -> list[dict[str, Any]]:
        """Return what reached the phone's push URL, without the app's credentials."""
        return [
            {
                k: v
                for k, v in data.items()
                if k not in ("push_token", "registration_info")
            }
            for _method, url, data, _headers in self.mock.mock_calls
            if str(url) == phone.push_url
        ]

    def clear_pushed(self) -> None:
        """Forget what was pushed so far."""
        self.mock.mock_calls.clear()


async def settle(hass: HomeAssistant) -> None:
    """Let the deliveries (background tasks) finish."""
    await hass.async_block_till_done(wait_background_tasks=True)


@pytest.fixture
async def farm(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    aioclient_mock: AiohttpClientMocker,
) -> PhoneFarm:
    """Set up the real mobile_app, with an authenticated client for registrations."""
    # The integration serves its card: set it up before the client freezes the routes.
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_setup_component(hass, "mobile_app", {"mobile_app": {}})
    await hass.async_block_till_done()
    return PhoneFarm(hass, await hass_client(), aioclient_mock)


def tags(entry_id: str) -> tuple[str, str]:
    """Return the due and the live tag of a profile."""
    return f"desk_break_coach_{entry_id}", f"desk_break_coach_{entry_id}_live"


def now_token() -> str:
    """Return the token of a break that falls due now: its moment, in seconds."""
    return str(int(dt_util.utcnow().timestamp()))


def action(entry_id: str, word: str, token: str) -> str:
    """Return the action id of a button of the break with `token`."""
    return f"DESK_BREAK_{word}_{entry_id}_{token}"


def buttons(entry_id: str, token: str, *, snooze: bool = True) -> list[dict[str, str]]:
    """Return the due notification's buttons, in English."""
    found = [{"action": action(entry_id, "START", token), "title": "Start break"}]
    if snooze:
        found.append({"action": action(entry_id, "SNOOZE", token), "title": "Snooze"})
    found.append({"action": action(entry_id, "SKIP", token), "title": "Skip break"})
    return found


def due(
    entry_id: str, token: str, message: str = DUE, *, snooze: bool = True
) -> dict[str, Any]:
    """Return the due notification as pushed."""
    return {
        "message": message,
        "title": "Desk",
        "data": {
            "tag": tags(entry_id)[0],
            "actions": buttons(entry_id, token, snooze=snooze),
            "notification_icon": "mdi:human-handsup",
            "ttl": 0,
            "priority": "high",
            "push": {"interruption-level": "time-sensitive"},
        },
    }


def cleared(tag: str) -> dict[str, Any]:
    """Return a clear_notification push."""
    return {"message": "clear_notification", "data": {"tag": tag}}


def current_step(hass: HomeAssistant) -> dict[str, Any]:
    """Return the current_exercise attributes, with the exercise as `name`."""
    found = state(hass, "sensor", "current_exercise")
    return {**found.attributes, "name": found.state}


async def seated_at_due(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, *phones: Phone, **options: Any
) -> tuple[MockConfigEntry, str]:
    """Monday 09:00: a profile with these phones, seated until the break is due.

    Returns the profile and the due break's token (its buttons carry it).
    """
    entry = profile("Desk", **{CONF_PHONES: [p.device_id for p in phones], **options})
    await async_start_day(hass, freezer, entry, assist=False)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await settle(hass)
    return entry, now_token()


async def test_break_due_and_started_from_the_phone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Due: buttons. Start pressed: the break runs, live, step by step, then clears."""
    pixel = await farm.register("Pixel 9")
    entry, token = await seated_at_due(hass, freezer, pixel)
    due_tag, live_tag = tags(entry.entry_id)
    assert state(hass, "sensor", "status").state == "break_due"
    assert farm.pushed(pixel) == [due(entry.entry_id, token)]

    farm.clear_pushed()
    await farm.press(pixel, action(entry.entry_id, "START", token))
    assert state(hass, "sensor", "status").state == "on_break"
    step = current_step(hass)
    ends_at = dt_util.parse_datetime(step["ends_at"])
    assert ends_at is not None
    first = {
        "message": farm.pushed(pixel)[1]["message"],
        "title": "Desk",
        "data": {
            "tag": live_tag,
            "live_update": True,
            "progress": 1,
            "progress_max": step["steps_total"],
            "chronometer": True,
            "when": int(ends_at.timestamp()),
            "critical_text": f"1/{step['steps_total']}",
            "notification_icon": "mdi:yoga",
            "alert_once": True,
            "sticky": True,
        },
    }
    assert farm.pushed(pixel) == [cleared(due_tag), first]
    assert first["message"].startswith(f"Exercise 1 of {step['steps_total']}: ")
    assert step["name"] in first["message"]

    # Each step replaces the live notification: the next exercise, its countdown.
    farm.clear_pushed()
    await advance(hass, freezer, seconds=30)
    await act(hass, entry.entry_id, "next_exercise")
    await settle(hass)
    step = current_step(hass)
    assert step["step"] == 2
    (second,) = farm.pushed(pixel)
    ends_at = dt_util.parse_datetime(step["ends_at"])
    assert ends_at is not None
    assert second["data"]["tag"] == live_tag
    assert second["data"]["progress"] == 2
    assert second["data"]["when"] == int(ends_at.timestamp())
    assert step["name"] in second["message"]

    # The last step runs out: the break completes by itself, the notification goes.
    assert step["steps_total"] == 2
    farm.clear_pushed()
    await advance(hass, freezer, seconds=step["seconds_left"] + 1)
    await settle(hass)
    assert state(hass, "sensor", "breaks_today").state == "1"
    assert farm.pushed(pixel) == [cleared(live_tag)]


async def test_snooze_and_skip_from_the_phone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Snooze: snoozed and cleared, due again later; skip: sitting again, cleared."""
    pixel = await farm.register("Pixel 9")
    entry, token = await seated_at_due(hass, freezer, pixel, **{CONF_MAX_SNOOZES: 1})
    due_tag, _ = tags(entry.entry_id)

    farm.clear_pushed()
    await farm.press(pixel, action(entry.entry_id, "SNOOZE", token))
    assert state(hass, "sensor", "status").state == "snoozed"
    assert farm.pushed(pixel) == [cleared(due_tag)]

    # Due again after the default 10 minutes; no snoozes are left, so no Snooze.
    farm.clear_pushed()
    await advance(hass, freezer, minutes=10)
    await settle(hass)
    assert state(hass, "sensor", "status").state == "break_due"
    (again,) = farm.pushed(pixel)
    token = now_token()
    assert again["data"]["actions"] == buttons(entry.entry_id, token, snooze=False)

    farm.clear_pushed()
    await farm.press(pixel, action(entry.entry_id, "SKIP", token))
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "breaks_today").state == "0"
    assert farm.pushed(pixel) == [cleared(due_tag)]


async def test_stale_buttons_do_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Snooze, then Skip on the same notification: nothing; the next one's work."""
    pixel = await farm.register("Pixel 9")
    entry, first = await seated_at_due(hass, freezer, pixel)
    caplog.set_level(logging.DEBUG, "custom_components.desk_break_coach.outputs.phones")
    await farm.press(pixel, action(entry.entry_id, "SNOOZE", first))
    assert state(hass, "sensor", "status").state == "snoozed"
    snoozed = {
        key: state(hass, "sensor", key).as_dict()
        for key in ("status", "next_break", "breaks_today")
    }

    # The same, already answered notification: Skip, Start and Snooze do nothing.
    farm.clear_pushed()
    for word in ("SKIP", "START", "SNOOZE"):
        await farm.press(pixel, action(entry.entry_id, word, first))
    assert {key: state(hass, "sensor", key).as_dict() for key in snoozed} == snoozed
    assert farm.pushed(pixel) == []
    stale = [
        r
        for r in caplog.records
        if r.name.endswith("phones") and "stale" in r.getMessage()
    ]
    assert [r.levelno for r in stale] == [logging.DEBUG] * 3

    # Due again: a new notification whose buttons work; the old ones still do not.
    await advance(hass, freezer, minutes=10)
    await settle(hass)
    second = now_token()
    assert second != first
    assert farm.pushed(pixel) == [
        due(entry.entry_id, second, farm.pushed(pixel)[0]["message"], snooze=True)
    ]
    await farm.press(pixel, action(entry.entry_id, "SKIP", first))
    assert state(hass, "sensor", "status").state == "break_due"
    await farm.press(pixel, action(entry.entry_id, "SKIP", second))
    assert state(hass, "sensor", "status").state == "sitting"


async def test_old_start_with_nothing_due(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """A Start kept from a break answered on the dashboard starts nothing later."""
    pixel = await farm.register("Pixel 9")
    entry, token = await seated_at_due(hass, freezer, pixel)
    await act(hass, entry.entry_id, "skip_break")
    await advance(hass, freezer, minutes=10)
    assert state(hass, "sensor", "status").state == "sitting"
    await farm.press(pixel, action(entry.entry_id, "START", token))
    # And a button from before buttons carried their break.
    await farm.press(pixel, f"DESK_BREAK_START_{entry.entry_id}")
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "current_exercise").state == "unknown"


async def test_refused_and_foreign_buttons(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A button that no longer fits is ignored (debug log); other actions are not ours."""
    pixel = await farm.register("Pixel 9")
    entry, token = await seated_at_due(hass, freezer, pixel)
    await farm.press(pixel, action(entry.entry_id, "START", token))
    assert state(hass, "sensor", "status").state == "on_break"

    farm.clear_pushed()
    caplog.set_level(logging.DEBUG, "custom_components.desk_break_coach.outputs.phones")
    # Pressed on a second phone, or twice: the break is already running.
    await farm.press(pixel, action(entry.entry_id, "START", token))
    await farm.press(pixel, action(entry.entry_id, "SNOOZE", token))
    # Another profile's button, another automation's action.
    await farm.press(pixel, "DESK_BREAK_SKIP_01OTHERPROFILE")
    await farm.press(pixel, "OPEN_GARAGE")
    assert state(hass, "sensor", "status").state == "on_break"
    assert current_step(hass)["step"] == 1
    assert farm.pushed(pixel) == []
    ours = [r for r in caplog.records if r.name.startswith("custom_components")]
    assert [(r.levelno, "stale" in r.getMessage()) for r in ours] == [
        (logging.DEBUG, True),
        (logging.DEBUG, True),
    ]


async def test_answered_elsewhere_or_no_longer_due(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Started from the dashboard: cleared; left the desk while due: cleared too."""
    pixel = await farm.register("Pixel 9")
    other = await farm.register("Pixel 7")
    entry, token = await seated_at_due(hass, freezer, pixel, other)
    due_tag, live_tag = tags(entry.entry_id)
    assert farm.pushed(pixel) == farm.pushed(other) == [due(entry.entry_id, token)]

    farm.clear_pushed()
    await act(hass, entry.entry_id, "start_break")
    await settle(hass)
    for phone in (pixel, other):
        pushed = farm.pushed(phone)
        assert pushed[0] == cleared(due_tag)
        assert [push["data"]["tag"] for push in pushed] == [due_tag, live_tag]

    # Stopped for feeling unwell: the live notification goes.
    farm.clear_pushed()
    await act(hass, entry.entry_id, "stop_routine")
    await settle(hass)
    assert farm.pushed(pixel) == farm.pushed(other) == [cleared(live_tag)]

    # After a resume the next break falls due; leaving the desk takes it back.
    await act(hass, entry.entry_id, "resume")
    await advance(hass, freezer, minutes=45)
    await settle(hass)
    assert state(hass, "sensor", "status").state == "break_due"
    farm.clear_pushed()
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=5)
    await settle(hass)
    assert state(hass, "sensor", "status").state == "away"
    assert farm.pushed(pixel) == farm.pushed(other) == [cleared(due_tag)]


async def test_reload_mid_break(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """After a reload (or restart) what the phone still shows is cleared when over."""
    pixel = await farm.register("Pixel 9")
    entry, token = await seated_at_due(hass, freezer, pixel)
    due_tag, live_tag = tags(entry.entry_id)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor", "status").state == "break_due"

    farm.clear_pushed()
    await farm.press(pixel, action(entry.entry_id, "START", token))
    assert farm.pushed(pixel)[0] == cleared(due_tag)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor", "status").state == "on_break"

    farm.clear_pushed()
    await act(hass, entry.entry_id, "finish_break")
    await settle(hass)
    assert farm.pushed(pixel) == [cleared(live_tag)]


async def test_due_while_home_assistant_starts(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A break due while Home Assistant starts reaches the phone once it has started.

    At start the coach may be set up before mobile_app, whose notify action for
    the phone does not exist yet: the notification waits, it does not fail.
    """
    pixel = await farm.register("Pixel 9")
    entry = profile("Desk", **{CONF_PHONES: [pixel.device_id]})
    await async_start_day(hass, freezer, entry, assist=False)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=44)
    assert await hass.config_entries.async_unload(pixel.entry_id)
    hass.set_state(CoreState.starting)
    farm.clear_pushed()
    await advance(hass, freezer, minutes=1)
    token = now_token()
    await hass.async_block_till_done()  # not the deliveries: they wait for the start
    assert state(hass, "sensor", "status").state == "break_due"
    assert farm.pushed(pixel) == []

    assert await hass.config_entries.async_setup(pixel.entry_id)
    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await settle(hass)
    assert farm.pushed(pixel) == [due(entry.entry_id, token)]
    assert "Cannot send" not in caplog.text


async def test_iphone_live_activity(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """On iOS mobile_app turns the live notification into a Live Activity."""
    iphone = await farm.register(
        "iPhone",
        manufacturer="Apple",
        os_name="iOS",
        app_data={
            "push_url": "https://push.example/iphone",
            "push_token": "token-iphone",
            "start_live_activity_token": "start-token",
        },
    )
    farm.mock.post("https://push.example/iphone", json={})
    entry, token = await seated_at_due(hass, freezer, iphone)
    due_tag, live_tag = tags(entry.entry_id)
    assert farm.pushed(iphone) == [due(entry.entry_id, token)]

    farm.clear_pushed()
    await farm.press(iphone, action(entry.entry_id, "START", token))
    clear_due, start = farm.pushed(iphone)
    assert clear_due == cleared(due_tag)
    # The first step starts the activity with the app's start token.
    assert start["live_activity_token"] == "start-token"
    assert start["data"]["event"] == "start"
    assert start["data"]["tag"] == live_tag
    assert start["data"]["live_update"] is True

    # The app hands over the activity's own token; the next step updates it.
    expires = (dt_util.utcnow() + timedelta(hours=8)).timestamp()
    await farm.webhook(
        iphone,
        "live_activity_token",
        {"tag": live_tag, "push_token": "activity-token", "expires_at": expires},
    )
    farm.clear_pushed()
    await act(hass, entry.entry_id, "next_exercise")
    await settle(hass)
    (update,) = farm.pushed(iphone)
    assert update["live_activity_token"] == "activity-token"
    assert update["data"]["event"] == "update"
    assert update["data"]["progress"] == 2

    # The end of the break ends the activity.
    farm.clear_pushed()
    await act(hass, entry.entry_id, "finish_break")
    await settle(hass)
    (end,) = farm.pushed(iphone)
    assert end["message"] == "clear_notification"
    assert end["live_activity_token"] == "activity-token"
    assert end["data"] == {"tag": live_tag, "event": "end"}


async def test_russian_buttons(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """The buttons speak the profile's language."""
    pixel = await farm.register("Pixel 9")
    entry = profile("Desk", **{CONF_PHONES: [pixel.device_id]})
    await async_start_day(hass, freezer, entry, assist=False, language="ru")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await settle(hass)
    (pushed,) = farm.pushed(pixel)
    assert [button["title"] for button in pushed["data"]["actions"]] == [
        "Начать перерыв",
        "Отложить",
        "Пропустить перерыв",
    ]
    assert "45" in pushed["message"]
    assert pushed["message"] != DUE


async def test_removed_and_unreachable_phones(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Removed, offline or unreachable phones are logged once; the rest go on."""
    pixel = await farm.register("Pixel 9")
    gone = await farm.register("Old Phone")
    local_only = await farm.register(
        "Tablet", app_data={"push_websocket_channel": True}
    )
    unreachable = await farm.register("Far Phone", reachable=False)
    await hass.config_entries.async_remove(gone.entry_id)
    await hass.async_block_till_done()
    caplog.set_level(logging.WARNING, "custom_components.desk_break_coach")

    entry, token = await seated_at_due(
        hass, freezer, gone, local_only, unreachable, pixel, **{CONF_MAX_SNOOZES: 3}
    )
    assert farm.pushed(pixel) == [due(entry.entry_id, token)]
    # mobile_app tried the unreachable phone (and logged the error itself).
    assert len(farm.pushed(unreachable)) == 1
    warnings = [r.getMessage() for r in caplog.records if r.name.endswith("phones")]
    assert len(warnings) == 2
    assert gone.device_id in warnings[0]
    assert "no longer exists" in warnings[0]
    assert local_only.device_id in warnings[1]

    # The coach goes on; a second round logs nothing new.
    caplog.clear()
    await farm.press(pixel, action(entry.entry_id, "SNOOZE", token))
    await advance(hass, freezer, minutes=10)
    await settle(hass)
    assert state(hass, "sensor", "status").state == "break_due"
    assert [r for r in caplog.records if r.name.endswith("phones")] == []
    again = farm.pushed(pixel)[-1]
    assert again == due(entry.entry_id, now_token(), again["message"])
    assert "55 minutes" in again["message"]


async def test_phone_gains_push_and_a_new_name(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A phone without push is skipped until the app turns push on; renames follow."""
    phone = await farm.register("Pixel 9", app_data={})
    caplog.set_level(logging.INFO, "custom_components.desk_break_coach")
    entry, token = await seated_at_due(hass, freezer, phone)
    (warning,) = [r for r in caplog.records if r.name.endswith("phones")]
    assert warning.levelno == logging.WARNING
    assert "notify.mobile_app_pixel_9 does not exist" in warning.getMessage()

    # The app turns notifications on and the phone is renamed: the next reminder
    # goes to notify.mobile_app_pixel_9_pro.
    farm.mock.post(phone.push_url, json={})
    await farm.webhook(
        phone,
        "update_registration",
        {
            "app_data": {"push_url": phone.push_url, "push_token": "token"},
            "app_version": "2026.11",
            "device_name": "Pixel 9 Pro",
            "manufacturer": "Google",
            "model": "Phone",
            "os_version": "17.4",
        },
    )
    assert hass.services.has_service("notify", "mobile_app_pixel_9_pro")
    caplog.clear()
    await farm.press(phone, action(entry.entry_id, "SKIP", token))
    assert state(hass, "sensor", "status").state == "sitting"
    assert farm.pushed(phone) == [cleared(tags(entry.entry_id)[0])]
    (info,) = [r for r in caplog.records if r.name.endswith("phones")]
    assert info.levelno == logging.INFO
    assert "works again" in info.getMessage()


async def test_no_phones_no_pushes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Without the option nothing is sent, and a break runs as before."""
    pixel = await farm.register("Pixel 9")
    entry, _ = await seated_at_due(hass, freezer)
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    await settle(hass)
    assert farm.pushed(pixel) == []


async def test_options_flow_chooses_phones(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """The options form offers mobile_app devices and stores the chosen ones."""
    pixel = await farm.register("Pixel 9")
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    (selector,) = [
        value.validators[0]
        for section in result["data_schema"].schema.values()
        for key, value in section.schema.schema.items()
        if str(key) == CONF_PHONES
    ]
    assert selector.serialize() == {
        "selector": {
            "device": {"filter": [{"integration": "mobile_app"}], "multiple": True}
        }
    }
    suggested = {
        str(k): k.description["suggested_value"]
        for section in result["data_schema"].schema.values()
        for k in section.schema.schema
        if k.description and "suggested_value" in k.description
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        options_form({**suggested, CONF_PHONES: [pixel.device_id] * 2}),
    )
    await hass.async_block_till_done()
    assert entry.options[CONF_PHONES] == [pixel.device_id]

    # Applied at once, without a reload.
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await settle(hass)
    assert farm.pushed(pixel) == [due(entry.entry_id, now_token())]


async def test_diagnostics_list_phones(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, farm: PhoneFarm
) -> None:
    """Diagnostics name each chosen phone's notify action, or what is wrong."""
    pixel = await farm.register("Pixel 9")
    mute = await farm.register("Watch", app_data={})
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)
    (desk,) = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    chosen = [pixel.device_id, mute.device_id, desk.id, "no-such-device"]
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_PHONES: chosen}
    )
    await hass.async_block_till_done()
    result = await async_get_config_entry_diagnostics(hass, entry)
    assert result["phones"] == [
        {
            "device_id": pixel.device_id,
            "notify_target": "notify.mobile_app_pixel_9",
            "problem": None,
        },
        {
            "device_id": mute.device_id,
            "notify_target": None,
            "problem": "notify.mobile_app_watch does not exist: the app is not set "
            "up or does not take notifications",
        },
        {
            "device_id": desk.id,
            "notify_target": None,
            "problem": "not a device of the companion app",
        },
        {
            "device_id": "no-such-device",
            "notify_target": None,
            "problem": "the device no longer exists",
        },
    ]
