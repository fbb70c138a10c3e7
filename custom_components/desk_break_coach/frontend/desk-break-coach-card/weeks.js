// The last 4 weeks, beside the 7-day view: per week the breaks done against the
// target (the daily target on each day at the desk), time at the desk and mean
// comfort, from the recorder's daily statistics (the same as week.js, 28 days);
// the current week includes today's live states. Below, once the comfort log has
// enough days, the outcome in one plain sentence, from the adherence sensor
// ("Comfort 4.1 → 6.8 over 8 weeks; 86 % of breaks done").

import { element, setText } from "./dom.js";
import { formatMinutes, formatNumber, isKnown, toNumber } from "./format.js";
import { REFRESH_MS, dailyStatistics, lastDays } from "./week.js";

const WEEKS = 4;
const DAYS = WEEKS * 7;
const DAY_MS = 24 * 3600 * 1000;

export const STYLE = `
  .weeks .outcome { margin: 8px 0 0; font-size: 13px; }
`;


export class WeeksView {
  constructor(card) {
    this._card = card;
    this.root = element("section", "week weeks", { hidden: "" });
    this.root.innerHTML = `<div class="week-head"><span class="week-title" id="weeks-title"></span></div>
      <table aria-labelledby="weeks-title">
      <thead><tr><th class="c-day" scope="col"></th><th class="c-breaks" scope="col"></th>
        <th class="c-desk" scope="col"></th><th class="c-comfort" scope="col"></th></tr></thead>
      <tbody></tbody></table><p class="outcome" hidden></p>`;
    const $ = (selector) => this.root.querySelector(selector);
    this._title = $(".week-title");
    this._heads = [...this.root.querySelectorAll("thead th")];
    this._outcome = $(".outcome");
    this._rows = Array.from({ length: WEEKS }, () => {
      const fill = element("span", "fill");
      const bar = element("span", "bar", { "aria-hidden": "true" }, [fill]);
      const num = element("span", "num");
      const cells = {
        week: element("th", "c-day", { scope: "row" }),
        breaks: element("td", "c-breaks", {}, [element("div", "breaks", {}, [bar, num])]),
        desk: element("td", "c-desk"),
        comfort: element("td", "c-comfort"),
      };
      const tr = element("tr", "", {}, Object.values(cells));
      $("tbody").append(tr);
      return { tr, fill, num, ...cells };
    });
    this._stats = undefined;
    this._loaded = { key: undefined, at: 0 };
    this._loading = false;
    this._view = undefined;
  }

  render(view) {
    this._view = view;
    this.root.hidden = !view.showWeek || this._failed === view.statKey;
    if (!view.showWeek) return;
    const now = Date.now();
    if (!this._loading && (this._loaded.key !== view.statKey || now - this._loaded.at >= REFRESH_MS)) {
      this._load(view, now);
    }
    this._draw();
  }

  async _load(view, now) {
    const { hass, ids } = view;
    const statisticIds = [ids.breaks_today, ids.sitting_today, ids.comfort].filter(Boolean);
    this._loaded = { key: view.statKey, at: now };
    if (!statisticIds.length) return;
    this._loading = true;
    try {
      this._stats = await dailyStatistics(hass, ids, DAYS, now);
      this._failed = undefined;
    } catch (err) {
      this._stats = undefined;
      this._failed = view.statKey;
    } finally {
      this._loading = false;
    }
    if (this._view) this.render(this._view);
  }

  // Four weeks of seven days, oldest first; each with its sums and means.
  _weeks(view) {
    const stats = this._stats || { breaks: {}, desk: {}, comfort: {} };
    const timeZone = (view.hass.config || {}).time_zone;
    const days = [];
    // lastDays gives 7; ask four times, a week apart.
    for (let w = WEEKS - 1; w >= 0; w -= 1) days.push(...lastDays(Date.now() - w * 7 * DAY_MS, timeZone));
    const live = (key) => {
      const stateObj = view.state(key);
      return isKnown(stateObj) ? toNumber(stateObj.state) : undefined;
    };
    const target = toNumber(view.attrs.daily_target) || 0;
    return Array.from({ length: WEEKS }, (_, w) => {
      const week = days.slice(w * 7, w * 7 + 7);
      let breaks = 0, desk = 0, atDesk = 0, known = false;
      const comforts = [];
      week.forEach(({ key }, i) => {
        const isToday = w === WEEKS - 1 && i === 6;
        const b = isToday ? live("breaks_today") ?? stats.breaks[key] : stats.breaks[key];
        const d = isToday ? live("sitting_today") ?? stats.desk[key] : stats.desk[key];
        const c = isToday ? live("comfort") ?? stats.comfort[key] : stats.comfort[key];
        if (b !== undefined || d !== undefined) known = true;
        breaks += Math.max(0, Math.round(b || 0));
        desk += d || 0;
        if ((d || 0) > 0 || (b || 0) > 0) atDesk += 1;
        if (c !== undefined) comforts.push(c);
      });
      const comfort = comforts.length ? comforts.reduce((a, b) => a + b, 0) / comforts.length : undefined;
      return { first: week[0].utc, known, breaks, desk, comfort, target: target * atDesk };
    });
  }

  _draw() {
    const view = this._view;
    if (!view || this.root.hidden) return;
    const { t, lang } = view;
    setText(this._title, t("weeks_title"));
    ["weeks_week", "week_breaks", "week_desk", "week_comfort"]
      .forEach((key, i) => setText(this._heads[i], t(key)));
    const weeks = this._weeks(view);
    const name = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", timeZone: "UTC" });
    this.root.classList.toggle("no-comfort", !weeks.some((w) => w.comfort !== undefined));
    weeks.forEach((w, i) => {
      const row = this._rows[i];
      row.tr.classList.toggle("today", i === WEEKS - 1);
      row.tr.classList.toggle("none", !w.known);
      setText(row.week, name.format(new Date(w.first)));
      const share = w.target ? Math.min(1, w.breaks / w.target) : 0;
      row.fill.style.width = `${share * 100}%`;
      setText(row.num, w.known ? (w.target ? `${w.breaks}/${w.target}` : String(w.breaks)) : "—");
      setText(row.desk, w.known ? formatMinutes(lang, w.desk) : "—");
      setText(row.comfort, w.comfort === undefined ? "—" : formatNumber(lang, w.comfort, 1));
    });
    const adherence = view.state("adherence");
    const attrs = (adherence && adherence.attributes) || {};
    const ready = attrs.change !== null && attrs.change !== undefined && isKnown(adherence);
    this._outcome.hidden = !ready;
    if (ready) {
      setText(this._outcome, t("weeks_outcome", {
        from: formatNumber(lang, attrs.baseline, 1),
        to: formatNumber(lang, attrs.recent, 1),
        weeks: Math.max(1, Math.round((attrs.days_logged || 0) / 7)),
        pct: adherence.state,
      }));
    }
  }
}
