"""The profile's device in the automation editor: triggers, conditions and actions.

All through the real `device_automation`, `automation` and script machinery.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.device_automation import (
    DeviceAutomationType,
    async_get_device_automations,
)
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.core import Context, HomeAssistant, ServiceCall
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, script, translation
from homeassistant.setup import async_setup_component
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.desk_break_coach import (
    device_action,
    device_condition,
    device_trigger,
)
from custom_components.desk_break_coach.coach import AUTOMATION, Origin
from custom_components.desk_break_coach.const import CONF_STANDING_ENTITY, DOMAIN
from custom_components.desk_break_coach.engine import Event, EventType

from .helpers import act, advance, set_presence, start_profile, state
from .test_services import snapshot_states

#: What the contract's "Device automations" lists.
CONTRACT_TRIGGERS = (
    "break_due",
    "break_soon",
    "break_started",
    "exercise_started",
    "break_completed",
    "break_skipped",
    "break_snoozed",
    "routine_stopped",
    "micro_break_started",
    "micro_break_completed",
    "daily_limit_reached",
    "comfort_logged",
    # the third wave
    "stand_suggested",
    # The third wave's.
    "break_reminded",
    "weekly_report",
)
CONDITIONS = (
    "is_sitting",
    "is_break_due",
    "is_on_break",
    "is_paused",
    "is_resting",
    "is_standing",
)
ACTIONS = (
    "start_break",
    "snooze",
    "skip_break",
    "pause",
    "resume",
    "raise_desk",
    "lower_desk",
)
EVENT_TYPES = {event_type.value for event_type in EventType}


def device_id(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Return the id of the profile's device."""
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    assert device is not None
    return device.id


async def listed(
    hass: HomeAssistant, kind: DeviceAutomationType, device: str
) -> list[dict[str, Any]]:
    """Return what the automation editor lists for the device."""
    assert await async_setup_component(hass, "device_automation", {})
    found = (await async_get_device_automations(hass, kind, [device]))[device]
    # The entities' own domains (sensor, switch, ...) add theirs.
    return [automation for automation in found if automation["domain"] == DOMAIN]


async def setup_automations(hass: HomeAssistant, *automations: dict[str, Any]) -> None:
    """Set up automations through the automation integration."""
    assert await async_setup_component(
        hass, "automation", {"automation": list(automations)}
    )
    await hass.async_block_till_done()


async def run_action(
    hass: HomeAssistant, device: str, action_type: str, **extra: Any
) -> None:
    """Validate and run one device action as a script would."""
    config = await script.async_validate_actions_config(
        hass, [{"device_id": device, "domain": DOMAIN, "type": action_type, **extra}]
    )
    await script.Script(hass, config, "test", DOMAIN).async_run(context=Context())
    await hass.async_block_till_done()


def status(hass: HomeAssistant) -> str:
    """Return the status sensor's state."""
    return state(hass, "sensor", "status").state


