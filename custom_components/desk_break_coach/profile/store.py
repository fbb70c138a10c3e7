"""A profile's stored progress, read as far as it can be after a downgrade or damage."""

from __future__ import annotations

from collections.abc import Callable, Hashable
import logging
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import json as json_util

from ..const import DOMAIN

_LOGGER = logging.getLogger(__name__)

#: The longest a change that can wait stays unwritten (seconds). Changes within it
#: are written together, so a presence sensor that flaps all day writes the file
#: once per window, not once per flap. Commands and completed breaks are written at
#: once; Home Assistant's stop and a reload write what waits. What a crash can cost
#: is presence within the window (the clock's own changes are replayed on start).
SAVE_DELAY = 300
STORAGE_VERSION = 1
#: 2: the second wave's progress (micro-breaks, standing, the comfort log).
#: 3: the third wave's (pacing, reminders again, skips, the day records for the long
#: view). Older files read as they are: what they lack starts at its default (no
#: day records yet: the adherence and the outcome start counting from the upgrade).
STORAGE_MINOR_VERSION = 3
#: Files of newer storage versions are read too, as far as this version understands.
_ANY_VERSION = 2**31 - 1


class CoachStore(Store[dict[str, Any]]):
    """A profile's stored progress; reads what it can of newer or damaged files.

    Home Assistant itself moves a file that is not JSON aside (with a repair
    issue) and starts empty. This adds: a file written by a newer version is
    read as far as this version understands it, and a file of the wrong shape
    is logged and read as far as it goes. Setup never fails on either.
    """

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Store of one profile."""
        super().__init__(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}",
            minor_version=STORAGE_MINOR_VERSION,
            max_readable_version=_ANY_VERSION,
        )
        #: The fingerprint of what was last kept, to save only on a change.
        self._kept: Hashable | None = None
        #: Whether a delayed save is waiting (it writes the state as it is then).
        self._waiting = False

    @callback
    def keep(
        self,
        data: Callable[[], dict[str, Any]],
        fingerprint: Hashable,
        *,
        at_once: bool,
    ) -> None:
        """Save at once, or within SAVE_DELAY if anything but the clock cursor changed.

        `fingerprint` stands for the stored form without the cursor (equal exactly
        when that is equal), so an input that changes nothing costs a comparison,
        not an encoding of the whole state. The cursor only saves re-checking
        deadlines that no longer apply after a restart, so a timer tick alone
        does not rewrite the file. A save that waits is not put off by later
        changes: it writes them too, when it comes.
        """
        if at_once:
            self._waiting = False
            self.hass.async_create_task(self.async_save(data()), eager_start=True)
        elif fingerprint != self._kept and not self._waiting:
            self._waiting = True
            self.async_delay_save(lambda: self._encode(data), SAVE_DELAY)
        self._kept = fingerprint

    def _encode(self, data: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Return the state as it is when the waiting save is written."""
        self._waiting = False
        return data()

    async def async_load(self) -> dict[str, Any] | None:
        """Load the stored progress, or None to start afresh."""
        try:
            data: object = await super().async_load()
        except (KeyError, TypeError, ValueError) as err:
            return await self._async_salvage(err)
        if data is None or isinstance(data, dict):
            return data
        _LOGGER.warning(
            "Stored progress in %s is not a mapping; starting afresh", self.path
        )
        return None

    async def _async_salvage(self, err: Exception) -> dict[str, Any] | None:
        """Keep the data of a file whose envelope is damaged, if it is a mapping."""
        try:
            raw = await self.hass.async_add_executor_job(json_util.load_json, self.path)
        except HomeAssistantError:
            raw = None
        data = raw.get("data") if isinstance(raw, dict) else None
        _LOGGER.warning(
            "Stored progress in %s has an unexpected form (%s: %s); %s",
            self.path,
            type(err).__name__,
            err,
            "keeping what can be read" if isinstance(data, dict) else "starting afresh",
        )
        return data if isinstance(data, dict) else None

    async def _async_migrate_func(
        self, old_major_version: object, old_minor_version: object, old_data: object
    ) -> dict[str, Any]:
        """Read older, newer and odd versions as far as this version understands."""
        if not isinstance(old_major_version, int) or not isinstance(
            old_minor_version, int
        ):
            _LOGGER.warning(
                "Stored progress in %s has an unexpected version %r.%r; reading it as "
                "version %s",
                self.path,
                old_major_version,
                old_minor_version,
                STORAGE_VERSION,
            )
        elif old_major_version > STORAGE_VERSION:
            _LOGGER.warning(
                "Stored progress in %s was written by a newer version of Desk Break "
                "Coach (storage version %s.%s); keeping what this version understands",
                self.path,
                old_major_version,
                old_minor_version,
            )
        return old_data if isinstance(old_data, dict) else {}


async def async_remove_store(hass: HomeAssistant, entry_id: str) -> None:
    """Delete a profile's stored progress."""
    await CoachStore(hass, entry_id).async_remove()
