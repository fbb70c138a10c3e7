// What the card shows as the integration does, taken from the integration rather
// than copied here: the icon of each status and command (its icons.json), the
// shipped languages and the comfort levels `log_comfort` accepts. The integration
// serves them as facts.json beside these modules, under the same versioned path,
// so a release with other facts is a new URL. They are fetched once, before the
// card is defined (a top-level await), so every render has them.

// When they cannot be loaded: no icons, the card's English, no comfort choice.
const NONE = {
  languages: [],
  fallback_language: "en",
  status_icons: {},
  command_icons: {},
  comfort_levels: undefined,
};
const TIMEOUT_MS = 10000;

async function load() {
  try {
    const response = await fetch(new URL("../facts.json", import.meta.url),
      { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const facts = await response.json();
    if (!facts || typeof facts !== "object") throw new Error("not the card's facts");
    return { ...NONE, ...facts };
  } catch (err) {
    console.warn(`Desk Break Coach: the integration's facts were not loaded: ${err.message || err}`);
    return NONE;
  }
}

export const FACTS = await load();
