"""End to end over REST, with the trained model: a person who does not write Dutch (issue 17).

A crisis in Polish or Ukrainian gets the help lines with a line in that language in the next
reply; a complaint in Turkish gets its first answer in Turkish, the intake goes on (answers in
Turkish accepted), and the record carries the language."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from tests.e2e.fixtures import DEMO_LOGIN
from tests.e2e.driver import ANSWERS, IntakeDriver, RestChannel, payloads, texts
from tests.e2e.stack import all_intakes, opens

pytestmark = pytest.mark.e2e

HELP_NUMBERS = ("112", "0800-0113", "113.nl", "0800-0432", "0800-2000")
NEDERLANDS = '/taal_kiezen{"gesprekstaal":"nl"}'
ENGLISH = '/taal_kiezen{"gesprekstaal":"en"}'


@pytest.fixture
def stack(shared_stack):
    return shared_stack


def new_sender() -> str:
    return f"e2e-taal-{uuid.uuid4().hex[:12]}"


@pytest.mark.parametrize("opening, crisis, line, taal", [
    # The very first message, three short words: the Polish pattern says the language.
    (None, "chyba chcę umrzeć", "Bezpłatna pomoc w Holandii", "pl"),
    # After a Dutch greeting, in the middle of a conversation.
    ("hoi", "мені дуже погано, я хочу вмерти", "Безкоштовна допомога в Нідерландах", "uk"),
    # Patterns of 5 December (thrown out of the house; the mother hit by her partner).
    (None, "mi madre me echó de casa y duermo en la calle", "Ayuda gratuita en los Países Bajos", "es"),
    ("hoi", "صاحب ماما بيضربها وانا خايف", "مساعدة مجانية في هولندا", "ar"),
])
def test_a_crisis_in_polish_or_ukrainian_gets_the_help_lines_with_a_line_in_that_language(
    stack, opening, crisis, line, taal,
):
    sender = new_sender()
    if opening:
        stack.say(sender, opening)
    reply = texts(stack.say(sender, crisis))
    assert line in reply, reply
    for number in HELP_NUMBERS:
        assert number in reply, (number, reply)
    assert "In het Nederlands" in reply  # and the Dutch text with it
    assert stack.tracker(sender)["slots"]["taal"] == taal


def test_a_turkish_complaint_gets_its_first_answer_in_turkish_and_the_intake_goes_on(stack):
    sender = new_sender()
    story = "Oğlum haftalardır sınıfta zorbalığa uğruyor ve öğretmenler hiçbir şey yapmıyor"
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender))
    first = driver.send(story)

    # The first answer, in Turkish, comes first, with the choice of Dutch or English.
    assert "irtibat kişisi" in first[0]["text"] and "tercüman" in first[0]["text"], texts(first)
    assert NEDERLANDS in payloads(first[:1]) and ENGLISH in payloads(first[:1])
    # Not "I did not understand": the intake started, the story kept, the next question asked.
    assert "begreep ik niet" not in texts(first)
    slots = stack.tracker(sender)["slots"]
    assert slots["taal"] == "tr" and slots["eerste_bericht"] == story
    asked = slots["requested_slot"]
    assert asked

    # "Nederlands": said back, the same question again; the person's language stays Turkish.
    chosen = driver.press(NEDERLANDS)
    assert "verder in het Nederlands" in texts(chosen)
    slots = stack.tracker(sender)["slots"]
    assert slots["gesprekstaal"] == "nl" and slots["taal"] == "tr" and slots["requested_slot"] == asked

    # Answers in Turkish are answers: "hayır" (no) ends "anything to add?", free text is kept.
    driver.answers.update({
        "wat_gebeurd": replace(ANSWERS["wat_gebeurd"], again="hayır"),
        "wanneer": replace(ANSWERS["wanneer"], text="geçen hafta salı günü teneffüste"),
        "betrokkenen": replace(ANSWERS["betrokkenen"], text="sınıfındaki iki çocuk"),
    })
    code = driver.finish()
    [record] = [i for i in all_intakes(stack.login(*DEMO_LOGIN), stack.backend_url)
                if i["conversation_id"] == sender]
    assert opens(stack.backend_url, code, record)
    assert record["taal"] == "tr"
    assert story in record["wat_gebeurd"]
    assert record["wanneer"] == "geçen hafta salı günü teneffüste"
    assert record["betrokkenen"] == "sınıfındaki iki çocuk"
