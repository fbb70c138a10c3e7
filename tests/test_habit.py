"""The day's routine gets done, the habit holds, and the person can see whether it helps.

Through the real integration: pacing (a day of 40 minutes sitting and 6 walking),
reminding again (bus, event entity, logbook, device trigger, notify targets), the
skip budget's refusal, the adherence sensor, `get_status`'s outcome after eight
weeks of comfort logs, and the weekly report.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.components.recorder import Recorder
from homeassistant.core import Event, HomeAssistant, ServiceCall, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.desk_break_coach.const import (
    CONF_ANNOUNCE_TARGETS,
    CONF_MAX_SKIPS_PER_DAY,
    CONF_WEEKLY_REPORT,
    DOMAIN,
)
from custom_components.desk_break_coach.profile.store import SAVE_DELAY

from .assist_helpers import async_say, async_start_day, profile
from .helpers import MONDAY_0900, act, advance, set_presence, state
from .test_services import assert_refused
from .workday import walker_present

REMINDED = (
    "Your neck break has waited {} minutes. A few minutes now, then back to work."
)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant (the logbook, statistics)."""


def listen(hass: HomeAssistant, kind: str) -> list[dict[str, Any]]:
    """Record the data of one of the integration's bus events."""
    seen: list[dict[str, Any]] = []

    @callback
    def record(event: Event) -> None:
        seen.append(dict(event.data))

    hass.bus.async_listen(f"{DOMAIN}_{kind}", record)
    return seen


def notify_targets(hass: HomeAssistant) -> list[ServiceCall]:
    """Set up a notify entity and a satellite; return the notify calls."""
    hass.states.async_set("notify.phone", "unknown")
    hass.states.async_set("assist_satellite.office", "idle", {"supported_features": 1})
    async_mock_service(hass, "assist_satellite", "announce")
    return async_mock_service(hass, "notify", "send_message")


