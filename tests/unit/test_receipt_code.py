"""Receipt codes are found by their pattern, whatever the model makes of the message."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.receipt_code import ReceiptCodeExtractor, canonical


def parse(text: str, intent: str = "begroeting") -> Message:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []})
    ReceiptCodeExtractor({"max_other_words": 5}).process([message])
    return message


@pytest.mark.parametrize("text", ["k7qm 3xda 9tpw", "K7QM-3XDA-9TPW", "mijn code is k7qm3xda9tpw", "code: K7QM 3XDA 9TPW."])
def test_a_message_that_is_mostly_a_code_is_a_status_question(text):
    message = parse(text)
    assert message.get("intent")["name"] == "status_opvragen"
    assert [e["value"] for e in message.get("entities")] == ["K7QM-3XDA-9TPW"]


def test_a_code_in_a_longer_message_keeps_the_intent_but_is_found():
    message = parse("ik heb vorige week gemeld dat ik gepest word en kreeg K7QM-3XDA-9TPW, wat nu", "melding_doen")
    assert message.get("intent")["name"] == "melding_doen"
    assert message.get("entities")[0]["value"] == "K7QM-3XDA-9TPW"


@pytest.mark.parametrize("text", [
    "hallo", "0612345678", "mijn leerlingnummer is 123456789012", "/bevestigen",
    # 12 letters of the code alphabet with one space: words, not a code (a scenario's story
    # about medication "al vier keer vergeten" was read as holding code KEER-VERG-ETEN).
    "het is deze maand al vier keer vergeten"])
def test_no_code_no_change(text):
    message = parse(text)
    assert message.get("intent")["name"] == "begroeting" and message.get("entities") == []


def test_canonical_form():
    assert canonical("k7qm 3xda-9tpw") == "K7QM-3XDA-9TPW"
