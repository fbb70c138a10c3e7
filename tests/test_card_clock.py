"""The card's figures are live to the minute between the integration's state writes.

The duration sensors are written in 5-minute steps; the card counts on from the
moment a value was written (`summary.js`: `counter`, `counted`). The week view
(`week.js`) shows standing per day beside the breaks when the profile has a
daily standing target. This runs the card's own modules in headless Chromium
(the browser tests' own), no server needed.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import subprocess

import pytest

from .browser.cdp import find_chromium

CARD = (
    Path(__file__).parents[1]
    / "custom_components"
    / "desk_break_coach"
    / "frontend"
    / "desk-break-coach-card"
)
SUMMARY = CARD / "summary.js"
WEEK = CARD / "week.js"
WRITTEN = "2026-11-23T08:00:00+00:00"

#: (the state written at WRITTEN, whether it counts now, the moment, what the card shows)
CASES = (
    # After 3 minutes at the desk the card says 3, not the 0 written on arrival.
    ("0", True, "2026-11-23T08:03:10+00:00", 3),
    ("40", True, "2026-11-23T08:01:00+00:00", 41),
    # Away, standing or on a break: today's sitting does not grow on the card.
    ("12", False, "2026-11-23T08:30:00+00:00", 12),
    # Never past a 5-minute step the integration did not write: a step that never
    # came means the count stopped (the person left meanwhile).
    ("10", True, "2026-11-23T08:04:59+00:00", 14),
    ("10", True, "2026-11-23T08:20:00+00:00", 14),
    ("12", True, "2026-11-23T08:20:00+00:00", 14),
)


def _run(chromium: str, page: Path) -> subprocess.CompletedProcess[str]:
    """Load a page in headless Chromium and return its DOM once its scripts ran."""
    return subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_card_counts_on_between_writes(tmp_path: Path) -> None:
    """Each case reads as expected on the card (one Chromium run for all)."""
    if (chromium := find_chromium()) is None:
        pytest.fail("Chromium is not installed (scripts/setup --browser)")
    cases = [[state, counting, at] for state, counting, at, _ in CASES]
    page = tmp_path / "clock.html"
    page.write_text(
        f"""<html><body><script type="module">
import {{ counter, counted }} from {json.dumps(SUMMARY.as_uri())};
const shown = {json.dumps(cases)}.map(([state, counting, at]) => counted(
  counter({{ state, last_updated: {json.dumps(WRITTEN)} }}, counting), Date.parse(at)));
document.body.textContent = "SHOWN:" + JSON.stringify(shown);
</script></body></html>""",
        encoding="utf-8",
    )
    result = _run(chromium, page)
    found = re.search(r"SHOWN:(\[[^\]]*\])", result.stdout)
    assert found is not None, result.stdout + result.stderr[-2000:]
    assert json.loads(found.group(1)) == [shown for *_, shown in CASES]


#: The week view's page: statistics for the 6 past days (standing on some), today live.
WEEK_PAGE = """<html><body><script type="module">
import {{ WeekView, lastDays }} from {week};
import {{ translate }} from {localize};
const ids = {{ breaks_today: "sensor.d_breaks", sitting_today: "sensor.d_sitting",
  comfort: "sensor.d_comfort", standing_today: "sensor.d_standing" }};
const days = lastDays(Date.now(), "UTC");
const rows = (values) => values.map((change, i) => ({{ start: days[i].utc, change, mean: 4 }}))
  .filter((row) => row.change !== null);
const asked = [];
const hass = {{
  config: {{ time_zone: "UTC" }},
  callWS: async (msg) => {{
    asked.push(...msg.statistic_ids);
    return {{
      [ids.breaks_today]: rows([3, 5, 6, 4, 7, 2]),
      [ids.sitting_today]: rows([200, 250, 300, 180, 240, 90]),
      [ids.comfort]: rows([4, 4, 3, 4, 5, 4]),
      [ids.standing_today]: rows([null, null, 20, 45, 75, 30]),
    }};
  }},
}};
const live = {{ breaks_today: "3", sitting_today: "120", comfort: "4", standing_today: "25" }};
async function week(target) {{
  const view = new WeekView({{}});
  document.body.append(view.root);
  const standing = {{ state: live.standing_today, attributes: target ? {{ target_minutes: target }} : {{}} }};
  view.render({{
    hass, lang: "en", ids, showWeek: true, statKey: Object.values(ids).join(" "),
    t: (key, vars) => translate("en", key, vars), attrs: {{ daily_target: 6 }},
    state: (key) => (key === "standing_today" ? standing : {{ state: live[key], attributes: {{}} }}),
  }});
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {{
    shown: !view.root.classList.contains("no-stand"),
    head: view.root.querySelector("thead .c-stand").textContent,
    cells: [...view.root.querySelectorAll("tbody .c-stand")].map((td) => td.textContent),
    met: [...view.root.querySelectorAll("tbody .c-stand")].map((td) => td.classList.contains("met")),
  }};
}}
const result = {{ asked, goal: await week(60), none: await week(undefined) }};
document.body.textContent = "WEEK:" + JSON.stringify(result) + ":END";
</script></body></html>"""


def test_week_shows_standing_with_a_target(tmp_path: Path) -> None:
    """Standing per day in the week view with a standing target; nothing new without."""
    if (chromium := find_chromium()) is None:
        pytest.fail("Chromium is not installed (scripts/setup --browser)")
    page = tmp_path / "week.html"
    page.write_text(
        WEEK_PAGE.format(
            week=json.dumps(WEEK.as_uri()),
            localize=json.dumps((CARD / "localize.js").as_uri()),
        ),
        encoding="utf-8",
    )
    result = _run(chromium, page)
    found = re.search(r"WEEK:(.*):END", result.stdout)
    assert found is not None, result.stdout + result.stderr[-2000:]
    week = json.loads(found.group(1))
    assert "sensor.d_standing" in week["asked"]
    # With a target of 60 minutes: the change per past day, today's live state.
    assert week["goal"]["shown"] is True
    assert week["goal"]["head"] == "Standing"
    assert week["goal"]["cells"] == [
        "—",
        "—",
        "20 min",
        "45 min",
        "1 h 15 min",
        "30 min",
        "25 min",
    ]
    assert week["goal"]["met"] == [False, False, False, False, True, False, False]
    # Without a target the column stays hidden and empty.
    assert week["none"]["shown"] is False
    assert set(week["none"]["cells"]) == {"—"}
    assert not any(week["none"]["met"])
