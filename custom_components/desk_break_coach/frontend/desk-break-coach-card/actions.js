// The buttons that fit the current status, in display order. Which of them fit
// right now is the coach's word: the status sensor's `available_commands`. Next
// to "Start break", a chooser of the person's own routines.

import { programName } from "./catalogue.js";
import { DOMAIN } from "./const.js";
import { element, setAttr, setText } from "./dom.js";
import { FACTS } from "./facts.js";
import { isKnown, toNumber } from "./format.js";

// Each button is the integration's action of that name, with its icon.
export const ACTIONS = [
  { id: "start_break", primary: true },
  { id: "next_exercise", primary: true },
  { id: "finish_break" },
  { id: "snooze" },
  { id: "skip_break" },
  // The action's default reason is "unwell": "I feel worse".
  { id: "stop_routine", warn: true },
  { id: "pause" },
  { id: "resume", primary: true },
];

export const STYLE = `
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
  .routine-pick { font: inherit; font-size: 14px; flex: 1 1 auto; min-height: 40px;
    max-width: 100%; padding: 6px 12px; border-radius: 20px; cursor: pointer;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.4));
    background: var(--card-background-color, transparent);
    color: var(--primary-text-color); }
`;

export class ActionBar {
  constructor(card) {
    this._card = card;
    this.root = element("div", "actions");
    // The person's own routines (empty value: the profile's program).
    this._pick = element("select", "routine-pick", { hidden: "" });
    this._pick.addEventListener("change", () => { this._chosen = this._pick.value; });
    this.root.append(this._pick);
    this._pickOptions = "";
    this._chosen = "";
    this._buttons = {};
    for (const action of ACTIONS) {
      const icon = element("ha-icon", "", { icon: FACTS.command_icons[action.id] || "" });
      const label = element("span");
      const button = element("button", action.primary ? "primary" : action.warn ? "warn" : "",
        { type: "button", "data-action": action.id }, [icon, label]);
      button.addEventListener("click", () => this._press(action.id));
      this.root.append(button);
      this._buttons[action.id] = { button, label };
    }
  }

  // `step` and `total`: the break's current step, when on one.
  render(view, step, total) {
    const { t, attrs } = view;
    const focused = this._card.shadowRoot.activeElement;
    const snoozesLeft = toNumber(attrs.snoozes_left);
    const available = Array.isArray(attrs.available_commands) ? attrs.available_commands : [];
    for (const [id, { button, label }] of Object.entries(this._buttons)) {
      let visible = available.includes(id);
      // On the last step "Next" would finish the break: "Finish" says so.
      if (id === "next_exercise" && step !== undefined && total !== undefined && step >= total) {
        visible = false;
      }
      button.hidden = !visible;
      let text = t(id);
      let aria = t(`${id}_aria`);
      if (id === "snooze" && snoozesLeft !== undefined) {
        text = t("snooze_left", { n: snoozesLeft });
        aria = t("snooze_left_aria", { n: snoozesLeft });
      }
      setText(label, text);
      setAttr(button, "aria-label", aria);
    }
    this._renderPick(view, available.includes("start_break"));
    const visible = Object.values(this._buttons).filter(({ button }) => !button.hidden);
    this.root.hidden = !visible.length;
    // Keep keyboard focus inside the card when the pressed button goes away.
    if (focused && focused.hidden && visible.length) visible[0].button.focus();
  }

  // The routines the program select names (its `routines` attribute), besides the
  // profile's own program, which comes first (a built-in one named in the viewer's
  // language). Names are the person's text: set as text.
  _renderPick(view, startable) {
    const pick = this._pick;
    const select = view.state("program");
    const routines = (select && select.attributes && select.attributes.routines) || {};
    const current = isKnown(select) ? select.state : "";
    const own = Object.entries(routines).filter(([id]) => id !== current);
    pick.hidden = !startable || !own.length;
    if (pick.hidden) {
      this._chosen = "";
      return;
    }
    const currentName = routines[current] || programName(view.catalogue, current)
      || (view.hass.formatEntityState ? view.hass.formatEntityState(select) : current);
    const choices = [["", currentName], ...own];
    const key = JSON.stringify(choices);
    if (key !== this._pickOptions) {
      this._pickOptions = key;
      pick.replaceChildren(...choices.map(([value, label]) => {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = label;
        return option;
      }));
    }
    if (!choices.some(([value]) => value === this._chosen)) this._chosen = "";
    if (pick.value !== this._chosen) pick.value = this._chosen;
    setAttr(pick, "aria-label", view.t("routine_pick_aria"));
    setAttr(pick, "title", view.t("routine_pick_aria"));
  }

  async _press(id) {
    const { button } = this._buttons[id];
    if (button.getAttribute("aria-disabled") === "true") return;
    const data = {};
    if (id === "start_break" && this._chosen && !this._pick.hidden) data.program = this._chosen;
    button.setAttribute("aria-disabled", "true");
    try {
      if (await this._card.callAction(DOMAIN, id, data) && data.program) this._chosen = "";
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }
}
