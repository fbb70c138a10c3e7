"""Announcements reach satellites, speakers and notify entities; failures stay local."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.assist_satellite.services import (
    has_no_punctuation,
    is_valid_sentence,
)
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.desk_break_coach.const import (
    CONF_ANNOUNCE_STEPS,
    CONF_ANNOUNCE_TARGETS,
    CONF_STAND_MINUTES,
    CONF_TTS_ENTITY,
    LANGUAGES,
)
from custom_components.desk_break_coach.voice.language import async_load_voices

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, set_presence, state

ANNOUNCE = 1
ASK = 3  # announce and start a conversation

DUE = "You have been sitting for 45 minutes. Time for a short neck break."
TARGETS = [
    "assist_satellite.office",
    "assist_satellite.kitchen",
    "assist_satellite.hall",
    "media_player.speaker",
    "media_player.gone",
    "notify.phone",
    "notify.broken",
    "notify.offline",
]


class Targets:
    """Fake services of the real action names, recording what each target got."""

    def __init__(self, hass: HomeAssistant, answer: dict[str, Any]) -> None:
        """Create the target states and register the services."""
        hass.states.async_set(
            "assist_satellite.office", "idle", {"supported_features": ANNOUNCE}
        )
        hass.states.async_set(
            "assist_satellite.kitchen", "idle", {"supported_features": ASK}
        )
        hass.states.async_set(
            "assist_satellite.hall", "idle", {"supported_features": 0}
        )
        hass.states.async_set("media_player.speaker", "idle")
        hass.states.async_set("notify.phone", "unknown")
        hass.states.async_set("notify.broken", "unknown")
        hass.states.async_set("notify.offline", "unavailable")
        hass.states.async_set("tts.piper", "unknown")
        self.announce = async_mock_service(hass, "assist_satellite", "announce")
        self.ask = async_mock_service(
            hass,
            "assist_satellite",
            "ask_question",
            response=answer,
            supports_response=SupportsResponse.ONLY,
        )
        self.speak = async_mock_service(hass, "tts", "speak")
        self.notify: list[ServiceCall] = []

        async def send_message(call: ServiceCall) -> None:
            if "notify.broken" in call.data["entity_id"]:
                raise HomeAssistantError("the phone is off")
            self.notify.append(call)

        hass.services.async_register("notify", "send_message", send_message)

    def heard(self, target: str) -> list[str]:
        """Return the messages a target got, in order."""
        calls = [*self.announce, *self.speak, *self.notify]
        return [
            call.data["message"]
            for call in calls
            if target
            in (call.data["entity_id"], call.data.get("media_player_entity_id"))
        ]


async def _settle(hass: HomeAssistant) -> None:
    await hass.async_block_till_done(wait_background_tasks=True)


def _options(**extra: Any) -> dict[str, Any]:
    return {CONF_ANNOUNCE_TARGETS: TARGETS, CONF_TTS_ENTITY: "tts.piper", **extra}


async def test_break_due_reaches_every_kind_of_target(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Each kind gets its action; missing, mute and failing targets are logged once."""
    targets = Targets(
        hass, {"id": "snooze", "sentence": "in 15 minutes", "slots": {"minutes": "15"}}
    )
    await async_start_day(hass, freezer, profile("Desk", **_options()), assist=False)
    await set_presence(hass, True)
    caplog.set_level(logging.WARNING)
    await advance(hass, freezer, minutes=45)
    await _settle(hass)

    assert [
        c.data
        for c in targets.announce
        if c.data["entity_id"] == "assist_satellite.office"
    ] == [{"entity_id": "assist_satellite.office", "message": DUE}]
    assert [c.data for c in targets.speak] == [
        {
            "entity_id": "tts.piper",
            "media_player_entity_id": "media_player.speaker",
            "message": DUE,
        }
    ]
    assert [c.data for c in targets.notify] == [
        {"entity_id": "notify.phone", "message": DUE, "title": "Desk"}
    ]
    # The satellite that can hold a conversation is asked, and its answer acted on.
    assert len(targets.ask) == 1
    assert targets.ask[0].data["entity_id"] == "assist_satellite.kitchen"
    assert targets.ask[0].data["question"] == f"{DUE} Start now, or snooze?"
    assert [answer["id"] for answer in targets.ask[0].data["answers"]] == [
        "start",
        "snooze",
        "skip",
    ]
    assert state(hass, "sensor", "status").state == "snoozed"
    assert state(hass, "sensor", "next_break").state == "2026-11-23T09:00:00+00:00"
    assert targets.heard("assist_satellite.kitchen") == [
        "Break snoozed for 15 minutes."
    ]

    for target, reason in (
        ("assist_satellite.hall", "cannot announce"),
        ("media_player.gone", "entity not found"),
        ("notify.broken", "the phone is off"),
        ("notify.offline", "unavailable"),
    ):
        logged = [r for r in caplog.records if target in r.getMessage()]
        assert len(logged) == 1, target
        assert reason in logged[0].getMessage()
        assert logged[0].levelno == logging.WARNING

    # Due again: everyone hears it again, the broken targets are not logged again.
    await advance(hass, freezer, minutes=15)
    await _settle(hass)
    assert targets.heard("notify.phone") == [DUE, DUE.replace("45 minutes", "1 hour")]
    assert targets.heard("media_player.speaker") == [
        DUE,
        DUE.replace("45 minutes", "1 hour"),
    ]
    assert len(targets.ask) == 2
    assert len([r for r in caplog.records if "notify.broken" in r.getMessage()]) == 1


