/*
 * Desk Break Coach card: the module Home Assistant loads on every dashboard.
 * It defines the <desk-break-coach-card> element and lists the card in the card
 * picker, with a suggestion for the entities of a profile. The card's parts are
 * ES modules in desk-break-coach-card/, imported by relative URL: the browser
 * loads them from the same versioned path as this file, with no build step.
 */

import { DeskBreakCoachCard } from "./desk-break-coach-card/card.js";
import { CARD_TYPE } from "./desk-break-coach-card/const.js";
import { entitySuggestion } from "./desk-break-coach-card/entities.js";
import { languageOf, translate } from "./desk-break-coach-card/localize.js";

// Home Assistant's frontend swaps window.customElements for a scoped registry
// while it boots. Loaded before the swap, a definition lands in a registry the
// frontend no longer reads; define again in the current one once it has booted.
function defineCard() {
  if (!customElements.get(CARD_TYPE)) {
    customElements.define("desk-break-coach-card", DeskBreakCoachCard);
  }
}
defineCard();
customElements.whenDefined("home-assistant").then(defineCard);
setTimeout(defineCard, 5000);

// The card picker: the card by name, and (Home Assistant 2026.10's "by entity"
// suggestions) this card for any entity of a profile.
window.customCards = window.customCards || [];
if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
  const lang = languageOf(undefined);
  window.customCards.push({
    type: CARD_TYPE,
    name: translate(lang, "card_name"),
    description: translate(lang, "card_description"),
    preview: true,
    documentationURL: "https://github.com/desk-break-coach/desk-break-coach#the-dashboard-card",
    getEntitySuggestion: (hass, entityId) => entitySuggestion(hass, entityId),
  });
}
