// The break itself: the current exercise with its picture, step, repetitions,
// countdown and instructions; or a micro-break ("Look away from the screen")
// counting down to the status sensor's `micro_break_ends_at`. Below it the
// disclaimer (and, the first week, the note about crackling). A built-in
// exercise is named and explained in the viewer's language (catalogue.js) when
// the integration ships it; otherwise as the entity says, in the profile's.

import { exerciseText } from "./catalogue.js";
import { setAttr, setText } from "./dom.js";
import { formatCountdown, isKnown, toMs, toNumber } from "./format.js";
import { lookAwayPicture, pictureFor } from "./pictures.js";

const TEMPLATE = `
  <section class="exercise" hidden>
    <div class="ex-head">
      <div class="ex-pic" hidden></div>
      <div class="ex-live" aria-live="polite" aria-atomic="true">
        <div class="ex-name"></div><div class="ex-step"></div>
      </div>
    </div>
    <div class="ex-row">
      <span class="ex-reps"></span>
      <span class="countdown" role="timer"></span>
    </div>
    <p class="instructions"></p>
  </section>
  <p class="note disclaimer" hidden></p>
`;

export const STYLE = `
  .exercise { margin-top: 16px; padding: 12px; border-radius: 12px;
    background: var(--secondary-background-color); }
  .ex-head { display: flex; align-items: center; gap: 12px; min-width: 0; }
  .ex-live { flex: 1 1 auto; min-width: 0; }
  .ex-pic { flex: none; width: 56px; height: 56px; padding: 4px; box-sizing: border-box;
    border-radius: 12px; color: var(--primary-text-color);
    background: var(--card-background-color, var(--ha-card-background, transparent)); }
  .ex-pic svg { display: block; width: 100%; height: 100%; }
  .ex-pic .m { color: var(--primary-color); }
  .ex-pic .faint { opacity: 0.45; }
  .ex-name { font-size: 18px; font-weight: 500; overflow-wrap: anywhere; }
  .ex-step, .ex-reps { font-size: 14px; color: var(--secondary-text-color); }
  .ex-row { display: flex; flex-wrap: wrap; align-items: baseline;
    justify-content: space-between; gap: 4px 12px; margin-top: 4px; }
  .ex-row .countdown { margin-left: auto; }
  .countdown { font-size: 28px; font-weight: 500; font-variant-numeric: tabular-nums; }
  .instructions { margin: 8px 0 0; white-space: pre-line; overflow-wrap: anywhere;
    font-size: 14px; line-height: 1.45; }
`;

export class ExercisePanel {
  constructor() {
    this.root = document.createElement("div");
    this.root.className = "break";
    this.root.innerHTML = TEMPLATE;
    const $ = (selector) => this.root.querySelector(selector);
    this._els = {
      panel: $(".exercise"), pic: $(".ex-pic"), name: $(".ex-name"), step: $(".ex-step"),
      reps: $(".ex-reps"), countdown: $(".countdown"), instructions: $(".instructions"),
      disclaimer: $(".disclaimer"),
    };
    this._picture = undefined;
    // The countdown's end (ms), when one runs.
    this.endsAt = undefined;
    // The current step, for the buttons ("Next" is not offered on the last one).
    this.step = undefined;
    this.stepsTotal = undefined;
  }

  render(view) {
    const { t, attrs, code } = view;
    const els = this._els;
    const exercise = view.state("current_exercise");
    const onBreak = code === "on_break";
    const showExercise = onBreak && isKnown(exercise);
    const ex = (showExercise && exercise.attributes) || {};
    let endsAt;
    els.panel.hidden = !showExercise && code !== "micro_break";
    this.step = toNumber(ex.step);
    this.stepsTotal = toNumber(ex.steps_total);
    if (showExercise) {
      const local = exerciseText(view.catalogue, ex);
      const instructions = local ? local.instructions : ex.instructions || "";
      setText(els.name, local ? local.name : exercise.state);
      setText(els.step, this.step !== undefined && this.stepsTotal !== undefined
        ? t("step", { step: this.step, total: this.stepsTotal }) : "");
      const reps = toNumber(ex.reps);
      setText(els.reps, reps !== undefined ? t("reps", { n: reps }) : (ex.reps || ""));
      setText(els.instructions, instructions);
      els.instructions.hidden = !instructions;
      // A built-in exercise has a picture; a personal routine's steps do not.
      this._showPicture(ex.exercise_id, pictureFor(ex.exercise_id));
      endsAt = toMs(ex.ends_at);
      const secondsLeft = toNumber(ex.seconds_left);
      if (endsAt === undefined && secondsLeft !== undefined) {
        endsAt = (toMs(exercise.last_updated) ?? Date.now()) + secondsLeft * 1000;
      }
    } else if (code === "micro_break") {
      // A micro-break: what to do, and its countdown; it ends by itself.
      setText(els.name, t("micro_title"));
      setText(els.step, "");
      setText(els.reps, "");
      setText(els.instructions, t("micro_text"));
      els.instructions.hidden = false;
      this._showPicture("micro_break", lookAwayPicture());
      endsAt = toMs(attrs.micro_break_ends_at);
    }
    els.step.hidden = !els.step.textContent;
    els.reps.hidden = !els.reps.textContent;
    els.countdown.hidden = endsAt === undefined;
    setAttr(els.countdown, "aria-label", t("time_left"));
    this.endsAt = els.panel.hidden ? undefined : endsAt;

    // The disclaimer during a break; the first week, the crackling note of the documents.
    els.disclaimer.hidden = !onBreak;
    setText(els.disclaimer, attrs.first_week ? `${t("note")} ${t("first_week_note")}` : t("note"));
  }

  _showPicture(id, markup) {
    const pic = this._els.pic;
    pic.hidden = !markup;
    const key = markup ? id : undefined;
    if (key === this._picture) return;
    this._picture = key;
    // Our own constant drawings (pictures.js), never text from an entity.
    pic.innerHTML = markup || "";
    if (key) pic.dataset.picture = key;
    else delete pic.dataset.picture;
  }

  tick(now) {
    if (this.endsAt !== undefined) setText(this._els.countdown, formatCountdown(this.endsAt - now));
  }
}
