"""The desk: a real desk entity from Home Assistant's own template platform.

The desk is a template number (a height in cm, like Upsy Desky's) or a template
cover (a position in %, like the IKEA Idasen integration's), each backed by an
input_number that its action sets, so a move is seen in the states.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.desk_break_coach.const import (
    CONF_DESK_ENTITY,
    CONF_DESK_SIT_POSITION,
    CONF_DESK_STAND_POSITION,
    CONF_PHONES,
    CONF_STAND_MINUTES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    CONF_STANDING_TARGET_MINUTES,
    DOMAIN,
)

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, set_presence, state
from .test_phones import PhoneFarm, farm, settle  # noqa: F401

HEIGHT = "number.desk_height"
COVER = "cover.desk"
#: Where the desks really are: the helpers their template actions set.
HEIGHT_HELPER = "input_number.desk_height"
COVER_HELPER = "input_number.desk_cover"
#: The services that move a desk; nothing else of these domains is called.
DESK_DOMAINS = {"number", "cover", "input_number"}

NUMBER_DESK = {
    CONF_DESK_ENTITY: HEIGHT,
    CONF_DESK_SIT_POSITION: 72.0,
    CONF_DESK_STAND_POSITION: 110.0,
}
COVER_DESK = {
    CONF_DESK_ENTITY: COVER,
    CONF_DESK_SIT_POSITION: 20.0,
    CONF_DESK_STAND_POSITION: 80.0,
}


async def setup_desks(hass: HomeAssistant) -> None:
    """Set up a template number and template covers, each moving an input_number."""
    assert await async_setup_component(
        hass,
        "input_number",
        {
            "input_number": {
                "desk_height": {"min": 60, "max": 130, "step": 0.5, "initial": 72},
                "desk_cover": {"min": 0, "max": 100, "initial": 20},
                # The desk's controller: 1 on, 0 off (the desk is unavailable).
                "desk_power": {"min": 0, "max": 1, "initial": 1},
            }
        },
    )
    assert await async_setup_component(
        hass,
        "template",
        {
            "template": [
                {
                    "number": [
                        {
                            "name": "Desk height",
                            "unique_id": "desk_height",
                            "state": f"{{{{ states('{HEIGHT_HELPER}') | float }}}}",
                            "availability": "{{ states('input_number.desk_power') | float(0) > 0 }}",
                            "min": 60,
                            "max": 130,
                            "step": 0.5,
                            "set_value": {
                                "action": "input_number.set_value",
                                "target": {"entity_id": HEIGHT_HELPER},
                                "data": {"value": "{{ value }}"},
                            },
                        }
                    ],
                    "cover": [
                        {
                            "name": "Desk",
                            "unique_id": "desk_cover",
                            "position": f"{{{{ states('{COVER_HELPER}') | int }}}}",
                            "set_cover_position": {
                                "action": "input_number.set_value",
                                "target": {"entity_id": COVER_HELPER},
                                "data": {"value": "{{ position }}"},
                            },
                        },
                        {
                            # Its controller refuses every move.
                            "name": "Stuck desk",
                            "unique_id": "stuck_desk",
                            "position": f"{{{{ states('{COVER_HELPER}') | int }}}}",
                            "set_cover_position": {
                                "action": "input_number.set_value",
                                "target": {"entity_id": COVER_HELPER},
                                "data": {"value": "{{ position + 1000 }}"},
                            },
                        },
                    ],
                }
            ]
        },
    )
    await hass.async_block_till_done()
    assert hass.states.get(HEIGHT) is not None
    assert hass.states.get(COVER) is not None


def height(hass: HomeAssistant) -> float:
    """Return where the number desk is."""
    return float(hass.states.get(HEIGHT).state)  # type: ignore[union-attr]


def cover_position(hass: HomeAssistant) -> int:
    """Return where the cover desk is."""
    return int(hass.states.get(COVER).attributes["current_position"])  # type: ignore[union-attr]


class DeskCalls:
    """Every action called on a desk's domains (number, cover, input_number)."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Listen from now on."""
        self.calls: list[dict[str, Any]] = []

        @callback
        def record(event: Event) -> None:
            if event.data["domain"] in DESK_DOMAINS:
                self.calls.append(dict(event.data))

        hass.bus.async_listen(EVENT_CALL_SERVICE, record)

    def moves(self) -> list[str]:
        """Return the coach's moves: number.set_value or cover.set_cover_position."""
        return [
            f"{call['domain']}.{call['service']}"
            for call in self.calls
            if call["domain"] in ("number", "cover")
        ]


async def start(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    *,
    assist: bool = True,
    **options: Any,
) -> MockConfigEntry:
    """Monday 09:00: the desks, Assist and a profile with these options, seated."""
    entry = profile("Desk", **options)
    await async_start_day(hass, freezer, entry, assist=assist)
    await setup_desks(hass)
    await set_presence(hass, True)
    return entry


