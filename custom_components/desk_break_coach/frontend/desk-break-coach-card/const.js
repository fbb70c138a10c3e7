// What the card shares with the integration: its domain, the card's element
// name, and the colour of each status.

export const DOMAIN = "desk_break_coach";
export const CARD_TYPE = "desk-break-coach-card";

// The status sensor's states: their colour. Their icons are the integration's
// (facts.js); a state that is not a status (unavailable) gets UNKNOWN_LOOK.
export const STATUS_COLORS = {
  away: "var(--state-icon-color, var(--secondary-text-color))",
  sitting: "var(--primary-color)",
  break_due: "var(--warning-color, #ffa600)",
  snoozed: "var(--warning-color, #ffa600)",
  on_break: "var(--success-color, #43a047)",
  paused: "var(--secondary-text-color)",
  off_hours: "var(--secondary-text-color)",
  resting: "var(--error-color, #db4437)",
  micro_break: "var(--success-color, #43a047)",
  standing: "var(--primary-color)",
};
export const UNKNOWN_LOOK = ["mdi:help-circle-outline",
  "var(--disabled-text-color, var(--secondary-text-color))"];

// The statuses in which the sitting time counts up.
export const SITTING_STATUSES = ["sitting", "break_due", "snoozed", "micro_break"];
