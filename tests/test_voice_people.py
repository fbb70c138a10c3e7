"""Voice as people speak: pause and resume, the neck's week, names, short words."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest

from .assist_helpers import async_say, async_start_day, profile
from .helpers import act, advance, set_presence, state


@pytest.fixture(name="sitting")
async def sitting_fixture(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    """One profile "Desk" (English), sitting since 09:00; returns its entry id."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry)
    await set_presence(hass, True)
    return entry.entry_id


@pytest.mark.usefixtures("sitting")
async def test_pause_and_resume_by_voice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Home Assistant's own sentences do not take these first; spans are read."""
    # A device Home Assistant's "turn off ..." could mean stays as it is.
    hass.states.async_set(
        "switch.break_reminders", "on", {"friendly_name": "Break reminders"}
    )
    assert await async_say(hass, "turn off break reminders") == (
        "Break reminders are paused until you turn them back on."
    )
    assert hass.states.get("switch.break_reminders").state == "on"
    await async_say(hass, "turn on break reminders")
    assert state(hass, "sensor", "status").state == "sitting"
    assert await async_say(hass, "pause my break reminders") == (
        "Break reminders are paused until you turn them back on."
    )
    assert state(hass, "sensor", "status").state == "paused"
    assert state(hass, "switch", "reminders").state == "off"
    assert await async_say(hass, "turn break reminders back on") == (
        "Break reminders are back on."
    )
    assert state(hass, "sensor", "status").state == "sitting"

    assert await async_say(hass, "pause reminders for an hour") == (
        "Break reminders are paused for 1 hour."
    )
    assert state(hass, "sensor", "status").state == "paused"
    await advance(hass, freezer, minutes=59)
    assert state(hass, "sensor", "status").state == "paused"
    await advance(hass, freezer, minutes=2)
    assert state(hass, "sensor", "status").state != "paused"

    await async_say(hass, "don't remind me about breaks for half an hour")
    assert state(hass, "sensor", "status").state == "paused"
    reply = await async_say(hass, "resume my breaks")
    assert reply.startswith("Break reminders are back on. You have been sitting")
    assert await async_say(hass, "resume my breaks") == ("Reminders are not paused.")
    assert await async_say(hass, "pause the reminders for many hours") == (
        "Sorry, I did not catch how many minutes."
    )
    assert state(hass, "sensor", "status").state == "break_due"


@pytest.mark.parametrize(
    ("language", "pause", "paused", "resume"),
    [
        (
            "de",
            "Pause für eine Stunde",
            "Die Pausenerinnerungen sind für 1 Stunde pausiert.",
            "schalte die Erinnerungen wieder ein",
        ),
        (
            "ru",
            "выключи напоминания на 30 минут",
            "Напоминания о перерывах на паузе на 30 минут.",
            "включи напоминания снова",
        ),
    ],
)
async def test_pause_in_other_languages(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    *,
    language: str,
    pause: str,
    paused: str,
    resume: str,
) -> None:
    """German and Russian pause with minutes and resume."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, language=language)
    await set_presence(hass, True)

    def status() -> str:
        return entry.runtime_data.view.status.value

    assert await async_say(hass, pause, language=language) == paused
    assert status() == "paused"
    await async_say(hass, resume, language=language)
    assert status() == "sitting"
    reply = await async_say(hass, "поставь напоминания на паузу", language="ru")
    assert reply == "Напоминания о перерывах на паузе, пока вы их снова не включите."
    assert status() == "paused"
    await act(hass, entry.entry_id, "resume")
    reply = await async_say(hass, "pausiere die Erinnerungen", language="de")
    assert reply == (
        "Die Pausenerinnerungen sind pausiert, bis du sie wieder einschaltest."
    )
    assert status() == "paused"


async def test_neck_level_read_from_how_people_say_it(
    hass: HomeAssistant, sitting: str
) -> None:
    """A level said as "feels like a 6 out of 10" logs 6, in each language."""
    assert await async_say(hass, "my neck feels like a 6 out of 10") == (
        "Noted: 6 out of 10."
    )
    assert state(hass, "sensor", "comfort").state == "6"
    assert await async_say(hass, "шея на 7", language="ru") == "Записано: 7 из 10."
    assert state(hass, "sensor", "comfort").state == "7"
    reply = await async_say(hass, "mein Nacken fühlt sich an wie eine 5", language="de")
    assert reply == "Notiert: 5 von 10."
    assert await async_say(hass, "my neck feels like a stiff board") == (
        "Sorry, I did not catch the level: say a number from 0 to 10."
    )
    assert state(hass, "sensor", "comfort").state == "5"
    # Not a level, but words that stop the exercises: those answer alone.
    await act(hass, sitting, "start_break")
    reply = await async_say(hass, "my neck is sore")
    assert reply.startswith("Exercises stopped. Rest now")
    assert state(hass, "sensor", "status").state == "resting"
    assert state(hass, "sensor", "comfort").state == "5"


async def test_how_is_my_neck(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sitting: str
) -> None:
    """From the comfort log: today's level, the week's mean, the trend."""
    assert await async_say(hass, "how is my neck doing") == (
        "No neck comfort was logged in the last 7 days. To log it, say for "
        "example: my neck is at 7 out of 10."
    )
    for level in (4, 5, 4, 5):  # Monday to Thursday
        await act(hass, sitting, "log_comfort", level=level)
        await advance(hass, freezer, days=1)
    assert await async_say(hass, "how am I doing") == (
        "The last 7 days average 4.5 out of 10."
    )
    await act(hass, sitting, "log_comfort", level=7)  # Friday
    await advance(hass, freezer, days=1)
    await act(hass, sitting, "log_comfort", level=8)  # Saturday
    assert await async_say(hass, "how's my neck") == (
        "Today your neck is at 8 out of 10. The last 7 days average 5.5 out of 10. "
        "It is getting better."
    )
    assert await async_say(hass, "wie geht es meinem Nacken", language="de") == (
        "Heute ist dein Nacken bei 8 von 10. Im Schnitt der letzten 7 Tage: 5,5 "
        "von 10. Es wird besser."
    )
    assert await async_say(hass, "как моя шея", language="ru") == (
        "Сегодня шея на 8 из 10. В среднем за 7 дней: 5,5 из 10. Становится лучше."
    )
    assert await async_say(hass, "how is Desk doing") == (
        "Today Desk's neck is at 8 out of 10. The last 7 days average 5.5 out of "
        "10. It is getting better."
    )


async def test_a_named_profile_is_answered_by_name(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Asked "how long has Anna been sitting", the answer says Anna."""
    anna = profile("Anna", "input_boolean.anna")
    await async_start_day(hass, freezer, anna, profile("Boris", "input_boolean.boris"))
    assert await async_say(hass, "How long has Anna been sitting") == (
        "Anna is away from the desk. 0 of Anna's 4 breaks done today."
    )
    await set_presence(hass, True, "input_boolean.anna")
    await advance(hass, freezer, minutes=12)
    assert await async_say(hass, "How long has Anna been sitting") == (
        "Anna has been sitting for 12 minutes. 0 of Anna's 4 breaks done today. "
        "The next break is at 09:45."
    )
    reply = await async_say(hass, "wie lange sitzt Anna schon", language="de")
    assert reply.startswith("Anna sitzt seit 12 Minuten. Heute hat Anna 0 von 4 Pausen")
    reply = await async_say(hass, "сколько сидит Anna", language="ru")
    assert reply.startswith("Anna сидит уже 12 минут. Сегодня у профиля Anna сделано")
    reply = await async_say(hass, "как долго сидит Boris", language="ru")
    assert reply.startswith("Boris не за столом.")


