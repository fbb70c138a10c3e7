"""Phones: the due break with Start / Snooze / Skip buttons, and the break, live.

The `phones` option names companion app devices (the mobile_app integration).
Each gets, through its `notify.mobile_app_<device name>` action:

- when a break falls due, a notification with the message and three buttons;
  pressing one fires `mobile_app_notification_action`, and the command runs on
  this profile (origin: phone). Once the break is answered anywhere (or stops being
  due) the notification is cleared, and its buttons do nothing any more: each
  button's action id carries the due break it came with (`token`), and a press
  acts only while that break is still the one due (a stale press is logged at
  debug). The next due break's notification brings buttons that work.
- while the break stays due, each reminder again replaces that notification, saying
  how long the break has waited; its Skip button goes once the day's skips are used.
- the weekly report, as a plain notification.
- during a guided break, one notification that follows the steps: the exercise,
  the step as a progress bar and a countdown to the step's end. It is a live
  update: pinned on Android 16+, a Live Activity on iOS 17.2+ (routed by the pinned
  mobile_app), otherwise an ordinary notification replaced at each step. It is
  cleared when the break ends.

Every phone is sent to in its own background task, in order; a phone that is
gone or cannot be reached is logged once and skipped, never holding up the coach.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from functools import partial
import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import (
    CALLBACK_TYPE,
    Event as HassEvent,
    HomeAssistant,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import translation
import probatio as vol

from ..coach import Coach, Origin, OriginKind
from ..commands import CommandSpec, specs
from ..const import CONF_PHONES, DOMAIN
from ..engine import Command, EngineError, Event, EventType
from .failures import Failures
from .phone_targets import NOTIFY, notify_service
from .started import async_until_started

if TYPE_CHECKING:
    from ..coach import DeskBreakCoachConfigEntry

_LOGGER = logging.getLogger(__name__)

PHONE: Final = Origin(OriginKind.PHONE)
#: What the companion app fires when a notification's button is pressed.
ACTION_EVENT: Final = "mobile_app_notification_action"
#: The message that removes the notification with the same tag (and ends its
#: Live Activity on iOS).
CLEAR_NOTIFICATION: Final = "clear_notification"
#: Longest wait for one phone; mobile_app itself gives up after 10 seconds.
SEND_TIMEOUT: Final = 30.0

#: The due break was answered: its notification goes.
ANSWERED: Final = frozenset(
    {
        EventType.BREAK_STARTED,
        EventType.BREAK_SNOOZED,
        EventType.BREAK_SKIPPED,
        EventType.BREAK_COMPLETED,
    }
)
#: The guided break is over: its live notification goes.
BREAK_OVER: Final = frozenset({EventType.BREAK_COMPLETED, EventType.ROUTINE_STOPPED})


#: The commands offered as buttons on the due notification, in display order.
PHONE_COMMANDS: Final = tuple(
    spec for spec in specs("phone") if spec.phone_on is EventType.BREAK_DUE
)
#: The buttons of a stand suggestion (with a desk): "Raise the desk".
STAND_COMMANDS: Final = tuple(
    spec for spec in specs("phone") if spec.phone_on is EventType.STAND_SUGGESTED
)


_STAND_WORDS: Final = frozenset(spec.command for spec in STAND_COMMANDS)


def due_tag(entry_id: str) -> str:
    """Tag of a profile's due-break notification (one per profile)."""
    return f"{DOMAIN}_{entry_id}"


def stand_tag(entry_id: str) -> str:
    """Tag of a profile's stand suggestion."""
    return f"{DOMAIN}_{entry_id}_stand"


def report_tag(entry_id: str) -> str:
    """Tag of a profile's weekly report."""
    return f"{DOMAIN}_{entry_id}_report"


def live_tag(entry_id: str) -> str:
    """Tag of a profile's live notification during a break."""
    return f"{DOMAIN}_{entry_id}_live"