async def test_sitting_40_walking_6_reaches_the_daily_target(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A whole working day of 40 minutes at the desk and 6 away, each due break done."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)
    due = listen(hass, "break_due")
    present = False
    for minute in range(9 * 60):
        if walker_present(minute) != present:
            present = not present
            await set_presence(hass, present)
        if state(hass, "sensor", "status").state == "break_due":
            await act(hass, entry.entry_id, "start_break")
        await advance(hass, freezer, minutes=1)
    assert int(state(hass, "sensor", "breaks_today").state) >= 4
    assert state(hass, "sensor", "daily_progress").state == "100"
    assert len(due) >= 4
    # No block of this day reaches 45 minutes: each break came from the pace.
    assert all(data["sitting_minutes"] < 45 for data in due)


async def test_reminded_again_everywhere_at_most_four_times(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Every 15 minutes while due: bus, event entity, logbook, trigger, notify target."""
    assert await async_setup_component(hass, "logbook", {})
    assert await async_setup_component(hass, DOMAIN, {})
    client = await hass_ws_client(hass)
    sent = notify_targets(hass)
    entry = profile("Desk", **{CONF_ANNOUNCE_TARGETS: ["notify.phone"]})
    await async_start_day(hass, freezer, entry, assist=False)
    (device,) = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    triggered = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: {
                "trigger": {
                    "platform": "device",
                    "domain": DOMAIN,
                    "device_id": device.id,
                    "type": "break_reminded",
                },
                "action": {
                    "service": "test.automation",
                    "data": {"count": "{{ trigger.event.data.count }}"},
                },
            }
        },
    )
    bus = listen(hass, "break_reminded")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    assert state(hass, "sensor", "status").attributes["due_since"] is not None
    for _ in range(6):
        await advance(hass, freezer, minutes=15)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert [(d["count"], d["minutes"]) for d in bus] == [
        (1, 15),
        (2, 30),
        (3, 45),
        (4, 60),
    ]
    assert bus[0]["message"] == REMINDED.format(15)
    assert [call.data["count"] for call in triggered] == [1, 2, 3, 4]
    event = state(hass, "event", "break")
    assert event.attributes["event_type"] == "break_reminded"
    assert event.attributes["count"] == 4
    assert [call.data["message"] for call in sent][1:] == [
        REMINDED.format(minutes) for minutes in (15, 30, 45, 60)
    ]
    assert state(hass, "sensor", "status").state == "break_due"

    await async_wait_recording_done(hass)
    await client.send_json_auto_id(
        {"type": "logbook/get_events", "start_time": MONDAY_0900}
    )
    response = await client.receive_json()
    # One Activity line per reminder: the break event entity's.
    lines = [
        item["attributes"]["event_type"]
        for item in response["result"]
        if item.get("entity_id") == "event.desk_break"
    ]
    assert lines.count("break_reminded") == 4
    assert not [item for item in response["result"] if item.get("domain") == DOMAIN]


async def test_not_reminded_again_while_paused_or_away(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Paused: nothing. Away under away_minutes across a moment: that one is let go."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)
    bus = listen(hass, "break_reminded")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=55)
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=4)  # across 10:00, the first reminder
    await set_presence(hass, True)
    assert bus == []
    await advance(hass, freezer, minutes=11)
    assert [d["count"] for d in bus] == [1]
    await act(hass, entry.entry_id, "pause")
    await advance(hass, freezer, hours=2)
    assert [d["count"] for d in bus] == [1]
    assert state(hass, "sensor", "status").state == "paused"


async def test_the_skip_budget(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """One skip a day: the second is refused with skip_limit and changes nothing."""
    entry = profile("Desk", **{CONF_MAX_SKIPS_PER_DAY: 1})
    await async_start_day(hass, freezer, entry, assist=False)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    assert state(hass, "sensor", "status").attributes["skips_left"] == 1
    await act(hass, entry.entry_id, "skip_break")
    await advance(hass, freezer, minutes=45)
    status = state(hass, "sensor", "status")
    assert status.state == "break_due"
    assert status.attributes["skips_left"] == 0
    assert "skip_break" not in status.attributes["available_commands"]
    await assert_refused(
        hass, "skip_break", {"config_entry_id": entry.entry_id}, "skip_limit"
    )
    await act(hass, entry.entry_id, "start_break")


async def test_eight_weeks_of_comfort_logs_give_the_outcome(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Comfort 4 at first and 7 at the end; 3 of 4 breaks each working day."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, assist=False)
    start = freezer()  # Monday 09:00
    for day in range(56):
        morning = start + timedelta(days=day)
        freezer.move_to(morning)
        await advance(hass, freezer, seconds=1)
        weekday = morning.weekday() < 5
        if weekday:
            await set_presence(hass, True)
            for _ in range(3):
                await act(hass, entry.entry_id, "start_break")
                await act(hass, entry.entry_id, "finish_break")
        level = 4 if day < 14 else 7 if day >= 42 else 6
        await act(hass, entry.entry_id, "log_comfort", level=level)
        if weekday:
            await set_presence(hass, False)
        if day == 20:
            early = (await act(hass, entry.entry_id, "get_status"))["outcome"]
            assert early["baseline"] == 4.0 and early["recent"] is None
    outcome = (await act(hass, entry.entry_id, "get_status"))["outcome"]
    assert outcome == {
        "days_logged": 56,
        "baseline": 4.0,
        "recent": 7.0,
        "change": 3.0,
        "meaningful": True,
        "adherence_28d": 75,
    }
    adherence = state(hass, "sensor", "adherence")
    assert adherence.state == "75"
    assert adherence.attributes["days"] == 28
    assert adherence.attributes["state_class"] == "measurement"
    assert adherence.attributes["unit_of_measurement"] == "%"
    assert adherence.attributes["change"] == 3.0


async def test_weekly_report_to_notify_targets_not_speakers(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Monday 09:00: last week's report is written, never spoken; off: none."""
    sent = notify_targets(hass)
    entry = profile(
        "Desk",
        **{
            CONF_WEEKLY_REPORT: True,
            CONF_ANNOUNCE_TARGETS: ["notify.phone", "assist_satellite.office"],
        },
    )
    await async_start_day(hass, freezer, entry, assist=False)
    reports = listen(hass, "weekly_report")
    for _ in range(5):
        await set_presence(hass, True)
        await act(hass, entry.entry_id, "start_break")
        await act(hass, entry.entry_id, "finish_break")
        await set_presence(hass, False)
        await advance(hass, freezer, days=1)
    sent.clear()
    await advance(hass, freezer, days=2, hours=-1)  # Monday 08:00
    assert reports == []
    await advance(hass, freezer, hours=1)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert [
        {k: v for k, v in r.items() if k not in ("config_entry_id", "name")}
        for r in reports
    ] == [
        {
            "breaks": 5,
            "target": 20,
            "adherence_28d": 25,
            "comfort_change": None,
            "message": "Last week: 5 of 20 breaks done. "
            "Over 4 weeks, 25 % of the daily breaks done.",
        }
    ]
    assert [c.data["entity_id"] for c in sent] == ["notify.phone"]
    assert state(hass, "event", "break").attributes["event_type"] == "weekly_report"


@pytest.mark.parametrize(
    ("language", "sentences", "early", "after"),
    [
        (
            "en",
            ("how am I doing", "is it helping"),
            (
                "Log how your neck feels each day: after four weeks of logs I can "
                "tell whether it helps (1 day so far)."
            ),
            (
                "Over your last 19 days at work you did 100 % of your daily breaks. "
                "Comfort went from 4.0 to 7.0: a change you can notice."
            ),
        ),
        (
            "ru",
            ("как у меня дела", "помогают ли упражнения"),
            "Отмечайте каждый день, как себя чувствует шея",
            "Самочувствие: было 4.0, стало 7.0 — заметное улучшение.",
        ),
        (
            "de",
            ("wie geht es mir", "helfen die übungen"),
            "Erfasse jeden Tag, wie sich dein Nacken anfühlt",
            "Dein Befinden ging von 4.0 auf 7.0: eine spürbare Veränderung.",
        ),
    ],
)
async def test_voice_how_am_i_doing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    *,
    language: str,
    sentences: tuple[str, str],
    early: str,
    after: str,
) -> None:
    """Asked how it goes or whether it helps: adherence and the comfort change."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, language=language)
    await act(hass, entry.entry_id, "log_comfort", level=4)
    for sentence in sentences:
        assert early in await async_say(hass, sentence, language=language)
    start = freezer()
    for day in range(1, 28):
        freezer.move_to(start + timedelta(days=day))
        await advance(hass, freezer, seconds=1)
        if freezer().weekday() < 5:
            await set_presence(hass, True)
            for _ in range(4):
                await act(hass, entry.entry_id, "start_break")
                await act(hass, entry.entry_id, "finish_break")
            await set_presence(hass, False)
        await act(hass, entry.entry_id, "log_comfort", level=4 if day < 14 else 7)
    for sentence in sentences:
        assert after in await async_say(hass, sentence, language=language)


async def test_a_second_wave_file_loads_and_the_long_view_survives_a_reload(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """A 1.2 file loads; day records are saved as 1.3 and come back after a reload."""
    entry = profile("Desk")
    key = f"{DOMAIN}.{entry.entry_id}"
    hass_storage[key] = {
        "version": 1,
        "minor_version": 2,
        "key": key,
        "data": {
            "streak": 2,
            "day": "2026-11-23",
            "breaks_today": 3,
            "worked_today": True,
            "comfort": [{"at": "2026-11-23T08:30:00+00:00", "level": 5}],
        },
    }
    await async_start_day(hass, freezer, entry, assist=False)
    assert state(hass, "sensor", "adherence").state == "unknown"
    await advance(hass, freezer, days=1)
    # a change that can wait is saved
    await advance(hass, freezer, seconds=SAVE_DELAY + 1)
    stored = hass_storage[key]
    assert (stored["version"], stored["minor_version"]) == (1, 3)
    assert stored["data"]["history"] == [
        {
            "day": "2026-11-23",
            "breaks": 3,
            "target": 4,
            "worked": True,
            "sitting_minutes": 0,
            "comfort": 5.0,
        }
    ]
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor", "adherence").state == "75"
    outcome = (await act(hass, entry.entry_id, "get_status"))["outcome"]
    assert outcome["days_logged"] == 1 and outcome["adherence_28d"] == 75
