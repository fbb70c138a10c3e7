"""Which command fits the current state: the one home of every command's guard.

The engine refuses a command with the error named here, and its read model lists
the commands without one (`View.available_commands`), which voice, the card and
automations use to offer only what fits.
"""

from __future__ import annotations

from .context import Context
from .model import Command, EngineError


def refusal(ctx: Context, command: Command) -> EngineError | None:
    """Return why `command` does not fit now, or None when it does."""
    s = ctx.state
    # A break snoozed before a pause is not answered while paused.
    due = (s.due or s.snoozed_until is not None) and not ctx.paused()
    match command:
        case Command.START_BREAK:
            if s.brk is not None:
                return EngineError("already_on_break")
            if s.resting:
                return EngineError("resting")
        case Command.NEXT_EXERCISE:
            if s.brk is None:
                return EngineError("no_break")
        case Command.FINISH_BREAK:
            if s.brk is None and not due:
                return EngineError("no_break")
        case Command.SNOOZE | Command.SKIP_BREAK:
            if not due:
                return EngineError("nothing_due")
            if command is Command.SNOOZE and ctx.snoozes_left() <= 0:
                return EngineError("snooze_limit", max_snoozes=ctx.settings.max_snoozes)
            if command is Command.SKIP_BREAK and ctx.skips_left() == 0:
                return EngineError(
                    "skip_limit", max_skips_per_day=ctx.settings.max_skips_per_day
                )
        case Command.STOP_ROUTINE:
            if s.resting:
                return EngineError("resting")
        case Command.PAUSE:
            if ctx.paused():
                return EngineError("already_paused")
        case Command.RESUME:
            if not (ctx.paused() or s.resting):
                return EngineError("not_paused")
    return None


def check(ctx: Context, command: Command) -> None:
    """Raise the refusal of `command`, if it has one."""
    if (error := refusal(ctx, command)) is not None:
        raise error


def available(ctx: Context) -> tuple[Command, ...]:
    """Return the commands that fit now, in display order."""
    return tuple(command for command in Command if refusal(ctx, command) is None)
