"""Words for the coach's events: the spoken (and sent) message.

The engine says what happened (an event type and its values); this module words
it from the `messages` templates of one language in `sentences/<language>.yaml`
(the `message` of every event), with counts that agree (`words.py`). Values come
from the event; the program's name and the exercise's cue come from the
profile's routine catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..const import DEFAULT_REASON
from ..engine import Catalogue, Event, EventType
from .language import VoiceData


def template_key(event_type: EventType, data: Mapping[str, Any]) -> str:
    """Return the template key of an event: its type, and for a stop, the reason."""
    if event_type is EventType.ROUTINE_STOPPED:
        return f"{event_type.value}_{data.get('reason') or DEFAULT_REASON}"
    return event_type.value


def _fill(
    voice: VoiceData, template: str | None, values: Mapping[str, Any]
) -> str | None:
    if template is None:
        return None
    try:
        text = voice.words.fill(template, values)
    except KeyError, IndexError, ValueError:
        return None
    # A value left empty (an exercise without a cue) leaves no double space.
    return " ".join(text.split())


def message(
    voice: VoiceData,
    catalogue: Catalogue,
    event_type: EventType,
    data: Mapping[str, Any],
) -> str:
    """Return the sentence spoken (and sent) for an event."""
    values = dict(data)
    if program_id := data.get("program"):
        program = catalogue.program(str(program_id))
        values["program_name"] = program.name
        if step_id := data.get("exercise_id"):
            step = program.step(str(step_id))
            values["cue"], values["exercise"] = step.cue, step.name
    key = template_key(event_type, data)
    return _fill(voice, voice.messages.get(key), values) or event_type.value


def spoken(events: list[Event]) -> str:
    """Join the messages of events (as fired) into one reply."""
    return " ".join(str(event.data["message"]) for event in events)
