"""Targets that fail (a speaker, a phone, a media player): each is logged once.

The first failure is a warning, later ones are debug lines, until the target
works again (an info line); a failing target never stops the coach.
"""

from __future__ import annotations

import logging
from typing import Any


class Failures:
    """The failing targets of one sender, and how to word them in the log."""

    def __init__(
        self, logger: logging.Logger, warning: str, still: str, recovered: str
    ) -> None:
        """Log with these %-templates; `warning` and `still` end in target, reason."""
        self._logger = logger
        self._warning, self._still, self._recovered = warning, still, recovered
        self._failing: set[str] = set()

    def failed(self, target: str, reason: str, *context: Any) -> None:
        """Note a failure: a warning the first time, debug after that."""
        if target in self._failing:
            self._logger.debug(self._still, *context, target, reason)
            return
        self._failing.add(target)
        self._logger.warning(self._warning, *context, target, reason)

    def worked(self, target: str) -> None:
        """Note a success: a target that was failing works again."""
        if target in self._failing:
            self._failing.discard(target)
            self._logger.info(self._recovered, target)
