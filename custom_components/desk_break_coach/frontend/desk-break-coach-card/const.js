// What the card shares with the integration: its domain, the card's element
// name, and how each status looks.

export const DOMAIN = "desk_break_coach";
export const CARD_TYPE = "desk-break-coach-card";

// The status sensor's states: icon and colour.
export const STATUS_LOOK = {
  away: ["mdi:account-off-outline", "var(--state-icon-color, var(--secondary-text-color))"],
  sitting: ["mdi:chair-rolling", "var(--primary-color)"],
  break_due: ["mdi:alarm", "var(--warning-color, #ffa600)"],
  snoozed: ["mdi:alarm-snooze", "var(--warning-color, #ffa600)"],
  on_break: ["mdi:human-handsup", "var(--success-color, #43a047)"],
  paused: ["mdi:pause-circle-outline", "var(--secondary-text-color)"],
  off_hours: ["mdi:briefcase-off-outline", "var(--secondary-text-color)"],
  resting: ["mdi:heart-pulse", "var(--error-color, #db4437)"],
  micro_break: ["mdi:eye-refresh-outline", "var(--success-color, #43a047)"],
  standing: ["mdi:human-male", "var(--primary-color)"],
};
export const UNKNOWN_LOOK = ["mdi:help-circle-outline",
  "var(--disabled-text-color, var(--secondary-text-color))"];

// The statuses in which the sitting time counts up.
export const SITTING_STATUSES = ["sitting", "break_due", "snoozed", "micro_break"];
// The statuses in which today's time at the desk may count up (someone sitting
// through a pause or after working hours still sits).
export const TODAY_STATUSES = [...SITTING_STATUSES, "paused", "off_hours"];
