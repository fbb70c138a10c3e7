"""Paused media: players playing when a break starts are paused, and resumed after it.

Only the players of the `pause_media` option that were playing are paused, and only
those are resumed (if they are still paused then). A player that is missing or
unavailable is skipped and logged once, until it works again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from homeassistant.const import STATE_PAUSED, STATE_PLAYING, STATE_UNAVAILABLE
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError

from ..const import CONF_PAUSE_MEDIA, DOMAIN
from ..engine import Event, EventType
from .failures import Failures

if TYPE_CHECKING:
    from ..coach import DeskBreakCoachConfigEntry, Origin

_LOGGER = logging.getLogger(__name__)

#: The events that end a guided break.
BREAK_ENDS: Final = frozenset({EventType.BREAK_COMPLETED, EventType.ROUTINE_STOPPED})


class MediaPauser:
    """Pauses one profile's chosen media players for its breaks."""

    def __init__(self, hass: HomeAssistant, entry: DeskBreakCoachConfigEntry) -> None:
        """Bind to the profile."""
        self.hass = hass
        self.entry = entry
        #: The players this coach paused, to resume when the break ends.
        self.paused: list[str] = []
        self._failures = Failures(
            _LOGGER,
            "Cannot pause or resume %s for the desk break (%s); skipping it",
            "Still cannot pause or resume %s: %s",
            "Media player %s is available again",
        )

    @callback
    def async_on_event(self, event: Event, _origin: Origin | None) -> None:
        """Pause at the start of a break, resume at its end."""
        if event.type is EventType.BREAK_STARTED:
            players = self.entry.options.get(CONF_PAUSE_MEDIA) or []
            playing = [p for p in players if self._usable(p, STATE_PLAYING)]
            self.paused = playing
            self._call("media_pause", playing)
        elif event.type in BREAK_ENDS and self.paused:
            players, self.paused = self.paused, []
            self._call(
                "media_play", [p for p in players if self._usable(p, STATE_PAUSED)]
            )

    def _usable(self, entity_id: str, wanted: str) -> bool:
        """Whether a player is in the wanted state; a missing one is logged once."""
        state = self.hass.states.get(entity_id)
        if state is None or state.state == STATE_UNAVAILABLE:
            self._failures.failed(entity_id, "unavailable")
            return False
        self._failures.worked(entity_id)
        return state.state == wanted

    def _call(self, service: str, players: list[str]) -> None:
        if not players:
            return
        self.entry.async_create_background_task(
            self.hass,
            self._async_call(service, players),
            f"{DOMAIN} {service} {', '.join(players)}",
        )

    async def _async_call(self, service: str, players: list[str]) -> None:
        try:
            await self.hass.services.async_call(
                "media_player", service, {"entity_id": players}, blocking=True
            )
        except HomeAssistantError as err:
            for player in players:
                self._failures.failed(player, str(err) or type(err).__name__)


@callback
def async_attach_media(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> CALLBACK_TYPE:
    """Start pausing the profile's media for its breaks; returns the detach callback."""
    pauser = MediaPauser(hass, entry)
    return entry.runtime_data.async_add_event_listener(pauser.async_on_event)