def action_prefix(spec: CommandSpec, entry_id: str) -> str:
    """Return what every `action` of a command's button starts with."""
    return f"DESK_BREAK_{spec.phone}_{entry_id}"


def action_id(spec: CommandSpec, entry_id: str, token: str) -> str:
    """Return the `action` a button sends back: DESK_BREAK_START_<entry id>_<token>."""
    return f"{action_prefix(spec, entry_id)}_{token}"


def due_token(due_since: datetime | None) -> str | None:
    """Return the token of the break due since `due_since` (None: nothing due)."""
    return None if due_since is None else str(int(due_since.timestamp()))


class Phones:
    """Sends one profile's breaks to its phones and acts on their buttons."""

    def __init__(self, hass: HomeAssistant, entry: DeskBreakCoachConfigEntry) -> None:
        """Bind to the profile."""
        self.hass = hass
        self.entry = entry
        entry_id = entry.entry_id
        self._commands: dict[str, Command] = {
            action_prefix(spec, entry_id): spec.command
            for spec in (*PHONE_COMMANDS, *STAND_COMMANDS)
        }
        self._locks: dict[str, asyncio.Lock] = {}
        self._failures = Failures(
            _LOGGER,
            "Cannot send the desk break of %s to phone %s (%s); skipping it until it works",
            "Still cannot notify (%s) phone %s: %s",
            "Notifying phone %s works again",
        )
        # The phones that may show the due and the live notification now.
        self._due_on: set[str] = set()
        self._live_on: set[str] = set()
        self._stand_on: set[str] = set()

    @property
    def coach(self) -> Coach:
        """The profile's coach."""
        coach: Coach = self.entry.runtime_data
        return coach

    def phones(self) -> list[str]:
        """Return the chosen phones' device ids."""
        return list(self.entry.options.get(CONF_PHONES) or [])

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the coach and the phones' buttons; returns the stop callback."""
        # After a restart a notification may still be up from before: clear it
        # when its break is over.
        view = self.coach.view
        if view.break_due:
            self._due_on = set(self.phones())
        if view.exercise is not None:
            self._live_on = set(self.phones())
        stops = [
            self.coach.async_add_event_listener(self.async_on_event),
            self.coach.async_add_listener(self.async_on_view),
            self.hass.bus.async_listen(
                ACTION_EVENT, self._on_action, event_filter=self._is_ours
            ),
        ]

        @callback
        def stop() -> None:
            for unsubscribe in stops:
                unsubscribe()

        return stop

    # ------------------------------------------------------------- the coach
    @callback
    def async_on_event(self, event: Event, origin: Origin | None) -> None:
        """Send or clear what an event calls for."""
        phones = self.phones()
        if event.type is EventType.WEEKLY_REPORT:
            report: dict[str, Any] = {
                "title": self.coach.name,
                "message": str(event.data["message"]),
                "data": {
                    "tag": report_tag(self.entry.entry_id),
                    "notification_icon": "mdi:chart-line",
                },
            }
            for device_id in phones:
                self._queue(device_id, _fixed(report))
        if event.type in (EventType.BREAK_DUE, EventType.BREAK_REMINDED):
            if (token := self._due_token()) is None:
                return  # over within the same pass (replayed while catching up)
            self._due_on.update(phones)
            for device_id in phones:
                self._queue(device_id, partial(self._due_payload, event, token))
        elif event.type in ANSWERED:
            self._clear_due()
        if event.type is EventType.STAND_SUGGESTED and (token := self._stand_token()):
            self._stand_on.update(phones)
            for device_id in phones:
                self._queue(device_id, partial(self._stand_payload, event, token))
        if event.type is EventType.EXERCISE_STARTED:
            if phones and (payload := self._live_payload(event)) is not None:
                self._live_on.update(phones)
                for device_id in phones:
                    self._queue(device_id, _fixed(payload))
        elif event.type in BREAK_OVER:
            self._clear_live()

    @callback
    def async_on_view(self) -> None:
        """Clear what is over: a break can stop being due, or end, without an event."""
        view = self.coach.view
        if not view.break_due:
            self._clear_due()
        if view.exercise is None:
            self._clear_live()
        if not view.stand_suggested and self._stand_on:
            phones, self._stand_on = self._stand_on, set()
            for device_id in sorted(phones):
                self._queue(device_id, _fixed(_clear(stand_tag(self.entry.entry_id))))

    def _clear_due(self) -> None:
        phones, self._due_on = self._due_on, set()
        for device_id in sorted(phones):
            self._queue(device_id, _fixed(_clear(due_tag(self.entry.entry_id))))

    def _clear_live(self) -> None:
        phones, self._live_on = self._live_on, set()
        for device_id in sorted(phones):
            self._queue(device_id, _fixed(_clear(live_tag(self.entry.entry_id))))

    def _due_token(self) -> str | None:
        """Return the token of the break due now, if one is."""
        state = self.coach.engine.state
        return due_token(state.due_since if state.due else None)

    def _stand_token(self) -> str | None:
        """Return the token of the stand suggestion standing now, if one is."""
        state = self.coach.engine.state
        return due_token(state.stand_from if state.stand_suggested else None)

    async def _stand_payload(self, event: Event, token: str) -> dict[str, Any]:
        """Return the stand suggestion, with "Raise the desk" when there is a desk."""
        entry_id = self.entry.entry_id
        titles = await self._titles(STAND_COMMANDS)
        actions = [
            {"action": action_id(spec, entry_id, token), "title": titles[spec.command]}
            for spec in STAND_COMMANDS
            if self.coach.has_desk
        ]
        return {
            "title": self.coach.name,
            "message": str(event.data["message"]),
            "data": {
                "tag": stand_tag(entry_id),
                "actions": actions,
                "notification_icon": "mdi:human-male",
            },
        }

    async def _due_payload(self, event: Event, token: str) -> dict[str, Any]:
        """Return the due break with its buttons, titled in the profile's language."""
        entry_id = self.entry.entry_id
        titles = await self._titles()
        view = self.coach.view_now()
        snoozes_left = event.data.get("snoozes_left", view.snoozes_left)
        actions = [
            {"action": action_id(spec, entry_id, token), "title": titles[spec.command]}
            for spec in PHONE_COMMANDS
            if (spec.command is not Command.SNOOZE or snoozes_left != 0)
            and (spec.command is not Command.SKIP_BREAK or view.skips_left != 0)
        ]
        return {
            "title": self.coach.name,
            "message": str(event.data["message"]),
            "data": {
                "tag": due_tag(entry_id),
                "actions": actions,
                "notification_icon": "mdi:human-handsup",
                # Android: deliver at once; iOS: break through a Focus.
                "ttl": 0,
                "priority": "high",
                "push": {"interruption-level": "time-sensitive"},
            },
        }

    def _live_payload(self, event: Event) -> dict[str, Any] | None:
        """Return the step in progress: its text, the step as progress, a countdown.

        None for a step already over (a step replayed while catching up).
        """
        exercise = self.coach.view_now().exercise
        if exercise is None or exercise.step != event.data.get("step"):
            return None
        return {
            "title": self.coach.name,
            "message": str(event.data["message"]),
            "data": {
                "tag": live_tag(self.entry.entry_id),
                # Android 16+: a Live Update; iOS 17.2+: a Live Activity.
                "live_update": True,
                "progress": exercise.step,
                "progress_max": exercise.steps_total,
                "chronometer": True,
                "when": int(exercise.ends_at.timestamp()),
                "critical_text": f"{exercise.step}/{exercise.steps_total}",
                "notification_icon": "mdi:yoga",
                # Android: one sound for the break, not one per step; stays on tap.
                "alert_once": True,
                "sticky": True,
            },
        }

    async def _titles(
        self, commands: tuple[CommandSpec, ...] = PHONE_COMMANDS
    ) -> dict[Command, str]:
        """Return the buttons' texts: the names of the profile's button entities."""
        strings = await translation.async_get_translations(
            self.hass, self.coach.catalogue.language, "entity", {DOMAIN}
        )
        return {
            spec.command: strings.get(
                f"component.{DOMAIN}.entity.button.{spec.key}.name",
                spec.key.replace("_", " ").capitalize(),
            )
            for spec in commands
        }

    # ------------------------------------------------------------- sending
    def _queue(
        self, device_id: str, build: Callable[[], Awaitable[dict[str, Any]]]
    ) -> None:
        self.entry.async_create_background_task(
            self.hass,
            self._deliver(device_id, build),
            f"{DOMAIN} phone {device_id}",
            # Start after the coach has told everyone about this event, in order.
            eager_start=False,
        )

    async def _deliver(
        self, device_id: str, build: Callable[[], Awaitable[dict[str, Any]]]
    ) -> None:
        """Send one notification to one phone; problems are logged, never raised."""
        # Taken before anything is awaited, so each phone gets its messages in order.
        async with self._locks.setdefault(device_id, asyncio.Lock()):
            await async_until_started(self.hass)
            try:
                service = notify_service(self.hass, device_id)
                payload = await build()
                async with asyncio.timeout(SEND_TIMEOUT):
                    await self.hass.services.async_call(
                        NOTIFY, service, payload, blocking=True
                    )
            except TimeoutError:
                self._failed(device_id, "no reply in time")
            except (HomeAssistantError, vol.Invalid) as err:
                self._failed(device_id, str(err) or type(err).__name__)
            except Exception:
                _LOGGER.exception("Unexpected error notifying phone %s", device_id)
            else:
                self._failures.worked(device_id)

    def _failed(self, device_id: str, reason: str) -> None:
        """Log a failing phone once, until it works again."""
        self._failures.failed(device_id, reason, self.coach.name)

    # ------------------------------------------------------------- the buttons
    def _parse(self, action: Any) -> tuple[Command, str | None] | None:
        """Return the command of one of this profile's buttons and its token."""
        if not isinstance(action, str):
            return None
        prefix, _, token = action.rpartition("_")
        if prefix in self._commands:
            return self._commands[prefix], token
        if action in self._commands:  # sent before buttons carried their break
            return self._commands[action], None
        return None

    @callback
    def _is_ours(self, data: Mapping[str, Any]) -> bool:
        return self._parse(data.get("action")) is not None

    @callback
    def _on_action(self, event: HassEvent[Mapping[str, Any]]) -> None:
        """Run the command of a button pressed on a phone, for its own break only."""
        action = str(event.data.get("action"))
        parsed = self._parse(action)
        if parsed is None:
            return
        command, token = parsed
        # Catch up first: the break may have stopped being due meanwhile.
        self.coach.run_pending()
        current = self._stand_token() if command in _STAND_WORDS else self._due_token()
        if token is None or token != current:
            _LOGGER.debug(
                "Phone button %s for %s is stale: its break was answered",
                action,
                self.coach.name,
            )
            return
        try:
            self.coach.run(command, PHONE)
        except EngineError as err:
            _LOGGER.debug(
                "Phone button %s for %s refused: %s", action, self.coach.name, err.key
            )


def _clear(tag: str) -> dict[str, Any]:
    return {"message": CLEAR_NOTIFICATION, "data": {"tag": tag}}


def _fixed(payload: dict[str, Any]) -> Callable[[], Awaitable[dict[str, Any]]]:
    async def build() -> dict[str, Any]:
        return payload

    return build


@callback
def async_attach_phones(
    hass: HomeAssistant, entry: DeskBreakCoachConfigEntry
) -> CALLBACK_TYPE:
    """Start sending the profile's breaks to its phones; returns the detach callback."""
    return Phones(hass, entry).async_start()
