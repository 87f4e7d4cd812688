"""Words that settle the intent whatever the classifiers read (bot/components/intent_guards.py)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.intent_guards import IntentGuards


def parse(text: str, intent: str, confidence: float = 0.99, faq: float = 0.0) -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": [],
                            "intent_ranking": [{"name": intent, "confidence": confidence}],
                            "response_selector": {"faq": {"response": {"intent_response_key": "faq/geheimhouding",
                                                                       "confidence": faq}}}})
    IntentGuards(IntentGuards.get_default_config()).process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text, model", [
    # blind4: read as a question about anonymity, and as a request for information
    ("laat maar, straks weten ze dat ik het was. ik stop", "faq"),
    ("ik bel nu 112", "informeren"),
    ("ik ga nu 112 bellen", "buiten_bereik"),
    ("stop", "melding_doen"),
])
def test_stopping_in_so_many_words_ends_the_conversation(text, model):
    assert parse(text, model) == "stoppen"


@pytest.mark.parametrize("text, model", [
    ("ik heb gezegd dat hij moet stoppen", "melding_doen"),
    ("dat het stopt", "informeren"),
    ("ik heb 112 gebeld en de politie kwam", "melding_doen"),
    ("als hij nog een keer aan mijn deur komt dan bel ik de politie, echt waar", "melding_doen"),
    # acute danger is never overridden
    ("laat maar ik stop ermee, ik wil dood", "hulp_nu"),
    # a button says what it means
    ("/stoppen_gedrag", "melding_doen"),
])
def test_other_words_of_stopping_are_left_to_the_classifier(text, model):
    assert parse(text, model) == model


@pytest.mark.parametrize("text", [
    "Mijn cijfers waren goed genoeg voor de havo. Een klasgenote met dezelfde cijfers mocht wel doorstromen.",
    "Geachte heer, mevrouw, In het voorjaar van 2023 heeft de decaan mij afgeraden om door te stromen. "
    "Ik vind dat dit gemeld moet worden. Hoogachtend, N. El Amrani",
])
def test_a_story_that_asks_nothing_is_a_report_not_a_procedure_question(text):
    assert parse(text, "faq") == "melding_doen"


@pytest.mark.parametrize("text", [
    "Ik krijg een brief van een incassobureau voor de ouderbijdrage. Die is toch vrijwillig??",
    "De juf heeft mijn zoon de hele middag op de gang gezet omdat hij praatte. Mag dat zomaar?",
])
def test_a_story_with_a_rhetorical_question_is_a_report(text):
    assert parse(text, "faq") == "melding_doen"


@pytest.mark.parametrize("text", [
    "wat doet een vertrouwenspersoon", "Kan ik anoniem een klacht indienen bij jullie school",
    "ik wil weten hoe lang de klachtencommissie erover doet", "vertrouwenspersoon",
    "Mijn zoon is geschorst. Is dat wel toegestaan zonder gesprek?",
    "ik vraag me af of mijn verhaal erg genoeg is voor een klacht",
    # blind1: a question with its reason after it
    "als ik dit meld krijgen ze dan straf? want dan weten ze weer dat ik het was",
])
def test_a_question_stays_a_question(text):
    assert parse(text, "faq") == "faq"


def test_an_unsure_out_of_scope_reading_of_a_question_the_faq_knows_is_a_question():
    """blind2: "ga je dit aan mijn moeder vertellen?" at "wanneer?" was read as out of scope at
    0.42 and kept as the date; the response selector was sure (0.87) it is about secrecy."""
    assert parse("ga je dit aan mijn moeder vertellen?", "buiten_bereik", 0.42, faq=0.87) == "faq"
    assert parse("ga je dit aan mijn moeder vertellen?", "nlu_fallback", 0.25, faq=0.87) == "faq"
    # sure it is out of scope, the FAQ unsure, or no question: left alone
    assert parse("hoe laat is het?", "buiten_bereik", 1.0, faq=1.0) == "buiten_bereik"
    assert parse("wie heeft de wereldcup gewonnen?", "buiten_bereik", 0.45, faq=0.21) == "buiten_bereik"
    assert parse("ik weet het niet meer precies", "nlu_fallback", 0.25, faq=0.9) == "nlu_fallback"


def _parse_ranked(text: str, ranking: list, intent: str = "nlu_fallback", confidence: float = 0.3) -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": [],
                            "intent_ranking": [{"name": intent, "confidence": confidence}]
                            + [{"name": n, "confidence": c} for n, c in ranking]})
    IntentGuards(IntentGuards.get_default_config()).process([message])
    return message.get("intent")["name"]


NEIGHBOUR = ("Ik woon naast een basisschool. De laatste weken zie ik bijna elke dag dat een juf een kleuter als "
             "straf alleen buiten op het plein zet, ook als het regent, soms wel twintig minuten.")


def test_a_story_the_classifier_could_not_place_is_a_report():
    """blind6: faq 0.52 against melding_doen 0.48 is within the fallback's ambiguity margin; the
    neighbour's story got "niet begrepen". After a retrain a parent's story ("… per ongeluk naar
    een andere moeder gemaild") was hulp_nu 0.29 against taal_kiezen 0.27: the same."""
    assert _parse_ranked(NEIGHBOUR, [("faq", 0.52), ("melding_doen", 0.48)]) == "melding_doen"
    assert _parse_ranked(NEIGHBOUR, [("begroeting", 0.5), ("melding_doen", 0.45)]) == "melding_doen"
    assert _parse_ranked("De school heeft het verslag van het onderzoek naar mijn zoon per ongeluk naar een "
                         "andere moeder gemaild.", [("hulp_nu", 0.29), ("taal_kiezen", 0.27)]) == "melding_doen"
    # A question or a short message: left to the fallback.
    assert _parse_ranked("Mag een juf een kleuter als straf alleen buiten zetten, ook als het regent?",
                         [("faq", 0.52), ("melding_doen", 0.48)]) == "nlu_fallback"
    assert _parse_ranked("ik woon naast de school", [("faq", 0.52), ("melding_doen", 0.48)]) == "nlu_fallback"


def _parse_stoppen(text: str, ranking: list) -> str:
    return _parse_ranked(text, ranking, intent="stoppen", confidence=0.49)


def test_a_story_read_as_stopping_without_a_word_of_stopping_is_not_a_stop():
    """After a retrain: "Er staat zijn diagnose in … Ik weet niet wie het nog meer heeft gezien"
    was stoppen 0.49 and ended a parent's conversation."""
    story = ("Er staat zijn diagnose in, onze gezinssituatie, alles. Die moeder belde mij op. De school zei "
             "alleen 'sorry, foutje'. Ik weet niet wie het nog meer heeft gezien.")
    assert _parse_stoppen(story, [("melding_doen", 0.27), ("hulp_nu", 0.08)]) == "melding_doen"
    # A short message keeps the classifier's stop: the stop vocabulary does not hold every way.
    assert _parse_stoppen("Ik wil het gesprek beëindigen, stuur alstublieft niets door.", []) == "stoppen"
    assert _parse_stoppen("ik zie er toch van af", [("melding_doen", 0.3)]) == "stoppen"
    # Words of stopping stay a stop.
    assert _parse_stoppen("laat maar", [("melding_doen", 0.3)]) == "stoppen"
    assert _parse_stoppen("ik wil niet meer praten", [("hulp_nu", 0.3)]) == "stoppen"


def test_a_question_of_ones_own_read_as_yes_or_no_is_a_question():
    """After a retrain "moet ik mijn naam echt geven? ik schaam me een beetje" was ontkennen 0.52
    and got "niet begrepen" at the name question (blind3)."""
    assert parse("moet ik mijn naam echt geven? ik schaam me een beetje", "ontkennen", 0.52, faq=1.0) == "faq"
    # The FAQ unsure, or no question: a yes or no stays one.
    assert parse("moet ik mijn naam echt geven?", "ontkennen", 0.52, faq=0.4) == "ontkennen"
    assert parse("nee?", "ontkennen", 0.9, faq=0.95) == "ontkennen"
    assert parse("ja dat klopt", "bevestigen", 0.9, faq=0.95) == "bevestigen"
