"""The reminders switch through the real integration: off while paused, on pauses end."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.desk_break_coach.const import DOMAIN

from .helpers import act, advance, state

#: 09:30 in Berlin on the test Monday, as the status sensor shows `paused_until`.
MONDAY_0930_UTC = "2026-11-23T08:30:00+00:00"


async def switch(hass: HomeAssistant, service: str) -> None:
    """Turn the reminders switch on or off."""
    await hass.services.async_call(
        "switch", service, {"entity_id": "switch.desk_reminders"}, blocking=True
    )
    await hass.async_block_till_done()


def reminders(hass: HomeAssistant) -> str:
    """Return the reminders switch's state."""
    return state(hass, "switch", "reminders").state


def status(hass: HomeAssistant) -> str:
    """Return the status sensor's state."""
    return state(hass, "sensor", "status").state


def paused_until(hass: HomeAssistant) -> str | None:
    """Return when the pause ends, as the status sensor shows it."""
    value: str | None = state(hass, "sensor", "status").attributes["paused_until"]
    return value


def shown(hass: HomeAssistant) -> dict[str, Any]:
    """Return every state and attribute of the profile's entities."""
    return {
        s.entity_id: (s.state, dict(s.attributes))
        for s in hass.states.async_all()
        if s.entity_id.split(".")[1].startswith("desk_")
    }


async def assert_pause_refused(hass: HomeAssistant, entry_id: str, **data: Any) -> None:
    """Ask for a pause while paused: refused as already_paused, and nothing changes."""
    before = shown(hass)
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry_id, "pause", **data)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "already_paused"
    await hass.async_block_till_done()
    assert shown(hass) == before


async def test_timed_pause_turns_reminders_off_until_it_ends(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Pausing for 30 minutes turns the switch off; it comes on again by itself."""
    assert reminders(hass) == "on"
    await act(hass, profile.entry_id, "pause", minutes=30)
    assert reminders(hass) == "off"
    assert status(hass) == "paused"
    assert paused_until(hass) == MONDAY_0930_UTC

    await advance(hass, freezer, minutes=29)
    assert reminders(hass) == "off"
    assert status(hass) == "paused"

    await advance(hass, freezer, minutes=1)  # 09:30
    assert reminders(hass) == "on"
    assert status(hass) == "sitting"
    assert paused_until(hass) is None


async def test_pause_without_minutes_lasts_until_switched_on(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """A pause without minutes keeps the switch off; switching on brings the due break."""
    await act(hass, profile.entry_id, "pause")
    assert reminders(hass) == "off"
    assert status(hass) == "paused"
    assert paused_until(hass) is None

    await advance(hass, freezer, minutes=50)  # 09:50: the break was due at 09:45
    assert reminders(hass) == "off"
    assert status(hass) == "paused"
    assert state(hass, "binary_sensor", "break_due").state == "off"

    await switch(hass, "turn_on")
    assert reminders(hass) == "on"
    assert status(hass) == "break_due"


async def test_switching_on_ends_a_timed_pause_early(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Turning the switch on during a timed pause resumes at once."""
    await act(hass, profile.entry_id, "pause", minutes=30)
    await advance(hass, freezer, minutes=10)
    await switch(hass, "turn_on")  # 09:10
    assert reminders(hass) == "on"
    assert status(hass) == "sitting"
    assert paused_until(hass) is None


async def test_switching_off_pauses_until_switched_on(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Turning the switch off pauses reminders, however long, until it is turned on."""
    await switch(hass, "turn_off")
    assert reminders(hass) == "off"
    assert status(hass) == "paused"
    assert paused_until(hass) is None

    await advance(hass, freezer, hours=2)  # 11:00: well past the 09:45 due time
    assert reminders(hass) == "off"
    assert status(hass) == "paused"

    await switch(hass, "turn_on")
    assert reminders(hass) == "on"
    assert status(hass) == "break_due"


async def test_second_pause_is_refused_during_a_timed_pause(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """While paused for 30 minutes, another pause (timed or not) is refused."""
    await act(hass, profile.entry_id, "pause", minutes=30)
    await assert_pause_refused(hass, profile.entry_id, minutes=60)
    await assert_pause_refused(hass, profile.entry_id)
    assert paused_until(hass) == MONDAY_0930_UTC

    await advance(hass, freezer, minutes=30)  # the first pause still ends at 09:30
    assert reminders(hass) == "on"
    assert status(hass) == "sitting"


async def test_pause_is_refused_while_switched_off(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """With the switch off, a timed pause is refused and does not end the pause."""
    await switch(hass, "turn_off")
    await assert_pause_refused(hass, profile.entry_id, minutes=30)

    await advance(hass, freezer, minutes=30)
    assert reminders(hass) == "off"
    assert status(hass) == "paused"
