// The last 7 days: breaks done (a bar against the daily target), time at the
// desk, comfort and, where the profile has a daily standing target, time
// standing per day. Past days come from the recorder's long-term statistics
// (recorder/statistics_during_period, period "day": the change of
// breaks_today, sitting_today and standing_today, all total_increasing, and
// the mean of comfort); today comes from the live states. The statistics are fetched when
// the card first shows the week and again at most every few minutes, never on
// every state change. Days are the server's days (the recorder's), named in
// the viewer's language.

import { element, setAttr, setText } from "./dom.js";
import { formatMinutes, formatNumber, isKnown, toNumber } from "./format.js";

const DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
export const REFRESH_MS = 5 * 60 * 1000;

export const STYLE = `
  .week { margin: 16px -16px 0; padding: 12px 16px 0;
    border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.25)); }
  .week-head { display: flex; flex-wrap: wrap; align-items: baseline;
    justify-content: space-between; gap: 2px 12px; margin-bottom: 4px; }
  .week-title { font-size: 14px; font-weight: 500; }
  .week-legend { display: inline-flex; align-items: center; gap: 6px; font-size: 12px;
    color: var(--secondary-text-color); }
  .week table { width: 100%; border-collapse: collapse; font-size: 13px;
    font-variant-numeric: tabular-nums; }
  .week th, .week td { padding: 3px 0; text-align: start; font-weight: normal;
    white-space: nowrap; }
  .week thead th { font-size: 12px; color: var(--secondary-text-color); }
  .week .c-day { padding-inline-end: 8px; text-transform: capitalize; }
  .week .c-breaks { width: 100%; }
  .week .c-desk, .week .c-comfort, .week .c-stand { padding-inline-start: 12px; text-align: end; }
  .week.no-comfort .c-comfort, .week.no-stand .c-stand { display: none; }
  .week .c-stand.met { color: var(--success-color, var(--primary-color)); }
  /* A narrow card (a few grid columns) keeps breaks and desk time; a phone
     keeps standing before comfort. */
  .week { container-type: inline-size; }
  @container (max-width: 380px) { .week:not(.no-stand) .c-comfort { display: none; } }
  @container (max-width: 290px) { .week .c-comfort, .week .c-stand { display: none; } }
  .week tbody th { color: var(--secondary-text-color); }
  .week tr.today th, .week tr.today td { font-weight: 500; color: var(--primary-text-color); }
  .week tr.none .bar { opacity: 0.45; }
  .week .breaks { display: flex; align-items: center; gap: 8px; }
  .week .bar { position: relative; flex: 1 1 auto; min-width: 48px; height: 8px; border-radius: 4px;
    background: var(--divider-color, rgba(127, 127, 127, 0.25)); }
  .week .bar .fill { position: absolute; inset: 0 auto 0 0; border-radius: 4px;
    background: var(--primary-color); }
  .week .goal { position: absolute; top: -3px; bottom: -3px; width: 2px;
    margin-inline-start: -1px; border-radius: 1px; background: var(--secondary-text-color); }
  .week .week-legend .goal { position: static; display: inline-block; height: 12px;
    margin: 0; }
  .week .num { flex: none; min-width: 1.5em; text-align: end; }
  .vh { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
`;

