"""The desk's part of the options form: its entity, positions and standing options.

Kept beside the standing options: `desk_entity` (a cover, or a number in its own
unit), `desk_sit_position` and `desk_stand_position` (both needed with a desk; a
cover's are 0-100), `stand_minutes` and `standing_target_minutes` (0 is off).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from homeassistant.core import split_entity_id
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)
import probatio

from ..const import (
    CONF_DESK_ENTITY,
    CONF_DESK_SIT_POSITION,
    CONF_DESK_STAND_POSITION,
    CONF_STAND_MINUTES,
    CONF_STANDING_TARGET_MINUTES,
    COVER_POSITION_RANGE,
    DESK_DOMAINS,
)

ERROR_INVALID_ENTITY: Final = "invalid_entity"
ERROR_INVALID_VALUE: Final = "invalid_value"
ERROR_DESK_POSITION_REQUIRED: Final = "desk_position_required"
ERROR_DESK_POSITION_COVER: Final = "desk_position_cover"

#: The units of the desk's numeric options (the form's `option_unit` keys).
DESK_UNITS: Final[Mapping[str, str]] = {
    CONF_STAND_MINUTES: "minutes",
    CONF_STANDING_TARGET_MINUTES: "minutes",
}
_POSITIONS: Final = (CONF_DESK_SIT_POSITION, CONF_DESK_STAND_POSITION)


def _position() -> probatio.All[Any]:
    """Return a validator for a desk position: a number in the desk's own unit."""
    return probatio.All(
        NumberSelector(NumberSelectorConfig(mode=NumberSelectorMode.BOX)),
        probatio.Coerce(float),
        probatio.Range(min=-1e9, max=1e9),
        msg=ERROR_INVALID_VALUE,
    )


def desk_fields(
    whole_number: Callable[[str], probatio.All[Any]],
) -> dict[Any, Any]:
    """Return the desk's fields of the options form."""
    return {
        probatio.Optional(CONF_DESK_ENTITY): probatio.All(
            EntitySelector(EntitySelectorConfig(domain=list(DESK_DOMAINS))),
            msg=ERROR_INVALID_ENTITY,
        ),
        probatio.Optional(CONF_DESK_SIT_POSITION): _position(),
        probatio.Optional(CONF_DESK_STAND_POSITION): _position(),
        # Off unless set (forms saved before these options existed lack them).
        probatio.Optional(CONF_STAND_MINUTES, default=0): whole_number(
            CONF_STAND_MINUTES
        ),
        probatio.Optional(CONF_STANDING_TARGET_MINUTES, default=0): whole_number(
            CONF_STANDING_TARGET_MINUTES
        ),
    }


def desk_errors(user_input: Mapping[str, Any]) -> dict[str, str]:
    """Return the errors of the desk's fields: both positions, a cover's 0-100."""
    errors: dict[str, str] = {}
    desk: str | None = user_input.get(CONF_DESK_ENTITY) or None
    if desk is None:
        return errors
    low, high = COVER_POSITION_RANGE
    for key in _POSITIONS:
        position = user_input.get(key)
        if position is None:
            errors[key] = ERROR_DESK_POSITION_REQUIRED
        elif split_entity_id(desk)[0] == "cover" and not low <= position <= high:
            errors[key] = ERROR_DESK_POSITION_COVER
    return errors


def desk_options(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Return the desk's options as stored (no desk: no positions)."""
    desk: str | None = user_input.get(CONF_DESK_ENTITY) or None
    return {
        CONF_DESK_ENTITY: desk,
        **{key: user_input.get(key) if desk else None for key in _POSITIONS},
    }
