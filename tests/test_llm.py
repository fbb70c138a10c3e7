"""The voice commands as LLM tools of the Assist API."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import llm
import probatio
import pytest

from .assist_helpers import async_start_day, profile
from .helpers import advance, set_presence, state

TOOLS = {
    f"desk_break_coach__{name}"
    for name in (
        "DeskBreakStart",
        "DeskBreakSnooze",
        "DeskBreakSkip",
        "DeskBreakNext",
        "DeskBreakFinish",
        "DeskBreakStatus",
        "DeskBreakStop",
        "DeskBreakResume",
    )
}


async def _assist_api(hass: HomeAssistant) -> llm.APIInstance:
    return await llm.async_get_api(
        hass,
        llm.LLM_API_ASSIST,
        llm.LLMContext(
            platform="test",
            context=Context(),
            language="en",
            assistant="conversation",
            device_id=None,
        ),
    )


async def _call(api: llm.APIInstance, name: str, **args: object) -> llm.ToolResult:
    return await api.async_call_tool(
        llm.ToolInput(tool_name=f"desk_break_coach__{name}", tool_args=args)
    )


async def test_tools_listed_and_callable(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Every command is a tool with an LLM-readable schema; calls act and answer."""
    await async_start_day(hass, freezer, profile("Anna"), profile("Boris"))
    api = await _assist_api(hass)
    tools = {
        tool.name: tool for tool in api.tools if tool.integration == "desk_break_coach"
    }
    assert set(tools) == TOOLS
    assert "Desk profiles: Anna, Boris." in api.api_prompt
    assert tools["desk_break_coach__DeskBreakStatus"].annotations.read_only
    assert not tools["desk_break_coach__DeskBreakStart"].annotations.read_only
    snooze_schema = probatio.to_openapi(
        tools["desk_break_coach__DeskBreakSnooze"].parameters,
        custom_serializer=api.custom_serializer,
    )
    assert set(snooze_schema["properties"]) == {"profile", "minutes"}
    assert "required" not in snooze_schema

    await set_presence(hass, True, "input_boolean.anna")
    await advance(hass, freezer, minutes=45)
    result = await _call(api, "DeskBreakSnooze", minutes=20)
    assert not result.error
    assert result.data["speech"]["plain"]["speech"] == (
        "Anna: Break snoozed for 20 minutes."
    )
    assert hass.states.get("sensor.anna_status").state == "snoozed"

    result = await _call(api, "DeskBreakStatus", profile="Boris")
    assert result.data["speech_slots"]["status"] == "away"
    assert result.data["speech_slots"]["profile"] == "Boris"
    assert result.data["speech"]["plain"]["speech"] == (
        "You are away from your desk. 0 of 4 breaks done today."
    )

    result = await _call(api, "DeskBreakStart", profile="anna")
    assert "Exercise 1 of 2: Chin tucks" in result.data["speech"]["plain"]["speech"]
    await _call(api, "DeskBreakStop", profile="Anna", reason="unwell")
    assert hass.states.get("sensor.anna_status").state == "resting"
    with pytest.raises(HomeAssistantError, match="resume first"):
        await _call(api, "DeskBreakStart", profile="Anna")
    await _call(api, "DeskBreakResume", profile="Anna")
    assert hass.states.get("sensor.anna_status").state == "break_due"


async def test_no_tools_without_profiles(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Without a loaded profile the tools are not offered."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry)
    assert {tool.name for tool in (await _assist_api(hass)).tools} >= TOOLS
    await hass.config_entries.async_unload(entry.entry_id)
    api = await _assist_api(hass)
    assert not TOOLS & {tool.name for tool in api.tools}
    assert "Desk Break Coach" not in api.api_prompt


async def test_tool_refusal_changes_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A command that does not fit the state is refused with the reason."""
    await async_start_day(hass, freezer, profile("Desk"))
    api = await _assist_api(hass)
    with pytest.raises(HomeAssistantError, match="No break is due right now"):
        await _call(api, "DeskBreakSkip")
    assert state(hass, "sensor", "status").state == "away"
