"""The status sensor's `available_commands` follows the status through the real integration."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import act, advance, set_presence, state

#: Neither on a break nor due nor paused: at the desk or away alike. Logging
#: comfort fits at any time.
IDLE = ["start_break", "stop_routine", "pause", "log_comfort"]
DUE = [
    "start_break",
    "finish_break",
    "snooze",
    "skip_break",
    "stop_routine",
    "pause",
    "log_comfort",
]
DUE_NO_SNOOZES = [
    "start_break",
    "finish_break",
    "skip_break",
    "stop_routine",
    "pause",
    "log_comfort",
]
ON_BREAK = ["next_exercise", "finish_break", "stop_routine", "pause", "log_comfort"]
RESTING = ["pause", "resume", "log_comfort"]
PAUSED = ["start_break", "stop_routine", "resume", "log_comfort"]

#: Monday 09:00 in Berlin, nobody at the desk.
pytestmark = pytest.mark.profile(present=False)


def offered(hass: HomeAssistant) -> tuple[str, list[str]]:
    """Return the status and the commands the status sensor offers."""
    status = state(hass, "sensor", "status")
    return status.state, status.attributes["available_commands"]


async def sit_until_due(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Sit down at 09:00 and stay until the break falls due, at 09:45."""
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)


async def test_commands_follow_the_break_cycle(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Away, sitting, due, snoozed (until no snoozes are left), on a break, done."""
    entry_id = profile.entry_id
    assert offered(hass) == ("away", IDLE)
    await set_presence(hass, True)
    assert offered(hass) == ("sitting", IDLE)
    await advance(hass, freezer, minutes=45)
    assert offered(hass) == ("break_due", DUE)

    await act(hass, entry_id, "snooze")
    assert offered(hass) == ("snoozed", DUE)
    await advance(hass, freezer, minutes=10)
    await act(hass, entry_id, "snooze")
    await advance(hass, freezer, minutes=10)
    await act(hass, entry_id, "snooze")  # the third and last
    assert state(hass, "sensor", "status").attributes["snoozes_left"] == 0
    assert offered(hass) == ("snoozed", DUE_NO_SNOOZES)
    await advance(hass, freezer, minutes=10)
    assert offered(hass) == ("break_due", DUE_NO_SNOOZES)

    await act(hass, entry_id, "start_break")
    assert offered(hass) == ("on_break", ON_BREAK)
    await act(hass, entry_id, "finish_break")
    assert offered(hass) == ("sitting", IDLE)


async def test_commands_while_resting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """After a safety stop only pause and resume are offered; resume brings the due break back."""
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "start_break")
    await act(hass, profile.entry_id, "stop_routine")
    assert offered(hass) == ("resting", RESTING)
    await act(hass, profile.entry_id, "resume")  # the stopped break was never done
    assert offered(hass) == ("break_due", DUE)


async def test_commands_while_paused(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """A pause holds the due break: no snooze, skip or finish, and no second pause."""
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "pause")
    assert offered(hass) == ("paused", PAUSED)
    await act(hass, profile.entry_id, "resume")
    assert offered(hass) == ("break_due", DUE)

    await act(hass, profile.entry_id, "pause", minutes=30)
    assert offered(hass) == ("paused", PAUSED)
    await advance(hass, freezer, minutes=30)
    assert offered(hass) == ("break_due", DUE)


async def test_snoozed_break_is_not_answered_while_paused(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, profile: MockConfigEntry
) -> None:
    """Snoozed, then paused: the snooze waits; nothing of it is offered until resume."""
    await sit_until_due(hass, freezer)
    await act(hass, profile.entry_id, "snooze", minutes=20)
    await act(hass, profile.entry_id, "pause")
    assert offered(hass) == ("paused", PAUSED)
    await act(hass, profile.entry_id, "resume")
    assert offered(hass) == ("snoozed", DUE)
