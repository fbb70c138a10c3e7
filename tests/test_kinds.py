"""Every kind of break through the real integration: micro, heads-up, limit, standing, media."""

from __future__ import annotations

import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.media_player import (
    MediaPlayerEntity,
    MediaPlayerEntityFeature,
    MediaPlayerState,
)
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockPlatform,
    async_capture_events,
    mock_platform,
)

from custom_components.desk_break_coach.const import (
    CONF_ANNOUNCE_TARGETS,
    CONF_DAILY_LIMIT_MINUTES,
    CONF_DND_ENTITIES,
    CONF_MICRO_BREAK_MINUTES,
    CONF_PAUSE_MEDIA,
    CONF_SIT_MINUTES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    CONF_WARN_MINUTES,
    DOMAIN,
)

from .assist_helpers import async_say, async_start_day, profile
from .helpers import (
    MONDAY_0900,
    act,
    advance,
    record_writes,
    set_presence,
    start_profile,
    state,
)
from .test_announce import Targets

LOOK_AWAY = "Look away from the screen for 20 seconds, and let your shoulders drop."


async def _start(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entry: MockConfigEntry,
    *,
    at: str = MONDAY_0900,
    **options: Any,
) -> MockConfigEntry:
    return await start_profile(
        hass,
        freezer,
        entry,
        at=at,
        booleans=("desk", "meeting", "standing"),
        options={CONF_DND_ENTITIES: ["input_boolean.meeting"], **options},
    )


def _status(hass: HomeAssistant) -> str:
    return state(hass, "sensor", "status").state


async def _settle(hass: HomeAssistant) -> None:
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_micro_break_runs_and_is_announced(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Ten minutes in: a 20-second micro-break, told to the targets, then counted."""
    targets = Targets(hass, {})
    await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_MICRO_BREAK_MINUTES: 10, CONF_ANNOUNCE_TARGETS: ["notify.phone"]},
    )
    started = async_capture_events(hass, f"{DOMAIN}_micro_break_started")
    completed = async_capture_events(hass, f"{DOMAIN}_micro_break_completed")
    await set_presence(hass, True)
    since = state(hass, "sensor", "sitting_time").attributes["since"]
    await advance(hass, freezer, minutes=10)
    await _settle(hass)
    assert _status(hass) == "micro_break"
    ends = state(hass, "sensor", "status").attributes["micro_break_ends_at"]
    assert ends == "2026-11-23T08:10:20+00:00"
    assert [e.data["message"] for e in started] == [LOOK_AWAY]
    assert targets.heard("notify.phone") == [LOOK_AWAY]
    await advance(hass, freezer, seconds=20)
    assert _status(hass) == "sitting"
    assert state(hass, "sensor", "micro_breaks_today").state == "1"
    assert [e.data["micro_breaks_today"] for e in completed] == [1]
    # A micro-break does not restart the sitting block.
    assert state(hass, "sensor", "sitting_time").attributes["since"] == since


@pytest.mark.parametrize("hold", ["meeting", "pause", "rest", "evening"])
async def test_no_micro_break_while_held(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    hold: str,
) -> None:
    """None during do-not-disturb, a pause, rest or off hours."""
    entry = await _start(
        hass,
        freezer,
        mock_config_entry,
        at="2026-11-23 18:30:00+01:00" if hold == "evening" else MONDAY_0900,
        **{CONF_MICRO_BREAK_MINUTES: 10},
    )
    started = async_capture_events(hass, f"{DOMAIN}_micro_break_started")
    await set_presence(hass, True)
    if hold == "meeting":
        await set_presence(hass, True, "input_boolean.meeting")
    elif hold == "pause":
        await act(hass, entry.entry_id, "pause")
    elif hold == "rest":
        await act(hass, entry.entry_id, "stop_routine")
    await advance(hass, freezer, minutes=20)
    assert started == []
    assert _status(hass) != "micro_break"


async def test_no_micro_break_just_before_an_exercise_break(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Due at 45: the micro-break at 42 would come within 5 minutes of it; none."""
    await _start(hass, freezer, mock_config_entry, **{CONF_MICRO_BREAK_MINUTES: 42})
    started = async_capture_events(hass, f"{DOMAIN}_micro_break_started")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=45)
    assert started == []
    assert _status(hass) == "break_due"


async def test_absence_counts_as_a_micro_break(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Fetching a coffee for a minute counts as a micro-break, and the count restarts."""
    await _start(hass, freezer, mock_config_entry, **{CONF_MICRO_BREAK_MINUTES: 10})
    started = async_capture_events(hass, f"{DOMAIN}_micro_break_started")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=8)
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=1)
    await set_presence(hass, True)
    assert state(hass, "sensor", "micro_breaks_today").state == "1"
    await advance(hass, freezer, minutes=9)
    assert started == []
    await advance(hass, freezer, minutes=1)
    assert len(started) == 1


async def test_heads_up_once_and_announced(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Two minutes before the break: break_soon once, spoken; not again after a snooze."""
    targets = Targets(hass, {})
    entry = await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_WARN_MINUTES: 2, CONF_ANNOUNCE_TARGETS: ["notify.phone"]},
    )
    soon = async_capture_events(hass, f"{DOMAIN}_break_soon")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=43)
    await _settle(hass)
    assert [e.data["minutes"] for e in soon] == [2]
    heard = targets.heard("notify.phone")
    assert heard == ["A neck break is due in 2 minutes. Find a good moment to stop."]
    await advance(hass, freezer, minutes=2)
    await act(hass, entry.entry_id, "snooze")
    await advance(hass, freezer, minutes=10)
    assert len(soon) == 1
    assert _status(hass) == "break_due"


