/*
 * Desk Break Coach card: a profile's sitting time, today's breaks and the
 * guided neck routine, with the actions that fit the current status.
 * Plain custom element with shadow DOM; no build step, no imports.
 */

const DOMAIN = "desk_break_coach";
const CARD_TYPE = "desk-break-coach-card";

// Entity keys per platform (translation_key = key in the integration).
const ENTITY_KEYS = {
  sensor: ["status", "sitting_time", "sitting_today", "next_break", "breaks_today",
    "daily_progress", "current_exercise", "streak"],
  binary_sensor: ["break_due", "occupied"],
  button: ["start_break", "next_exercise", "finish_break", "snooze", "skip_break"],
  switch: ["reminders"],
  select: ["program"],
  number: ["sit_minutes", "daily_target"],
};
// Longest first, so an entity_id suffix match never picks a shorter key by mistake.
const SUFFIX_KEYS = Object.fromEntries(Object.entries(ENTITY_KEYS).map(
  ([domain, keys]) => [domain, [...keys].sort((a, b) => b.length - a.length)]));

const STATUS_LOOK = {
  away: ["mdi:account-off-outline", "var(--state-icon-color, var(--secondary-text-color))"],
  sitting: ["mdi:chair-rolling", "var(--primary-color)"],
  break_due: ["mdi:alarm", "var(--warning-color, #ffa600)"],
  snoozed: ["mdi:alarm-snooze", "var(--warning-color, #ffa600)"],
  on_break: ["mdi:human-handsup", "var(--success-color, #43a047)"],
  paused: ["mdi:pause-circle-outline", "var(--secondary-text-color)"],
  off_hours: ["mdi:briefcase-off-outline", "var(--secondary-text-color)"],
  resting: ["mdi:heart-pulse", "var(--error-color, #db4437)"],
  micro_break: ["mdi:eye-refresh-outline", "var(--success-color, #43a047)"],
  standing: ["mdi:human-male", "var(--primary-color)"],
};
const UNKNOWN_LOOK = ["mdi:help-circle-outline", "var(--disabled-text-color, var(--secondary-text-color))"];
const SITTING_STATUSES = ["sitting", "break_due", "snoozed", "micro_break"];

// Buttons in display order. Which of them fit right now is the coach's word: the
// status sensor's `available_commands` attribute.
const ACTIONS = [
  { id: "start_break", icon: "mdi:play", primary: true },
  { id: "next_exercise", icon: "mdi:skip-next", primary: true },
  { id: "finish_break", icon: "mdi:check" },
  { id: "snooze", icon: "mdi:alarm-snooze" },
  { id: "skip_break", icon: "mdi:close" },
  // The action's default reason is "unwell": "I feel worse".
  { id: "stop_routine", icon: "mdi:emoticon-sick-outline", warn: true },
  { id: "pause", icon: "mdi:pause" },
  { id: "resume", icon: "mdi:play-circle-outline", primary: true },
];

