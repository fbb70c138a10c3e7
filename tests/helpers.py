"""Helpers for driving a real Home Assistant through a workday."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.desk_break_coach.config_flow import presence_unique_id
from custom_components.desk_break_coach.const import (
    CONF_AREA,
    CONF_NAME,
    CONF_PRESENCE_ENTITIES,
    CONF_PRESENCE_MODE,
    DOMAIN,
    PRESENCE_MODE_ANY,
    default_options,
)
from custom_components.desk_break_coach.flows.sections import nest

PREFIX = "desk"
MONDAY_0900 = "2026-11-23 09:00:00+01:00"

#: Every action of the contract, the response-only one last.
CONTRACT_ACTIONS = (
    "start_break",
    "next_exercise",
    "finish_break",
    "snooze",
    "skip_break",
    "stop_routine",
    "pause",
    "resume",
    "log_comfort",
    "get_status",
)


async def start_profile(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entry: MockConfigEntry,
    *,
    at: str = MONDAY_0900,
    present: bool = False,
    booleans: tuple[str, ...] = ("desk",),
    options: dict[str, Any] | None = None,
) -> MockConfigEntry:
    """Berlin time at `at`; input booleans; the profile set up (and maybe seated)."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(at)
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {name: {} for name in booleans}}
    )
    entry.add_to_hass(hass)
    if options:
        hass.config_entries.async_update_entry(
            entry, options={**entry.options, **options}
        )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    if present:
        await set_presence(hass, True)
    return entry


def profile_entry(
    name: str,
    presence: list[str],
    *,
    mode: str = PRESENCE_MODE_ANY,
    area: str | None = None,
    **options: Any,
) -> MockConfigEntry:
    """Return a profile as the config flow creates it: default options and `options`.

    `area` is the area picked for the desk in the flow's first step, if any.
    """
    data: dict[str, Any] = {
        CONF_NAME: name,
        CONF_PRESENCE_ENTITIES: presence,
        CONF_PRESENCE_MODE: mode,
    }
    if area is not None:
        data[CONF_AREA] = area
    return MockConfigEntry(
        domain=DOMAIN,
        title=name,
        data=data,
        options={**default_options(), **options},
        unique_id=presence_unique_id(presence),
        version=1,
        minor_version=1,
    )


async def start_watching(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    presence: list[str],
    *,
    mode: str = PRESENCE_MODE_ANY,
    **options: Any,
) -> MockConfigEntry:
    """Set up a profile in Berlin on Monday 09:00 watching `presence` (set by the test)."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(MONDAY_0900)
    entry = profile_entry("Desk", presence, mode=mode, **options)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def tool_device(
    hass: HomeAssistant, name: str, entity_ids: list[str], area_id: str | None = None
) -> None:
    """Register entities of one device of another integration, maybe in an area."""
    tool = MockConfigEntry(domain="mqtt", title=name)
    tool.add_to_hass(hass)
    devices = dr.async_get(hass)
    device = devices.async_get_or_create(
        config_entry_id=tool.entry_id, identifiers={("mqtt", name)}, name=name
    )
    if area_id is not None:
        devices.async_update_device(device.id, area_id=area_id)
    for entity_id in entity_ids:
        domain, object_id = entity_id.split(".")
        er.async_get(hass).async_get_or_create(
            domain,
            "mqtt",
            object_id,
            suggested_object_id=object_id,
            config_entry=tool,
            device_id=device.id,
        )


async def advance(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **delta: float
) -> None:
    """Move the frozen clock and let timers fire."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def set_presence(
    hass: HomeAssistant, on: bool, entity_id: str = "input_boolean.desk"
) -> None:
    """Flip a presence input_boolean."""
    await hass.services.async_call(
        "input_boolean",
        "turn_on" if on else "turn_off",
        {"entity_id": entity_id},
        blocking=True,
    )
    await hass.async_block_till_done()


async def act(hass: HomeAssistant, entry_id: str, service: str, **data: Any) -> Any:
    """Call one of the integration's actions."""
    response = await hass.services.async_call(
        DOMAIN,
        service,
        {"config_entry_id": entry_id, **data},
        blocking=True,
        return_response=service == "get_status",
    )
    await hass.async_block_till_done()
    return response


def record_writes(hass: HomeAssistant, entry: MockConfigEntry) -> list[State]:
    """Record every state written for the profile's entities from now on."""
    ours = {
        item.entity_id
        for item in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
    }
    writes: list[State] = []

    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        if event.data["entity_id"] in ours and event.data["new_state"] is not None:
            writes.append(event.data["new_state"])

    hass.bus.async_listen(EVENT_STATE_CHANGED, record)
    return writes


def state(hass: HomeAssistant, platform: str, key: str) -> State:
    """Return the state of one of the profile's entities (profile named "Desk")."""
    name = "break" if platform == "event" else key
    found = hass.states.get(f"{platform}.{PREFIX}_{name}")
    assert found is not None, f"{platform}.{PREFIX}_{name} missing"
    return found


def options_form(flat: dict[str, Any]) -> dict[str, Any]:
    """Return flat options as the options form (in sections) submits them."""
    return nest(flat)
