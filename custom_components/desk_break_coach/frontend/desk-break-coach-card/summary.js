// The top of the card: the profile's name and status, the ring of today's
// routine, the sitting stats (the sitting time and next break tick locally),
// and what a pause or rest means.

import { SITTING_STATUSES, STATUS_COLORS, UNKNOWN_LOOK } from "./const.js";
import { setAttr, setText } from "./dom.js";
import { FACTS } from "./facts.js";
import { formatMinutes, formatTime, isKnown, toMs, toNumber } from "./format.js";
import { dictFor } from "./localize.js";

const RING_RADIUS = 27;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

const TEMPLATE = `
  <div class="top">
    <div class="badge"><ha-icon class="status-icon"></ha-icon></div>
    <div class="titles"><div class="name"></div><div class="status"></div></div>
    <div class="ring" role="progressbar" aria-valuemin="0" aria-valuemax="100">
      <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <circle class="track" cx="32" cy="32" r="${RING_RADIUS}"></circle>
        <circle class="bar" cx="32" cy="32" r="${RING_RADIUS}"
          stroke-dasharray="${RING_LENGTH}" stroke-dashoffset="${RING_LENGTH}"></circle>
      </svg>
      <div class="label" aria-hidden="true"><span class="done"></span><span class="pct"></span></div>
    </div>
  </div>
  <dl class="stats">
    <div class="stat" data-stat="sitting"><dt></dt><dd></dd></div>
    <div class="stat" data-stat="today"><dt></dt><dd></dd></div>
    <div class="stat" data-stat="next_break"><dt></dt><dd><span class="at"></span><span class="sub"></span></dd></div>
    <div class="stat" data-stat="streak"><dt></dt><dd></dd></div>
  </dl>
  <p class="note info" hidden></p>
`;

export const STYLE = `
  .top { display: flex; align-items: center; gap: 12px; min-width: 0; }
  .badge { flex: none; width: 40px; height: 40px; border-radius: 50%; display: flex;
    align-items: center; justify-content: center; color: var(--dbc-color);
    background: var(--secondary-background-color);
    background: color-mix(in srgb, var(--dbc-color) 18%, transparent); }
  .titles { flex: 1 1 auto; min-width: 0; }
  .name { font-size: 16px; font-weight: 500; overflow: hidden; text-overflow: ellipsis;
    white-space: nowrap; }
  .status { font-size: 14px; color: var(--secondary-text-color); overflow-wrap: anywhere; }
  .ring { flex: none; position: relative; width: 64px; height: 64px; }
  .ring svg { width: 100%; height: 100%; transform: rotate(-90deg); }
  .ring circle { fill: none; stroke-width: 6; }
  .ring .track { stroke: var(--divider-color, rgba(127, 127, 127, 0.25)); }
  .ring .bar { stroke: var(--primary-color); stroke-linecap: round;
    transition: stroke-dashoffset 0.4s ease; }
  .ring .label { position: absolute; inset: 0; display: flex; flex-direction: column;
    align-items: center; justify-content: center; line-height: 1.15; }
  .ring .done { font-size: 15px; font-weight: 500; }
  .ring .pct { font-size: 11px; color: var(--secondary-text-color); }
  .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
    gap: 8px 12px; margin: 16px 0 0; }
  .stat { min-width: 0; margin: 0; }
  .stat dt { font-size: 12px; color: var(--secondary-text-color); }
  .stat dd { margin: 0; font-size: 15px; font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere; }
  .stat .sub { display: block; font-size: 12px; color: var(--secondary-text-color); }
  @media (prefers-reduced-motion: reduce) { .ring .bar { transition: none; } }
`;

export class Summary {
  constructor() {
    this.root = document.createElement("div");
    this.root.className = "summary";
    this.root.innerHTML = TEMPLATE;
    const $ = (selector) => this.root.querySelector(selector);
    this._els = {
      badge: $(".badge"), icon: $(".status-icon"), name: $(".name"), status: $(".status"),
      ring: $(".ring"), bar: $(".ring .bar"), done: $(".ring .done"), pct: $(".ring .pct"),
      info: $(".note.info"),
    };
    this._stats = {};
    for (const el of this.root.querySelectorAll(".stat")) {
      this._stats[el.dataset.stat] = { root: el, dt: el.querySelector("dt"), dd: el.querySelector("dd") };
    }
    this._stats.next_break.at = $(".at");
    this._stats.next_break.sub = $(".sub");
    this._lang = undefined;
    this._t = undefined;
    this._fallback = "—";
    // The local clocks: sitting since, next break at (ms).
    this.clock = {};
  }

