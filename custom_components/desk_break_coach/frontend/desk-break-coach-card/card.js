// The Desk Break Coach card: a profile's sitting time, today's breaks and the
// guided neck routine, with the actions that fit the current status, and the
// last 7 days. A plain custom element with shadow DOM; each part of it
// (summary.js, exercise.js, comfort.js, actions.js, week.js) owns its markup.

import { ActionBar, STYLE as ACTIONS_STYLE } from "./actions.js";
import { catalogueFor } from "./catalogue.js";
import { ComfortChoice, STYLE as COMFORT_STYLE } from "./comfort.js";
import { checkConfig, configForm, showsWeek, stubConfig } from "./editor.js";
import { resolveProfile } from "./entities.js";
import { ExercisePanel, STYLE as EXERCISE_STYLE } from "./exercise.js";
import { element, setText } from "./dom.js";
import { languageOf, translate } from "./localize.js";
import { SHARED_STYLE } from "./styles.js";
import { STYLE as SUMMARY_STYLE, Summary } from "./summary.js";
import { WeekView, STYLE as WEEK_STYLE } from "./week.js";
import { WeeksView, STYLE as WEEKS_STYLE } from "./weeks.js";

const STYLE = [SHARED_STYLE, SUMMARY_STYLE, EXERCISE_STYLE, COMFORT_STYLE, ACTIONS_STYLE,
  WEEK_STYLE, WEEKS_STYLE].join("");

