"""The card's figures are live to the minute between the integration's state writes.

The duration sensors are written in 5-minute steps; the card counts on from the
moment a value was written (`summary.js`: `counter`, `counted`). This runs the
card's own module in headless Chromium (the browser tests' own), no server needed.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import subprocess

import pytest

from .browser.cdp import find_chromium

SUMMARY = (
    Path(__file__).parents[1]
    / "custom_components"
    / "desk_break_coach"
    / "frontend"
    / "desk-break-coach-card"
    / "summary.js"
)
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
    result = subprocess.run(
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
    found = re.search(r"SHOWN:(\[[^\]]*\])", result.stdout)
    assert found is not None, result.stdout + result.stderr[-2000:]
    assert json.loads(found.group(1)) == [shown for *_, shown in CASES]