async def test_daily_limit_once_a_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """An hour at the desk with a 60-minute limit: told once, the binary sensor on."""
    await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_DAILY_LIMIT_MINUTES: 60, CONF_SIT_MINUTES: 180},
    )
    reached = async_capture_events(hass, f"{DOMAIN}_daily_limit_reached")
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=59)
    assert state(hass, "binary_sensor", "over_daily_limit").state == "off"
    await advance(hass, freezer, minutes=1)
    assert state(hass, "binary_sensor", "over_daily_limit").state == "on"
    assert [e.data["minutes"] for e in reached] == [60]
    await advance(hass, freezer, minutes=60)
    assert len(reached) == 1
    await set_presence(hass, False)
    await advance(hass, freezer, hours=16)  # past midnight
    assert state(hass, "binary_sensor", "over_daily_limit").state == "off"


@pytest.mark.parametrize(
    ("entity_id", "up", "down", "above"),
    [
        ("input_boolean.standing", None, None, None),
        ("binary_sensor.desk_up", ("on", {}), ("off", {}), None),
        ("sensor.desk_height", ("110", {"unit_of_measurement": "cm"}), ("72", {}), 95),
        ("number.desk_height", ("110", {}), ("72", {}), 95),
        (
            "cover.desk",
            ("open", {"current_position": 80}),
            ("open", {"current_position": 5}),
            50,
        ),
    ],
)
async def test_standing_is_not_sitting(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    *,
    entity_id: str,
    up: tuple[str, dict[str, Any]] | None,
    down: tuple[str, dict[str, Any]] | None,
    above: float | None,
) -> None:
    """Standing 3 minutes: status standing, sitting time stops, standing_today counts."""
    await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_STANDING_ENTITY: entity_id, CONF_STANDING_ABOVE: above},
    )

    async def stand(on: bool) -> None:
        if up is None or down is None:
            await set_presence(hass, on, entity_id)
            return
        value, attrs = up if on else down
        hass.states.async_set(entity_id, value, attrs)
        await hass.async_block_till_done()

    await stand(False)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=10)
    await stand(True)
    assert _status(hass) == "sitting"  # a change counts once it held for 10 s
    await advance(hass, freezer, seconds=10)
    assert _status(hass) == "standing"
    await advance(hass, freezer, seconds=170)  # up for three minutes in all
    await stand(False)
    await advance(hass, freezer, seconds=10)
    assert _status(hass) == "sitting"
    assert state(hass, "sensor", "standing_today").state == "3"
    assert state(hass, "sensor", "next_break").state == "2026-11-23T08:48:00+00:00"