const STRINGS = {
  en: {
    card_name: "Desk Break Coach",
    card_description: "Sitting time, today's breaks and the guided neck routine of a profile.",
    profile: "Profile",
    pick_profile: "Choose a Desk Break Coach profile in the card settings.",
    profile_missing: "Desk Break Coach profile not found: {id}",
    sitting: "Sitting", today: "At the desk today", next_break: "Next break", streak: "Streak",
    routine: "Today's routine",
    routine_text: "{done} of {target} breaks, {pct}% of today's routine",
    step: "Step {step} of {total}",
    reps: { one: "{n} repetition", other: "{n} repetitions" },
    days: { one: "{n} day", other: "{n} days" },
    minutes: "{n} min", hours: "{h} h {m} min",
    in: "in {d}", now: "now",
    time_left: "Time left",
    note: "Coaching, not medical advice. Stop if anything hurts.",
    resting_note: "Exercises are off. Resume when you feel better.",
    paused_until: "Paused until {t}", paused_open: "Paused until you resume",
    failed: "Action failed: {msg}",
    start_break: "Start break", start_break_aria: "Start the break now",
    next_exercise: "Next", next_exercise_aria: "Go to the next exercise",
    finish_break: "Finish", finish_break_aria: "Finish the break now",
    snooze: "Snooze", snooze_left: "Snooze ({n} left)",
    snooze_aria: "Snooze the break", snooze_left_aria: "Snooze the break, {n} snoozes left",
    skip_break: "Skip", skip_break_aria: "Skip this break",
    stop_routine: "I feel worse", stop_routine_aria: "I feel worse: stop the exercises",
    pause: "Pause", pause_aria: "Pause reminders until resumed",
    resume: "Resume", resume_aria: "Resume reminders",
    routine_pick_aria: "Routine for this break",
    comfort_question: "How does your neck feel? 0 = bad, 10 = no discomfort",
    first_week_note: "Crackling in the first days is normal; it stops after a few days of practice.",
    micro_title: "Look away from the screen",
    micro_text: "Look at something far away and let your shoulders drop. It ends by itself.",
    status: { away: "Away", sitting: "Sitting", break_due: "Break due", snoozed: "Snoozed",
      on_break: "On break", paused: "Paused", off_hours: "Off hours", resting: "Resting",
      micro_break: "Micro-break", standing: "Standing",
      unavailable: "Unavailable", unknown: "Unknown" },
  },
  ru: {
    card_name: "Desk Break Coach",
    card_description: "Время за столом, перерывы за день и гимнастика для шеи по профилю.",
    profile: "Профиль",
    pick_profile: "Выберите профиль Desk Break Coach в настройках карточки.",
    profile_missing: "Профиль Desk Break Coach не найден: {id}",
    sitting: "Без перерыва", today: "За столом сегодня", next_break: "Следующий перерыв",
    streak: "Серия",
    routine: "Комплекс на сегодня",
    routine_text: "Перерывы: {done} из {target}, комплекс выполнен на {pct}%",
    step: "Шаг {step} из {total}",
    reps: { one: "{n} повторение", few: "{n} повторения", many: "{n} повторений",
      other: "{n} повторения" },
    days: { one: "{n} день", few: "{n} дня", many: "{n} дней", other: "{n} дня" },
    minutes: "{n} мин", hours: "{h} ч {m} мин",
    in: "через {d}", now: "сейчас",
    time_left: "Осталось",
    note: "Это подсказки, а не медицинская рекомендация. Остановитесь, если появится боль.",
    resting_note: "Упражнения остановлены. Продолжите, когда станет лучше.",
    paused_until: "Пауза до {t}", paused_open: "Пауза до возобновления",
    failed: "Не удалось выполнить действие: {msg}",
    start_break: "Начать перерыв", start_break_aria: "Начать перерыв сейчас",
    next_exercise: "Дальше", next_exercise_aria: "Перейти к следующему упражнению",
    finish_break: "Завершить", finish_break_aria: "Завершить перерыв сейчас",
    snooze: "Отложить", snooze_left: "Отложить (ещё {n})",
    snooze_aria: "Отложить перерыв", snooze_left_aria: "Отложить перерыв, осталось раз: {n}",
    skip_break: "Пропустить", skip_break_aria: "Пропустить этот перерыв",
    stop_routine: "Мне хуже", stop_routine_aria: "Мне хуже: остановить упражнения",
    pause: "Пауза", pause_aria: "Приостановить напоминания до возобновления",
    resume: "Продолжить", resume_aria: "Возобновить напоминания",
    routine_pick_aria: "Комплекс для этого перерыва",
    comfort_question: "Как чувствует себя шея? 0 — плохо, 10 — никакого дискомфорта",
    first_week_note: "Хруст в первые дни — это нормально; через несколько дней занятий он пройдёт.",
    micro_title: "Отведите взгляд от экрана",
    micro_text: "Посмотрите вдаль и опустите плечи. Микроперерыв закончится сам.",
    status: { away: "Нет на месте", sitting: "За столом", break_due: "Пора размяться",
      snoozed: "Отложено", on_break: "Перерыв", paused: "Пауза", off_hours: "Нерабочее время",
      resting: "Отдых", micro_break: "Микроперерыв", standing: "Стоя",
      unavailable: "Недоступно", unknown: "Неизвестно" },
  },
  de: {
    card_name: "Desk Break Coach",
    card_description: "Sitzzeit, die Pausen des Tages und das angeleitete Nackenprogramm eines Profils.",
    profile: "Profil",
    pick_profile: "Wähle in den Karteneinstellungen ein Desk-Break-Coach-Profil.",
    profile_missing: "Desk-Break-Coach-Profil nicht gefunden: {id}",
    sitting: "Sitzzeit", today: "Heute am Schreibtisch", next_break: "Nächste Pause",
    streak: "Serie",
    routine: "Heutiges Programm",
    routine_text: "{done} von {target} Pausen, {pct} % des heutigen Programms",
    step: "Schritt {step} von {total}",
    reps: { one: "{n} Wiederholung", other: "{n} Wiederholungen" },
    days: { one: "{n} Tag", other: "{n} Tage" },
    minutes: "{n} min", hours: "{h} h {m} min",
    in: "in {d}", now: "jetzt",
    time_left: "Restzeit",
    note: "Ein Trainingsbegleiter, keine ärztliche Beratung. Hör auf, wenn etwas wehtut.",
    resting_note: "Die Übungen sind aus. Setze sie fort, wenn es dir besser geht.",
    paused_until: "Pausiert bis {t}", paused_open: "Pausiert, bis du fortsetzt",
    failed: "Aktion fehlgeschlagen: {msg}",
    start_break: "Pause starten", start_break_aria: "Die Pause jetzt starten",
    next_exercise: "Weiter", next_exercise_aria: "Zur nächsten Übung",
    finish_break: "Beenden", finish_break_aria: "Die Pause jetzt beenden",
    snooze: "Verschieben", snooze_left: "Verschieben (noch {n})",
    snooze_aria: "Die Pause verschieben", snooze_left_aria: "Die Pause verschieben, noch {n}-mal möglich",
    skip_break: "Überspringen", skip_break_aria: "Diese Pause überspringen",
    stop_routine: "Mir geht es schlechter", stop_routine_aria: "Mir geht es schlechter: Übungen stoppen",
    pause: "Pausieren", pause_aria: "Erinnerungen pausieren, bis du fortsetzt",
    resume: "Fortsetzen", resume_aria: "Erinnerungen fortsetzen",
    routine_pick_aria: "Programm für diese Pause",
    comfort_question: "Wie geht es deinem Nacken? 0 = schlecht, 10 = keine Beschwerden",
    first_week_note: "Knacken in den ersten Tagen ist normal; nach ein paar Tagen Übung hört es auf.",
    micro_title: "Schau vom Bildschirm weg",
    micro_text: "Schau auf etwas in der Ferne und lass die Schultern sinken. Die Mikropause endet von selbst.",
    status: { away: "Abwesend", sitting: "Sitzt", break_due: "Pause fällig", snoozed: "Verschoben",
      on_break: "In der Pause", paused: "Pausiert", off_hours: "Außerhalb der Arbeitszeit",
      resting: "Schonung", micro_break: "Mikropause", standing: "Steht",
      unavailable: "Nicht verfügbar", unknown: "Unbekannt" },
  },
};

