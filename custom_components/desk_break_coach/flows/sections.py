"""The options form in sections: which option shows in which section.

Sections only shape the form: the options stay one flat dict in storage, so a
profile saved before sections existed keeps working. Adding an option to a section
is one line of `OPTION_SECTIONS`; an option in no section shows at the top level.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.data_entry_flow import section
import probatio

from ..const import (
    CONF_ANNOUNCE_STEPS,
    CONF_ANNOUNCE_TARGETS,
    CONF_ASK_COMFORT,
    CONF_AWAY_MINUTES,
    CONF_DAILY_LIMIT_MINUTES,
    CONF_DAILY_TARGET,
    CONF_DESK_ENTITY,
    CONF_DESK_SIT_POSITION,
    CONF_DESK_STAND_POSITION,
    CONF_DND_ENTITIES,
    CONF_DND_STATES,
    CONF_EXERCISE_SECONDS,
    CONF_IDLE_SECONDS,
    CONF_LANGUAGE,
    CONF_MASSAGE_AFTER_LAST,
    CONF_MAX_SKIPS_PER_DAY,
    CONF_MAX_SNOOZES,
    CONF_MICRO_BREAK_MINUTES,
    CONF_MICRO_BREAK_SECONDS,
    CONF_PAUSE_MEDIA,
    CONF_PHONES,
    CONF_PRESENCE_STATES,
    CONF_PROGRAM,
    CONF_REMIND_AGAIN_MINUTES,
    CONF_REPS,
    CONF_SCHEDULE_ENTITY,
    CONF_SIT_MINUTES,
    CONF_SNOOZE_MINUTES,
    CONF_STAND_MINUTES,
    CONF_STANDING_ABOVE,
    CONF_STANDING_ENTITY,
    CONF_STANDING_TARGET_MINUTES,
    CONF_TTS_ENTITY,
    CONF_WARN_MINUTES,
    CONF_WEEKLY_REPORT,
    CONF_WORK_DAYS,
    CONF_WORK_END,
    CONF_WORK_START,
)

SECTION_TIMING = "timing"
SECTION_WORKING_HOURS = "working_hours"
SECTION_REMINDERS = "reminders"
SECTION_BREAKS = "breaks"
SECTION_PRESENCE = "presence_and_desk"
SECTION_COMFORT = "comfort"

#: The sections in the order shown, each with its options in the order shown.
OPTION_SECTIONS: Mapping[str, tuple[str, ...]] = {
    SECTION_TIMING: (
        CONF_SIT_MINUTES,
        CONF_AWAY_MINUTES,
        CONF_DAILY_TARGET,
        CONF_DAILY_LIMIT_MINUTES,
    ),
    SECTION_WORKING_HOURS: (
        CONF_WORK_START,
        CONF_WORK_END,
        CONF_WORK_DAYS,
        CONF_SCHEDULE_ENTITY,
    ),
    SECTION_REMINDERS: (
        CONF_WARN_MINUTES,
        CONF_SNOOZE_MINUTES,
        CONF_MAX_SNOOZES,
        CONF_REMIND_AGAIN_MINUTES,
        CONF_MAX_SKIPS_PER_DAY,
        CONF_ANNOUNCE_TARGETS,
        CONF_TTS_ENTITY,
        CONF_ANNOUNCE_STEPS,
        CONF_PHONES,
        CONF_PAUSE_MEDIA,
        CONF_LANGUAGE,
    ),
    SECTION_BREAKS: (
        CONF_PROGRAM,
        CONF_REPS,
        CONF_EXERCISE_SECONDS,
        CONF_MICRO_BREAK_MINUTES,
        CONF_MICRO_BREAK_SECONDS,
        CONF_MASSAGE_AFTER_LAST,
    ),
    SECTION_PRESENCE: (
        CONF_IDLE_SECONDS,
        CONF_PRESENCE_STATES,
        CONF_DND_ENTITIES,
        CONF_DND_STATES,
        CONF_STANDING_ENTITY,
        CONF_STANDING_ABOVE,
        CONF_DESK_ENTITY,
        CONF_DESK_SIT_POSITION,
        CONF_DESK_STAND_POSITION,
        CONF_STAND_MINUTES,
        CONF_STANDING_TARGET_MINUTES,
    ),
    SECTION_COMFORT: (CONF_ASK_COMFORT, CONF_WEEKLY_REPORT),
}

#: The section of each option.
SECTION_OF: Mapping[str, str] = {
    key: name for name, keys in OPTION_SECTIONS.items() for key in keys
}


class FormSection(section):
    """A section whose refusal is reported by the section's name, translated.

    Home Assistant reports an error inside a section only as untranslated text;
    this keeps the translated key (`out_of_range`, ...) and says where.
    """

    def __call__(self, value: Any) -> Any:
        """Validate the section's fields; report the first refusal as the section's."""
        try:
            return self.schema(value)
        except probatio.MultipleInvalid as err:
            raise probatio.Invalid(err.errors[0].error_message) from err
        except probatio.Invalid as err:
            raise probatio.Invalid(err.error_message) from err


def sectioned(schema: probatio.Schema) -> probatio.Schema:
    """Return the flat options schema as the sectioned form."""
    fields = {str(key): (key, value) for key, value in schema.schema.items()}
    form: dict[Any, Any] = {}
    for name, keys in OPTION_SECTIONS.items():
        inner = dict(fields[key] for key in keys if key in fields)
        if inner:
            form[probatio.Required(name)] = FormSection(
                probatio.Schema(inner), {"collapsed": False}
            )
    form.update(
        {key: value for name, (key, value) in fields.items() if name not in SECTION_OF}
    )
    return probatio.Schema(form)


def nest(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return flat option values grouped by section (suggested values)."""
    nested: dict[str, Any] = {name: {} for name in OPTION_SECTIONS}
    for key, value in values.items():
        if key in SECTION_OF:
            nested[SECTION_OF[key]][key] = value
        else:
            nested[key] = value
    return nested


def flatten(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Return the sectioned form's input as one flat dict of options."""
    flat: dict[str, Any] = {}
    for key, value in user_input.items():
        if key in OPTION_SECTIONS and isinstance(value, Mapping):
            flat.update(value)
        else:
            flat[key] = value
    return flat
