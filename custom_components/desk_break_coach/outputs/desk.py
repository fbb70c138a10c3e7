"""The desk: moves `desk_entity` when a person asks (`raise_desk`, `lower_desk`).

Never by itself: `Coach.run` calls `plan` only after the engine allowed the command
(a desk is set, someone is at it), and the move follows at once. A cover moves
with `cover.set_cover_position` (0-100), a number with `number.set_value`, in its
own unit. A desk that is missing or unavailable, or cannot take the position
(a cover without positions, a number outside its range), is refused before
anything moves (`desk_unavailable`, `desk_refused`); a move the desk's
integration refuses is raised to whoever waits for it and logged once.
"""

from __future__ import annotations

from dataclasses import dataclass
import logging
from typing import Any, Final

from homeassistant.components.cover import ATTR_POSITION, CoverEntityFeature
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_SUPPORTED_FEATURES,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import HomeAssistant, split_entity_id
from homeassistant.exceptions import HomeAssistantError
import probatio as vol

from ..const import (
    CONF_DESK_ENTITY,
    CONF_DESK_SIT_POSITION,
    CONF_DESK_STAND_POSITION,
    COVER_POSITION_RANGE,
    DOMAIN,
)
from ..engine import EngineError
from .failures import Failures

_LOGGER = logging.getLogger(__name__)

#: How each kind of desk is moved: the action and the field of the position.
MOVES: Final = {
    "cover": ("set_cover_position", ATTR_POSITION),
    "number": ("set_value", "value"),
}


@dataclass(frozen=True, slots=True)
class Move:
    """One move of the desk: the action to call and its data."""

    domain: str
    service: str
    data: dict[str, Any]


def plan(hass: HomeAssistant, options: Any, position_key: str) -> Move:
    """Return the move to `options[position_key]`, or refuse (EngineError)."""
    entity_id: str | None = options.get(CONF_DESK_ENTITY) or None
    position = options.get(position_key)
    if entity_id is None or position is None:
        raise EngineError("no_desk")
    state = hass.states.get(entity_id)
    if state is None or state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
        raise EngineError("desk_unavailable", entity_id=entity_id)
    domain = split_entity_id(entity_id)[0]
    service, field = MOVES[domain]
    if domain == "cover":
        features = int(state.attributes.get(ATTR_SUPPORTED_FEATURES) or 0)
        low, high = COVER_POSITION_RANGE
        if not features & CoverEntityFeature.SET_POSITION:
            raise EngineError("desk_refused", entity_id=entity_id, position=position)
        value: float | int = round(position)
    else:
        low = state.attributes.get("min", position)
        high = state.attributes.get("max", position)
        value = position
    if not low <= value <= high:
        raise EngineError("desk_refused", entity_id=entity_id, position=position)
    return Move(domain, service, {ATTR_ENTITY_ID: entity_id, field: value})


class Desk:
    """Moves one profile's desk, and logs a desk that fails once."""

    def __init__(self, hass: HomeAssistant, name: str) -> None:
        """Bind to Home Assistant; `name` is the profile's, for the log."""
        self.hass = hass
        self.name = name
        self._failures = Failures(
            _LOGGER,
            "The desk of %s (%s) did not move: %s",
            "The desk of %s (%s) still does not move: %s",
            "The desk %s moves again",
        )

    async def async_move(self, move: Move) -> None:
        """Move the desk; a refusal is a translated error (logged once)."""
        entity_id = str(move.data[ATTR_ENTITY_ID])
        try:
            await self.hass.services.async_call(
                move.domain, move.service, move.data, blocking=True
            )
        except (HomeAssistantError, vol.Invalid) as err:
            reason = str(err) or type(err).__name__
            self._failures.failed(entity_id, reason, self.name)
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="desk_refused",
                translation_placeholders={
                    "entity_id": entity_id,
                    "position": str(
                        move.data.get(ATTR_POSITION, move.data.get("value"))
                    ),
                },
            ) from err
        self._failures.worked(entity_id)


def desk_diagnostics(hass: HomeAssistant, options: Any) -> dict[str, Any] | None:
    """Return the desk, its state and what would keep each move from working."""
    entity_id: str | None = options.get(CONF_DESK_ENTITY) or None
    if entity_id is None:
        return None
    state = hass.states.get(entity_id)
    moves: dict[str, Any] = {}
    for key in (CONF_DESK_SIT_POSITION, CONF_DESK_STAND_POSITION):
        try:
            moves[key] = {"to": plan(hass, options, key).data, "problem": None}
        except EngineError as err:
            moves[key] = {"to": None, "problem": err.key}
    return {
        "entity_id": entity_id,
        "state": None if state is None else state.state,
        "moves": moves,
    }
