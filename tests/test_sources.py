"""Works with what you have: each source as the tool that makes it publishes it.

One test per row of the README's "Works with" table: the entity with the device
class, unit, state class and state format its tool uses, and the options the row
says to set.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest

from custom_components.desk_break_coach.const import (
    CONF_DND_ENTITIES,
    CONF_PRESENCE_STATES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
)

from .helpers import advance, start_watching, state, tool_device

# HASS.Agent (Windows)
LASTACTIVE = "sensor.workpc_lastactive"
SESSIONSTATE = "sensor.workpc_sessionstate"
NOTIFICATIONSTATE = "sensor.workpc_notificationstate"
WEBCAM = "binary_sensor.workpc_webcam_in_use"
TIMESTAMP = {"device_class": "timestamp", "friendly_name": "WORKPC LastActive"}


async def _publish(
    hass: HomeAssistant, entity_id: str, value: str, attrs: dict[str, Any] | None = None
) -> None:
    hass.states.async_set(entity_id, value, attrs or {})
    await hass.async_block_till_done()


def _status(hass: HomeAssistant) -> str:
    return state(hass, "sensor", "status").state


def _due(hass: HomeAssistant) -> str:
    return state(hass, "binary_sensor", "break_due").state


async def test_hass_agent_lastactive(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """HASS.Agent's lastactive: a timestamp sent every 10 s; stale after idle_seconds."""
    await start_watching(hass, freezer, [LASTACTIVE])
    for _ in range(6):  # a minute of typing: the agent repeats the time
        await _publish(hass, LASTACTIVE, dt_util.utcnow().isoformat(), TIMESTAMP)
        await advance(hass, freezer, seconds=10)
    assert _status(hass) == "sitting"
    await advance(hass, freezer, seconds=120)  # stale: away from now on
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


