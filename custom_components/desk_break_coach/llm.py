"""LLM tools: the voice commands offered to conversation agents using the Assist API."""

from __future__ import annotations

import json
from typing import Final

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
)

from .const import DOMAIN
from .profile.personal import routines
from .voice.choose import loaded_coaches
from .voice.intents import (
    INTENT_COMFORT,
    INTENT_COMFORT_STATUS,
    INTENT_FINISH,
    INTENT_NEXT,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_SKIP,
    INTENT_SNOOZE,
    INTENT_START,
    INTENT_STATUS,
    INTENT_STOP,
)

#: Commands change only the coach's own state, never anything outside Home Assistant.
_CHANGES = ToolAnnotations(destructive=False, open_world=False)
_SETS = ToolAnnotations(destructive=False, idempotent=True, open_world=False)
_READS = ToolAnnotations(
    read_only=True, destructive=False, idempotent=True, open_world=False
)

TOOLS: Final = {
    INTENT_START: ("Start desk break", _CHANGES),
    INTENT_SNOOZE: ("Snooze desk break", _CHANGES),
    # A skipped break is gone: it is not counted and cannot be taken back.
    INTENT_SKIP: ("Skip desk break", ToolAnnotations(open_world=False)),
    INTENT_NEXT: ("Next break exercise", _CHANGES),
    INTENT_FINISH: ("Finish desk break", _CHANGES),
    INTENT_STATUS: ("Desk break status", _READS),
    INTENT_STOP: ("Stop neck exercises", _SETS),
    INTENT_RESUME: ("Resume desk breaks", _SETS),
    INTENT_COMFORT: ("Log neck comfort", _CHANGES),
    INTENT_PAUSE: ("Pause desk break reminders", _SETS),
    INTENT_COMFORT_STATUS: ("Neck comfort status", _READS),
}

PROMPT: Final = (
    "Desk Break Coach reminds people at a desk to take neck exercise breaks and "
    "guides the exercises. Use the desk_break_coach tools for questions about "
    "sitting time, breaks and exercises. If the person reports pain or feeling "
    "worse during exercises, stop the exercises at once. Desk profiles: {names}. "
    "Pass the profile's name when several exist and it is not clear whose it is."
)
#: Added when the people have routines of their own (names as they wrote them).
ROUTINES_PROMPT: Final = (
    " The people's own routines, to start by passing the name as routine: {routines}."
)


@callback
def async_get_tools(
    hass: HomeAssistant, llm_context: LLMContext, api_id: str
) -> LLMTools | None:
    """Return the tools while at least one profile is loaded."""
    if api_id != LLM_API_ASSIST or not (coaches := loaded_coaches(hass)):
        return None
    tools: list[Tool] = [
        IntentTool(
            f"{DOMAIN}__{handler.intent_type}",
            handler,
            title=TOOLS[handler.intent_type][0],
            integration=DOMAIN,
            annotations=TOOLS[handler.intent_type][1],
        )
        for handler in intent.async_get(hass)
        if handler.intent_type in TOOLS
    ]
    names = ", ".join(coach.name for coach in coaches)
    prompt = PROMPT.format(names=names)
    if own := [routine.name for coach in coaches for routine in routines(coach.entry)]:
        prompt += ROUTINES_PROMPT.format(routines=json.dumps(own, ensure_ascii=False))
    return LLMTools(tools=tools, prompt=prompt)