// The calendar day (YYYY-MM-DD) of an instant in a time zone (undefined: the browser's).
const dayFormats = new Map();
export function dayKey(ms, timeZone) {
  if (!dayFormats.has(timeZone)) {
    const options = { year: "numeric", month: "2-digit", day: "2-digit" };
    let format;
    try {
      format = new Intl.DateTimeFormat("en-CA", { ...options, timeZone });
    } catch (err) {
      format = new Intl.DateTimeFormat("en-CA", options);
    }
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(dayFormats.get(timeZone).formatToParts(new Date(ms))
    .map(({ type, value }) => [type, value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// The last 7 days, oldest first: their key and their date as a UTC midnight (to name it).
export function lastDays(now, timeZone) {
  const [year, month, day] = dayKey(now, timeZone).split("-").map(Number);
  return Array.from({ length: DAYS }, (_, i) => {
    const utc = Date.UTC(year, month - 1, day - (DAYS - 1 - i));
    return { key: new Date(utc).toISOString().slice(0, 10), utc };
  });
}

const startMs = (row) => (typeof row.start === "number" ? row.start : Date.parse(row.start));

// Statistic rows by statistic id to { key: value } for one field.
function byDay(rows, field, timeZone) {
  const out = {};
  for (const row of rows || []) {
    const value = toNumber(row[field]);
    if (value !== undefined) out[dayKey(startMs(row), timeZone)] = value;
  }
  return out;
}

// The profile's daily statistics since `days` days ago, by day key (days of the
// server's zone): breaks and time at the desk (change), comfort (mean) and
// standing (change). Used by this view and the 4-week one; throws without a
// recorder.
export async function dailyStatistics(hass, ids, days, now) {
  const result = await hass.callWS({
    type: "recorder/statistics_during_period",
    start_time: new Date(now - days * DAY_MS).toISOString(),
    statistic_ids: [ids.breaks_today, ids.sitting_today, ids.comfort, ids.standing_today]
      .filter(Boolean),
    period: "day",
    types: ["change", "mean"],
    units: { duration: "min" },
  });
  const timeZone = (hass.config || {}).time_zone;
  return {
    breaks: byDay(result[ids.breaks_today], "change", timeZone),
    desk: byDay(result[ids.sitting_today], "change", timeZone),
    comfort: byDay(result[ids.comfort], "mean", timeZone),
    stand: byDay(result[ids.standing_today], "change", timeZone),
  };
}

export class WeekView {
  constructor(card) {
    this._card = card;
    this.root = element("section", "week", { hidden: "" });
    this.root.innerHTML = `<div class="week-head">
        <span class="week-title" id="week-title"></span>
        <span class="week-legend" hidden><span class="goal"></span><span></span></span>
      </div>
      <table aria-labelledby="week-title">
      <thead><tr><th class="c-day" scope="col"><span class="vh"></span></th>
        <th class="c-breaks" scope="col"></th><th class="c-desk" scope="col"></th>
        <th class="c-comfort" scope="col"></th><th class="c-stand" scope="col"></th></tr></thead>
      <tbody></tbody></table>`;
    const $ = (selector) => this.root.querySelector(selector);
    this._title = $(".week-title");
    this._legend = $(".week-legend");
    this._heads = [...this.root.querySelectorAll("thead th")];
    this._rows = Array.from({ length: DAYS }, () => {
      const fill = element("span", "fill");
      const goal = element("span", "goal", { hidden: "" });
      const bar = element("span", "bar", { "aria-hidden": "true" }, [fill, goal]);
      const num = element("span", "num");
      const cells = {
        day: element("th", "c-day", { scope: "row" }),
        breaks: element("td", "c-breaks", {}, [element("div", "breaks", {}, [bar, num])]),
        desk: element("td", "c-desk"),
        comfort: element("td", "c-comfort"),
        stand: element("td", "c-stand"),
      };
      const tr = element("tr", "", {}, Object.values(cells));
      $("tbody").append(tr);
      return { tr, fill, goal, num, ...cells };
    });
    this._stats = undefined; // { breaks, desk, comfort, stand }: { dayKey: value }
    this._loaded = { key: undefined, day: undefined, at: 0 };
    this._loading = false;
    this._view = undefined;
  }

  render(view) {
    this._view = view;
    this.root.hidden = !view.showWeek || this._failed === view.statKey;
    if (!view.showWeek) return;
    const now = Date.now();
    const timeZone = (view.hass.config || {}).time_zone;
    const today = dayKey(now, timeZone);
    const { key, day, at } = this._loaded;
    if (!this._loading && (key !== view.statKey || day !== today || now - at >= REFRESH_MS)) {
      this._load(view, today, now);
    }
    this._draw();
  }

  async _load(view, today, now) {
    const { hass, ids } = view;
    const statisticIds = [ids.breaks_today, ids.sitting_today, ids.comfort, ids.standing_today]
      .filter(Boolean);
    this._loaded = { key: view.statKey, day: today, at: now };
    if (!statisticIds.length) return;
    this._loading = true;
    try {
      // A day more than shown: the oldest day shown is complete (the partial one is left out).
      this._stats = await dailyStatistics(hass, ids, DAYS, now);
      this._failed = undefined;
    } catch (err) {
      // No recorder (or no statistics): no week to show. Tried again later.
      this._stats = undefined;
      this._failed = view.statKey;
    } finally {
      this._loading = false;
    }
    if (this._view) {
      this.root.hidden = !this._view.showWeek || this._failed === this._view.statKey;
      this._draw();
    }
  }

  // The days' values: the statistics for past days, the live states for today.
  _days(view) {
    const { hass, lang } = view;
    const stats = this._stats || { breaks: {}, desk: {}, comfort: {}, stand: {} };
    const days = lastDays(Date.now(), (hass.config || {}).time_zone);
    const live = (key) => {
      const stateObj = view.state(key);
      return isKnown(stateObj) ? toNumber(stateObj.state) : undefined;
    };
    return days.map(({ key, utc }, i) => {
      const isToday = i === days.length - 1;
      const breaks = isToday ? live("breaks_today") ?? stats.breaks[key] : stats.breaks[key];
      const desk = isToday ? live("sitting_today") ?? stats.desk[key] : stats.desk[key];
      const comfort = isToday ? live("comfort") ?? stats.comfort[key] : stats.comfort[key];
      const stand = isToday ? live("standing_today") ?? stats.stand[key] : stats.stand[key];
      const date = new Date(utc);
      const name = (options) => new Intl.DateTimeFormat(lang, { ...options, timeZone: "UTC" }).format(date);
      return {
        isToday, breaks, desk, comfort, stand,
        weekday: name({ weekday: "short" }), full: name({ weekday: "long", day: "numeric", month: "long" }),
      };
    });
  }

  _draw() {
    const view = this._view;
    if (!view || this.root.hidden) return;
    const { t, lang } = view;
    const days = this._days(view);
    setText(this._title, t("week_title"));
    const heads = ["week_day", "week_breaks", "week_desk", "week_comfort", "week_standing"];
    this._heads.forEach((th, i) => setText(i ? th : th.firstChild, t(heads[i])));
    const target = toNumber(view.attrs.daily_target);
    const scale = Math.max(1, target || 0, ...days.map((d) => d.breaks || 0));
    this._legend.hidden = !target;
    if (target) setText(this._legend.lastChild, t("week_target", { n: target }));
    const hasComfort = days.some((d) => d.comfort !== undefined);
    this.root.classList.toggle("no-comfort", !hasComfort);
    // Standing only with a daily standing target (standing_today's target_minutes).
    const standing = view.state("standing_today");
    const standTarget = isKnown(standing) ? toNumber(standing.attributes.target_minutes) : undefined;
    this.root.classList.toggle("no-stand", !standTarget);
    days.forEach((d, i) => {
      const row = this._rows[i];
      row.tr.classList.toggle("today", d.isToday);
      row.tr.classList.toggle("none", d.breaks === undefined && d.desk === undefined);
      if (d.isToday) setAttr(row.tr, "aria-current", "date");
      else row.tr.removeAttribute("aria-current");
      setText(row.day, d.weekday);
      setAttr(row.day, "title", d.full);
      const breaks = d.breaks === undefined ? undefined : Math.max(0, Math.round(d.breaks));
      row.fill.style.width = `${((breaks || 0) / scale) * 100}%`;
      row.goal.hidden = !target;
      if (target) row.goal.style.insetInlineStart = `${(target / scale) * 100}%`;
      setText(row.num, breaks === undefined ? "—" : String(breaks));
      setText(row.desk, d.desk === undefined ? "—" : formatMinutes(lang, d.desk));
      setText(row.comfort, d.comfort === undefined ? "—" : formatNumber(lang, d.comfort, 1));
      const stand = d.stand === undefined ? undefined : Math.max(0, d.stand);
      setText(row.stand, !standTarget || stand === undefined ? "—" : formatMinutes(lang, stand));
      row.stand.classList.toggle("met", Boolean(standTarget) && stand >= standTarget);
    });
  }
}
