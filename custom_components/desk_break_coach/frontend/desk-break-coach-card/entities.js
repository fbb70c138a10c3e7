// Finding a profile's entities: by its device, each entity by its translation_key
// (the integration's contract), with the entity_id suffix as a fallback for
// registry entries that carry no translation_key.

import { CARD_TYPE, DOMAIN } from "./const.js";

// Entity keys per platform (translation_key = key in the integration).
export const ENTITY_KEYS = {
  sensor: ["status", "sitting_time", "sitting_today", "next_break", "breaks_today",
    "daily_progress", "current_exercise", "streak", "comfort", "standing_today",
    "adherence"],
  binary_sensor: ["break_due", "occupied"],
  button: ["start_break", "next_exercise", "finish_break", "snooze", "skip_break"],
  switch: ["reminders"],
  select: ["program"],
  number: ["sit_minutes", "daily_target"],
};
// Longest first, so an entity_id suffix match never picks a shorter key by mistake.
const SUFFIX_KEYS = Object.fromEntries(Object.entries(ENTITY_KEYS).map(
  ([domain, keys]) => [domain, [...keys].sort((a, b) => b.length - a.length)]));

// Which contract key an entity registry display entry stands for.
export function entityKey(entry) {
  const domain = entry.entity_id.split(".")[0];
  const keys = ENTITY_KEYS[domain];
  if (!keys) return undefined;
  if (entry.translation_key) {
    return keys.includes(entry.translation_key) ? entry.translation_key : undefined;
  }
  return SUFFIX_KEYS[domain].find((key) => entry.entity_id.endsWith(`_${key}`)
    || entry.entity_id === `${domain}.${key}`);
}

export const ownEntries = (hass) => Object.values((hass && hass.entities) || {})
  .filter((entry) => entry.platform === DOMAIN);

// The profile's device and its entity ids by key, from the card's device_id
// (or, for older configurations, the profile's config entry id).
export function resolveProfile(hass, config) {
  let deviceId = config.device_id || undefined;
  if (!deviceId && config.entry_id) {
    const device = Object.values(hass.devices || {})
      .find((dev) => (dev.config_entries || []).includes(config.entry_id));
    deviceId = device ? device.id : undefined;
    if (!deviceId) {
      const status = ownEntries(hass).find((entry) => entityKey(entry) === "status"
        && ((hass.states[entry.entity_id] || {}).attributes || {}).config_entry_id === config.entry_id);
      deviceId = status ? status.device_id : undefined;
    }
  }
  const ids = {};
  if (deviceId) {
    for (const entry of Object.values(hass.entities || {})) {
      if (entry.device_id !== deviceId || (entry.platform && entry.platform !== DOMAIN)) continue;
      const key = entityKey(entry);
      if (key && !ids[key]) ids[key] = entry.entity_id;
    }
  }
  return { deviceId, ids };
}

// The first profile, for a new card.
export function firstProfileDevice(hass) {
  const status = ownEntries(hass).find((entry) => entityKey(entry) === "status" && entry.device_id);
  const any = ownEntries(hass).find((entry) => entry.device_id);
  return (status || any || {}).device_id || "";
}

// The card picker's suggestion for an entity: this card for the entity's profile.
export function entitySuggestion(hass, entityId) {
  const entry = ((hass && hass.entities) || {})[entityId];
  if (!entry || entry.platform !== DOMAIN || !entry.device_id) return null;
  return { config: { type: `custom:${CARD_TYPE}`, device_id: entry.device_id } };
}
