// Reading entity values and writing numbers, durations and times for people.

import { languageOf, translate } from "./localize.js";

export const toNumber = (value) => {
  if (value === null || value === undefined || value === "") return undefined;
  const num = Number(value);
  return Number.isFinite(num) ? num : undefined;
};

export const toMs = (value) => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

export const isKnown = (stateObj) => Boolean(stateObj)
  && !["unknown", "unavailable", ""].includes(stateObj.state);

export function formatMinutes(lang, minutes) {
  const total = Math.max(0, Math.floor(minutes));
  if (total < 60) return translate(lang, "minutes", { n: total });
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? translate(lang, "hours", { h, m }) : translate(lang, "hours_whole", { h });
}

export function formatCountdown(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function formatNumber(lang, value, digits = 1) {
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  } catch (err) {
    return String(Math.round(value * 10 ** digits) / 10 ** digits);
  }
}

// A clock time in the user's settings (12/24 h, browser or server time zone);
// with the weekday when it is more than 12 hours away.
export function formatTime(hass, ms) {
  const locale = (hass && hass.locale) || {};
  const options = { hour: "numeric", minute: "2-digit" };
  if (locale.time_format === "12") options.hour12 = true;
  if (locale.time_format === "24") options.hour12 = false;
  if (locale.time_zone === "server" && hass.config && hass.config.time_zone) {
    options.timeZone = hass.config.time_zone;
  }
  if (ms - Date.now() > 12 * 3600 * 1000) options.weekday = "short";
  const lang = locale.time_format === "system" ? undefined : languageOf(hass);
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(ms));
  } catch (err) {
    return new Date(ms).toLocaleTimeString();
  }
}