def device_id(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Return the profile's device."""
    (device,) = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    return device.id


async def test_the_desk_moves_on_each_surface(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Action, button, device action and voice each move the desk, once, in cm."""
    entry = await start(hass, freezer, **NUMBER_DESK)
    calls = DeskCalls(hass)
    await act(hass, entry.entry_id, "raise_desk")
    assert height(hass) == 110.0
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.desk_lower_the_desk"}, blocking=True
    )
    await hass.async_block_till_done()
    assert height(hass) == 72.0
    # A device action in an automation.
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "raise",
                "triggers": [{"trigger": "event", "event_type": "test_raise"}],
                "actions": [
                    {
                        "domain": DOMAIN,
                        "device_id": device_id(hass, entry),
                        "type": "raise_desk",
                    }
                ],
            }
        },
    )
    hass.bus.async_fire("test_raise")
    await hass.async_block_till_done()
    assert height(hass) == 110.0
    # Voice, in each shipped language.
    assert await async_say(hass, "lower my desk") == "Lowering the desk."
    assert height(hass) == 72.0
    assert await async_say(hass, "fahr den schreibtisch hoch", language="de") == (
        "Der Schreibtisch fährt hoch."
    )
    assert height(hass) == 110.0
    assert await async_say(hass, "опусти стол", language="ru") == "Опускаю стол."
    assert height(hass) == 72.0
    assert calls.moves() == ["number.set_value"] * 6
    # The coach changed nothing of its own: no break, no event.
    assert state(hass, "sensor", "status").state == "sitting"
    assert state(hass, "sensor", "breaks_today").state == "0"


async def test_a_cover_desk_moves_to_its_position(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A cover is moved with set_cover_position, in %."""
    entry = await start(hass, freezer, **COVER_DESK)
    calls = DeskCalls(hass)
    await act(hass, entry.entry_id, "raise_desk")
    assert cover_position(hass) == 80
    await act(hass, entry.entry_id, "lower_desk")
    assert cover_position(hass) == 20
    assert calls.moves() == ["cover.set_cover_position"] * 2


async def test_buttons_only_with_a_desk(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """No desk: no desk buttons, and the actions refuse with no_desk."""
    entry = await start(hass, freezer)
    assert hass.states.get("button.desk_raise_the_desk") is None
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry.entry_id, "raise_desk")
    assert err.value.translation_key == "no_desk"
    # A desk chosen in the options: the buttons come (the state is kept).
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, **NUMBER_DESK}
    )
    await hass.async_block_till_done()
    assert hass.states.get("button.desk_raise_the_desk") is not None
    assert state(hass, "sensor", "status").state == "sitting"


async def test_refusals_move_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Nobody at the desk: not_present; an unavailable desk: desk_unavailable, once."""
    entry = await start(hass, freezer, **NUMBER_DESK)
    calls = DeskCalls(hass)
    await set_presence(hass, False)
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry.entry_id, "raise_desk")
    assert err.value.translation_key == "not_present"
    assert "Nobody is at the desk" in str(err.value)
    assert "Nobody" in await async_say(hass, "raise my desk")

    await set_presence(hass, True)
    await hass.services.async_call(
        "input_number",
        "set_value",
        {"entity_id": "input_number.desk_power", "value": 0},
    )
    await hass.async_block_till_done()
    assert hass.states.get(HEIGHT).state == "unavailable"  # type: ignore[union-attr]
    before = hass.states.get("sensor.desk_status").as_dict()  # type: ignore[union-attr]
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry.entry_id, "raise_desk")
    assert err.value.translation_key == "desk_unavailable"
    assert str(err.value).startswith(f"The desk {HEIGHT} is unavailable")
    assert hass.states.get("sensor.desk_status").as_dict() == before  # type: ignore[union-attr]
    assert calls.moves() == []
    assert hass.states.get(HEIGHT_HELPER).state == "72.0"  # type: ignore[union-attr]


async def test_a_desk_that_refuses_the_move(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A position outside the desk's range is refused before it moves."""
    entry = await start(
        hass, freezer, **{**NUMBER_DESK, CONF_DESK_STAND_POSITION: 150.0}
    )
    calls = DeskCalls(hass)
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, entry.entry_id, "raise_desk")
    assert err.value.translation_key == "desk_refused"
    assert calls.moves() == []
    assert height(hass) == 72.0