@pytest.mark.parametrize(
    ("language", "word", "reply", "theirs"),
    [
        (
            "en",
            "next",
            "Exercise 2 of 2: Side tilts.",
            "Sorry, I couldn't understand that",
        ),
        (
            "de",
            "weiter",
            "Übung 2 von 2: Kopf seitlich neigen.",
            "Entschuldigung, das habe ich nicht verstanden",
        ),
        ("ru", "дальше", "Упражнение 2 из 2:", "Обращение не распознано"),
    ],
)
async def test_short_words_only_while_they_fit(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    *,
    language: str,
    word: str,
    reply: str,
    theirs: str,
) -> None:
    """A word like "weiter" is the coach's during a break, else Home Assistant's."""
    entry = profile("Desk")
    await async_start_day(hass, freezer, entry, language=language)
    await set_presence(hass, True)
    # No break: Home Assistant's own answer (no media player here), not ours.
    before = await async_say(hass, word, language=language)
    assert before == theirs
    assert entry.runtime_data.view.status.value == "sitting"
    await act(hass, entry.entry_id, "start_break")
    assert (await async_say(hass, word, language=language)).startswith(reply)
    assert entry.runtime_data.view.exercise.step == 2
    await act(hass, entry.entry_id, "finish_break")
    assert await async_say(hass, word, language=language) == before
    # Unloaded, a profile's break offers nothing any more.
    await act(hass, entry.entry_id, "start_break")
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert await async_say(hass, word, language=language) == before


async def test_time_at_the_desk_today(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sitting: str
) -> None:
    """Asked about the whole day, the answer starts with the day's time at the desk."""
    await advance(hass, freezer, minutes=30)
    await set_presence(hass, False)
    await advance(hass, freezer, minutes=10)
    await set_presence(hass, True)
    await advance(hass, freezer, minutes=20)
    assert await async_say(hass, "how long have I been at my desk today") == (
        "You have been at the desk for 50 minutes today. You have been sitting "
        "for 20 minutes. 0 of 4 breaks done today. The next break is at 10:25."
    )
    reply = await async_say(hass, "how long have I been sitting")
    assert reply.startswith("You have been sitting for 20 minutes")
    reply = await async_say(
        hass, "wie lange war Desk heute am Schreibtisch", language="de"
    )
    assert reply.startswith(
        "Heute war Desk schon 50 Minuten am Schreibtisch. Desk sitzt"
    )
    reply = await async_say(
        hass, "сколько времени я сегодня провёл за столом", language="ru"
    )
    assert reply.startswith(
        "Всего за день вы провели за столом 50 минут. Вы сидите уже 20 минут."
    )
