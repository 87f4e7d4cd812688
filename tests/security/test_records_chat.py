"""One report, one record (issue 15), against the real stack: Rasa with its REST and Telegram
channels (Telegram pointed at ``FakeTelegram``), the action server, the backend and its
database. A person reports twice in one chat; someone who knows or guesses the sender id
takes over the chat after a handoff. Each test is named after what is tried.
"""
from __future__ import annotations

import re
import secrets
import uuid

import pytest

from bot.channels.telegram import sender_id_for
from tests.channels.fake_telegram import TelegramUser
from tests.e2e.fixtures import DEMO_LOGIN, TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.e2e.driver import ANSWERS, STORY, Answer, IntakeDriver, RestChannel, payloads, texts
from tests.e2e.stack import Stack, all_intakes, opens

pytestmark = pytest.mark.e2e

SECOND_STORY = "Mijn fiets is op het schoolplein vernield en de conciërge deed er niets mee."
# The second report, in words that share nothing with the first (ANSWERS).
SECOND = {
    **ANSWERS,
    "wat_gebeurd": Answer(SECOND_STORY, again="meer weet ik niet"),
    "wanneer": Answer("gisteren na school"),
    "betrokkenen": Answer("de conciërge"),
}
# What the first report told: none of it may come back in the second conversation.
FIRST_WORDS = (STORY, "spullen af", ANSWERS["betrokkenen"].text, ANSWERS["wanneer"].text)


@pytest.fixture
def stack(shared_stack) -> Stack:
    return shared_stack


def bot_said(driver: IntakeDriver, since: int = 0) -> str:
    return "\n".join(texts(messages) for _said, messages in driver.transcript[since:])


def records_of(stack: Stack, sender: str) -> list[dict]:
    demo = stack.login(*DEMO_LOGIN)
    return [i for i in all_intakes(demo, stack.backend_url) if i["conversation_id"] == sender]


def report_twice(stack: Stack, driver: IntakeDriver, again: callable) -> tuple[str, str, int]:
    """The first report to its code; ``again()`` asks to report more; the second report to
    its code. Returns both codes and where the second conversation starts in the transcript."""
    first = driver.finish()
    handoff = driver.last
    assert len(handoff) == 1, driver.describe()  # ONE message after the handoff
    assert "/melding_doen" in payloads(handoff)  # and the offer to report something else
    link = re.search(r"https?://\S+/kopie/[A-Za-z0-9_-]+", texts(handoff))
    assert link and first not in link.group(0), texts(handoff)
    start = len(driver.transcript)
    driver.answers = dict(SECOND)
    driver.asked = []
    driver.last = again()
    second = driver.finish()
    return first, second, start


def test_a_second_report_in_the_same_rest_chat_is_a_second_record_that_shows_nothing_of_the_first(stack):
    sender = f"sec-{uuid.uuid4().hex[:12]}"
    channel = RestChannel(stack.rasa_url, sender)
    driver = IntakeDriver(channel, tracker=lambda: stack.tracker(sender))
    first, second, start = report_twice(
        stack, driver, lambda: driver.send("ik wil nog iets anders melden")
    )
    assert first != second
    later = bot_said(driver, start)
    for words in FIRST_WORDS + (first,):
        assert words not in later, f"{words!r} came back in the second report\n{driver.describe()}"
    assert SECOND_STORY in later  # the second summary is the second story

    records = records_of(stack, sender)
    assert len(records) == 2, driver.describe()
    [one] = [r for r in records if r["wat_gebeurd"].startswith(STORY)]
    [two] = [r for r in records if r["wat_gebeurd"].startswith(SECOND_STORY)]
    assert opens(stack.backend_url, first, one) and opens(stack.backend_url, second, two)
    assert two["betrokkenen"] == "de conciërge" and STORY not in two["wat_gebeurd"]
    assert one["referentie"] != two["referentie"]


def test_a_second_report_in_one_telegram_chat_gets_its_own_record_and_code(stack, telegram_fake):
    chat_id = 10**9 + secrets.randbelow(10**9)
    user = TelegramUser(telegram_fake, f"{stack.rasa_url}/webhooks/telegram/webhook",
                        TELEGRAM_SECRET, chat_id)
    sender = sender_id_for(chat_id, TELEGRAM_TOKEN)
    driver = IntakeDriver(user, tracker=lambda: stack.tracker(sender))
    driver.last = user.send("/start demo")
    # The second report starts with the handoff message's button, as a person would.
    first, second, start = report_twice(stack, driver, lambda: driver.press("/melding_doen"))
    assert first != second
    later = bot_said(driver, start)
    for words in FIRST_WORDS + (first,):
        assert words not in later, f"{words!r} came back in the second report\n{driver.describe()}"
    records = records_of(stack, sender)
    assert sorted(r["wat_gebeurd"].split(".")[0] for r in records) == sorted(
        s.split(".")[0] for s in (STORY, SECOND_STORY)), driver.describe()
    assert all(r["kanaal"] == "telegram" for r in records)


def test_someone_who_knows_the_sender_id_continues_the_chat_after_a_handoff(stack):
    """The REST channel takes any sender id: the person who comes next with it (a guess, a
    shared device) gets a fresh intake, never the earlier summary, story, name or code."""
    sender = f"sec-{uuid.uuid4().hex[:12]}"
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), tracker=lambda: stack.tracker(sender))
    code = driver.finish()
    slots = stack.tracker(sender)["slots"]
    for slot in ("wat_gebeurd", "betrokkenen", "wanneer", "categorieen", "intake_id", "naam"):
        assert not slots.get(slot), f"{slot} kept after the handoff: {slots.get(slot)!r}"

    attacker = RestChannel(stack.rasa_url, sender)
    heard = []
    for attempt in ("ik wil nog iets melden", "ja", "/bevestigen", "wat heb ik net verteld?"):
        heard.append(texts(attacker.send(attempt)))
    said = "\n".join(heard)
    for words in FIRST_WORDS + (code, code.replace("-", "")):
        assert words not in said, f"{words!r} shown to the next person\n{said}"
    assert len(records_of(stack, sender)) == 1  # no second record of the first report
