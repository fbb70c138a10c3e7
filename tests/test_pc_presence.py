"""Presence from the computer: last-active timestamps, idle times, session states."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest

from custom_components.desk_break_coach.const import (
    CONF_IDLE_SECONDS,
    CONF_NAME,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    CONF_PRESENCE_STATES,
    DOMAIN,
    PRESENCE_MODE_ALL,
    PRESENCE_MODE_ANY,
)
from custom_components.desk_break_coach.presence.watch import (
    UNAVAILABLE_GRACE,
    issue_id,
)

from .helpers import advance, record_writes, start_watching, state

LAST_ACTIVE = "sensor.pc_last_active"
IDLE = "sensor.pc_idle_time"
SESSION = "sensor.pc_session_state"
CHAIR = "binary_sensor.chair"
TIMESTAMP = {"device_class": "timestamp"}


def _active_now(hass: HomeAssistant) -> None:
    hass.states.async_set(LAST_ACTIVE, dt_util.utcnow().isoformat(), TIMESTAMP)


def _status(hass: HomeAssistant) -> str:
    return state(hass, "sensor", "status").state


async def test_timestamp_goes_stale_without_any_state_change(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A PC left untouched: present until idle_seconds pass, then away on time."""
    entry = await start_watching(hass, freezer, [LAST_ACTIVE])
    _active_now(hass)
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"
    await advance(hass, freezer, seconds=119)
    assert entry.runtime_data.engine.state.away_since is None
    # Nothing writes the sensor again. At 120 s the person is away; 5 minutes of
    # absence (away_minutes) later that is a natural break, to the second.
    await advance(hass, freezer, seconds=1)
    assert entry.runtime_data.engine.state.away_since == dt_util.utcnow()
    await advance(hass, freezer, seconds=5 * 60 - 1)
    assert _status(hass) == "sitting"
    await advance(hass, freezer, seconds=1)
    assert _status(hass) == "away"
    # Touching the PC again starts a new sitting block.
    _active_now(hass)
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"
    assert state(hass, "sensor", "sitting_time").state == "0"


async def test_short_pc_idle_is_not_a_break(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Reading for three minutes without touching the mouse keeps the sitting block."""
    await start_watching(hass, freezer, [LAST_ACTIVE])
    _active_now(hass)
    await hass.async_block_till_done()
    since = state(hass, "sensor", "sitting_time").attributes["since"]
    await advance(hass, freezer, minutes=3)
    _active_now(hass)
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=42)
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since
    assert _status(hass) == "break_due"


@pytest.mark.parametrize(
    ("unit", "present", "absent"),
    [
        ("s", "90", "150"),
        ("min", "1.5", "2.5"),
        ("h", "0.01", "0.1"),
        ("ms", "500", "600000"),
    ],
)
async def test_idle_time_sensor_honours_its_unit(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    unit: str,
    present: str,
    absent: str,
) -> None:
    """An idle time counts as present while at most idle_seconds, in its own unit."""
    await start_watching(hass, freezer, [IDLE])
    attrs = {"unit_of_measurement": unit, "device_class": "duration"}
    hass.states.async_set(IDLE, present, attrs)
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"
    hass.states.async_set(IDLE, absent, attrs)
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


async def test_idle_seconds_option(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A longer idle_seconds keeps 150 idle seconds as present."""
    await start_watching(hass, freezer, [IDLE], **{CONF_IDLE_SECONDS: 600})
    hass.states.async_set(IDLE, "150", {"unit_of_measurement": "s"})
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"


async def test_session_state_sensor(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Unlocked (any letter case) is present, Locked is not; the list is an option."""
    await start_watching(hass, freezer, [SESSION])
    hass.states.async_set(SESSION, "Unlocked")
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"
    hass.states.async_set(SESSION, "Locked")
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=5)
    assert _status(hass) == "away"


async def test_custom_presence_states(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """With presence_states ["at desk"], "AT DESK" is present and "unlocked" is not."""
    await start_watching(
        hass, freezer, [SESSION], **{CONF_PRESENCE_STATES: ["at desk"]}
    )
    hass.states.async_set(SESSION, "unlocked")
    await hass.async_block_till_done()
    assert _status(hass) == "away"
    hass.states.async_set(SESSION, "AT DESK")
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"


async def test_all_mode_mixes_a_chair_and_a_timestamp(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """In `all` mode the chair and a fresh PC timestamp must both say present."""
    await start_watching(hass, freezer, [CHAIR, LAST_ACTIVE], mode=PRESENCE_MODE_ALL)
    hass.states.async_set(CHAIR, "on")
    await hass.async_block_till_done()
    assert _status(hass) == "away"  # the PC has said nothing yet
    _active_now(hass)
    await hass.async_block_till_done()
    assert _status(hass) == "sitting"
    # The PC goes stale on its own while the chair stays on: absent.
    await advance(hass, freezer, seconds=120)
    await advance(hass, freezer, seconds=5 * 60)
    assert _status(hass) == "away"


async def test_unavailable_sensor_is_no_news_and_raises_the_repair(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """An unavailable PC sensor keeps its last word; an hour of it is a repair issue."""
    entry = await start_watching(hass, freezer, [SESSION])
    hass.states.async_set(SESSION, "Unlocked")
    await hass.async_block_till_done()
    hass.states.async_set(SESSION, "unavailable")
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=10)
    assert _status(hass) == "sitting"
    await advance(hass, freezer, seconds=UNAVAILABLE_GRACE.total_seconds())
    issues = ir.async_get(hass)
    assert issues.async_get_issue(DOMAIN, issue_id(entry.entry_id, SESSION))


async def test_pc_sensors_can_be_chosen_in_the_config_flow(hass: HomeAssistant) -> None:
    """The user step takes sensors beside the other presence kinds."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": "user"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_NAME: "PC",
            CONF_PRESENCE_ENTITIES: [LAST_ACTIVE, SESSION],
            CONF_PRESENCE_MODE: PRESENCE_MODE_ANY,
        },
    )
    assert result["type"] is FlowResultType.FORM and result["step_id"] == "consent"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_PRESENCE_ENTITIES] == [LAST_ACTIVE, SESSION]


async def test_timestamp_updated_every_second_writes_little(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A PC agent reporting every second for 10 minutes: bounded writes, one wake-up."""
    entry = await start_watching(hass, freezer, [LAST_ACTIVE])
    _active_now(hass)
    await hass.async_block_till_done()
    writes = record_writes(hass, entry)
    stale = entry.runtime_data.inputs
    armed = []
    for _ in range(600):
        freezer.tick(timedelta(seconds=1))
        _active_now(hass)
        await hass.async_block_till_done()
        armed.append(stale.armed_wakeup())
    # One wake-up at a time, moved with each report to 120 s after it.
    assert armed[-1] == dt_util.utcnow() + timedelta(seconds=120)
    assert all(moment is not None for moment in armed)
    assert _status(hass) == "sitting"
    # Ten minutes of sitting: only the sitting durations' 5-minute steps move.
    assert {state.entity_id for state in writes} <= {
        "sensor.desk_sitting_time",
        "sensor.desk_sitting_today",
    }
    assert len(writes) <= 4
