// The card's texts in the user's language (the STRINGS of strings.js), with
// {placeholders} and plural forms (Intl.PluralRules); English is the fallback.

import { pluralForm } from "./plural.js";
import { STRINGS } from "./strings.js";

export const languageOf = (hass) => (hass && ((hass.locale && hass.locale.language) || hass.language))
  || document.documentElement.lang || "en";

export function dictFor(lang) {
  const base = String(lang || "en").toLowerCase().split(/[-_]/)[0];
  return STRINGS[base] || STRINGS.en;
}

export function translate(lang, key, vars = {}) {
  let text = dictFor(lang)[key];
  if (text === undefined) text = STRINGS.en[key];
  if (typeof text === "object") text = pluralForm(lang, text, vars.n);
  return String(text).replace(/\{(\w+)\}/g, (match, name) => (name in vars ? vars[name] : match));
}
