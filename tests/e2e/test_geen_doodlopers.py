"""End to end, with the trained model: no dead ends. Every question of the intake and of the
choice of route, answered only with unhelpful words ("weet ik niet", "??", "geen idee"), is asked
at most twice; then the bot goes on with what it has, and the person reaches the summary and the
consent question. A hesitant opening is invited to tell, never met with "niet begrepen"."""
from __future__ import annotations

import uuid

import pytest

from tests.e2e.driver import CONSENT, IntakeDriver, RestChannel, payloads, texts

pytestmark = pytest.mark.e2e


def _driver(stack) -> tuple[IntakeDriver, str]:
    sender = f"e2e-{uuid.uuid4().hex[:12]}"
    return IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender)), sender


@pytest.mark.parametrize("unhelpful", ["weet ik niet", "??", "geen idee"])
def test_every_question_answered_unhelpfully_is_asked_at_most_twice(shared_stack, unhelpful):
    driver, _ = _driver(shared_stack)
    driver.start()
    asked: list[str] = []
    for _ in range(60):
        slot = driver.requested_slot()
        if slot is None:
            break
        asked.append(slot)
        repeats = len(list(_trailing(asked, slot)))
        assert repeats <= 2, f"{slot!r} asked a third time\n{driver.describe()}"
        driver.send(unhelpful)
    assert CONSENT in payloads(driver.last), driver.describe()
    assert {"rol", "wat_gebeurd", "wanneer", "al_ondernomen", "wens", "gekozen_route"} <= set(asked)


def _trailing(asked: list[str], slot: str):
    """The trailing run of `slot` at the end of `asked`."""
    for name in reversed(asked):
        if name != slot:
            return
        yield name


def test_a_hesitant_opening_is_invited_to_tell(shared_stack):
    driver, sender = _driver(shared_stack)
    reply = texts(driver.send("ik weet niet of ik dit hier mag zeggen maar er is iets met een leraar"))
    assert "begreep ik niet" not in reply and "begrijp ik niet" not in reply, reply
    assert "mag het hier vertellen" in reply and "Wat is er gebeurd?" in reply, reply
    assert shared_stack.tracker(sender)["slots"]["requested_slot"] == "wat_gebeurd"
