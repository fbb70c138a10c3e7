"""Deliveries wait until Home Assistant has started.

A break can fall due while Home Assistant starts, before the integrations that
take the coach's words are set up: mobile_app's notify actions for the phones,
the satellites, speakers and notify entities of the announcements. What is sent
then waits for the start rather than fails.
"""

from __future__ import annotations

import asyncio

from homeassistant.core import CoreState, HomeAssistant, callback
from homeassistant.helpers.start import async_at_started


async def async_until_started(hass: HomeAssistant) -> None:
    """Return once Home Assistant has started (at once if it has)."""
    if hass.state is CoreState.running:
        return
    started: asyncio.Future[None] = hass.loop.create_future()

    @callback
    def _started(_hass: HomeAssistant) -> None:
        if not started.done():
            started.set_result(None)

    cancel = async_at_started(hass, _started)
    try:
        await started
    finally:
        cancel()
