"""Which command fits the current state: the one home of every command's guard.

The engine refuses a command with the error named here, and its read model lists
the commands without one (`View.available_commands`), which voice, the card and
automations use to offer only what fits.
"""

from __future__ import annotations

from .context import Context
from .model import Command, EngineError


def refusal(ctx: Context, command: Command) -> str | None:
    """Return why `command` does not fit now (an error key), or None when it does."""
    s = ctx.state
    paused = ctx.paused()
    match command:
        case Command.START_BREAK:
            if s.brk is not None:
                return "already_on_break"
            if s.resting:
                return "resting"
        case Command.NEXT_EXERCISE:
            if s.brk is None:
                return "no_break"
        case Command.FINISH_BREAK:
            if s.brk is None and not _due(ctx, paused):
                return "no_break"
        case Command.SNOOZE | Command.SKIP_BREAK:
            if not _due(ctx, paused):
                return "nothing_due"
            if command is Command.SNOOZE and ctx.snoozes_left() <= 0:
                return "snooze_limit"
        case Command.STOP_ROUTINE:
            if s.resting:
                return "resting"
        case Command.PAUSE:
            if paused:
                return "already_paused"
        case Command.RESUME:
            if not (paused or s.resting):
                return "not_paused"
    return None


def _due(ctx: Context, paused: bool) -> bool:
    """Whether a break waits for an answer (one snoozed before a pause does not)."""
    s = ctx.state
    return (s.due or s.snoozed_until is not None) and not paused


def check(ctx: Context, command: Command) -> None:
    """Raise the refusal of `command` as an EngineError, if it has one."""
    if (key := refusal(ctx, command)) is None:
        return
    if key == "snooze_limit":
        raise EngineError(key, max_snoozes=ctx.settings.max_snoozes)
    raise EngineError(key)


def available(ctx: Context) -> tuple[Command, ...]:
    """Return the commands that fit now, in display order."""
    return tuple(command for command in Command if refusal(ctx, command) is None)
