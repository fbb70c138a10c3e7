"""A presence sensor that flaps or drops out: no spurious breaks, no write storm."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNAVAILABLE
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.desk_break_coach.const import DOMAIN
from custom_components.desk_break_coach.presence.watch import issue_id
from tests.helpers import advance, set_presence, state

PRESENCE = "input_boolean.desk"


class Writes:
    """Counts state writes of one profile's entities."""

    def __init__(self, hass: HomeAssistant, entry: MockConfigEntry) -> None:
        """Listen to every state change; keep the profile's."""
        self.entities = {
            e.entity_id
            for e in er.async_entries_for_config_entry(
                er.async_get(hass), entry.entry_id
            )
        }
        self.counts: Counter[str] = Counter()
        self._unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, self._count)

    @callback
    def _count(self, event: Event) -> None:
        if event.data["entity_id"] in self.entities:
            self.counts[event.data["entity_id"]] += 1

    @property
    def total(self) -> int:
        """All writes so far."""
        return sum(self.counts.values())


async def flap(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: int
) -> None:
    """Flip the presence every second, `seconds` times, ending present."""
    for second in range(seconds):
        freezer.tick(timedelta(seconds=1))
        async_fire_time_changed(hass)
        hass.states.async_set(PRESENCE, "off" if second % 2 == 0 else "on")
        await hass.async_block_till_done()
    if seconds % 2:
        hass.states.async_set(PRESENCE, "on")
        await hass.async_block_till_done()


async def test_flapping_for_ten_minutes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """600 flips, one a second: the block goes on, nothing is due, few writes."""
    await advance(hass, freezer, minutes=10)
    since = state(hass, "sensor", "sitting_time").attributes["since"]
    events = async_capture_events(hass, f"{DOMAIN}_break_due")
    writes = Writes(hass, profile)
    await flap(hass, freezer, 600)
    # The coach only moved its 15-minute duration steps (09:15): at most a
    # handful of writes for 600 presence changes.
    assert writes.total <= 4, writes.counts
    assert writes.counts[state(hass, "binary_sensor", "occupied").entity_id] == 0
    assert events == []
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since
    # Still the same block: 45 minutes after sitting down, one reminder.
    await advance(hass, freezer, minutes=25)
    assert len(events) == 1
    assert state(hass, "binary_sensor", "break_due").state == "on"


async def test_flapping_through_the_due_moment_reminds_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Flapping across the moment a break falls due fires one reminder, not one per flip."""
    await advance(hass, freezer, minutes=40)
    events = async_capture_events(hass, f"{DOMAIN}_break_due")
    writes = Writes(hass, profile)
    await flap(hass, freezer, 600)
    assert len(events) == 1
    assert state(hass, "binary_sensor", "break_due").state == "on"
    # due: status, break_due, next_break stay put once written
    assert writes.total <= 8, writes.counts


async def test_presence_unavailable_for_an_hour(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """An outage mid-block: no reminder while nobody knows, a repair issue, then normal."""
    issues = ir.async_get(hass)
    key = issue_id(profile.entry_id, PRESENCE)
    await advance(hass, freezer, minutes=20)
    since = state(hass, "sensor", "sitting_time").attributes["since"]
    events = async_capture_events(hass, f"{DOMAIN}_break_due")
    natural = async_capture_events(hass, f"{DOMAIN}_break_skipped")
    writes = Writes(hass, profile)
    hass.states.async_set(PRESENCE, STATE_UNAVAILABLE)
    await hass.async_block_till_done()
    for _ in range(59):
        await advance(hass, freezer, minutes=1)
    assert issues.async_get_issue(DOMAIN, key) is None
    await advance(hass, freezer, minutes=2)  # 61 minutes without news
    issue = issues.async_get_issue(DOMAIN, key)
    assert issue is not None
    assert issue.translation_key == "presence_unavailable"
    # Sitting started at 09:00; 45 minutes passed during the outage, but the
    # coach does not know whether anyone is there: no reminder, no natural break.
    assert events == []
    assert natural == []
    assert state(hass, "binary_sensor", "break_due").state == "off"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since
    # Only the 15-minute duration steps were written during the hour.
    assert writes.total <= 10, writes.counts

    # The sensor is back and the person is there: the due reminder comes now, once.
    await set_presence(hass, True)
    assert issues.async_get_issue(DOMAIN, key) is None
    assert len(events) == 1
    assert state(hass, "binary_sensor", "break_due").state == "on"
    await advance(hass, freezer, minutes=5)
    assert len(events) == 1


async def test_presence_unavailable_then_away(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """When the sensor comes back "off", the absence counts from then: a natural break."""
    await advance(hass, freezer, minutes=20)
    events = async_capture_events(hass, f"{DOMAIN}_break_due")
    hass.states.async_set(PRESENCE, STATE_UNAVAILABLE)
    await hass.async_block_till_done()
    await advance(hass, freezer, minutes=40)
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=6)
    assert events == []
    assert state(hass, "sensor", "status").state == "away"
    assert state(hass, "binary_sensor", "occupied").state == "off"
