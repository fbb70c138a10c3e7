"""One text system: every event is worded from the same per-language templates."""

from __future__ import annotations

from datetime import timedelta
import string

import pytest

from custom_components.desk_break_coach.engine import (
    BreakEngine,
    Event,
    EventType,
    Settings,
    Status,
)
from custom_components.desk_break_coach.profile.catalogues import load_catalogue
from custom_components.desk_break_coach.voice.language import VoiceData, _load_all
from custom_components.desk_break_coach.voice.speech import message

from .engine.conftest import TZ, local

VOICES: dict[str, VoiceData] = _load_all()
MONDAY_9 = local(2026, 11, 23, 9, 0)


def _morning() -> list[Event]:
    """Drive an engine through every event type (both stop reasons)."""
    options = Settings(micro_break_minutes=20, warn_minutes=2, daily_limit_minutes=60)
    engine = BreakEngine(options, load_catalogue("en"), TZ)
    now = MONDAY_9
    events = engine.observe(now, present=True)
    events += engine.update(now + timedelta(minutes=20))  # micro-break
    events += engine.update(now + timedelta(minutes=21))
    events += engine.update(now + timedelta(minutes=43))  # heads-up
    now += timedelta(minutes=45)
    events += engine.update(now) + engine.snooze(now, 5)
    now += timedelta(minutes=5)
    events += engine.update(now) + engine.skip_break(now)
    now += timedelta(minutes=45)
    events += engine.update(now) + engine.start_break(now)
    events += engine.finish_break(now + timedelta(minutes=1))
    events += engine.stop_routine(now + timedelta(minutes=2), "other")
    events += engine.resume(now + timedelta(minutes=3))
    events += engine.stop_routine(now + timedelta(minutes=4))
    events += engine.update(now + timedelta(minutes=30))  # the daily limit
    events += engine.log_comfort(now + timedelta(minutes=31), 8, "{{ fine }}")
    return events


EVENTS = _morning()


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_morning_covers_every_event_type() -> None:
    """The events worded below are all the types, and both stop reasons."""
    assert {event.type for event in EVENTS} == set(EventType)
    reasons = [e.data["reason"] for e in EVENTS if e.type is EventType.ROUTINE_STOPPED]
    assert reasons == ["other", "unwell"]


@pytest.mark.parametrize("language", sorted(VOICES))
def test_every_event_has_words_in_every_language(language: str) -> None:
    """Each event gets a spoken message, every value filled in, no double space."""
    voice, catalogue = VOICES[language], load_catalogue(language)
    for event in EVENTS:
        spoken = message(voice, catalogue, event.type, event.data)
        assert spoken and spoken != event.type.value
        assert "{" not in spoken and "}" not in spoken
        assert "  " not in spoken


def test_languages_word_the_same_values() -> None:
    """Every language's templates name the same values, so none can fail to fill."""
    english = VOICES["en"]
    for voice in VOICES.values():
        for key, template in english.messages.items():
            assert _placeholders(voice.messages[key]) == _placeholders(template), key


def test_english_words() -> None:
    """What the engine's values say, in English: minutes, the cue, the doctor."""
    voice, catalogue = VOICES["en"], load_catalogue("en")
    by_type = {event.type: event for event in EVENTS}

    def say(kind: EventType) -> str:
        return message(voice, catalogue, kind, by_type[kind].data)

    assert say(EventType.BREAK_DUE) == (
        "You have been sitting for 45 minutes. Time for a short neck break."
    )
    assert say(EventType.BREAK_SNOOZED) == "Break snoozed for 5 minutes."
    cue = catalogue.program("neck_sitting").step("chin_tuck").cue
    assert say(EventType.EXERCISE_STARTED) == (
        f"Exercise 1 of 2: Chin tucks. {cue} 10 times."
    )
    assert ": 2 exercises." in say(EventType.BREAK_STARTED)
    assert say(EventType.DAILY_LIMIT_REACHED) == (
        "You have been at the desk for 1 hour today. Time to call it a day."
    )
    assert "doctor" in say(EventType.ROUTINE_STOPPED)  # the last stop: unwell


def test_russian_words() -> None:
    """The same values in Russian: a sentence, never a label."""
    voice, catalogue = VOICES["ru"], load_catalogue("ru")
    due = next(event for event in EVENTS if event.type is EventType.BREAK_DUE)
    assert message(voice, catalogue, due.type, due.data) == (
        "Вы сидите уже 45 минут. Пора сделать короткую разминку для шеи."
    )


@pytest.mark.parametrize("language", sorted(VOICES))
def test_every_status_has_a_spoken_answer(language: str) -> None:
    """The status question can be answered whatever the coach is doing."""
    assert set(VOICES[language].replies["status"]) == {
        status.value for status in Status
    }