async def test_editor_lists_triggers_conditions_and_actions(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Exactly one of each per type, for the profile's device."""
    device = device_id(hass, init_integration)
    base = {"device_id": device, "domain": DOMAIN, "metadata": {}}

    triggers = await listed(hass, DeviceAutomationType.TRIGGER, device)
    # One per event type of the engine: a new event type is offered by itself.
    assert sorted(t["type"] for t in triggers) == sorted(EVENT_TYPES)
    assert set(CONTRACT_TRIGGERS) == EVENT_TYPES
    assert all(t == {**base, "platform": "device", "type": t["type"]} for t in triggers)

    conditions = await listed(hass, DeviceAutomationType.CONDITION, device)
    assert [c["type"] for c in conditions] == list(CONDITIONS)
    assert all(
        c == {**base, "condition": "device", "type": c["type"]} for c in conditions
    )

    actions = await listed(hass, DeviceAutomationType.ACTION, device)
    assert [a["type"] for a in actions] == list(ACTIONS)
    assert all(a == {**base, "type": a["type"]} for a in actions)


async def test_other_devices_are_not_profiles(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Another integration's device offers nothing and runs nothing of the coach."""
    other = MockConfigEntry(domain="input_boolean")
    other.add_to_hass(hass)
    device = (
        dr.async_get(hass)
        .async_get_or_create(
            config_entry_id=other.entry_id, identifiers={("input_boolean", "x")}
        )
        .id
    )
    assert await device_trigger.async_get_triggers(hass, device) == []
    assert await device_condition.async_get_conditions(hass, device) == []
    assert await device_action.async_get_actions(hass, device) == []
    assert await device_trigger.async_get_triggers(hass, "not-a-device") == []
    config = {"device_id": device, "domain": DOMAIN}
    check = device_condition.async_condition_from_config(
        hass, {**config, "condition": "device", "type": "is_sitting"}
    )
    assert check(hass, None) is False
    with pytest.raises(InvalidDeviceAutomationConfig):
        await device_action.async_call_action_from_config(
            hass, {**config, "type": "start_break"}, {}, None
        )
    with pytest.raises(InvalidDeviceAutomationConfig):
        await device_trigger.async_attach_trigger(
            hass,
            {**config, "platform": "device", "type": "break_due"},
            lambda *_: None,
            {"trigger_data": {}, "variables": {}},
        )


async def test_action_capabilities_offer_minutes(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Snooze and pause offer optional minutes in their bounds; the others nothing."""
    assert await async_setup_component(hass, "device_automation", {})
    device = device_id(hass, init_integration)
    client = await hass_ws_client(hass)

    async def extra_fields(action_type: str) -> list[dict[str, Any]]:
        await client.send_json_auto_id(
            {
                "type": "device_automation/action/capabilities",
                "action": {"device_id": device, "domain": DOMAIN, "type": action_type},
            }
        )
        msg = await client.receive_json()
        assert msg["success"], msg
        fields: list[dict[str, Any]] = msg["result"]["extra_fields"]
        return fields

    for action_type, high in (("snooze", 120), ("pause", 1440)):
        assert await extra_fields(action_type) == [
            {
                "name": "minutes",
                "optional": True,
                "required": False,
                "selector": {
                    "number": {
                        "min": 1.0,
                        "max": float(high),
                        "step": 1.0,
                        "mode": "box",
                        "unit_of_measurement": "min",
                    }
                },
            }
        ]
    for action_type in ("start_break", "skip_break", "resume"):
        assert await extra_fields(action_type) == []


async def test_break_due_trigger_runs_with_the_event_data(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """The automation runs when the break falls due, and only for this profile."""
    entry = await start_profile(hass, freezer, mock_config_entry, present=True)
    calls = async_mock_service(hass, "test", "automation")
    await setup_automations(
        hass,
        {
            "triggers": [
                {
                    "trigger": "device",
                    "device_id": device_id(hass, entry),
                    "domain": DOMAIN,
                    "type": "break_due",
                }
            ],
            "actions": [
                {
                    "action": "test.automation",
                    "data": {
                        "platform": "{{ trigger.platform }}",
                        "event_type": "{{ trigger.event.event_type }}",
                        "data": "{{ trigger.event.data }}",
                    },
                }
            ],
        },
    )

    await advance(hass, freezer, minutes=44)
    assert calls == []
    await advance(hass, freezer, minutes=1)
    assert status(hass) == "break_due"
    assert len(calls) == 1
    assert calls[0].data["platform"] == "device"
    assert calls[0].data["event_type"] == f"{DOMAIN}_break_due"
    data = calls[0].data["data"]
    assert data["config_entry_id"] == entry.entry_id
    assert data["name"] == "Desk"
    assert data["sitting_minutes"] == 45
    assert "45" in data["message"]

    # Another profile's break is not this device's.
    hass.bus.async_fire(f"{DOMAIN}_break_due", {"config_entry_id": "another"})
    await hass.async_block_till_done()
    assert len(calls) == 1


async def test_each_trigger_follows_its_own_event(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The trigger of each type runs on that event of the profile, and no other."""
    device = device_id(hass, init_integration)
    calls = async_mock_service(hass, "test", "automation")
    await setup_automations(
        hass,
        *(
            {
                "triggers": [
                    {
                        "trigger": "device",
                        "device_id": device,
                        "domain": DOMAIN,
                        "type": event_type,
                    }
                ],
                "actions": [
                    {"action": "test.automation", "data": {"type": event_type}}
                ],
            }
            for event_type in sorted(EVENT_TYPES)
        ),
    )
    for event_type in sorted(EVENT_TYPES):
        calls.clear()
        hass.bus.async_fire(
            f"{DOMAIN}_{event_type}", {"config_entry_id": init_integration.entry_id}
        )
        await hass.async_block_till_done()
        assert [call.data["type"] for call in calls] == [event_type]


async def test_conditions_gate_by_status(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """In each status exactly its condition holds; snoozed and away meet none."""
    entry = await start_profile(
        hass,
        freezer,
        mock_config_entry,
        booleans=("desk", "standing"),
        options={CONF_STANDING_ENTITY: "input_boolean.standing"},
    )
    device = device_id(hass, entry)
    calls = async_mock_service(hass, "test", "automation")
    await setup_automations(
        hass,
        *(
            {
                "triggers": [{"trigger": "event", "event_type": "check_desk"}],
                "conditions": [
                    {
                        "condition": "device",
                        "device_id": device,
                        "domain": DOMAIN,
                        "type": condition_type,
                    }
                ],
                "actions": [
                    {"action": "test.automation", "data": {"type": condition_type}}
                ],
            }
            for condition_type in CONDITIONS
        ),
    )

    async def holding(expected_status: str) -> list[str]:
        assert status(hass) == expected_status
        calls.clear()
        hass.bus.async_fire("check_desk")
        await hass.async_block_till_done()
        return sorted(call.data["type"] for call in calls)

    assert await holding("away") == []
    await set_presence(hass, True)
    assert await holding("sitting") == ["is_sitting"]
    await advance(hass, freezer, minutes=45)
    assert await holding("break_due") == ["is_break_due"]
    await act(hass, entry.entry_id, "snooze")
    assert await holding("snoozed") == []
    await advance(hass, freezer, minutes=10)
    assert await holding("break_due") == ["is_break_due"]
    await act(hass, entry.entry_id, "start_break")
    assert await holding("on_break") == ["is_on_break"]
    await act(hass, entry.entry_id, "stop_routine")
    assert await holding("resting") == ["is_resting"]
    await act(hass, entry.entry_id, "resume")
    await act(hass, entry.entry_id, "pause")
    assert await holding("paused") == ["is_paused"]
    await act(hass, entry.entry_id, "resume")
    await set_presence(hass, True, "input_boolean.standing")
    await advance(hass, freezer, seconds=10)
    assert await holding("standing") == ["is_standing"]

    # An unloaded profile meets none.
    await hass.config_entries.async_unload(entry.entry_id)
    calls.clear()
    hass.bus.async_fire("check_desk")
    await hass.async_block_till_done()
    assert calls == []


async def test_actions_change_the_status(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Each action runs its command, with the automation as its origin."""
    entry = await start_profile(hass, freezer, mock_config_entry, present=True)
    device = device_id(hass, entry)
    origins: list[tuple[str, Origin | None]] = []

    def on_event(event: Event, origin: Origin | None) -> None:
        origins.append((event.type.value, origin))

    entry.runtime_data.async_add_event_listener(on_event)
    await advance(hass, freezer, minutes=45)
    assert status(hass) == "break_due"

    await run_action(hass, device, "snooze", minutes=15)
    assert status(hass) == "snoozed"
    assert ("break_snoozed", AUTOMATION) in origins
    assert entry.runtime_data.view_now().next_break is not None
    await advance(hass, freezer, minutes=14)
    assert status(hass) == "snoozed"
    await advance(hass, freezer, minutes=1)
    assert status(hass) == "break_due"

    await run_action(hass, device, "skip_break")
    assert status(hass) == "sitting"
    assert ("break_skipped", AUTOMATION) in origins

    await run_action(hass, device, "start_break")
    assert status(hass) == "on_break"
    assert ("break_started", AUTOMATION) in origins
    await act(hass, entry.entry_id, "finish_break")

    await run_action(hass, device, "pause")
    assert status(hass) == "paused"
    assert state(hass, "sensor", "status").attributes["paused_until"] is None
    await run_action(hass, device, "resume")
    assert status(hass) == "sitting"

    await run_action(hass, device, "pause", minutes=30)
    assert status(hass) == "paused"
    await advance(hass, freezer, minutes=30)
    assert status(hass) == "sitting"


@pytest.mark.parametrize(
    ("action_type", "key"),
    [
        ("snooze", "nothing_due"),
        ("skip_break", "nothing_due"),
        ("resume", "not_paused"),
    ],
)
async def test_refused_action_is_the_translated_error(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    action_type: str,
    key: str,
) -> None:
    """A command that does not fit raises the actions' own error; nothing changes."""
    entry = await start_profile(hass, freezer, mock_config_entry, present=True)
    device = device_id(hass, entry)
    before = snapshot_states(hass)
    with pytest.raises(ServiceValidationError) as err:
        await run_action(hass, device, action_type)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == key
    await hass.async_block_till_done()
    assert snapshot_states(hass) == before


async def test_refused_action_in_an_automation_changes_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An automation that snoozes with nothing due logs the translated message."""
    entry = await start_profile(hass, freezer, mock_config_entry, present=True)
    calls: list[ServiceCall] = async_mock_service(hass, "test", "automation")
    await setup_automations(
        hass,
        {
            "triggers": [{"trigger": "event", "event_type": "snooze_desk"}],
            "actions": [
                {
                    "device_id": device_id(hass, entry),
                    "domain": DOMAIN,
                    "type": "snooze",
                },
                {"action": "test.automation"},
            ],
        },
    )
    before = snapshot_states(hass)
    hass.bus.async_fire("snooze_desk")
    await hass.async_block_till_done()
    assert calls == []  # the automation stopped at the refusal
    assert snapshot_states(hass) == before
    translations = await translation.async_get_translations(
        hass, "en", "exceptions", {DOMAIN}
    )
    message = translations[f"component.{DOMAIN}.exceptions.nothing_due.message"]
    assert message.rstrip(".") in caplog.text


@pytest.mark.parametrize(
    ("action_type", "extra"),
    [
        ("snooze", {"minutes": 0}),
        ("snooze", {"minutes": 121}),
        ("snooze", {"minutes": 2.5}),
        ("snooze", {"minutes": "ten"}),
        ("snooze", {"minutes": True}),
        ("pause", {"minutes": 1441}),
        ("resume", {"minutes": 5}),
        ("start_break", {"program": "neck_lying"}),
        ("dance", {}),
    ],
)
async def test_invalid_action_config_is_refused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    action_type: str,
    extra: dict[str, Any],
) -> None:
    """Out-of-range minutes, unknown fields and unknown types fail validation."""
    with pytest.raises(vol.Invalid):
        await script.async_validate_actions_config(
            hass,
            [
                {
                    "device_id": device_id(hass, init_integration),
                    "domain": DOMAIN,
                    "type": action_type,
                    **extra,
                }
            ],
        )


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_every_type_is_translated(hass: HomeAssistant, language: str) -> None:
    """Each trigger, condition, action and the minutes field have plain words."""
    texts = await translation.async_get_translations(
        hass, language, "device_automation", {DOMAIN}
    )
    prefix = f"component.{DOMAIN}.device_automation"
    wanted = (
        [f"trigger_type.{t}" for t in CONTRACT_TRIGGERS]
        + [f"condition_type.{c}" for c in CONDITIONS]
        + [f"action_type.{a}" for a in ACTIONS]
        + ["extra_fields.minutes"]
    )
    missing = [key for key in wanted if not texts.get(f"{prefix}.{key}")]
    assert missing == []
    found = {key.removeprefix(f"{prefix}.") for key in texts if key.startswith(prefix)}
    assert found == set(wanted)