async def test_standing_long_enough_is_a_natural_break(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Standing away_minutes (5) restarts the sitting block."""
    await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_STANDING_ENTITY: "input_boolean.standing"},
    )
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=30)
    await set_presence(hass, True, "input_boolean.standing")
    await advance(hass, freezer, minutes=6)
    await set_presence(hass, False, "input_boolean.standing")
    await advance(hass, freezer, seconds=10)
    assert state(hass, "sensor", "sitting_time").state == "0"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == (
        "2026-11-23T08:36:10+00:00"
    )


async def test_unavailable_standing_entity_is_not_standing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """A desk that drops off the network means sitting, and never stops the coach."""
    await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_STANDING_ENTITY: "sensor.desk_height", CONF_STANDING_ABOVE: 95},
    )
    hass.states.async_set("sensor.desk_height", "110")
    await set_presence(hass, True)
    await advance(hass, freezer, seconds=10)
    assert _status(hass) == "standing"
    hass.states.async_set("sensor.desk_height", "unavailable")
    await advance(hass, freezer, seconds=10)
    assert _status(hass) == "sitting"
    await advance(hass, freezer, minutes=45)
    assert _status(hass) == "break_due"


async def test_flapping_standing_sensor(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """A standing sensor flipping every second for 10 minutes: no break, bounded writes."""
    await _start(
        hass,
        freezer,
        mock_config_entry,
        **{CONF_STANDING_ENTITY: "binary_sensor.desk_up"},
    )
    await set_presence(hass, True)
    writes = record_writes(hass, mock_config_entry)
    due = async_capture_events(hass, f"{DOMAIN}_break_due")
    for second in range(600):
        hass.states.async_set("binary_sensor.desk_up", "on" if second % 2 else "off")
        await advance(hass, freezer, seconds=1)
    hass.states.async_set("binary_sensor.desk_up", "off")
    await hass.async_block_till_done()
    assert due == []
    assert _status(hass) == "sitting"
    assert state(hass, "sensor", "sitting_time").attributes["since"] == (
        "2026-11-23T08:00:00+00:00"
    )
    # No flip held for 10 s, so none counted: nothing to write at all.
    assert writes == []


class Speaker(MediaPlayerEntity):
    """A media player of a test integration that can play and pause."""

    _attr_supported_features = (
        MediaPlayerEntityFeature.PLAY | MediaPlayerEntityFeature.PAUSE
    )

    def __init__(self, name: str, playing: bool) -> None:
        """Start playing or idle."""
        self._attr_name = name
        self._attr_unique_id = name
        self._attr_state = (
            MediaPlayerState.PLAYING if playing else MediaPlayerState.IDLE
        )

    async def async_media_play(self) -> None:
        """Play."""
        self._attr_state = MediaPlayerState.PLAYING
        self.async_write_ha_state()

    async def async_media_pause(self) -> None:
        """Pause."""
        self._attr_state = MediaPlayerState.PAUSED
        self.async_write_ha_state()


async def _speakers(hass: HomeAssistant) -> None:
    """media_player.kitchen and media_player.office play; media_player.radio is idle."""

    async def setup_platform(
        hass: HomeAssistant, config: Any, add_entities: Any, info: Any = None
    ) -> None:
        add_entities(
            [Speaker("Kitchen", True), Speaker("Office", True), Speaker("Radio", False)]
        )

    mock_platform(
        hass, "test.media_player", MockPlatform(async_setup_platform=setup_platform)
    )
    assert await async_setup_component(
        hass, "media_player", {"media_player": {"platform": "test"}}
    )
    await hass.async_block_till_done()


async def test_pause_media_pauses_only_what_played(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Playing players pause for the break and play after; others are left alone."""
    await _speakers(hass)
    entry = await _start(
        hass,
        freezer,
        mock_config_entry,
        **{
            CONF_PAUSE_MEDIA: [
                "media_player.kitchen",
                "media_player.office",
                "media_player.radio",
                "media_player.gone",
            ]
        },
    )
    await hass.services.async_call(
        "media_player",
        "media_pause",
        {"entity_id": "media_player.office"},
        blocking=True,
    )
    await set_presence(hass, True)
    await act(hass, entry.entry_id, "start_break")
    await _settle(hass)
    assert state_of(hass, "media_player.kitchen") == "paused"
    assert state_of(hass, "media_player.radio") == "idle"
    await act(hass, entry.entry_id, "finish_break")
    await _settle(hass)
    assert state_of(hass, "media_player.kitchen") == "playing"
    # The one paused before the break stays paused; the idle one stays idle.
    assert state_of(hass, "media_player.office") == "paused"
    assert state_of(hass, "media_player.radio") == "idle"
    # A safety stop ends the break too and resumes what it paused.
    await act(hass, entry.entry_id, "start_break")
    await _settle(hass)
    assert state_of(hass, "media_player.kitchen") == "paused"
    await act(hass, entry.entry_id, "stop_routine")
    await _settle(hass)
    assert state_of(hass, "media_player.kitchen") == "playing"
    gone = [
        r
        for r in caplog.records
        if "media_player.gone" in r.getMessage() and r.levelno >= logging.WARNING
    ]
    assert len(gone) == 1


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """Return the state of an entity that must exist."""
    found = hass.states.get(entity_id)
    assert found is not None
    return found.state


@pytest.mark.parametrize("kind", ["micro_break", "standing"])
async def test_status_question_during_the_new_statuses(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    kind: str,
) -> None:
    """The status question has an answer in a micro-break and while standing."""
    entry = profile(
        "Desk", micro_break_minutes=10, standing_entity="binary_sensor.desk_up"
    )
    await async_start_day(hass, freezer, entry)
    await set_presence(hass, True, "input_boolean.desk")
    if kind == "micro_break":
        await advance(hass, freezer, minutes=10)
    else:
        hass.states.async_set("binary_sensor.desk_up", "on")
        await advance(hass, freezer, seconds=10)
    assert _status(hass) == kind
    reply = await async_say(hass, "how long have I been sitting")
    expected = {
        "micro_break": "You are on a micro-break",
        "standing": "You are standing",
    }
    assert reply.startswith(expected[kind])


async def test_statistics_only_for_what_is_in_use(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """The new sensors compile long-term statistics once their feature is on."""
    entry = await _start(hass, freezer, mock_config_entry)
    keys = ("micro_breaks_today", "standing_today", "comfort")
    assert [
        state(hass, "sensor", key).attributes.get("state_class") for key in keys
    ] == [
        None,
        None,
        None,
    ]
    hass.config_entries.async_update_entry(
        entry,
        options={
            **entry.options,
            CONF_MICRO_BREAK_MINUTES: 20,
            CONF_STANDING_ENTITY: "input_boolean.standing",
        },
    )
    await hass.async_block_till_done()
    await act(hass, entry.entry_id, "log_comfort", level=8)
    assert [
        state(hass, "sensor", key).attributes.get("state_class") for key in keys
    ] == [
        "total_increasing",
        "total_increasing",
        "measurement",
    ]
