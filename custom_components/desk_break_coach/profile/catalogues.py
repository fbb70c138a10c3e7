"""The routine catalogues: one per shipped language, and each profile's own.

A profile's catalogue is the shipped programs in its language plus its own
routines (personal.py). A break in progress keeps a person's own routine as it
began (editing or deleting it changes the next break); a shipped program in
another language is the same program, so a break goes on in the new language.
"""

from __future__ import annotations

from dataclasses import replace
import json
from pathlib import Path
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.singleton import singleton
from homeassistant.util.hass_dict import HassKey

from ..const import CONF_LANGUAGE, DOMAIN, LANGUAGES, shipped_language
from ..engine import BreakState, Catalogue, Event
from ..voice.language import get_voice
from ..voice.speech import message, spoken
from .personal import is_custom, personal_catalogue

ROUTINES = Path(__file__).parent.parent / "routines"
DATA_CATALOGUES: HassKey[dict[str, Catalogue]] = HassKey(f"{DOMAIN}_catalogues")


def load_catalogue(language: str) -> Catalogue:
    """Return the routine catalogue for a language (blocking: run in the executor)."""
    path = ROUTINES / f"{shipped_language(language)}.json"
    return Catalogue.from_dict(json.loads(path.read_text(encoding="utf-8")))


@singleton(DATA_CATALOGUES, async_=True)
async def async_load_catalogues(hass: HomeAssistant) -> dict[str, Catalogue]:
    """Return the shipped catalogue of every language, read once.

    Profiles set up together (at start) share the one read in the executor.
    """
    return await hass.async_add_executor_job(
        lambda: {language: load_catalogue(language) for language in LANGUAGES}
    )


def profile_language(hass: HomeAssistant, entry: ConfigEntry[Any]) -> str:
    """Return the language the coach speaks to this profile's person."""
    return shipped_language(entry.options.get(CONF_LANGUAGE) or hass.config.language)


def shipped_for(hass: HomeAssistant, language: str) -> Catalogue | None:
    """Return the shipped catalogue of a language, once loaded."""
    catalogues = hass.data.get(DATA_CATALOGUES)
    if not isinstance(catalogues, dict):
        return None  # not read yet, or still being read
    return catalogues.get(shipped_language(language))


def following(
    shipped: Catalogue,
    entry: ConfigEntry[Any],
    current: Catalogue,
    brk: BreakState | None,
) -> tuple[Catalogue, bool]:
    """Return the profile's catalogue now, and whether the break keeps an old routine."""
    catalogue = personal_catalogue(shipped, entry)
    running = (
        None
        if brk is None or not is_custom(brk.program)
        else current.programs.get(brk.program)
    )
    pinned = running is not None and catalogue.programs.get(running.id) != running
    if running is not None and pinned:
        catalogue = replace(
            catalogue, programs={**catalogue.programs, running.id: running}
        )
    return catalogue, pinned


def reworded(
    hass: HomeAssistant,
    entry: ConfigEntry[Any],
    catalogue: Catalogue,
    events: list[Event],
    language: str,
) -> str:
    """Say what `events` told in `language` (a voice reply in the asker's)."""
    voice = get_voice(hass, language)
    if voice is None or voice.language == catalogue.language:
        return spoken(events)
    other = in_language(hass, entry, catalogue, voice.language)
    return " ".join(message(voice, other, event.type, event.data) for event in events)


def worded(
    hass: HomeAssistant, catalogue: Catalogue, entry_id: str, name: str, event: Event
) -> Event:
    """Return an engine event as fired: the profile, and the spoken message."""
    voice = get_voice(hass, catalogue.language)
    said = (
        event.type.value
        if voice is None
        else message(voice, catalogue, event.type, event.data)
    )
    data = {"config_entry_id": entry_id, "name": name, "message": said, **event.data}
    return Event(event.type, data)


def in_language(
    hass: HomeAssistant, entry: ConfigEntry[Any], catalogue: Catalogue, language: str
) -> Catalogue:
    """Return the profile's catalogue (its own routines too) in another language."""
    shipped = shipped_for(hass, language)
    return catalogue if shipped is None else personal_catalogue(shipped, entry)
