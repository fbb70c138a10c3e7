"""The exercise in the viewer's language, checked in the browser during a break.

The demo profile speaks English: its `current_exercise` entity names and
explains the exercise in English. A person who reads the dashboard in Russian,
German, Spanish, Polish or Ukrainian sees the same exercise, found by the
entity's `program` and `exercise_id`, in the shipped catalogue of their language
(routines/<lang>.json), which the card fetches once, beside its modules. The test
sets the user's language where the frontend keeps it (the `language` user data
of `frontend/set_user_data`, and `selectedLanguage` in the browser's local
storage, a JSON string), reloads the page and reads the card; at the end it
switches back to English without a reload, and the card follows.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .card_page import card_screenshot, card_text
from .cdp import wait_until
from .server import REPO
from .waves import PHONE, SCREENSHOTS, Demo

ROUTINES = REPO / "custom_components" / "desk_break_coach" / "routines"
#: The languages the card is read in during the break, one page load each.
LANGUAGES = ("ru", "de", "es", "pl", "uk")
#: A language the integration does not ship.
NOT_SHIPPED = "sv"
#: Where the card fetches a catalogue: beside its modules, under their version.
CATALOGUE_URL = re.compile(
    r"/desk_break_coach/frontend/[^/]+-[0-9a-f]{8}/routines/(\w+)\.json$"
)


def _catalogue(language: str) -> dict[str, Any]:
    catalogue: dict[str, Any] = json.loads(
        (ROUTINES / f"{language}.json").read_text(encoding="utf-8")
    )
    return catalogue


def _step(catalogue: dict[str, Any], attributes: dict[str, Any]) -> dict[str, Any]:
    """Return the catalogue's step of the exercise the entity shows."""
    program = catalogue["programs"][attributes["program"]]
    steps = [
        *program.get("opening", []),
        *program["steps"],
        *program.get("closing", []),
    ]
    step: dict[str, Any] = next(
        step for step in steps if step["id"] == attributes["exercise_id"]
    )
    return step


async def _set_language(demo: Demo, language: str) -> None:
    """Choose the frontend's language as its profile page does, for this user."""
    await demo.api.websocket(
        {
            "type": "frontend/set_user_data",
            "key": "language",
            "value": {
                "language": language,
                "number_format": "language",
                "time_format": "language",
                "date_format": "language",
                "time_zone": "local",
                "first_weekday": "language",
            },
        }
    )
    await demo.page.evaluate(
        f"localStorage.setItem('selectedLanguage', {json.dumps(json.dumps(language))})"
    )


async def _shows(demo: Demo, language: str) -> dict[str, Any]:
    """Wait until the card shows the current exercise in a language's catalogue."""
    page, api, ids = demo.page, demo.api, demo.ids
    english, wanted = _catalogue("en"), _catalogue(language)

    async def probe() -> dict[str, Any] | None:
        exercise = await api.state(ids["current_exercise"])
        card = await card_text(page)
        attributes = exercise["attributes"]
        step = _step(wanted, attributes)
        if (card["exercise"], card["instructions"]) != (
            step["name"],
            step["instructions"].strip(),
        ):
            return None
        # The entity itself stays in the profile's language, English.
        own = _step(english, attributes)
        assert exercise["state"] == own["name"], exercise
        assert attributes["instructions"] == own["instructions"], exercise
        return {"card": card, "exercise": exercise}

    try:
        return await wait_until(
            probe, within=30, what=f"the card to show the exercise in {language}"
        )
    except TimeoutError as err:
        err.add_note(f"the card showed: {await card_text(page)}")
        raise


async def _catalogues_fetched(demo: Demo) -> list[str]:
    """Return the languages of the catalogues this page fetched, in order."""
    urls: list[str] = await demo.page.evaluate(
        "performance.getEntriesByType('resource').map((entry) => entry.name)"
        ".filter((name) => name.includes('/routines/'))"
    )
    found = []
    for url in urls:
        match = CATALOGUE_URL.search(url)
        assert match, url
        found.append(match.group(1))
    return found