const languageOf = (hass) => (hass && ((hass.locale && hass.locale.language) || hass.language))
  || document.documentElement.lang || "en";

function dictFor(lang) {
  const base = String(lang || "en").toLowerCase().split(/[-_]/)[0];
  return STRINGS[base] || STRINGS.en;
}

function translate(lang, key, vars = {}) {
  let text = dictFor(lang)[key];
  if (text === undefined) text = STRINGS.en[key];
  if (typeof text === "object") {
    const rule = new Intl.PluralRules(lang).select(Number(vars.n));
    text = text[rule] || text.other;
  }
  return String(text).replace(/\{(\w+)\}/g, (match, name) => (name in vars ? vars[name] : match));
}

const toNumber = (value) => {
  if (value === null || value === undefined || value === "") return undefined;
  const num = Number(value);
  return Number.isFinite(num) ? num : undefined;
};

const toMs = (value) => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

const isKnown = (stateObj) => Boolean(stateObj)
  && !["unknown", "unavailable", ""].includes(stateObj.state);

function formatMinutes(lang, minutes) {
  const total = Math.max(0, Math.floor(minutes));
  if (total < 60) return translate(lang, "minutes", { n: total });
  return translate(lang, "hours", { h: Math.floor(total / 60), m: total % 60 });
}

