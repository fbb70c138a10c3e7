"""Shared helpers of the reliability tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from unittest.mock import patch

from homeassistant.helpers.storage import Store

# The test harness replaces these with an in-memory dict while a test runs (the
# `hass_storage` fixture). Kept from import time, before any fixture, so a test
# can put Home Assistant's own file storage back.
_FILE_STORAGE = {
    name: getattr(Store, name)
    for name in ("_async_load", "_async_write_data", "async_remove")
}


@contextmanager
def file_storage() -> Iterator[None]:
    """Let Home Assistant's Store read and write real files in the config dir."""
    with ExitStack() as stack:
        for name, method in _FILE_STORAGE.items():
            stack.enter_context(patch.object(Store, name, method))
        yield
