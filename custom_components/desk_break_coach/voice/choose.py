"""Which profile a voice request is for.

With several profiles, the one meant is the one named, else the one whose presence
entities (or device) share the speaking satellite's area, else the only one the
command fits or the only one in use; the reply then says whose it was. Otherwise
the reply asks which profile is meant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er, intent

from ..coach import Coach
from ..const import CONF_PRESENCE_ENTITIES, DOMAIN
from ..engine import Command, Status, View
from .language import async_error_text, normalize

_DUE = (Status.BREAK_DUE, Status.SNOOZED)
_IN_USE = (Status.BREAK_DUE, Status.SNOOZED, Status.ON_BREAK)

#: A test of a profile's view, when choosing the profile a request is for.
type Fits = Callable[[View], bool]


#: Commands that answer a due break: a profile whose break is due is the one meant.
_ANSWER_DUE = frozenset(
    {Command.START_BREAK, Command.SNOOZE, Command.SKIP_BREAK, Command.FINISH_BREAK}
)


def _preferences(command: Command | None) -> tuple[Fits, ...]:
    """Return the tests tried in order until exactly one profile passes.

    A profile fits a command the engine would take now (its `available_commands`).
    Among those, one on a break comes first; for an answer to a due break, then
    one whose break is due now, then due or snoozed; then the only one that fits;
    and last, the only one in use.
    """
    if command is None:
        return (_in_use,)

    def fits(view: View) -> bool:
        return command in view.available_commands

    due: tuple[Fits, ...] = ()
    if command in _ANSWER_DUE:
        due = (
            lambda view: fits(view) and view.status is Status.BREAK_DUE,
            lambda view: fits(view) and view.status in _DUE,
        )
    return (
        lambda view: fits(view) and view.status is Status.ON_BREAK,
        *due,
        fits,
        _in_use,
    )


@callback
def loaded_coaches(hass: HomeAssistant) -> list[Coach]:
    """Return the coaches of every loaded profile."""
    return [
        entry.runtime_data for entry in hass.config_entries.async_loaded_entries(DOMAIN)
    ]


def find_coach(coaches: list[Coach], said: str) -> Coach | None:
    """Find a profile by its spoken name, allowing an inflected ending ("Анны")."""
    key = normalize(said)
    if not key:
        return None
    for coach in coaches:
        if normalize(coach.name) == key:
            return coach
    close = []
    for coach in coaches:
        name = normalize(coach.name)
        stem = name[:-1] if len(name) > 3 else name
        if key.startswith(stem) and len(key) - len(name) <= 2:
            close.append(coach)
    return close[0] if len(close) == 1 else None


def _entity_area(hass: HomeAssistant, entity_id: str) -> str | None:
    entry = er.async_get(hass).async_get(entity_id)
    return None if entry is None else er.async_get_effective_area_id(hass, entry)


def _speaker_area(hass: HomeAssistant, intent_obj: intent.Intent) -> str | None:
    """Return the area of the satellite or device the request came from."""
    if intent_obj.satellite_id and (
        area := _entity_area(hass, intent_obj.satellite_id)
    ):
        return area
    if intent_obj.device_id and (
        device := dr.async_get(hass).async_get(intent_obj.device_id)
    ):
        return dr.async_get_effective_area_id(hass, device)
    return None


def _profile_areas(hass: HomeAssistant, coach: Coach) -> set[str]:
    """Areas of the profile's presence entities and of its own device."""
    areas = {
        area
        for entity_id in coach.entry.data[CONF_PRESENCE_ENTITIES]
        if (area := _entity_area(hass, entity_id))
    }
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, coach.entry.entry_id), coach.entry.entry_id
    )
    if device is not None and device.area_id:
        areas.add(device.area_id)
    return areas


def _in_use(view: View) -> bool:
    return view.occupied or view.status in _IN_USE


@dataclass(frozen=True, slots=True)
class Choice:
    """The profile a request is for, and whether the reply should name it."""

    coach: Coach
    say_name: bool


async def voice_error(
    hass: HomeAssistant, language: str, key: str, **values: Any
) -> intent.IntentHandleError:
    """Return a translated error for a voice reply."""
    return intent.IntentHandleError(await async_error_text(hass, language, key, values))


async def async_choose(
    hass: HomeAssistant,
    intent_obj: intent.Intent,
    said: str | None,
    command: Command | None,
    among: list[Coach] | None = None,
) -> Choice:
    """Pick the profile a request is for, or raise an error that asks.

    `among`: the profiles it can be for (default: every loaded one).
    """
    language = intent_obj.language
    coaches = loaded_coaches(hass) if among is None else among
    if not coaches:
        raise await voice_error(hass, language, "voice_no_profile")
    names = ", ".join(coach.name for coach in coaches)
    if said:
        if (coach := find_coach(coaches, said)) is None:
            raise await voice_error(
                hass, language, "voice_unknown_profile", name=said, profiles=names
            )
        return Choice(coach, say_name=False)
    if len(coaches) == 1:
        return Choice(coaches[0], say_name=False)
    candidates = coaches
    if area := _speaker_area(hass, intent_obj):
        here = [coach for coach in coaches if area in _profile_areas(hass, coach)]
        if len(here) == 1:
            return Choice(here[0], say_name=True)
        candidates = here or coaches
    for test in _preferences(command):
        found = [coach for coach in candidates if test(coach.view)]
        if len(found) == 1:
            return Choice(found[0], say_name=True)
    raise await voice_error(
        hass,
        language,
        "voice_which_profile",
        profiles=", ".join(coach.name for coach in candidates),
        example=candidates[0].name,
    )
