"""The companion app phones a profile sends to: their notify actions, and what is wrong.

mobile_app registers one `notify.mobile_app_<device name>` action per registration
that can take push notifications; a chosen phone without one is a `PhoneError`.
Those actions exist once mobile_app is set up (see `started.async_until_started`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.util import slugify

from ..const import PHONE_INTEGRATION

NOTIFY: Final = "notify"
#: mobile_app's config entry data: the name its notify action is made from.
_DEVICE_NAME: Final = "device_name"


class PhoneError(HomeAssistantError):
    """A phone cannot take notifications now."""


def notify_service(hass: HomeAssistant, device_id: str) -> str:
    """Return the notify action (without `notify.`) of a companion app device.

    mobile_app registers one per registration that can take push notifications,
    named `mobile_app_` + the slug of the registration's device name.
    """
    registry = dr.async_get(hass)
    device = registry.async_get(device_id)
    if device is None:
        raise PhoneError("the device no longer exists")
    # A device chosen before devices were split by config entry may be a composite.
    entry_ids = (
        [
            part.config_entry_id
            for part in registry.async_get_devices_for_composite_device_id(device_id)
        ]
        if device.is_composite_device
        else [device.config_entry_id]
    )
    for entry_id in entry_ids:
        entry = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.domain != PHONE_INTEGRATION:
            continue
        service = slugify(f"{PHONE_INTEGRATION}_{entry.data.get(_DEVICE_NAME)}")
        if not hass.services.has_service(NOTIFY, service):
            raise PhoneError(
                f"notify.{service} does not exist: the app is not set up "
                "or does not take notifications"
            )
        return service
    raise PhoneError("not a device of the companion app")


def phone_diagnostics(
    hass: HomeAssistant, device_ids: Iterable[str]
) -> list[dict[str, Any]]:
    """Each chosen phone, its notify action and what keeps it from working, if any."""
    phones: list[dict[str, Any]] = []
    for device_id in device_ids:
        try:
            target: str | None = f"{NOTIFY}.{notify_service(hass, device_id)}"
            problem = None
        except PhoneError as err:
            target, problem = None, str(err)
        phones.append(
            {"device_id": device_id, "notify_target": target, "problem": problem}
        )
    return phones
