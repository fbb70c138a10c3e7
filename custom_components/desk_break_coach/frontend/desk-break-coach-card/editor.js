// The card's configuration: what setConfig accepts, and the visual editor
// (a form of selectors that Home Assistant's card editor renders).
//
//   type: custom:desk-break-coach-card
//   device_id: <the profile's device>   (entry_id: <config entry>, older configurations)
//   show_week: true                     the last 7 days; default true

import { DOMAIN } from "./const.js";
import { firstProfileDevice } from "./entities.js";
import { languageOf, translate } from "./localize.js";

const LABELS = { device_id: "profile", show_week: "show_week" };
const HELPERS = { show_week: "show_week_helper" };

// A copy of the configuration, or an Error saying what is wrong with it.
export function checkConfig(config) {
  if (!config || typeof config !== "object") throw new Error("Invalid configuration");
  for (const key of ["device_id", "entry_id"]) {
    if (config[key] !== undefined && config[key] !== null && typeof config[key] !== "string") {
      throw new Error(`${key} must be a string`);
    }
  }
  if (config.show_week !== undefined && typeof config.show_week !== "boolean") {
    throw new Error("show_week must be true or false");
  }
  return { ...config };
}

export const showsWeek = (config) => config.show_week !== false;

export const stubConfig = (hass) => ({ device_id: firstProfileDevice(hass) });

export function configForm() {
  const lang = languageOf(undefined);
  return {
    schema: [
      { name: "device_id", required: true,
        selector: { device: { filter: [{ integration: DOMAIN }] } } },
      // An absent key shows its default: ha-form shows `default` as the hint.
      { name: "show_week", default: true, selector: { boolean: {} } },
    ],
    computeLabel: (schema) => (LABELS[schema.name]
      ? translate(lang, LABELS[schema.name]) : undefined),
    computeHelper: (schema) => (HELPERS[schema.name]
      ? translate(lang, HELPERS[schema.name]) : undefined),
  };
}
