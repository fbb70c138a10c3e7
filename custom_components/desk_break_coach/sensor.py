"""Sensors: status, sitting time, progress, streak, adherence and the current exercise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coach import Coach, DeskBreakCoachConfigEntry
from .const import CONF_STANDING_ENTITY
from .engine import Status, View
from .entity import CoachEntity
from .readout import exercise_data, outcome_data

# Everything runs in the event loop against the coach; no I/O to serialise.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class CoachSensorDescription(SensorEntityDescription):
    """A sensor reading one value (and maybe attributes) off the coach's view."""

    value_fn: Callable[[View], Any]
    attrs_fn: Callable[[View], dict[str, Any] | None] | None = None
    #: Long-term statistics only while the feature is in use (a constant 0 of a
    #: feature that is off charts nothing, and compiling it costs CPU).
    in_use_fn: Callable[[Coach], bool] | None = None


def _status_attrs(view: View) -> dict[str, Any]:
    return {
        "snoozes_left": view.snoozes_left,
        "daily_target": view.daily_target,
        "paused_until": view.paused_until.isoformat() if view.paused_until else None,
        "available_commands": [command.value for command in view.available_commands],
        "micro_break_ends_at": view.micro_break_ends_at.isoformat()
        if view.micro_break_ends_at
        else None,
        "ask_comfort": view.ask_comfort,
        "first_week": view.first_week,
        "stand_suggested": view.stand_suggested,
        "due_since": view.due_since.isoformat() if view.due_since else None,
        "skips_left": view.skips_left,
    }


def _adherence_attrs(view: View) -> dict[str, Any]:
    """Return the working days counted and the comfort log's outcome."""
    outcome = outcome_data(view)
    del outcome["adherence_28d"]  # the state
    return {"days": view.outcome.adherence_days, **outcome}


def _exercise_attrs(view: View) -> dict[str, Any]:
    if view.exercise is None:
        return {"program": view.program}
    attrs = exercise_data(view.exercise)
    del attrs["name"]  # the state
    return attrs


SENSORS: tuple[CoachSensorDescription, ...] = (
    CoachSensorDescription(
        key="status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in Status],
        value_fn=lambda view: view.status.value,
        attrs_fn=_status_attrs,
    ),
    CoachSensorDescription(
        key="sitting_time",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        value_fn=lambda view: view.sitting_minutes,
        attrs_fn=lambda view: {
            "since": view.sitting_since.isoformat() if view.sitting_since else None
        },
    ),
    CoachSensorDescription(
        key="sitting_today",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda view: view.sitting_today_minutes,
    ),
    CoachSensorDescription(
        key="next_break",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda view: view.next_break,
    ),
    CoachSensorDescription(
        key="breaks_today",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda view: view.breaks_today,
    ),
    CoachSensorDescription(
        key="daily_progress",
        native_unit_of_measurement=PERCENTAGE,
        value_fn=lambda view: view.progress,
    ),
    CoachSensorDescription(
        key="current_exercise",
        value_fn=lambda view: view.exercise.name if view.exercise else None,
        attrs_fn=_exercise_attrs,
    ),
    CoachSensorDescription(
        key="micro_breaks_today",
        state_class=SensorStateClass.TOTAL_INCREASING,
        in_use_fn=lambda coach: coach.engine.settings.micro_break_minutes > 0,
        value_fn=lambda view: view.micro_breaks_today,
    ),
    CoachSensorDescription(
        key="standing_today",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        state_class=SensorStateClass.TOTAL_INCREASING,
        in_use_fn=lambda coach: bool(coach.entry.options.get(CONF_STANDING_ENTITY)),
        value_fn=lambda view: view.standing_today_minutes,
        attrs_fn=lambda view: (
            {"target_minutes": view.standing_target_minutes}
            if view.standing_target_minutes
            else None
        ),
    ),
    CoachSensorDescription(
        key="comfort",
        state_class=SensorStateClass.MEASUREMENT,
        in_use_fn=lambda coach: (
            coach.view.comfort_log_size > 0 or coach.engine.settings.ask_comfort
        ),
        value_fn=lambda view: view.comfort,
        attrs_fn=lambda view: {
            "average_7d": view.comfort_average_7d,
            "trend": view.comfort_trend,
            "logged_at": view.comfort_logged_at.isoformat()
            if view.comfort_logged_at
            else None,
        },
    ),
    CoachSensorDescription(
        key="adherence",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: view.outcome.adherence_28d,
        attrs_fn=_adherence_attrs,
    ),
    CoachSensorDescription(
        key="streak",
        native_unit_of_measurement=UnitOfTime.DAYS,
        value_fn=lambda view: view.streak,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: DeskBreakCoachConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's sensors."""
    async_add_entities(CoachSensor(entry, description) for description in SENSORS)


class CoachSensor(CoachEntity, SensorEntity):
    """A sensor of the coach's view."""

    entity_description: CoachSensorDescription

    @property
    def native_value(self) -> StateType | Any:
        """The current value."""
        return self._shown[0]

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Attributes, where the sensor has any."""
        attrs: dict[str, Any] | None = self._shown[1]
        return attrs

    @property
    def state_class(self) -> SensorStateClass | None:
        """The description's state class, while the feature is in use."""
        state_class: SensorStateClass | None = self._shown[2]
        return state_class

    def shown(self) -> tuple[Any, dict[str, Any] | None, SensorStateClass | None]:
        """Value, attributes and state class, computed from the coach's view."""
        description, view = self.entity_description, self.coach.view
        attrs = None if description.attrs_fn is None else description.attrs_fn(view)
        if attrs is not None and description.key == "status":
            attrs["config_entry_id"] = self.coach.entry.entry_id
        in_use = description.in_use_fn is None or description.in_use_fn(self.coach)
        state_class = (
            SensorStateClass(description.state_class)
            if in_use and description.state_class
            else None
        )
        return description.value_fn(view), attrs, state_class
