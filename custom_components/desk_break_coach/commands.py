"""One row per command: its fields, how each is checked, and where it is offered.

Every surface is built from this table: the buttons, the actions (services), the
device actions, the phone's buttons, a satellite's spoken answers, the reminders
switch and the Assist intents. Each runs `Coach.run(command, origin, **fields)`.
Which statuses a command fits is the engine's word (`engine/commands.py`); the
command's name is its translation key everywhere (button, action, error), and its
icon is the one `icons.json` gives it (a test holds the two together).

A field's check raises `EngineError` with a translation key, so a bad value reads
the same on every surface.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

from .const import (
    COMFORT_LEVEL_RANGE,
    COMFORT_NOTE_MAX_LENGTH,
    CONF_DESK_SIT_POSITION,
    CONF_DESK_STAND_POSITION,
    DEFAULT_REASON,
    PAUSE_ACTION_MINUTES_RANGE,
    REASONS,
    SNOOZE_ACTION_MINUTES_RANGE,
)
from .engine import BreakEngine, Catalogue, Command, EngineError, Event, EventType

ATTR_PROGRAM: Final = "program"
ATTR_MINUTES: Final = "minutes"
ATTR_REASON: Final = "reason"
ATTR_LEVEL: Final = "level"
ATTR_NOTE: Final = "note"


def whole_number(
    value: Any, bounds: tuple[int, int], key: str = "minutes_out_of_range"
) -> int:
    """Return `value` as a whole number within `bounds`, or refuse with `key`."""
    low, high = bounds
    if isinstance(value, bool):
        raise EngineError(key, min=low, max=high)
    try:
        number = float(value)
    except TypeError, ValueError:
        raise EngineError(key, min=low, max=high) from None
    if not number.is_integer() or not low <= number <= high:
        raise EngineError(key, min=low, max=high)
    return int(number)


def comfort_level(value: Any) -> int:
    """Return a comfort level (0-10, 10 = no discomfort), or refuse."""
    if value is None:
        low, high = COMFORT_LEVEL_RANGE
        raise EngineError("comfort_level_required", min=low, max=high)
    return whole_number(value, COMFORT_LEVEL_RANGE, "comfort_level_out_of_range")


def _minutes(bounds: tuple[int, int]) -> Callable[[Any, Catalogue], int]:
    return lambda value, _catalogue: whole_number(value, bounds)


def _program(value: Any, catalogue: Catalogue) -> str:
    """Return a shipped program or one of the profile's own routines."""
    programs = list(catalogue.programs)
    if not isinstance(value, str) or value not in catalogue.programs:
        raise EngineError(
            "invalid_program", program=value, programs=", ".join(programs)
        )
    return value


def _note(value: Any, _catalogue: Catalogue) -> str:
    if not isinstance(value, str) or len(value) > COMFORT_NOTE_MAX_LENGTH:
        raise EngineError("comfort_note_too_long", max=COMFORT_NOTE_MAX_LENGTH)
    return value


