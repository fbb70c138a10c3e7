"""The intent platform: Home Assistant's `intent` integration registers our intents.

The handlers live in voice/intents.py.
"""

from __future__ import annotations

from .voice.intents import async_setup_intents

__all__ = ["async_setup_intents"]
