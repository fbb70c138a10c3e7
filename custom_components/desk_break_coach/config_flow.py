"""Config flow for Desk Break Coach: area, profile, consent, options and reconfigure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlow,
)
from homeassistant.core import callback
from homeassistant.helpers import area_registry as ar, device_registry as dr

from .const import CONF_AREA, CONF_NAME, CONF_PRESENCE_ENTITIES, DOMAIN, default_options
from .flows.forms import (
    AREA_SCHEMA,
    PROFILE_SCHEMA,
    check_entities,
    options_schema,
    suggested_values,
    validate_area,
    validate_options,
    validate_profile,
)
from .flows.routine import RoutineSubentryFlow
from .flows.sections import flatten, nest
from .flows.suggest import desk_hint, dnd_hint, presence_hint
from .profile.personal import SUBENTRY_ROUTINE


def presence_unique_id(entity_ids: Iterable[str]) -> str:
    """Return a profile's unique id: its set of presence entities, in sorted order."""
    return ",".join(sorted(set(entity_ids)))


class DeskBreakCoachConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up one profile: a person at a desk."""

    VERSION = 1
    MINOR_VERSION = 1

    def __init__(self) -> None:
        """Start with no area asked and no profile entered yet."""
        self._area_asked = False
        self._area_id: str | None = None
        self._profile: dict[str, Any] = {}

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> DeskBreakCoachOptionsFlow:
        """Return the options flow."""
        return DeskBreakCoachOptionsFlow()

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """Return the subentry types: a profile's own routines."""
        return {SUBENTRY_ROUTINE: RoutineSubentryFlow}

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the profile name and presence entities; the area first, if any."""
        if (
            user_input is None
            and not self._area_asked
            and any(ar.async_get(self.hass).async_list_areas())
        ):
            return await self.async_step_area()
        errors: dict[str, str] = {}
        if user_input is not None:
            profile, errors = validate_profile(user_input)
            if not errors:
                await self.async_set_unique_id(
                    presence_unique_id(profile[CONF_PRESENCE_ENTITIES])
                )
                self._abort_if_unique_id_configured()
                self._profile = profile
                if self._area_id is not None:
                    self._profile[CONF_AREA] = self._area_id
                return await self.async_step_consent()
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                PROFILE_SCHEMA, user_input or {}
            ),
            errors=errors,
            description_placeholders={
                "suggestions": presence_hint(self.hass, self._area_id)
            },
        )

    async def async_step_area(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask where the desk is (optional): its sensors first, its device there."""
        errors: dict[str, str] = {}
        if user_input is not None:
            area_id, errors = validate_area(self.hass, user_input)
            if not errors:
                self._area_asked, self._area_id = True, area_id
                return await self.async_step_user()
        return self.async_show_form(
            step_id="area", data_schema=AREA_SCHEMA, errors=errors
        )

    async def async_step_consent(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the health note once; create the profile when confirmed."""
        if user_input is None:
            return self.async_show_form(step_id="consent")
        self._abort_if_unique_id_configured()
        return self.async_create_entry(
            title=self._profile[CONF_NAME],
            data=self._profile,
            options=default_options(),
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the name, the presence entities or how they combine."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            profile, errors = validate_profile(user_input)
            if not errors:
                unique_id = presence_unique_id(profile[CONF_PRESENCE_ENTITIES])
                if any(
                    other.unique_id == unique_id and other.entry_id != entry.entry_id
                    for other in self._async_current_entries(include_ignore=True)
                ):
                    return self.async_abort(reason="already_configured")
                return self.async_update_reload_and_abort(
                    entry,
                    unique_id=unique_id,
                    title=profile[CONF_NAME],
                    data={**entry.data, **profile},  # keeps the area picked at setup
                )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                PROFILE_SCHEMA, user_input or entry.data
            ),
            errors=errors,
            description_placeholders={"suggestions": presence_hint(self.hass)},
        )


class DeskBreakCoachOptionsFlow(OptionsFlow):
    """Edit the options; progress is kept, the coach applies them live."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show every option in sections, prefilled with the current values."""
        errors: dict[str, str] = {}
        entry = self.config_entry
        if user_input is not None:
            flat = flatten(user_input)
            options, errors = validate_options(flat)
            errors.update(
                check_entities(self.hass, options, entry.data[CONF_PRESENCE_ENTITIES])
            )
            if not errors:
                return self.async_create_entry(data={**entry.options, **options})
            suggested: Mapping[str, Any] = flat
        else:
            suggested = {**default_options(), **entry.options}
        device = dr.async_get(self.hass).async_get_device_by_identifier(
            (DOMAIN, entry.entry_id), entry.entry_id
        )
        area_id = None if device is None else device.area_id
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                options_schema(entry), nest(suggested_values(suggested))
            ),
            errors=errors,
            description_placeholders={
                "dnd_candidates": dnd_hint(self.hass, area_id),
                "desk_candidates": desk_hint(self.hass, area_id),
            },
        )