def _reason(value: Any, _catalogue: Catalogue) -> str:
    if value not in REASONS:
        raise EngineError("invalid_reason", reason=value)
    return str(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldSpec:
    """One field of a command: how its value is checked, and its bounds if a count."""

    name: str
    check: Callable[[Any, Catalogue], Any]
    required: bool = False
    #: Whole numbers in this range (for selectors and spoken numbers).
    bounds: tuple[int, int] | None = None


def _minutes_field(bounds: tuple[int, int]) -> FieldSpec:
    return FieldSpec(name=ATTR_MINUTES, check=_minutes(bounds), bounds=bounds)


type EngineCall = Callable[[BreakEngine, datetime, Mapping[str, Any]], list[Event]]


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandSpec:
    """A command, and every place it is offered."""

    command: Command
    icon: str
    #: The engine's method, with the checked fields (absent ones left out).
    call: EngineCall
    fields: tuple[FieldSpec, ...] = ()
    #: A button entity of the profile.
    button: bool = False
    #: An action of the profile's device in the automation editor.
    device_action: bool = False
    #: A button on a phone's notification: the word in its action id...
    phone: str | None = None
    #: ... on the notification of this event (the due break, or a stand suggestion).
    phone_on: EventType = EventType.BREAK_DUE
    #: A button entity only while the profile has a desk.
    needs_desk: bool = False
    #: After the engine allowed it, the desk moves to the position of this option.
    desk_position: str | None = None
    #: The id of a satellite's spoken answer to "start or snooze?".
    answer: str | None = None

    @property
    def field_names(self) -> frozenset[str]:
        """The names of its fields."""
        return frozenset(field.name for field in self.fields)

    @property
    def key(self) -> str:
        """Its translation key (button, action, error texts) and action name."""
        return self.command.value

    def checked(
        self, fields: Mapping[str, Any], catalogue: Catalogue
    ) -> dict[str, Any]:
        """Return the fields checked; refuse unknown, missing or bad ones."""
        known = {field.name: field for field in self.fields}
        if unknown := sorted(set(fields) - set(known)):
            raise EngineError(
                "unknown_field",
                field=", ".join(unknown),
                fields=", ".join(sorted(known)) or "-",
            )
        values: dict[str, Any] = {}
        for name, field in known.items():
            value = fields.get(name)
            if value is None and not field.required:
                continue
            values[name] = field.check(value, catalogue)
        return values


COMMANDS: Final[Mapping[Command, CommandSpec]] = MappingProxyType(
    {
        spec.command: spec
        for spec in (
            CommandSpec(
                command=Command.START_BREAK,
                icon="mdi:play-circle-outline",
                call=lambda e, now, f: e.start_break(now, f.get(ATTR_PROGRAM)),
                fields=(FieldSpec(name=ATTR_PROGRAM, check=_program),),
                button=True,
                device_action=True,
                phone="START",
                answer="start",
            ),
            CommandSpec(
                command=Command.NEXT_EXERCISE,
                icon="mdi:skip-next-circle-outline",
                call=lambda e, now, _f: e.next_exercise(now),
                button=True,
            ),
            CommandSpec(
                command=Command.FINISH_BREAK,
                icon="mdi:check-circle-outline",
                call=lambda e, now, _f: e.finish_break(now),
                button=True,
            ),
            CommandSpec(
                command=Command.SNOOZE,
                icon="mdi:alarm-snooze",
                call=lambda e, now, f: e.snooze(now, f.get(ATTR_MINUTES)),
                fields=(_minutes_field(SNOOZE_ACTION_MINUTES_RANGE),),
                button=True,
                device_action=True,
                phone="SNOOZE",
                answer="snooze",
            ),
            CommandSpec(
                command=Command.SKIP_BREAK,
                icon="mdi:debug-step-over",
                call=lambda e, now, _f: e.skip_break(now),
                button=True,
                device_action=True,
                phone="SKIP",
                answer="skip",
            ),
            CommandSpec(
                command=Command.STOP_ROUTINE,
                icon="mdi:hand-back-left-outline",
                call=lambda e, now, f: e.stop_routine(
                    now, f.get(ATTR_REASON, DEFAULT_REASON)
                ),
                fields=(FieldSpec(name=ATTR_REASON, check=_reason),),
            ),
            CommandSpec(
                command=Command.PAUSE,
                icon="mdi:pause",
                call=lambda e, now, f: e.pause(now, f.get(ATTR_MINUTES)),
                fields=(_minutes_field(PAUSE_ACTION_MINUTES_RANGE),),
                device_action=True,
            ),
            CommandSpec(
                command=Command.RESUME,
                icon="mdi:play",
                call=lambda e, now, _f: e.resume(now),
                device_action=True,
            ),
            CommandSpec(
                command=Command.LOG_COMFORT,
                icon="mdi:emoticon-outline",
                call=lambda e, now, f: e.log_comfort(
                    now, f[ATTR_LEVEL], f.get(ATTR_NOTE, "")
                ),
                fields=(
                    FieldSpec(
                        name=ATTR_LEVEL,
                        check=lambda value, _c: comfort_level(value),
                        required=True,
                        bounds=COMFORT_LEVEL_RANGE,
                    ),
                    FieldSpec(name=ATTR_NOTE, check=_note),
                ),
            ),
            CommandSpec(
                command=Command.RAISE_DESK,
                icon="mdi:desk",
                call=lambda e, now, _f: e.move_desk(now, Command.RAISE_DESK),
                button=True,
                device_action=True,
                phone="RAISE_DESK",
                phone_on=EventType.STAND_SUGGESTED,
                needs_desk=True,
                desk_position=CONF_DESK_STAND_POSITION,
            ),
            CommandSpec(
                command=Command.LOWER_DESK,
                icon="mdi:chair-rolling",
                call=lambda e, now, _f: e.move_desk(now, Command.LOWER_DESK),
                button=True,
                device_action=True,
                needs_desk=True,
                desk_position=CONF_DESK_SIT_POSITION,
            ),
        )
    }
)


def specs(flag: str) -> tuple[CommandSpec, ...]:
    """Return the commands offered on one surface (`button`, `device_action`, ...)."""
    return tuple(spec for spec in COMMANDS.values() if getattr(spec, flag))
