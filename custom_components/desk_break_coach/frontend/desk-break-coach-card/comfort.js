// After a finished break, when the profile asks (the status sensor's
// `ask_comfort`): how does the neck feel, 0 to 10. A level calls
// desk_break_coach.log_comfort; the question goes once the coach has it.

import { DOMAIN } from "./const.js";
import { element, setAttr, setText } from "./dom.js";

export const STYLE = `
  .comfort { margin-top: 16px; }
  .comfort-q { margin: 0 0 8px; font-size: 14px; }
  .levels { display: grid; grid-template-columns: repeat(11, minmax(0, 1fr)); gap: 4px; }
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
    for (let level = 0; level <= 10; level += 1) {
      const button = element("button", "", { type: "button", "data-level": String(level) },
        [String(level)]);
      button.addEventListener("click", () => this._log(level, button));
      levels.append(button);
    }
    this.root = element("div", "comfort", { hidden: "" }, [question, levels]);
    this._question = question;
  }

  render(view) {
    this.root.hidden = view.attrs.ask_comfort !== true;
    setText(this._question, view.t("comfort_question"));
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
