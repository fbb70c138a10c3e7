"""The voice commands as LLM tools of the Assist API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
import json
import logging
import warnings

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.components.llm import LLMTools
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import chat_session, llm
import probatio
import pytest

from custom_components.desk_break_coach import llm as dbc_llm

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
        "DeskBreakComfort",
        "DeskBreakPause",
        "DeskBreakComfortStatus",
    )
}


def _llm_context() -> llm.LLMContext:
    return llm.LLMContext(
        platform="test",
        context=Context(),
        language="en",
        assistant="conversation",
        device_id=None,
    )


async def _assist_api(hass: HomeAssistant) -> llm.APIInstance:
    return await llm.async_get_api(hass, llm.LLM_API_ASSIST, _llm_context())


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
        "Boris is away from the desk. 0 of Boris's 4 breaks done today."
    )
    assert tools["desk_break_coach__DeskBreakComfortStatus"].annotations.read_only
    result = await _call(api, "DeskBreakComfortStatus", profile="Boris")
    assert result.data["speech"]["plain"]["speech"] == (
        "Boris logged no neck comfort in the last 7 days."
    )
    result = await _call(api, "DeskBreakPause", profile="Boris", minutes=90)
    assert result.data["speech"]["plain"]["speech"] == (
        "Break reminders are paused for 1 hour 30 minutes."
    )
    assert hass.states.get("sensor.boris_status").state == "paused"
    await _call(api, "DeskBreakResume", profile="Boris")
    assert hass.states.get("sensor.boris_status").state == "away"

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


@contextmanager
def _no_deprecation(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail on any warning: Home Assistant's usage reports (logged), `warnings`."""
    caplog.clear()
    with caplog.at_level(logging.WARNING), warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        yield
    logged = [
        f"{record.name}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno >= logging.WARNING
    ]
    assert not logged
    assert not [f"{w.category.__name__}: {w.message}" for w in seen]


def _assert_intent_result(result: llm.ToolResult) -> None:
    """Check a successful IntentTool result: a ToolResult holding the response."""
    assert type(result) is llm.ToolResult
    assert result.error is False
    assert isinstance(result.data, llm.IntentResponseDict)
    # The response as a plain JSON object, without the language and card.
    assert json.loads(json.dumps(result.data)) == result.data
    assert set(result.data) <= {
        "speech",
        "reprompt",
        "response_type",
        "speech_slots",
        "data",
    }
    assert result.data["response_type"] in {"action_done", "query_answer"}
    assert result.data["data"] == {"success": [], "failed": []}
    assert result.data["speech"]["plain"]["speech"]


async def test_platform_follows_the_llm_tools_api(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The llm platform returns LLMTools for the Assist API only, tools tagged."""
    await async_start_day(hass, freezer, profile("Desk"))
    assert dbc_llm.async_get_tools(hass, _llm_context(), "some_other_api") is None
    tools = dbc_llm.async_get_tools(hass, _llm_context(), llm.LLM_API_ASSIST)
    assert isinstance(tools, LLMTools)
    assert tools.prompt is not None
    assert "Desk profiles: Desk." in tools.prompt
    assert {tool.name for tool in tools.tools} == TOOLS
    for tool in tools.tools:
        assert isinstance(tool, llm.IntentTool)
        assert tool.integration == "desk_break_coach"
        assert tool.title
        assert tool.description


async def test_no_deprecation_listing_and_calling_tools(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Listing and calling the tools logs no usage report and warns nothing."""
    await async_start_day(hass, freezer, profile("Desk"))
    await set_presence(hass, True, "input_boolean.desk")
    with _no_deprecation(caplog):
        api = await _assist_api(hass)
        ours = [tool for tool in api.tools if tool.name in TOOLS]
        assert {tool.name for tool in ours} == TOOLS
        assert {tool.integration for tool in ours} == {"desk_break_coach"}

        _assert_intent_result(await _call(api, "DeskBreakStatus"))
        result = await _call(api, "DeskBreakStart")
        _assert_intent_result(result)
        assert "Exercise 1 of 2" in result.data["speech"]["plain"]["speech"]
        _assert_intent_result(await _call(api, "DeskBreakNext"))
        _assert_intent_result(await _call(api, "DeskBreakFinish"))
    assert state(hass, "sensor", "breaks_today").state == "1"


async def test_tool_results_in_a_chat_log(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An agent's chat log gets ToolResults: the answer, or the refusal as an error."""
    await async_start_day(hass, freezer, profile("Desk"))
    with (
        _no_deprecation(caplog),
        chat_session.async_get_chat_session(hass) as session,
        conversation.async_get_chat_log(hass, session) as chat_log,
    ):
        await chat_log.async_provide_llm_data(
            _llm_context(), llm.LLM_API_ASSIST, None, None
        )
        calls = [
            llm.ToolInput(tool_name="desk_break_coach__DeskBreakStatus", tool_args={}),
            llm.ToolInput(tool_name="desk_break_coach__DeskBreakSkip", tool_args={}),
        ]
        results = [
            content
            async for content in chat_log.async_add_assistant_content(
                conversation.AssistantContent(
                    agent_id="conversation.test", tool_calls=calls
                )
            )
        ]
        stored = [content.as_dict() for content in results]

    status, skip = results
    assert status.tool_name == "desk_break_coach__DeskBreakStatus"
    _assert_intent_result(status.result)
    assert status.result.data["speech_slots"]["status"] == "away"
    # A refused command reaches the agent as an error result with the reason.
    assert type(skip.result) is llm.ToolResult
    assert skip.result.error is True
    assert skip.result.data["error"] == "IntentHandleError"
    assert "No break is due right now" in skip.result.data["error_text"]
    assert stored[0]["result"] == {"data": status.result.data, "error": False}
    assert stored[1]["result"]["error"] is True
    assert state(hass, "sensor", "status").state == "away"
