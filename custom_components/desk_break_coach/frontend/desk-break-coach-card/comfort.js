// After a finished break, when the profile asks (the status sensor's
// `ask_comfort`): how does the neck feel, from the lowest to the highest level
// `log_comfort` accepts (the integration's facts: 0 to 10). A level calls
// desk_break_coach.log_comfort; the question goes once the coach has it.

import { DOMAIN } from "./const.js";
import { element, setAttr, setText } from "./dom.js";
import { FACTS } from "./facts.js";

export const STYLE = `
  .comfort { margin-top: 16px; }
  .comfort-q { margin: 0 0 8px; font-size: 14px; }
  .levels { display: grid; grid-template-columns: repeat(var(--dbc-levels), minmax(0, 1fr));
    gap: 4px; }
  .levels button { min-width: 0; min-height: 40px; padding: 0; border-radius: 10px;
    font-variant-numeric: tabular-nums; }
  .levels button:first-child { color: var(--error-color, #db4437); }
  .levels button:last-child { color: var(--success-color, #43a047); }
`;

export class ComfortChoice {
  constructor(card) {
    this._card = card;
    const question = element("p", "comfort-q", { id: "comfort-q" });
    const levels = element("div", "levels", { role: "group", "aria-labelledby": "comfort-q" });
    const [low, high] = FACTS.comfort_levels || [];
    this._range = { min: low, max: high };
    levels.style.setProperty("--dbc-levels", String(Math.max(1, (high - low + 1) || 1)));
    for (let level = low; level <= high; level += 1) {
      const button = element("button", "", { type: "button", "data-level": String(level) },
        [String(level)]);
      button.addEventListener("click", () => this._log(level, button));
      levels.append(button);
    }
    this.root = element("div", "comfort", { hidden: "" }, [question, levels]);
    this._question = question;
  }

  render(view) {
    this.root.hidden = view.attrs.ask_comfort !== true || this._range.min === undefined;
    setText(this._question, view.t("comfort_question", this._range));
  }

  async _log(level, button) {
    if (button.getAttribute("aria-disabled") === "true") return;
    setAttr(button, "aria-disabled", "true");
    try {
      await this._card.callAction(DOMAIN, "log_comfort", { level });
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }
}
