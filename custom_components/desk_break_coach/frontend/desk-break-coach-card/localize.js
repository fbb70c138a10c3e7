// The card's texts in the user's language (the STRINGS of strings.js), with
// {placeholders} and plural forms (Intl.PluralRules); the integration's fallback
// language (English) is the fallback.

import { FACTS } from "./facts.js";
import { pluralForm } from "./plural.js";
import { STRINGS } from "./strings.js";

export const languageOf = (hass) => (hass && ((hass.locale && hass.locale.language) || hass.language))
  || document.documentElement.lang || "en";

// The shipped language a viewer's language falls on ("de-CH": "de"), if any: the
// card's one place for it, as const.py's shipped_language() is the integration's.
export function shippedLanguage(lang) {
  const base = String(lang || "").toLowerCase().split(/[-_]/)[0];
  return FACTS.languages.includes(base) ? base : undefined;
}

export function dictFor(lang) {
  return STRINGS[shippedLanguage(lang) || FACTS.fallback_language] || STRINGS.en;
}

export function translate(lang, key, vars = {}) {
  let text = dictFor(lang)[key];
  if (text === undefined) text = STRINGS.en[key];
  if (typeof text === "object") text = pluralForm(lang, text, vars.n);
  return String(text).replace(/\{(\w+)\}/g, (match, name) => (name in vars ? vars[name] : match));
}