async def test_hass_agent_sessionstate(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Unlocked is present, Locked is not, and "Unknown" (capitalised) is no news."""
    await start_watching(hass, freezer, [SESSIONSTATE])
    await _publish(hass, SESSIONSTATE, "Unlocked")
    assert _status(hass) == "sitting"
    await _publish(hass, SESSIONSTATE, "Unknown")
    await advance(hass, freezer, minutes=10)
    assert _status(hass) == "sitting"  # no news keeps the last word
    await _publish(hass, SESSIONSTATE, "Locked")
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


@pytest.mark.parametrize(
    ("entity_id", "busy", "free"),
    [
        # HASS.Agent's notification state
        (NOTIFICATIONSTATE, "PresentationMode", "AcceptsNotifications"),
        (NOTIFICATIONSTATE, "Busy", "AcceptsNotifications"),
        (NOTIFICATIONSTATE, "RunningDirect3dFullScreen", "AcceptsNotifications"),
        (NOTIFICATIONSTATE, "QuietTime", "AcceptsNotifications"),
        # Android companion app: do-not-disturb sensor, phone state
        ("sensor.pixel_do_not_disturb_sensor", "priority_only", "off"),
        ("sensor.pixel_do_not_disturb_sensor", "total_silence", "off"),
        ("sensor.pixel_do_not_disturb_sensor", "alarms_only", "off"),
        ("sensor.pixel_phone_state", "offhook", "idle"),
        ("sensor.pixel_phone_state", "ringing", "idle"),
        # iOS / macOS companion app: focus
        ("binary_sensor.iphone_focus", "on", "off"),
        # A calendar with an event now
        ("calendar.work", "on", "off"),
    ],
)
async def test_do_not_disturb_states(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_id: str,
    busy: str,
    free: str,
) -> None:
    """A due reminder waits while the entity says do-not-disturb in its own words."""
    await _publish(hass, "binary_sensor.office_occupancy", "on")
    await _publish(hass, entity_id, free)
    await start_watching(
        hass,
        freezer,
        ["binary_sensor.office_occupancy"],
        **{CONF_DND_ENTITIES: [entity_id]},
    )
    await _publish(hass, entity_id, busy)
    await advance(hass, freezer, minutes=46)
    assert _due(hass) == "off"
    await _publish(hass, entity_id, free)
    assert _due(hass) == "on"


async def test_meeting_at_the_pc_is_sitting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The webcam in use on the PC's own device: sitting, however idle the PC is."""
    tool_device(hass, "WORKPC", [LASTACTIVE, WEBCAM])
    await _publish(hass, WEBCAM, "off")
    entry = await start_watching(
        hass, freezer, [LASTACTIVE], **{CONF_DND_ENTITIES: [WEBCAM]}
    )
    await _publish(hass, LASTACTIVE, dt_util.utcnow().isoformat(), TIMESTAMP)
    since = state(hass, "sensor", "sitting_time").attributes["since"]
    await _publish(hass, WEBCAM, "on")  # a video call, no keyboard for an hour
    await advance(hass, freezer, minutes=60)
    assert _status(hass) == "sitting"
    assert entry.runtime_data.engine.state.away_since is None
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since
    assert _due(hass) == "off"  # and the reminder waits for the call to end
    sees = entry.runtime_data.inputs.sees()
    assert sees[LASTACTIVE]["present"] is True
    assert sees[LASTACTIVE]["why"] == "meeting"
    assert sees[WEBCAM] == {"state": "on", "dnd": True, "why": "dnd_state"}
    await _publish(hass, WEBCAM, "off")
    await _publish(hass, LASTACTIVE, dt_util.utcnow().isoformat(), TIMESTAMP)
    assert _due(hass) == "on"  # the block went on through the call
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since


async def test_a_meeting_elsewhere_is_not_sitting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A calendar (no device of the PC) waits the reminder but is no presence."""
    tool_device(hass, "WORKPC", [LASTACTIVE])
    await _publish(hass, "calendar.work", "on")
    await start_watching(
        hass, freezer, [LASTACTIVE], **{CONF_DND_ENTITIES: ["calendar.work"]}
    )
    await _publish(hass, LASTACTIVE, dt_util.utcnow().isoformat(), TIMESTAMP)
    await advance(hass, freezer, minutes=2)
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


async def test_hass_workstation_service_session_state(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """SessionState InUse / Locked / LoggedOff, with "InUse" added to presence states."""
    entity_id = "sensor.workstation_sessionstate"
    await start_watching(
        hass, freezer, [entity_id], **{CONF_PRESENCE_STATES: ["inuse", "unlocked"]}
    )
    await _publish(hass, entity_id, "InUse")
    assert _status(hass) == "sitting"
    await _publish(hass, entity_id, "LoggedOff")
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


async def test_lnxlink_idle(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """LNXlink's idle: seconds, duration, total_increasing although it resets to 0."""
    entity_id = "sensor.laptop_idle"
    attrs = {
        "device_class": "duration",
        "unit_of_measurement": "s",
        "state_class": "total_increasing",
    }
    await start_watching(hass, freezer, [entity_id])
    await _publish(hass, entity_id, "3.2", attrs)
    assert _status(hass) == "sitting"
    await _publish(hass, entity_id, "400.0", attrs)
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"
    await _publish(hass, entity_id, "0.0", attrs)  # the counter resets on input
    assert _status(hass) == "sitting"


async def test_activitywatch(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """ActivityWatch: "active" on/off and "last seen" as a timestamp."""
    active, seen = "binary_sensor.aw_active", "sensor.aw_last_seen"
    await start_watching(hass, freezer, [active, seen])
    await _publish(hass, active, "on")
    assert _status(hass) == "sitting"
    await _publish(hass, active, "off")  # off after its 3-minute away timeout
    await _publish(
        hass,
        seen,
        (dt_util.utcnow() - timedelta(minutes=3)).isoformat(),
        {"device_class": "timestamp"},
    )
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


async def test_macos_active(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The macOS companion app's "active": on while the Mac is in use."""
    entity_id = "binary_sensor.macbook_active"
    await start_watching(hass, freezer, [entity_id])
    await _publish(hass, entity_id, "on")
    assert _status(hass) == "sitting"


async def test_mmwave_occupancy_holds_late(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A Matter / mmWave occupancy sensor, off late by its hold time: still one block."""
    entity_id = "binary_sensor.desk_occupancy"
    attrs = {"device_class": "occupancy"}
    await start_watching(hass, freezer, [entity_id])
    await _publish(hass, entity_id, "on", attrs)
    since = state(hass, "sensor", "sitting_time").attributes["since"]
    await advance(hass, freezer, minutes=20)
    await _publish(hass, entity_id, "off", attrs)  # up for a coffee, 2 minutes
    await advance(hass, freezer, minutes=2)
    await _publish(hass, entity_id, "on", attrs)
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since


@pytest.mark.parametrize(
    ("entity_id", "attrs", "up", "down", "above"),
    [
        # IKEA Idasen (core): a cover, position in % (device class damper)
        (
            "cover.idasen_desk",
            {"device_class": "damper"},
            ("open", {"current_position": 75}),
            ("closed", {"current_position": 0}),
            50,
        ),
        # IKEA Idasen's height sensor, in metres
        (
            "sensor.idasen_desk_height",
            {"device_class": "distance", "unit_of_measurement": "m"},
            ("1.1", {}),
            ("0.72", {}),
            0.95,
        ),
        # Upsy Desky: the desk height in inches
        (
            "sensor.upsy_desky_height",
            {"device_class": "distance", "unit_of_measurement": "in"},
            ("43.5", {}),
            ("29", {}),
            38,
        ),
    ],
)
async def test_standing_desks(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    *,
    entity_id: str,
    attrs: dict[str, Any],
    up: tuple[str, dict[str, Any]],
    down: tuple[str, dict[str, Any]],
    above: float,
) -> None:
    """A standing desk in its own unit, with standing_above in that unit."""
    await _publish(hass, "binary_sensor.office_occupancy", "on")
    await _publish(hass, entity_id, down[0], {**attrs, **down[1]})
    await start_watching(
        hass,
        freezer,
        ["binary_sensor.office_occupancy"],
        **{CONF_STANDING_ENTITY: entity_id, CONF_STANDING_ABOVE: above},
    )
    assert _status(hass) == "sitting"
    await _publish(hass, entity_id, up[0], {**attrs, **up[1]})
    await advance(hass, freezer, minutes=3)
    assert _status(hass) == "standing"
    await _publish(hass, entity_id, down[0], {**attrs, **down[1]})
    await advance(hass, freezer, minutes=1)
    assert _status(hass) == "sitting"