function formatCountdown(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function formatTime(hass, ms) {
  const locale = (hass && hass.locale) || {};
  const options = { hour: "numeric", minute: "2-digit" };
  if (locale.time_format === "12") options.hour12 = true;
  if (locale.time_format === "24") options.hour12 = false;
  if (locale.time_zone === "server" && hass.config && hass.config.time_zone) {
    options.timeZone = hass.config.time_zone;
  }
  if (ms - Date.now() > 12 * 3600 * 1000) options.weekday = "short";
  const lang = locale.time_format === "system" ? undefined : languageOf(hass);
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(ms));
  } catch (err) {
    return new Date(ms).toLocaleTimeString();
  }
}

// Which contract key an entity registry display entry stands for.
function entityKey(entry) {
  const domain = entry.entity_id.split(".")[0];
  const keys = ENTITY_KEYS[domain];
  if (!keys) return undefined;
  if (entry.translation_key) {
    return keys.includes(entry.translation_key) ? entry.translation_key : undefined;
  }
  return SUFFIX_KEYS[domain].find((key) => entry.entity_id.endsWith(`_${key}`)
    || entry.entity_id === `${domain}.${key}`);
}

const ownEntries = (hass) => Object.values((hass && hass.entities) || {})
  .filter((entry) => entry.platform === DOMAIN);

function resolveProfile(hass, config) {
  let deviceId = config.device_id || undefined;
  if (!deviceId && config.entry_id) {
    const device = Object.values(hass.devices || {})
      .find((dev) => (dev.config_entries || []).includes(config.entry_id));
    deviceId = device ? device.id : undefined;
    if (!deviceId) {
      const status = ownEntries(hass).find((entry) => entityKey(entry) === "status"
        && ((hass.states[entry.entity_id] || {}).attributes || {}).config_entry_id === config.entry_id);
      deviceId = status ? status.device_id : undefined;
    }
  }
  const ids = {};
  if (deviceId) {
    for (const entry of Object.values(hass.entities || {})) {
      if (entry.device_id !== deviceId || (entry.platform && entry.platform !== DOMAIN)) continue;
      const key = entityKey(entry);
      if (key && !ids[key]) ids[key] = entry.entity_id;
    }
  }
  return { deviceId, ids };
}

const STYLE = `
  :host { display: block; }
  [hidden] { display: none !important; }
  ha-card { padding: 16px; box-sizing: border-box; height: 100%; overflow: hidden;
    color: var(--primary-text-color); }
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
  .exercise { margin-top: 16px; padding: 12px; border-radius: 12px;
    background: var(--secondary-background-color); }
  .ex-name { font-size: 18px; font-weight: 500; overflow-wrap: anywhere; }
  .ex-step, .ex-reps { font-size: 14px; color: var(--secondary-text-color); }
  .ex-row { display: flex; flex-wrap: wrap; align-items: baseline;
    justify-content: space-between; gap: 4px 12px; margin-top: 4px; }
  .countdown { font-size: 28px; font-weight: 500; font-variant-numeric: tabular-nums; }
  .instructions { margin: 8px 0 0; white-space: pre-line; overflow-wrap: anywhere;
    font-size: 14px; line-height: 1.45; }
  .note { margin: 12px 0 0; font-size: 13px; color: var(--secondary-text-color); }
  .note.disclaimer { color: var(--primary-text-color); }
  .comfort-q { margin: 8px 0 4px; }
  .levels { display: flex; flex-wrap: wrap; gap: 4px; }
  .levels button { min-width: 36px; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
  button { font: inherit; font-size: 14px; font-weight: 500; flex: 1 1 auto;
    display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 40px; max-width: 100%; padding: 6px 14px; border-radius: 20px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.4));
    background: transparent; color: var(--primary-color); cursor: pointer;
    white-space: normal; text-align: center; }
  button:hover { background: color-mix(in srgb, currentColor 8%, transparent); }
  button.primary { background: var(--primary-color); border-color: var(--primary-color);
    color: var(--text-primary-color, #fff); }
  button.warn { color: var(--error-color, #db4437); border-color: currentColor; }
  button:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
  button[aria-disabled="true"] { opacity: 0.5; cursor: progress; }
  button ha-icon { --mdc-icon-size: 20px; flex: none; }
  .routine-pick { font: inherit; font-size: 14px; flex: 1 1 auto; min-height: 40px;
    max-width: 100%; padding: 6px 12px; border-radius: 20px; cursor: pointer;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.4));
    background: var(--card-background-color, transparent);
    color: var(--primary-text-color); }
  .routine-pick:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
  .error { margin: 8px 0 0; font-size: 14px; color: var(--error-color, #db4437); }
  .error:empty { display: none; }
  .empty { margin: 0; color: var(--secondary-text-color); }
  @media (prefers-reduced-motion: reduce) { .ring .bar { transition: none; } }
`;

