"""End to end over REST, with the trained model: an English-speaking parent completes an intake
in English (issue 17). Every answer is typed in English; every message the bot writes after the
opening is English (no Dutch words leak), with the advice, the summary, the consent question,
the code and the copy link; the record reaches the backend with ``taal`` = en."""
from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest

from tests.e2e.driver import ANSWERS, Answer, IntakeDriver, RestChannel, payloads, texts
from tests.e2e.fixtures import DEMO_LOGIN
from tests.e2e.stack import all_intakes, opens
from wegwijzer.route_texts_en import ROUTE_NAMEN_EN

pytestmark = pytest.mark.e2e

OPENING = "Hello, my son is being bullied at school and I would like to report it"
STORY = ("Two boys in his class take his things every day during the break and laugh at him. "
         "Yesterday they pushed him against the wall.")
# Dutch words that must not reach an English-speaking parent. Dutch names of bodies that the
# English texts give in brackets (contactpersoon, klachtencommissie, Veilig Thuis) are allowed.
DUTCH = re.compile(
    r"\b(melding|klopt|toestemming|je|jij|jouw|uw|wil|wilt|niet|wat|dank|bewaar|kopie|"
    r"doorsturen|gebeurd|advies|stuur|vertel|gaat|hebt|heeft|bent|graag|keuze|weet)\b",
    re.IGNORECASE,
)
# The parent types every answer in English (no buttons), gives a name and stays reachable.
ENGLISH_ANSWERS = {
    "rol": replace(ANSWERS["rol"], text="I'm his mother", buttons=()),
    "wat_gebeurd": replace(ANSWERS["wat_gebeurd"], text=STORY, again="that's all"),
    "categorie_klopt": replace(ANSWERS["categorie_klopt"], text="yes", buttons=()),
    "wanneer": replace(ANSWERS["wanneer"], text="last week"),
    "betrokkenen": replace(ANSWERS["betrokkenen"], text="two boys from his class"),
    "al_ondernomen": replace(ANSWERS["al_ondernomen"], text="nothing yet", buttons=()),
    "wens": replace(ANSWERS["wens"], text="I want it to stop", buttons=()),
    "anoniem": replace(ANSWERS["anoniem"], text="no", buttons=()),
    "naam": replace(ANSWERS["naam"], text="Sarah Johnson"),
    "contact": replace(ANSWERS["contact"], text="sarah.johnson@example.org"),
    "gekozen_route": replace(ANSWERS["gekozen_route"], text="I don't know yet", buttons=()),
    # The fact questions and the danger question, when asked.
    "examen": Answer("no"),
    "betreft_personeel": Answer("no"),
    "mogelijk_strafbaar": Answer("I don't know"),
    "minderjarig": Answer("yes"),
    "nu_gevaar": Answer("no"),
}


@pytest.fixture
def stack(shared_stack):
    return shared_stack


def bot_texts(driver: IntakeDriver) -> list[str]:
    return [m.get("text") or "" for _, messages in driver.transcript for m in messages]


def test_an_english_speaking_parent_completes_the_intake_in_english(stack):
    sender = f"e2e-english-{uuid.uuid4().hex[:12]}"
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender))
    driver.answers.update(ENGLISH_ANSWERS)

    first = driver.send(OPENING)
    slots = stack.tracker(sender)["slots"]
    assert slots["taal"] == "en" and slots["gesprekstaal"] == "en", texts(first)
    assert slots["requested_slot"], driver.describe()  # the intake started on the first message

    code = driver.finish()
    said = bot_texts(driver)
    everything = "\n".join(said)

    # Every message in English: none has a Dutch word (button titles included).
    for text in said + [b.get("title") or "" for _, ms in driver.transcript for m in ms
                        for b in m.get("buttons") or []]:
        text = re.sub(r"https?://\S+", "", text)  # the copy link's path is the backend's
        assert not DUTCH.search(text), (DUTCH.search(text).group(0), text, driver.describe())

    # The parent was understood in English: the role, the facts, the answers.
    final = stack.tracker(sender)["slots"]
    assert driver.asked.count("rol") <= 1, driver.describe()
    # The advice, the choice, the summary, the consent question, the code and the copy.
    assert "My advice:" in everything, driver.describe()
    assert "I looked at what the school's complaints procedure says" in everything
    assert any(name in everything for name in ROUTE_NAMEN_EN.values())
    assert "This is what I wrote down:" in everything
    # What happened: the first message kept in front of the story (told once, never twice).
    assert re.search(r"- What happened: .*" + re.escape(STORY), everything)
    assert "- When: last week" in everything
    assert "- You are: parent or carer" in everything
    assert "- Your choice: not chosen yet" in everything
    assert "May I send this to the school's contact person?" in everything
    assert f"Your code is: {code}" in everything
    assert "You can download your copy once, within an hour:" in everything
    assert "Is there anything else you would like to report?" in everything
    assert "/melding_doen" in payloads(driver.last)
    assert final["gesprekstaal"] == "en"  # kept after the handoff, for a next report

    [record] = [i for i in all_intakes(stack.login(*DEMO_LOGIN), stack.backend_url)
                if i["conversation_id"] == sender]
    assert opens(stack.backend_url, code, record)
    assert record["taal"] == "en"
    assert record.get("gesprekstaal", "en") == "en"
    assert record["rol"] == "ouder"
    assert STORY in record["wat_gebeurd"]
    assert record["wanneer"] == "last week"
    assert record["betrokkenen"] == "two boys from his class"
    assert record["al_ondernomen"] == ["niets"]
    assert record["wens"] == ["stoppen_gedrag"]
    assert record["anoniem"] is False
    assert record["naam"] == "Sarah Johnson" and record["contact"] == "sarah.johnson@example.org"
    assert record["datum_gebeurtenis"]  # "last week" was read as a date
    assert record["advies_routes"]


def test_english_chosen_with_the_button_after_a_dutch_start_switches_the_questions(stack):
    sender = f"e2e-english-{uuid.uuid4().hex[:12]}"
    stack.say(sender, "ik wil iets melden")
    asked = stack.tracker(sender)["slots"]["requested_slot"]
    chosen = stack.say(sender, '/taal_kiezen{"gesprekstaal":"en"}')
    said = texts(chosen)
    assert "we'll go on in English" in said, said
    assert stack.tracker(sender)["slots"]["requested_slot"] == asked
    assert not DUTCH.search(said), said
    # The buttons keep their payloads; only the titles are English.
    if asked == "rol":
        assert '/informeren{"rol": "ouder"}' in payloads(chosen)
        assert "I'm a parent or carer" in [b["title"] for m in chosen for b in m.get("buttons") or []]
    # Back to Dutch: the same question, in Dutch again.
    terug = texts(stack.say(sender, '/taal_kiezen{"gesprekstaal":"nl"}'))
    assert "verder in het Nederlands" in terug, terug
    if asked == "rol":
        assert "Wie ben jij?" in terug, terug
