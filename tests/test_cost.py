"""What one workday costs the user's database: state writes of the coach's entities."""

from __future__ import annotations

from collections import Counter

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import advance, set_presence, start_profile
from .workday import NATURAL_BREAKS, SHORT_ABSENCES, presence_changes

#: The do-it-yourself YAML package writes about 400 states over such a day (536 as
#: measured side by side by `benchmarks/run`); the coach must stay under half of 400.
DIY_WRITES = 400


async def test_workday_state_writes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """A day with 40 short absences, 3 natural breaks and 4 exercise breaks stays cheap."""
    await start_profile(
        hass, freezer, mock_config_entry, at="2026-11-23 08:00:00+01:00"
    )
    writes: Counter[str] = Counter()

    @callback
    def count(event: Event) -> None:
        entity_id = event.data["entity_id"]
        if entity_id.split(".")[1].startswith("desk_"):
            writes[entity_id] += 1

    hass.bus.async_listen(EVENT_STATE_CHANGED, count)
    changes = presence_changes()
    assert (
        sum(1 for c in changes if not c.present)
        == SHORT_ABSENCES + len(NATURAL_BREAKS) + 1
    )
    minute, breaks = 8 * 60, 0
    for change in changes:
        while minute < change.minute:
            await advance(hass, freezer, minutes=1)
            minute += 1
            due = hass.states.get("binary_sensor.desk_break_due")
            if due is not None and due.state == "on" and breaks < 4:
                await hass.services.async_call(
                    "button",
                    "press",
                    {"entity_id": "button.desk_start_break"},
                    blocking=True,
                )
                breaks += 1
        await set_presence(hass, change.present)
    await advance(hass, freezer, minutes=30)
    total = sum(writes.values())
    print(f"\ncoach state writes over the workday: {total} (DIY about {DIY_WRITES})")  # noqa: T201
    for entity_id, count_ in writes.most_common():
        print(f"  {entity_id}: {count_}")  # noqa: T201
    assert hass.states.get("sensor.desk_breaks_today").state == "4"  # type: ignore[union-attr]
    assert total < DIY_WRITES / 2
    # flapping short absences write nothing of their own
    assert writes["binary_sensor.desk_occupied"] <= 2 * (len(NATURAL_BREAKS) + 1)