const RING_RADIUS = 27;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

const TEMPLATE = `
  <style>${STYLE}</style>
  <ha-card>
    <p class="empty" hidden></p>
    <div class="main">
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
      <section class="exercise" hidden>
        <div class="ex-live" aria-live="polite" aria-atomic="true">
          <div class="ex-name"></div><div class="ex-step"></div>
        </div>
        <div class="ex-row">
          <span class="ex-reps"></span>
          <span class="countdown" role="timer"></span>
        </div>
        <p class="instructions"></p>
      </section>
      <p class="note disclaimer" hidden></p>
      <p class="note info" hidden></p>
      <div class="comfort" hidden><p class="comfort-q"></p><div class="levels"></div></div>
      <div class="actions"></div>
      <p class="error" role="alert"></p>
    </div>
  </ha-card>
`;

function setText(el, text) {
  const value = text === undefined || text === null ? "" : String(text);
  if (el.textContent !== value) el.textContent = value;
}

function setAttr(el, name, value) {
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

class DeskBreakCoachCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._config = undefined;
    this._hass = undefined;
    this._profile = { deviceId: undefined, ids: {} };
    this._registryRefs = [];
    this._seen = [];
    this._lang = undefined;
    this._lastStatus = undefined;
    this._timer = undefined;
    this._ticking = {};
    this._built = false;
  }

  static getStubConfig(hass) {
    const status = ownEntries(hass).find((entry) => entityKey(entry) === "status" && entry.device_id);
    const any = ownEntries(hass).find((entry) => entry.device_id);
    return { device_id: (status || any || {}).device_id || "" };
  }

  static getConfigForm() {
    return {
      schema: [
        { name: "device_id", required: true,
          selector: { device: { filter: [{ integration: DOMAIN }] } } },
      ],
      computeLabel: (schema) => (schema.name === "device_id"
        ? translate(languageOf(undefined), "profile") : undefined),
    };
  }

  setConfig(config) {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    for (const key of ["device_id", "entry_id"]) {
      if (config[key] !== undefined && config[key] !== null && typeof config[key] !== "string") {
        throw new Error(`${key} must be a string`);
      }
    }
    this._config = { ...config };
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
    return status && status.state === "on_break" ? 9 : 5;
  }

  getGridOptions() {
    return { columns: 12, rows: "auto", min_columns: 6, min_rows: 4 };
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
    this.shadowRoot.innerHTML = TEMPLATE;
    const $ = (selector) => this.shadowRoot.querySelector(selector);
    this._els = {
      empty: $(".empty"), main: $(".main"), badge: $(".badge"), icon: $(".status-icon"),
      name: $(".name"), status: $(".status"), ring: $(".ring"), bar: $(".ring .bar"),
      done: $(".ring .done"), pct: $(".ring .pct"), exercise: $(".exercise"),
      exName: $(".ex-name"), exStep: $(".ex-step"), exReps: $(".ex-reps"),
      countdown: $(".countdown"), instructions: $(".instructions"),
      disclaimer: $(".disclaimer"), info: $(".note.info"), actions: $(".actions"),
      error: $(".error"), comfort: $(".comfort"), comfortQ: $(".comfort-q"),
    };
    // After a break, when the profile asks: how does the neck feel, 0 to 10.
    for (let level = 0; level <= 10; level += 1) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = String(level);
      button.addEventListener("click", () => this._logComfort(level));
      $(".levels").append(button);
    }
    this._stats = {};
    for (const el of this.shadowRoot.querySelectorAll(".stat")) {
      this._stats[el.dataset.stat] = { root: el, dt: el.querySelector("dt"), dd: el.querySelector("dd") };
    }
    this._stats.next_break.at = this.shadowRoot.querySelector(".at");
    this._stats.next_break.sub = this.shadowRoot.querySelector(".sub");
    // The person's own routines: a chooser next to "Start break" (empty: the profile's program).
    const pick = document.createElement("select");
    pick.className = "routine-pick";
    pick.hidden = true;
    pick.addEventListener("change", () => { this._chosen = pick.value; });
    this._els.actions.append(pick);
    this._els.pick = pick;
    this._pickOptions = "";
    this._chosen = "";
    this._buttons = {};
    for (const action of ACTIONS) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = action.primary ? "primary" : action.warn ? "warn" : "";
      button.dataset.action = action.id;
      const icon = document.createElement("ha-icon");
      icon.setAttribute("icon", action.icon);
      const label = document.createElement("span");
      button.append(icon, label);
      button.addEventListener("click", () => this._call(action));
      this._els.actions.append(button);
      this._buttons[action.id] = { button, label, action };
    }
    this._built = true;
  }

  _render() {
    if (!this._built) this._build();
    const els = this._els;
    const hass = this._hass;
    const status = this._state("status");
    const lang = this._lang;
    if (!this._profile.deviceId || !status) {
      const id = this._config.device_id || this._config.entry_id;
      setText(els.empty, id ? this._t("profile_missing", { id }) : this._t("pick_profile"));
      els.empty.hidden = false;
      els.main.hidden = true;
      this._ticking = {};
      this._scheduleTick();
      return;
    }
    els.empty.hidden = true;
    els.main.hidden = false;
    const attrs = status.attributes || {};
    const code = status.state;
    if (this._lastStatus !== code) setText(els.error, "");
    this._lastStatus = code;

    // Header: profile name, status with icon and colour.
    const device = (hass.devices || {})[this._profile.deviceId] || {};
    const name = device.name_by_user || device.name || attrs.friendly_name || "";
    setText(els.name, name);
    setAttr(els.name, "title", name);
    const [icon, color] = STATUS_LOOK[code] || UNKNOWN_LOOK;
    setAttr(els.icon, "icon", icon);
    els.badge.style.setProperty("--dbc-color", color);
    const statusText = hass.formatEntityState ? hass.formatEntityState(status)
      : (dictFor(lang).status[code] || code);
    setText(els.status, statusText);

    // Progress ring: today's routine.
    const done = toNumber((this._state("breaks_today") || {}).state) || 0;
    const target = toNumber(attrs.daily_target) ?? toNumber((this._state("daily_target") || {}).state);
    let pct = toNumber((this._state("daily_progress") || {}).state);
    if (pct === undefined) pct = target ? (done / target) * 100 : 0;
    pct = Math.round(Math.min(100, Math.max(0, pct)));
    setAttr(els.bar, "stroke-dashoffset", RING_LENGTH * (1 - pct / 100));
    setText(els.done, target ? `${done}/${target}` : String(done));
    setText(els.pct, `${pct}%`);
    setAttr(els.ring, "aria-valuenow", pct);
    setAttr(els.ring, "aria-label", this._t("routine"));
    setAttr(els.ring, "aria-valuetext", target
      ? this._t("routine_text", { done, target, pct }) : `${pct}%`);

    // Stats: sitting now (ticks), today, next break (ticks), streak.
    const sitting = this._state("sitting_time");
    const since = SITTING_STATUSES.includes(code) && sitting ? toMs(sitting.attributes.since) : undefined;
    const nextBreak = this._state("next_break");
    const nextMs = isKnown(nextBreak) ? toMs(nextBreak.state) : undefined;
    const today = this._state("sitting_today");
    const streak = this._state("streak");
    const stats = this._stats;
    stats.sitting.root.hidden = !sitting;
    stats.today.root.hidden = !isKnown(today);
    stats.next_break.root.hidden = nextMs === undefined;
    stats.streak.root.hidden = !isKnown(streak);
    setText(stats.sitting.dt, this._t("sitting"));
    setText(stats.today.dt, this._t("today"));
    setText(stats.next_break.dt, this._t("next_break"));
    setText(stats.streak.dt, this._t("streak"));
    this._sittingFallback = isKnown(sitting) && toNumber(sitting.state) !== undefined
      ? formatMinutes(lang, toNumber(sitting.state)) : "—";
    if (isKnown(today)) setText(stats.today.dd, formatMinutes(lang, toNumber(today.state) || 0));
    if (nextMs !== undefined) setText(stats.next_break.at, formatTime(hass, nextMs));
    if (isKnown(streak)) setText(stats.streak.dd, this._t("days", { n: toNumber(streak.state) || 0 }));

    // The current exercise.
    const exercise = this._state("current_exercise");
    const onBreak = code === "on_break";
    const showExercise = onBreak && isKnown(exercise);
    const ex = (exercise && exercise.attributes) || {};
    els.exercise.hidden = !showExercise;
    let endsAt;
    if (showExercise) {
      setText(els.exName, exercise.state);
      const step = toNumber(ex.step);
      const total = toNumber(ex.steps_total);
      setText(els.exStep, step !== undefined && total !== undefined
        ? this._t("step", { step, total }) : "");
      const reps = toNumber(ex.reps);
      setText(els.exReps, reps !== undefined ? this._t("reps", { n: reps }) : (ex.reps || ""));
      setText(els.instructions, ex.instructions || "");
      els.instructions.hidden = !ex.instructions;
      endsAt = toMs(ex.ends_at);
      const secondsLeft = toNumber(ex.seconds_left);
      if (endsAt === undefined && secondsLeft !== undefined) {
        endsAt = (toMs(exercise.last_updated) ?? Date.now()) + secondsLeft * 1000;
      }
      els.countdown.hidden = endsAt === undefined;
      setAttr(els.countdown, "aria-label", this._t("time_left"));
    } else if (code === "micro_break") {
      // A micro-break: what to do, and its countdown; it ends by itself.
      els.exercise.hidden = false;
      setText(els.exName, this._t("micro_title"));
      setText(els.exStep, "");
      setText(els.exReps, "");
      setText(els.instructions, this._t("micro_text"));
      els.instructions.hidden = false;
      endsAt = toMs(attrs.micro_break_ends_at);
      els.countdown.hidden = endsAt === undefined;
      setAttr(els.countdown, "aria-label", this._t("time_left"));
    }

    // Notes: the disclaimer during a break (and, the first week, the crackling
    // note of the documents), what a pause or rest means.
    els.disclaimer.hidden = !onBreak;
    setText(els.disclaimer, attrs.first_week
      ? `${this._t("note")} ${this._t("first_week_note")}` : this._t("note"));
    els.comfort.hidden = attrs.ask_comfort !== true;
    setText(els.comfortQ, this._t("comfort_question"));
    let info = "";
    if (code === "resting") info = this._t("resting_note");
    if (code === "paused") {
      const until = toMs(attrs.paused_until);
      info = until !== undefined ? this._t("paused_until", { t: formatTime(hass, until) })
        : this._t("paused_open");
    }
    els.info.hidden = !info;
    setText(els.info, info);

    this._renderActions(attrs, ex);
    this._ticking = { since, nextMs, endsAt };
    this._tick();
    this._scheduleTick();
  }

  _renderActions(attrs, ex) {
    const focused = this.shadowRoot.activeElement;
    const snoozesLeft = toNumber(attrs.snoozes_left);
    const step = toNumber(ex.step);
    const total = toNumber(ex.steps_total);
    const available = Array.isArray(attrs.available_commands) ? attrs.available_commands : [];
    for (const { button, label, action } of Object.values(this._buttons)) {
      let visible = available.includes(action.id);
      // On the last step "Next" would finish the break: "Finish" says so.
      if (action.id === "next_exercise" && step !== undefined && total !== undefined && step >= total) {
        visible = false;
      }
      button.hidden = !visible;
      let text = this._t(action.id);
      let aria = this._t(`${action.id}_aria`);
      if (action.id === "snooze" && snoozesLeft !== undefined) {
        text = this._t("snooze_left", { n: snoozesLeft });
        aria = this._t("snooze_left_aria", { n: snoozesLeft });
      }
      setText(label, text);
      setAttr(button, "aria-label", aria);
    }
    this._renderPick(available.includes("start_break"));
    const visible = Object.values(this._buttons).filter(({ button }) => !button.hidden);
    this._els.actions.hidden = !visible.length;
    // Keep keyboard focus inside the card when the pressed button goes away.
    if (focused && focused.hidden && visible.length) visible[0].button.focus();
  }

  // The routines the program select names (its `routines` attribute), besides the
  // profile's own program, which comes first. Names are the person's text: set as text.
  _renderPick(startable) {
    const pick = this._els.pick;
    const select = this._state("program");
    const routines = (select && select.attributes && select.attributes.routines) || {};
    const current = isKnown(select) ? select.state : "";
    const own = Object.entries(routines).filter(([id]) => id !== current);
    pick.hidden = !startable || !own.length;
    if (pick.hidden) {
      this._chosen = "";
      return;
    }
    const currentName = routines[current]
      || (this._hass.formatEntityState ? this._hass.formatEntityState(select) : current);
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
    setAttr(pick, "aria-label", this._t("routine_pick_aria"));
    setAttr(pick, "title", this._t("routine_pick_aria"));
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

  async _logComfort(level) {
    const entryId = this._entryId();
    if (!entryId || !this._hass) return;
    setText(this._els.error, "");
    try {
      await this._hass.callService(DOMAIN, "log_comfort", { config_entry_id: entryId, level });
    } catch (err) {
      setText(this._els.error, this._t("failed", { msg: (err && err.message) || String(err) }));
    }
  }

  async _call(action) {
    const entryId = this._entryId();
    const { button } = this._buttons[action.id];
    if (!entryId || !this._hass || button.getAttribute("aria-disabled") === "true") return;
    setText(this._els.error, "");
    button.setAttribute("aria-disabled", "true");
    const data = { config_entry_id: entryId };
    if (action.id === "start_break" && this._chosen && !this._els.pick.hidden) {
      data.program = this._chosen;
    }
    try {
      await this._hass.callService(DOMAIN, action.id, data);
      if (data.program) this._chosen = "";
    } catch (err) {
      setText(this._els.error, this._t("failed", { msg: (err && err.message) || String(err) }));
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  // Local clocks: sitting time and next break by the minute, the exercise countdown by the second.
  _tick() {
    if (!this._built) return;
    const { since, nextMs, endsAt } = this._ticking;
    const now = Date.now();
    const lang = this._lang;
    if (this._stats && !this._stats.sitting.root.hidden) {
      setText(this._stats.sitting.dd, since !== undefined
        ? formatMinutes(lang, (now - since) / 60000) : this._sittingFallback);
    }
    if (nextMs !== undefined) {
      const left = nextMs - now;
      setText(this._stats.next_break.sub, left <= 0 ? this._t("now")
        : this._t("in", { d: formatMinutes(lang, Math.ceil(left / 60000)) }));
    }
    if (endsAt !== undefined) setText(this._els.countdown, formatCountdown(endsAt - now));
  }

  _scheduleTick() {
    this._stopTimer();
    if (!this.isConnected) return;
    const { since, nextMs, endsAt } = this._ticking;
    if (endsAt !== undefined && endsAt > Date.now()) {
      this._timer = setInterval(() => this._tick(), 1000);
      return;
    }
    const now = Date.now();
    const waits = [];
    if (since !== undefined) waits.push(60000 - ((now - since) % 60000));
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

window.customCards = window.customCards || [];
if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
  const lang = languageOf(undefined);
  window.customCards.push({
    type: CARD_TYPE,
    name: translate(lang, "card_name"),
    description: translate(lang, "card_description"),
    preview: true,
  });
}