async def test_stand_suggested_moves_nothing_then_the_standing_counts(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """After 30 minutes: stand_suggested (not a break); no move until asked."""
    entry = await start(
        hass,
        freezer,
        **NUMBER_DESK,
        **{
            CONF_STAND_MINUTES: 30,
            CONF_STANDING_TARGET_MINUTES: 60,
            CONF_STANDING_ENTITY: HEIGHT,
            CONF_STANDING_ABOVE: 100,
        },
    )
    calls = DeskCalls(hass)
    suggested = async_capture_events(hass, f"{DOMAIN}_stand_suggested")
    await advance(hass, freezer, minutes=30)
    assert [event.data["sitting_minutes"] for event in suggested] == [30]
    assert suggested[0].data["message"] == (
        "You have been sitting for 30 minutes. Time to stand up for a while."
    )
    assert state(hass, "event", "break").attributes["event_type"] == "stand_suggested"
    assert state(hass, "sensor", "status").attributes["stand_suggested"] is True
    assert state(hass, "sensor", "breaks_today").state == "0"
    await advance(hass, freezer, minutes=10)
    assert calls.moves() == []
    assert len(suggested) == 1

    # Asked: the desk rises, the standing entity says so, and standing counts.
    await act(hass, entry.entry_id, "raise_desk")
    await advance(hass, freezer, minutes=12)
    assert state(hass, "sensor", "status").state == "standing"
    assert state(hass, "sensor", "status").attributes["stand_suggested"] is False
    standing = state(hass, "sensor", "standing_today")
    assert int(standing.state) >= 10
    assert standing.attributes["target_minutes"] == 60


def _package_sources() -> Iterator[tuple[Path, str]]:
    root = Path(__file__).parents[1] / "custom_components" / DOMAIN
    for path in root.rglob("*.py"):
        yield path, path.read_text(encoding="utf-8")


def test_only_the_desk_output_names_a_move() -> None:
    """No module but outputs/desk.py names the actions that move a desk."""
    for path, text in _package_sources():
        if path.parts[-2:] == ("outputs", "desk.py"):
            continue
        for word in ("set_cover_position", "set_value", "open_cover", "close_cover"):
            assert word not in text, f"{path.name} names {word}"


async def test_nothing_but_the_commands_moves_the_desk(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A whole morning of suggestions, breaks, standing, absences and a reload: no move."""
    entry = await start(
        hass,
        freezer,
        **NUMBER_DESK,
        **{
            CONF_STAND_MINUTES: 20,
            CONF_STANDING_ENTITY: HEIGHT,
            CONF_STANDING_ABOVE: 100,
        },
    )
    calls = DeskCalls(hass)
    suggested = async_capture_events(hass, f"{DOMAIN}_stand_suggested")
    await advance(hass, freezer, minutes=45)  # a suggestion, then a break due
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    await advance(hass, freezer, minutes=25)
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=10)
    await set_presence(hass, True)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await act(hass, entry.entry_id, "pause", minutes=30)
    await advance(hass, freezer, minutes=60)
    assert len(suggested) >= 2
    assert calls.calls == []
    # The explicit command is the one thing that moves it.
    await act(hass, entry.entry_id, "raise_desk")
    assert calls.moves() == ["number.set_value"]


async def test_a_move_the_desk_refuses_is_an_error(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The desk's own action fails: a translated error, logged once; nothing else."""
    entry = await start(
        hass, freezer, **{**COVER_DESK, CONF_DESK_ENTITY: "cover.stuck_desk"}
    )
    before = hass.states.get("sensor.desk_status").as_dict()  # type: ignore[union-attr]
    for _ in range(2):
        with pytest.raises(HomeAssistantError) as err:
            await act(hass, entry.entry_id, "raise_desk")
        assert err.value.translation_key == "desk_refused"
    assert str(err.value) == "The desk cover.stuck_desk cannot move to 80"
    warnings = [
        r
        for r in caplog.records
        if r.name.endswith("desk") and r.levelname == "WARNING"
    ]
    assert len(warnings) == 1
    assert "did not move" in warnings[0].getMessage()
    assert hass.states.get("sensor.desk_status").as_dict() == before  # type: ignore[union-attr]
    assert cover_position(hass) == 20


async def test_raise_the_desk_from_the_phone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    farm: PhoneFarm,  # noqa: F811
) -> None:
    """The suggestion on the phone has "Raise the desk"; it works for that suggestion."""
    pixel = await farm.register("Pixel 9")
    entry = await start(
        hass,
        freezer,
        assist=False,
        **NUMBER_DESK,
        **{CONF_STAND_MINUTES: 30, CONF_PHONES: [pixel.device_id]},
    )
    await advance(hass, freezer, minutes=30)
    await settle(hass)
    (pushed,) = farm.pushed(pixel)
    token = str(int(dt_util.utcnow().timestamp()) - 30 * 60)
    raise_it = f"DESK_BREAK_RAISE_DESK_{entry.entry_id}_{token}"
    assert pushed["message"] == (
        "You have been sitting for 30 minutes. Time to stand up for a while."
    )
    assert pushed["data"]["tag"] == f"{DOMAIN}_{entry.entry_id}_stand"
    assert pushed["data"]["actions"] == [
        {"action": raise_it, "title": "Raise the desk"}
    ]
    calls = DeskCalls(hass)
    await farm.press(pixel, raise_it)
    assert height(hass) == 110.0
    # Lowered again and a new stretch of sitting: the old button does nothing.
    await act(hass, entry.entry_id, "lower_desk")
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=10)
    await set_presence(hass, True)
    await farm.press(pixel, raise_it)
    assert height(hass) == 72.0
    assert calls.moves() == ["number.set_value"] * 2
