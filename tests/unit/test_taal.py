"""The person's language (wegwijzer.taal) and the NLU component that applies it
(bot.components.taal): what is detected, when Dutch stays, switching, yes and no."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.taal import LanguageDetector
from wegwijzer.intake import build_intake_record
from wegwijzer.taal import detecteer, ja_nee, keuze, taal_na_bericht, volgende_taal


@pytest.mark.parametrize("text, taal", [
    ("Oğlum okulda zorbalığa uğruyor ve öğretmen hiçbir şey yapmıyor", "tr"),
    ("Moja córka jest wyśmiewana przez kolegów z klasy", "pl"),
    ("Mein Sohn wird in der Pause jeden Tag geschubst", "de"),
    ("A mi hija la insultan todos los días en el recreo", "es"),
    ("My son has been excluded from the class trip", "en"),
    ("Mijn zoon wordt al weken gepest in de klas", "nl"),
    # Mixed: mostly Dutch with an English sentence in it stays Dutch.
    ("mijn zoon is gepest, hij zegt I want to die", "nl"),
    # Russian as Ukrainian children write it is read as Ukrainian.
    ("учитель кричит на меня каждый день", "uk"),
])
def test_a_sentence_gets_its_language(text, taal):
    assert detecteer(text).taal == taal


@pytest.mark.parametrize("text, taal", [
    ("مرحبا", "ar"),       # Arabic letters: Arabic, at any length
    ("Привіт", "uk"),      # Cyrillic: Ukrainian
    ("Merhaba", None),     # a word in Latin letters says nothing: Dutch stays the default
    ("hoi", None),
    ("ok dank je", None),
    ("wie kan er klagen", None),  # Dutch the detector is unsure of: nothing, so Dutch
    ("/melding_doen", None),      # a button's payload
    ("", None),
])
def test_short_and_unsure_messages_say_nothing_unless_their_script_does(text, taal):
    assert detecteer(text).taal == taal


@pytest.mark.parametrize("text", ["g.willems@example.nl", "06-12345678", "+31 6 1234 5678",
                                  "www.example.nl/klachten", "j.smith@example.com of 020 123 4567"])
def test_contact_details_say_nothing_about_the_language(text):
    assert detecteer(text).taal is None


def _parsed(taal: str, woorden: int = 6) -> dict:
    return {"intent": {"name": "melding_doen"}, "taal": {"taal": taal, "zekerheid": 0.9, "woorden": woorden}}


def test_english_before_any_dutch_makes_the_conversation_english():
    slots, welkom = taal_na_bericht(_parsed("en"), None, None, [])
    assert slots == {"taal": "en", "gesprekstaal": "en", "taal_welkom": ["en"]} and welkom == "en"


def test_a_receipt_code_says_nothing_about_the_language():
    """A person who comes back types their code: its random letters are no language (one code
    in ten was read as Polish, English or German, and got a Polish welcome and a new intake)."""
    from wegwijzer.vocab import generate_code

    for _ in range(300):
        code = generate_code()
        for typed in (code, code.lower().replace("-", " "), code.replace("-", "")):
            assert detecteer(typed).taal is None, typed
    # The rest of the message still counts.
    assert detecteer("Moja córka jest wyśmiewana, kod K7QM-3XDA-9TPW").taal == "pl"


@pytest.mark.parametrize("text, gekozen", [
    ("English", "en"), ("english please", "en"), ("In het Engels graag!", "en"),
    ("I don't speak Dutch", "en"), ("Nederlands", "nl"), ("Dutch please", "nl"),
    ("in het nederlands graag", "nl"),
    ("mijn zoon spreekt alleen Engels en wordt daarom gepest", None),  # a story, not a choice
    ("ja", None),
])
def test_choosing_the_conversation_language(text, gekozen):
    assert keuze(text) == gekozen


@pytest.mark.parametrize("text, value", [
    ("evet", True), ("Tak", True), ("так", True), ("نعم", True), ("sí", True), ("yes please", True),
    ("hayır", False), ("nie", False), ("ні", False), ("нет", False), ("لا", False), ("nein", False),
    ("no gracias", False), ("tak, ale", None), ("ik weet het niet", None),
])
def test_yes_and_no_in_other_languages(text, value):
    assert ja_nee(text) == value


@pytest.mark.parametrize("huidig, gedetecteerd, crisis, gekozen, nieuw", [
    ("nl", "tr", None, None, "tr"),    # a clear Turkish message
    (None, "pl", None, None, "pl"),    # no value yet counts as Dutch
    ("tr", "nl", None, None, "tr"),    # one Dutch sentence does not undo Turkish
    ("tr", "pl", None, None, "pl"),    # another language does
    ("tr", None, None, None, "tr"),    # short or unsure: nothing changes
    ("nl", None, "pl", None, "pl"),    # "chcę umrzeć": the crisis pattern's language
    ("de", None, "pl", None, "de"),    # ... but not over a language already known
    ("nl", "nl", "en", None, "nl"),    # a Dutch message with an English crisis phrase
    ("nl", None, None, "en", "en"),    # "English" chosen while nothing else is known
    ("tr", None, None, "en", "tr"),    # a Turkish parent who chooses English stays Turkish
    ("en", None, None, "nl", "en"),    # choosing Dutch changes the conversation, not the person
])
def test_what_the_slot_becomes(huidig, gedetecteerd, crisis, gekozen, nieuw):
    assert volgende_taal(huidig, gedetecteerd, crisis, gekozen) == nieuw


def parsed(text: str, intent: str) -> Message:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, ENTITIES: []})
    LanguageDetector().process([message])
    return message


def test_another_language_the_model_did_not_understand_starts_the_intake():
    message = parsed("Oğlum okulda zorbalığa uğruyor ve öğretmen hiçbir şey yapmıyor", "nlu_fallback")
    assert message.get(INTENT)["name"] == "melding_doen"
    info = message.get("taal")
    assert info["taal"] == "tr" and info["intent_model"] == "nlu_fallback"  # what the model said


@pytest.mark.parametrize("text, intent", [
    ("la profesora se burla de mí delante de toda la clase", "buiten_bereik"),
    ("Dyrektor nie odpowiada na nasze maile w sprawie przemocy w szkole", "faq"),
    ("El director no contesta nuestros correos desde hace un mes", "afscheid"),
])
def test_a_guess_about_a_sentence_in_an_untrained_language_starts_the_intake(text, intent):
    message = parsed(text, intent)
    assert message.get(INTENT)["name"] == "melding_doen"
    assert message.get("taal")["intent_model"] == intent


@pytest.mark.parametrize("text, intent", [
    ("Mi hijo sufre acoso en el colegio cada día", "melding_doen"),   # a report: kept
    ("hola buenas tardes", "begroeting"),                              # too short to overrule
    ("The school never answered my emails about it", "buiten_bereik"), # English: trained, kept
])
def test_the_models_reading_is_kept_where_it_can_be_trusted(text, intent):
    assert parsed(text, intent).get(INTENT)["name"] == intent


def test_what_the_model_understood_is_kept():
    message = parsed("My son has been excluded from the class trip", "melding_doen")
    assert message.get(INTENT)["name"] == "melding_doen" and "intent_model" not in message.get("taal")
    dutch = parsed("blablabla ik snap het niet", "nlu_fallback")
    assert dutch.get(INTENT)["name"] == "nlu_fallback"  # Dutch (or unsure): the fallback stays


def test_english_typed_is_a_choice_with_its_entity():
    message = parsed("English please", "buiten_bereik")
    assert message.get(INTENT)["name"] == "taal_kiezen"
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("gesprekstaal", "en")]


def test_a_foreign_yes_answers_a_yes_no_question():
    assert parsed("evet", "begroeting").get(INTENT)["name"] == "bevestigen"
    assert parsed("hayır", "nlu_fallback").get(INTENT)["name"] == "ontkennen"


def test_a_button_payload_is_left_alone():
    message = parsed('/taal_kiezen{"gesprekstaal":"nl"}', "taal_kiezen")
    assert message.get(INTENT)["name"] == "taal_kiezen" and message.get("taal") is None


@pytest.mark.parametrize("slot, record", [("tr", "tr"), (None, "nl"), ("fr", "nl")])
def test_the_record_carries_the_language(slot, record):
    assert build_intake_record({"taal": slot, "rol": "ouder"}, "conv-1", "rest")["taal"] == record


def test_a_language_named_in_a_story_is_no_choice_of_language():
    """DIET may tag "engels" in "mondeling engels" as `gesprekstaal`: a Dutch pupil got the
    whole conversation in English. Only a message that asks for a language keeps it."""
    story = "ik mag me mondeling engels niet herkansen maar in het pta staat dat het wel mag"
    tagged = {"entity": "gesprekstaal", "value": "en", "start": 18, "end": 24, "extractor": "DIETClassifier"}
    message = Message(data={TEXT: story, INTENT: {"name": "melding_doen", "confidence": 0.9}, ENTITIES: [tagged]})
    LanguageDetector().process([message])
    assert [e for e in message.get(ENTITIES) if e["entity"] == "gesprekstaal"] == []
    assert message.get(INTENT)["name"] == "melding_doen"
    ask = "kan het ook in het engels alsjeblieft"
    asked = Message(data={TEXT: ask, INTENT: {"name": "taal_kiezen", "confidence": 0.9}, ENTITIES: [
        {**tagged, "start": 19, "end": 25}]})
    LanguageDetector().process([asked])
    assert [e["value"] for e in asked.get(ENTITIES) if e["entity"] == "gesprekstaal"] == ["en"]