async def _fallbacks(demo: Demo, language: str) -> dict[str, Any]:
    """Ask the card's own catalogue and language modules what it shows otherwise."""
    urls: list[str] = await demo.page.evaluate(
        "performance.getEntriesByType('resource').map((entry) => entry.name)"
        f".filter((name) => name.endsWith('/routines/{language}.json'))"
    )
    module = urls[0].removesuffix(f"routines/{language}.json") + (
        "desk-break-coach-card/catalogue.js"
    )
    # The one place the card folds a language: localize.js, beside catalogue.js.
    localize = module.removesuffix("catalogue.js") + "localize.js"
    found: dict[str, Any] = await demo.page.evaluate(f"""(async () => {{
        const m = await import({json.dumps(module)});
        const l = await import({json.dumps(localize)});
        const {{ catalogue }} = m.catalogueFor({json.dumps(language)});
        const text = (program, id) =>
            m.exerciseText(catalogue, {{ program, exercise_id: id }}) ?? null;
        return {{
            loaded: !!catalogue,
            builtIn: text('neck_sitting', 'chin_tuck'),
            custom: text('custom_neck_sitting', 'chin_tuck'),
            unknownStep: text('neck_sitting', 'no_such_step'),
            unknownProgram: text('no_such_program', 'chin_tuck'),
            program: m.programName(catalogue, 'neck_sitting') ?? null,
            customProgram: m.programName(catalogue, 'custom_neck_sitting') ?? null,
            regional: l.shippedLanguage('{language}-CH') ?? null,
            notShipped: l.shippedLanguage('{NOT_SHIPPED}') ?? null,
            notShippedCatalogue: m.catalogueFor('{NOT_SHIPPED}').catalogue ?? null,
        }};
    }})()""")
    return found


async def check_languages(demo: Demo) -> None:
    """During a break: the card in each of LANGUAGES; then English again."""
    page = demo.page
    await page.set_color_scheme("light")
    try:
        for language in LANGUAGES:
            await _set_language(demo, language)
            await page.reload()
            await page.wait_for(
                f"document.querySelector('home-assistant').hass.locale.language"
                f" === {json.dumps(language)}",
                within=60,
                what=f"the frontend in {language}",
            )
            shown = await _shows(demo, language)
            card, exercise = shown["card"], shown["exercise"]
            # The card's own words follow the viewer's language too.
            attributes = exercise["attributes"]
            assert card["step"] and card["step"] != (
                f"Step {attributes['step']} of {attributes['steps_total']}"
            ), card
            assert str(attributes["steps_total"]) in card["step"], card
            assert not {"Next", "Finish", "Snooze"} & set(card["buttons"]), card
            assert card["picture"] == attributes["exercise_id"], card
            # One catalogue, the viewer's, fetched once, under the card's version.
            assert await _catalogues_fetched(demo) == [language]
            # What falls back to the entity's text: a person's own routine, a step
            # or program the catalogue lacks, a language not shipped.
            wanted = _catalogue(language)
            chin_tuck = _step(
                wanted, {"program": "neck_sitting", "exercise_id": "chin_tuck"}
            )
            assert await _fallbacks(demo, language) == {
                "loaded": True,
                "builtIn": {
                    "name": chin_tuck["name"],
                    "instructions": chin_tuck["instructions"],
                },
                "custom": None,
                "unknownStep": None,
                "unknownProgram": None,
                "program": wanted["programs"]["neck_sitting"]["name"],
                "customProgram": None,
                "regional": language,
                "notShipped": None,
                "notShippedCatalogue": None,
            }
            await card_screenshot(
                page, SCREENSHOTS / f"card-{language}-break.png", PHONE
            )
    finally:
        # Back to English, without a reload: the card follows at once.
        await _set_language(demo, "en")
    await _shows(demo, "en")
    assert await _catalogues_fetched(demo) == [LANGUAGES[-1], "en"]
    await page.set_color_scheme("dark")