export class DeskBreakCoachCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._config = undefined;
    this._hass = undefined;
    this._profile = { deviceId: undefined, ids: {} };
    this._registryRefs = [];
    this._seen = [];
    this._lang = undefined;
    // The fetch of the viewer's catalogue this card waits for, to render again.
    this._awaiting = undefined;
    this._lastStatus = undefined;
    this._timer = undefined;
    this._built = false;
  }

  static getStubConfig(hass) {
    return stubConfig(hass);
  }

  static getConfigForm() {
    return configForm();
  }

  setConfig(config) {
    this._config = checkConfig(config);
    this._registryRefs = [];
    this._update(true);
  }

  set hass(hass) {
    this._hass = hass;
    this._update(false);
  }

  get hass() {
    return this._hass;
  }

  connectedCallback() {
    this._update(true);
  }

  disconnectedCallback() {
    this._stopTimer();
  }

  getCardSize() {
    const status = this._state("status");
    const size = status && status.state === "on_break" ? 9 : 5;
    return size + (this._config && showsWeek(this._config) ? 7 : 0);
  }

  getGridOptions() {
    return { columns: 12, rows: "auto", min_columns: 6, min_rows: 4 };
  }

  // Calls an action of the profile; shows why if it fails. True when it worked.
  async callAction(domain, service, data = {}) {
    const entryId = this._entryId();
    if (!entryId || !this._hass) return false;
    setText(this._error, "");
    try {
      await this._hass.callService(domain, service, { config_entry_id: entryId, ...data });
      return true;
    } catch (err) {
      setText(this._error, this._t("failed", { msg: (err && err.message) || String(err) }));
      return false;
    }
  }

  _state(key) {
    const id = this._profile.ids[key];
    return id && this._hass ? this._hass.states[id] : undefined;
  }

  _t(key, vars) {
    return translate(this._lang, key, vars);
  }

  _update(force) {
    const hass = this._hass;
    if (!hass || !this._config) return;
    const refs = [hass.entities, hass.devices];
    if (force || refs.some((ref, i) => ref !== this._registryRefs[i])) {
      this._registryRefs = refs;
      this._profile = resolveProfile(hass, this._config);
      force = true;
    }
    const seen = Object.values(this._profile.ids).map((id) => hass.states[id]);
    const lang = languageOf(hass);
    if (!force && lang === this._lang && seen.length === this._seen.length
      && seen.every((stateObj, i) => stateObj === this._seen[i])) return;
    this._seen = seen;
    this._lang = lang;
    this._render();
  }

  _build() {
    this._summary = new Summary();
    this._exercise = new ExercisePanel();
    this._comfort = new ComfortChoice(this);
    this._actions = new ActionBar(this);
    this._week = new WeekView(this);
    this._weeks = new WeeksView(this);
    this._error = element("p", "error", { role: "alert" });
    this._empty = element("p", "empty", { hidden: "" });
    this._main = element("div", "main", {}, [this._summary.root, this._exercise.root,
      this._comfort.root, this._actions.root, this._error, this._week.root, this._weeks.root]);
    const style = element("style", "", {}, [STYLE]);
    this.shadowRoot.replaceChildren(style, element("ha-card", "", {}, [this._empty, this._main]));
    this._built = true;
  }

  _render() {
    if (!this._built) this._build();
    const status = this._state("status");
    if (!this._profile.deviceId || !status) {
      const id = this._config.device_id || this._config.entry_id;
      setText(this._empty, id ? this._t("profile_missing", { id }) : this._t("pick_profile"));
      this._empty.hidden = false;
      this._main.hidden = true;
      this._stopTimer();
      return;
    }
    this._empty.hidden = true;
    this._main.hidden = false;
    const code = status.state;
    if (this._lastStatus !== code) setText(this._error, "");
    this._lastStatus = code;
    const { ids } = this._profile;
    const view = {
      hass: this._hass,
      lang: this._lang,
      catalogue: this._catalogue(),
      t: (key, vars) => this._t(key, vars),
      config: this._config,
      deviceId: this._profile.deviceId,
      ids,
      state: (key) => this._state(key),
      status,
      attrs: status.attributes || {},
      code,
      showWeek: showsWeek(this._config),
      statKey: [ids.breaks_today, ids.sitting_today, ids.comfort, ids.standing_today].join(" "),
    };
    this._summary.render(view);
    this._exercise.render(view);
    this._comfort.render(view);
    this._actions.render(view, this._exercise.step, this._exercise.stepsTotal);
    this._week.render(view);
    this._weeks.render(view);
    this._tick();
    this._scheduleTick();
  }

  // The built-in exercises in the viewer's language, once fetched; the first
  // render asks for them and shows the entities' text until they arrive.
  _catalogue() {
    const { catalogue, promise } = catalogueFor(this._lang);
    if (catalogue === undefined && promise && this._awaiting !== promise) {
      this._awaiting = promise;
      promise.then(() => {
        if (this._awaiting !== promise) return;
        this._awaiting = undefined;
        if (this._built && this._hass && this._config) this._render();
      });
    }
    return catalogue || undefined;
  }

  _entryId() {
    const status = this._state("status");
    const fromStatus = status && status.attributes && status.attributes.config_entry_id;
    if (fromStatus) return fromStatus;
    if (this._config.entry_id) return this._config.entry_id;
    const device = ((this._hass && this._hass.devices) || {})[this._profile.deviceId];
    if (!device) return undefined;
    return device.primary_config_entry || (device.config_entries || [])[0];
  }

  // Local clocks: sitting time, today's time and next break by the minute, a countdown by the second.
  _tick() {
    if (!this._built || this._main.hidden) return;
    const now = Date.now();
    this._summary.tick(now);
    this._exercise.tick(now);
  }

  _scheduleTick() {
    this._stopTimer();
    if (!this.isConnected || !this._built || this._main.hidden) return;
    const { since, nextMs, today, standing } = this._summary.clock;
    const { endsAt } = this._exercise;
    const now = Date.now();
    if (endsAt !== undefined && endsAt > now) {
      this._timer = setInterval(() => this._tick(), 1000);
      return;
    }
    const waits = [];
    if (since !== undefined) waits.push(60000 - ((now - since) % 60000));
    if (today && today.counting) waits.push(60000 - ((now - today.at) % 60000));
    if (standing && standing.counting) waits.push(60000 - ((now - standing.at) % 60000));
    if (nextMs !== undefined && nextMs > now) waits.push((nextMs - now) % 60000 || 60000);
    if (!waits.length) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      this._tick();
      this._scheduleTick();
    }, Math.max(250, Math.min(...waits) + 20));
  }

  _stopTimer() {
    if (this._timer !== undefined) {
      clearInterval(this._timer);
      clearTimeout(this._timer);
      this._timer = undefined;
    }
  }
}
