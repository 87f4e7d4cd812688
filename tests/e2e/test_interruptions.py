"""End to end, with the trained model: a short answer the model misreads as something else
(acute danger, a wish for a human) at a question of the intake. The helplines are always shown;
the answer is kept and the next question follows, not the same question again and again."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.e2e.driver import IntakeDriver, RestChannel, texts

pytestmark = pytest.mark.e2e

HELPLINES = "Bel dan meteen 112"
DANGER_NOW = "ben je nu, op dit moment, in gevaar?"
NEXT_QUESTION = {"betrokkenen": "Heb je al iets gedaan", "al_ondernomen": "Wat zou je het liefst"}


@pytest.fixture
def stack(shared_stack):
    return shared_stack


def parse(stack, text: str) -> dict:
    return requests.post(f"{stack.rasa_url}/model/parse", params={"token": stack.rasa_token},
                         json={"text": text}, timeout=30).json()


def at_question(stack, slot: str) -> tuple[IntakeDriver, str]:
    """A pupil's intake, answered as the driver does, until the bot asks `slot`."""
    sender = f"e2e-{uuid.uuid4().hex[:12]}"
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender))
    driver.start()
    for _ in range(12):
        asked = driver.requested_slot()
        if asked == slot:
            return driver, sender
        assert asked, driver.describe()
        driver.answer(asked)
    raise AssertionError(f"{slot!r} was never asked\n{driver.describe()}")


def test_an_answer_only_the_model_reads_as_acute_danger_gets_the_danger_question_first(stack):
    # Who was involved, and fear: the model (rightly) reads acute danger, no crisis pattern does.
    answer = "Kevin. ik ben doodsbang"
    parsed = parse(stack, answer)
    # The model alone raises the alarm (no crisis pattern): the case this test is about.
    assert parsed["intent"]["name"] == "hulp_nu" and parsed.get("crisis") is None, parsed
    driver, sender = at_question(stack, "betrokkenen")
    reply = texts(driver.send(answer))
    # Inside the intake the danger question comes before any help line (blind5: 113 for parents
    # about a grade); the answer is kept, not asked again.
    assert DANGER_NOW in reply and HELPLINES not in reply, reply
    assert stack.tracker(sender)["slots"]["betrokkenen"] == answer
    reply = texts(driver.send("ja"))
    assert HELPLINES in reply and NEXT_QUESTION["betrokkenen"] in reply, reply  # a yes: every help line
    assert reply.index(HELPLINES) < reply.index(NEXT_QUESTION["betrokkenen"])
    slots = stack.tracker(sender)["slots"]
    assert slots["requested_slot"] == "al_ondernomen" and slots["acuut"] is True
    # A clear no goes on without them, and nothing urgent goes on the record.
    driver, sender = at_question(stack, "betrokkenen")
    assert HELPLINES not in texts(driver.send(answer))
    reply = texts(driver.send("nee"))
    assert NEXT_QUESTION["betrokkenen"] in reply and HELPLINES not in reply, reply
    slots = stack.tracker(sender)["slots"]
    assert slots["requested_slot"] == "al_ondernomen" and slots["acuut"] is False


def test_a_crisis_message_said_twice_at_a_question_is_not_asked_a_third_time(stack):
    crisis = "hij had een mes bij zich"
    assert parse(stack, crisis).get("crisis"), crisis  # the safety net's own patterns
    driver, sender = at_question(stack, "betrokkenen")
    first = texts(driver.send(crisis))
    assert HELPLINES in first and DANGER_NOW in first  # help, then: is it now?
    assert stack.tracker(sender)["slots"]["betrokkenen"] is None
    assert "Wie waren erbij betrokken" in texts(driver.send("ja"))  # the question again
    assert stack.tracker(sender)["slots"]["acuut"] is True
    second = texts(driver.send(crisis))
    assert HELPLINES in second and NEXT_QUESTION["betrokkenen"] in second, second
    assert stack.tracker(sender)["slots"]["betrokkenen"] == crisis


def test_what_was_tried_read_as_a_wish_for_a_human_is_the_answer(stack):
    answer = "praten met mijn mentor"
    parsed = parse(stack, answer)
    assert parsed["intent"]["name"] == "mens_spreken" and parsed["intent"]["confidence"] >= 0.7, parsed
    driver, sender = at_question(stack, "al_ondernomen")
    reply = texts(driver.send(answer))
    assert NEXT_QUESTION["al_ondernomen"] in reply, reply
    tracker = stack.tracker(sender)
    assert tracker["slots"]["al_ondernomen"] == ["mentor"]
    assert tracker["active_loop"]["name"] == "intake_form"
    assert tracker["slots"]["requested_slot"] == "wens"