async def test_due_while_home_assistant_starts(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A break due while Home Assistant starts is announced once it has started.

    A target's integration may not be set up yet (no entity): the announcement
    waits for the start rather than fails.
    """
    targets = Targets(hass, {})
    await async_start_day(
        hass,
        freezer,
        profile("Desk", **{CONF_ANNOUNCE_TARGETS: ["notify.later"]}),
        assist=False,
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=44)
    hass.set_state(CoreState.starting)
    await advance(hass, freezer, minutes=1)
    await hass.async_block_till_done()  # not the deliveries: they wait for the start
    assert state(hass, "sensor", "status").state == "break_due"
    assert targets.heard("notify.later") == []

    hass.states.async_set("notify.later", "unknown")
    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await _settle(hass)
    assert targets.heard("notify.later") == [DUE]
    assert "notify.later" not in caplog.text


async def test_steps_are_announced_in_order(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """With announce_steps the guided break is spoken step by step; without, only due."""
    targets = Targets(hass, {"id": None, "sentence": "what", "slots": {}})
    entry = profile("Desk", **_options())
    await async_start_day(hass, freezer, entry, assist=False)
    await set_presence(hass, True)
    await act(hass, entry.entry_id, "start_break")
    await advance(hass, freezer, minutes=2)
    await act(hass, entry.entry_id, "finish_break")
    await _settle(hass)
    heard = targets.heard("assist_satellite.office")
    assert [message.split(".")[0] for message in heard] == [
        "Starting Gentle seated neck routine: 2 exercises",
        "Exercise 1 of 2: Chin tucks",
        "Exercise 2 of 2: Side tilts",
        "Well done",
    ]
    assert targets.heard("notify.phone") == heard
    assert targets.ask == []

    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_ANNOUNCE_STEPS: False}
    )
    await hass.async_block_till_done()
    await act(hass, entry.entry_id, "start_break")
    await act(hass, entry.entry_id, "finish_break")
    await _settle(hass)
    assert targets.heard("notify.phone") == heard
    assert state(hass, "sensor", "breaks_today").state == "2"


async def test_unanswered_question_leaves_the_break_due(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """No matching answer: nothing is done and the break stays due."""
    targets = Targets(hass, {"id": None, "sentence": "pardon", "slots": {}})
    await async_start_day(
        hass,
        freezer,
        profile("Desk", **{CONF_ANNOUNCE_TARGETS: ["assist_satellite.kitchen"]}),
        assist=False,
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await _settle(hass)
    assert len(targets.ask) == 1
    assert targets.announce == []
    assert state(hass, "sensor", "status").state == "break_due"


@pytest.mark.parametrize(
    ("answer", "status", "reply"),
    [
        ({"id": "start", "sentence": "yes", "slots": {}}, "on_break", "Starting"),
        (
            {"id": "skip", "sentence": "skip it", "slots": {}},
            "sitting",
            "Break skipped",
        ),
        (
            {"id": "snooze", "sentence": "later", "slots": {}},
            "snoozed",
            "Break snoozed for 10",
        ),
    ],
)
async def test_answers_are_acted_on(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    answer: dict[str, Any],
    status: str,
    reply: str,
) -> None:
    """Start, skip or snooze from the spoken answer; the satellite hears the result once."""
    targets = Targets(hass, answer)
    await async_start_day(
        hass,
        freezer,
        profile(
            "Desk",
            **{CONF_ANNOUNCE_TARGETS: ["assist_satellite.kitchen", "notify.phone"]},
        ),
        assist=False,
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await _settle(hass)
    assert state(hass, "sensor", "status").state == status
    heard = targets.heard("assist_satellite.kitchen")
    assert len(heard) == 1
    assert heard[0].startswith(reply)
    if status == "on_break":
        # The phone follows the steps; the satellite heard them in its reply.
        assert targets.heard("notify.phone")[1:] == [
            (
                "Starting Gentle seated neck routine: 2 exercises. Move gently, "
                "and stop if anything hurts."
            ),
            heard[0].split("hurts. ")[1],
        ]


async def test_refused_answer_is_spoken(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A snooze past the limit is refused, and the satellite says why."""
    targets = Targets(hass, {"id": "snooze", "sentence": "later", "slots": {}})
    await async_start_day(
        hass,
        freezer,
        profile(
            "Desk",
            max_snoozes=0,
            **{CONF_ANNOUNCE_TARGETS: ["assist_satellite.kitchen"]},
        ),
        assist=False,
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await _settle(hass)
    assert targets.heard("assist_satellite.kitchen") == [
        "This break cannot be snoozed again; start it or skip it."
    ]
    assert state(hass, "sensor", "status").state == "break_due"


async def test_voice_command_satellite_hears_only_its_reply(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The satellite that asked gets the reply; the other targets the announcements."""
    targets = Targets(hass, {"id": None, "sentence": "", "slots": {}})
    await async_start_day(
        hass,
        freezer,
        profile(
            "Desk",
            **_options(
                **{CONF_ANNOUNCE_TARGETS: ["assist_satellite.office", "notify.phone"]}
            ),
        ),
    )
    await set_presence(hass, True)
    reply = await async_say(
        hass, "start my neck break", satellite_id="assist_satellite.office"
    )
    await _settle(hass)
    assert reply.startswith("Starting Gentle seated neck routine")
    assert targets.heard("assist_satellite.office") == []
    assert " ".join(targets.heard("notify.phone")) == reply


async def test_speaker_without_tts_entity(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A media player needs the tts entity; without it only that target is skipped."""
    targets = Targets(hass, {"id": None, "sentence": "", "slots": {}})
    await async_start_day(
        hass,
        freezer,
        profile(
            "Desk",
            **{CONF_ANNOUNCE_TARGETS: ["media_player.speaker", "notify.phone"]},
        ),
        assist=False,
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    await _settle(hass)
    assert targets.speak == []
    assert targets.heard("notify.phone") == [DUE]
    assert "no text-to-speech entity" in caplog.text


async def test_shipped_answers_are_valid_for_ask_question(hass: HomeAssistant) -> None:
    """The answers pass the real assist_satellite.ask_question checks in every language."""
    voices = await async_load_voices(hass)
    assert set(voices) == set(LANGUAGES)
    for voice in voices.values():
        for answer in voice.answers_payload():
            assert has_no_punctuation(answer["sentences"])
            assert is_valid_sentence(answer["sentences"])
        assert voice.question.format(message="M").startswith("M ")
        comfort = [{"id": "level", "sentences": list(voice.comfort_answers)}]
        assert has_no_punctuation(comfort[0]["sentences"])
        assert is_valid_sentence(comfort[0]["sentences"])
        assert voice.comfort_question.format(message="M").startswith("M ")


async def test_slow_target_times_out(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A target that never answers is given up on; the others are not held up."""
    targets = Targets(hass, {"id": None, "sentence": "", "slots": {}})
    hass.states.async_set("notify.slow", "unknown")
    never = asyncio.Event()

    async def hang(call: ServiceCall) -> None:
        await never.wait()

    hass.services.async_register("notify", "send_message", hang)
    await async_start_day(
        hass,
        freezer,
        profile(
            "Desk",
            **{CONF_ANNOUNCE_TARGETS: ["notify.slow", "assist_satellite.office"]},
        ),
        assist=False,
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    for _ in range(5):
        await asyncio.sleep(0)
    assert targets.heard("assist_satellite.office") == [DUE]
    assert "notify.slow" not in caplog.text
    await advance(hass, freezer, seconds=61)
    await _settle(hass)
    assert "Cannot announce the desk break to notify.slow (no reply in time)" in (
        caplog.text
    )
    assert state(hass, "sensor", "status").state == "break_due"


async def test_stand_suggestion_is_announced(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A stand suggestion reaches the reminder targets, as a reminder does."""
    targets = Targets(hass, {"id": "start", "sentence": "start", "slots": {}})
    entry = profile("Desk", **_options(**{CONF_STAND_MINUTES: 30}))
    await async_start_day(hass, freezer, entry, assist=False)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=30)
    await _settle(hass)
    stand = "You have been sitting for 30 minutes. Time to stand up for a while."
    assert targets.heard("notify.phone") == [stand]
    assert targets.heard("media_player.speaker") == [stand]