  render(view) {
    const { hass, lang, t, status, attrs, code } = view;
    const els = this._els;
    this._lang = lang;
    this._t = t;

    // Header: profile name, status with icon and colour.
    const device = (hass.devices || {})[view.deviceId] || {};
    const name = device.name_by_user || device.name || attrs.friendly_name || "";
    setText(els.name, name);
    setAttr(els.name, "title", name);
    const known = Object.hasOwn(STATUS_COLORS, code);
    const icon = (known && FACTS.status_icons[code]) || UNKNOWN_LOOK[0];
    const color = known ? STATUS_COLORS[code] : UNKNOWN_LOOK[1];
    setAttr(els.icon, "icon", icon);
    els.badge.style.setProperty("--dbc-color", color);
    setText(els.status, hass.formatEntityState ? hass.formatEntityState(status)
      : (dictFor(lang).status[code] || code));

    // Progress ring: today's routine.
    const done = toNumber((view.state("breaks_today") || {}).state) || 0;
    const target = toNumber(attrs.daily_target) ?? toNumber((view.state("daily_target") || {}).state);
    let pct = toNumber((view.state("daily_progress") || {}).state);
    if (pct === undefined) pct = target ? (done / target) * 100 : 0;
    pct = Math.round(Math.min(100, Math.max(0, pct)));
    setAttr(els.bar, "stroke-dashoffset", RING_LENGTH * (1 - pct / 100));
    // Past the target the ring says it is met, never "5/4".
    setText(els.done, target && done < target ? `${done}/${target}` : target ? `${done} ✓` : String(done));
    setText(els.pct, `${pct}%`);
    setAttr(els.ring, "aria-valuenow", pct);
    setAttr(els.ring, "aria-label", t("routine"));
    const routineText = done >= target ? t("routine_met", { n: done })
      : t("routine_text", { done, n: target, pct });
    setAttr(els.ring, "aria-valuetext", target ? routineText : `${pct}%`);

    // Stats: sitting now (ticks), today, next break (ticks), streak.
    const sitting = view.state("sitting_time");
    const since = SITTING_STATUSES.includes(code) && sitting ? toMs(sitting.attributes.since) : undefined;
    const nextBreak = view.state("next_break");
    const nextMs = isKnown(nextBreak) ? toMs(nextBreak.state) : undefined;
    const today = view.state("sitting_today");
    const streak = view.state("streak");
    const stats = this._stats;
    stats.sitting.root.hidden = !sitting;
    stats.today.root.hidden = !isKnown(today);
    stats.next_break.root.hidden = nextMs === undefined;
    stats.streak.root.hidden = !isKnown(streak);
    setText(stats.sitting.dt, t("sitting"));
    setText(stats.today.dt, t("today"));
    setText(stats.next_break.dt, t("next_break"));
    setText(stats.streak.dt, t("streak"));
    this._fallback = isKnown(sitting) && toNumber(sitting.state) !== undefined
      ? formatMinutes(lang, toNumber(sitting.state)) : "—";
    if (isKnown(today)) setText(stats.today.dd, formatMinutes(lang, toNumber(today.state) || 0));
    if (nextMs !== undefined) setText(stats.next_break.at, formatTime(hass, nextMs));
    if (isKnown(streak)) setText(stats.streak.dd, t("days", { n: toNumber(streak.state) || 0 }));

    // What a pause or rest means.
    let info = "";
    if (code === "resting") info = t("resting_note");
    if (code === "paused") {
      const until = toMs(attrs.paused_until);
      info = until !== undefined ? t("paused_until", { t: formatTime(hass, until) }) : t("paused_open");
    }
    els.info.hidden = !info;
    setText(els.info, info);
    this.clock = { since, nextMs };
  }

  tick(now) {
    const { since, nextMs } = this.clock;
    const stats = this._stats;
    if (!stats.sitting.root.hidden) {
      setText(stats.sitting.dd, since !== undefined
        ? formatMinutes(this._lang, (now - since) / 60000) : this._fallback);
    }
    if (nextMs !== undefined) {
      const left = nextMs - now;
      setText(stats.next_break.sub, left <= 0 ? this._t("now")
        : this._t("in", { d: formatMinutes(this._lang, Math.ceil(left / 60000)) }));
    }
  }
}
