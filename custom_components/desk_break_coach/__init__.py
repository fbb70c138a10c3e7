"""Desk Break Coach: counts sitting from desk presence and coaches neck breaks."""

from __future__ import annotations

import asyncio

from homeassistant.const import EVENT_HOMEASSISTANT_STOP, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType
from homeassistant.util.hass_dict import HassKey

from .coach import Coach, DeskBreakCoachConfigEntry
from .const import CONF_DESK_ENTITY, DOMAIN
from .frontend import async_register_card
from .outputs.announce import async_attach_announcer
from .outputs.media import async_attach_media
from .outputs.phones import async_attach_phones
from .outputs.wellbeing import async_attach_wellbeing
from .profile.catalogues import async_load_catalogues, profile_language
from .profile.device import async_place_new_device, is_new_device
from .profile.personal import fixed_program_option
from .profile.store import async_remove_store
from .services import async_setup_services
from .voice.assist import async_setup_assist

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
#: Taken by a profile while it starts its coach and adds its entities.
_SETTING_UP: HassKey[asyncio.Lock] = HassKey(f"{DOMAIN}_setting_up")


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions and the dashboard card once."""
    async_setup_services(hass)
    await async_setup_assist(hass)
    await async_register_card(hass)
    return True


async def async_setup_entry(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> bool:
    """Start one profile's coach."""
    if (options := fixed_program_option(entry)) is not None:
        # Its program was one of its own routines, deleted while it was not loaded.
        hass.config_entries.async_update_entry(entry, options=options)
    catalogues = await async_load_catalogues(hass)
    async with hass.data.setdefault(_SETTING_UP, asyncio.Lock()):
        # Profiles set up together (at start) take turns, one platform per
        # event-loop iteration, so that many profiles never hold the loop at once.
        coach = Coach(hass, entry, catalogues[profile_language(hass, entry)])
        await coach.async_start()
        entry.runtime_data = coach
        new_device = is_new_device(hass, entry)
        entry.async_on_unload(coach.async_unload)
        entry.async_on_unload(
            hass.bus.async_listen(EVENT_HOMEASSISTANT_STOP, coach.async_stop)
        )
        entry.async_on_unload(entry.add_update_listener(_async_options_updated))
        entry.async_on_unload(async_attach_announcer(hass, entry))
        entry.async_on_unload(async_attach_media(hass, entry))
        entry.async_on_unload(async_attach_wellbeing(hass, entry))
        entry.async_on_unload(async_attach_phones(hass, entry))
        for platform in PLATFORMS:
            await asyncio.sleep(0)
            await hass.config_entries.async_forward_entry_setups(entry, [platform])
    if new_device:
        async_place_new_device(hass, entry)
    return True


async def _async_options_updated(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> None:
    """Options or the profile's own routines changed: keep the state, apply them."""
    if (options := fixed_program_option(entry)) is not None:
        # The routine the profile followed was deleted: back to the default
        # program. Updating the options calls this again.
        hass.config_entries.async_update_entry(entry, options=options)
        return
    if entry.runtime_data.has_desk != bool(entry.options.get(CONF_DESK_ENTITY)):
        # A desk came or went: its buttons come or go with a reload (state kept).
        hass.config_entries.async_schedule_reload(entry.entry_id)
        return
    entry.runtime_data.async_apply_options()


async def async_unload_entry(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> bool:
    """Stop one profile's coach."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> None:
    """Forget the profile's stored progress."""
    await async_remove_store(hass, entry.entry_id)
