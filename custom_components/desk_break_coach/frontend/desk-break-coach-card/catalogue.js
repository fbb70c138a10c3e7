// The built-in exercises in the viewer's language. The integration serves its
// catalogues (routines/<lang>.json) beside the card, under the same versioned
// path, so a new release is a new URL. The card fetches the one catalogue of the
// viewer's language once per page, when it first renders; until it arrives (or
// when it cannot), and for a person's own routines, the card shows the entity's
// own text, in the profile's language.

import { shippedLanguage } from "./localize.js";

// A person's own routine: its program id, and its text is shown as written.
const CUSTOM_PREFIX = "custom_";
// After a failed fetch, a later render may try again this much later.
const RETRY_MS = 60000;

// By language: { catalogue, promise }; catalogue is undefined while loading,
// null when it could not be loaded.
const LOADED = new Map();
const WARNED = new Set();

function fetchCatalogue(base) {
  const entry = { catalogue: undefined, promise: undefined };
  const url = new URL(`../routines/${base}.json`, import.meta.url);
  entry.promise = fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((data) => {
      if (!data || typeof data.programs !== "object" || !data.programs) {
        throw new Error("not a catalogue");
      }
      entry.catalogue = data;
    })
    .catch((err) => {
      entry.catalogue = null;
      if (!WARNED.has(base)) {
        WARNED.add(base);
        console.warn(`Desk Break Coach: exercise texts (${base}) not loaded: ${err.message || err}`);
      }
      setTimeout(() => { if (LOADED.get(base) === entry) LOADED.delete(base); }, RETRY_MS);
    });
  return entry;
}

// The catalogue of the viewer's language: { catalogue, promise }. `catalogue` is
// the loaded catalogue (undefined while it loads, or when none is shipped, null
// when it failed); `promise` settles when the fetch is over. Never waits.
export function catalogueFor(lang) {
  const base = shippedLanguage(lang);
  if (!base) return { catalogue: undefined, promise: undefined };
  if (!LOADED.has(base)) LOADED.set(base, fetchCatalogue(base));
  return LOADED.get(base);
}

function builtInProgram(catalogue, programId) {
  if (!catalogue || typeof programId !== "string" || programId.startsWith(CUSTOM_PREFIX)) {
    return undefined;
  }
  const program = Object.hasOwn(catalogue.programs, programId)
    ? catalogue.programs[programId] : undefined;
  return program && typeof program === "object" ? program : undefined;
}

// The current exercise's name and instructions in the catalogue's language, from
// the `current_exercise` attributes (`program`, `exercise_id`); undefined when the
// catalogue does not have it (a person's own routine, an unknown step).
export function exerciseText(catalogue, attrs) {
  const program = builtInProgram(catalogue, attrs.program);
  if (!program) return undefined;
  const steps = ["opening", "steps", "closing"].flatMap((part) =>
    (Array.isArray(program[part]) ? program[part] : []));
  const step = steps.find((item) => item && item.id === attrs.exercise_id);
  if (!step || typeof step.name !== "string" || !step.name) return undefined;
  return {
    name: step.name,
    instructions: typeof step.instructions === "string" ? step.instructions : "",
  };
}

// A built-in program's name in the catalogue's language, if it has it.
export function programName(catalogue, programId) {
  const program = builtInProgram(catalogue, programId);
  return program && typeof program.name === "string" && program.name ? program.name : undefined;
}
