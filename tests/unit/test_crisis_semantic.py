"""The semantic crisis net: trained on a few examples with the real e5 encoder and Rasa's model
storage, it flags a crisis message in a language no pattern knows and leaves the rest alone."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bench.crisis_batches_to_examples import HELD_OUT
from bot.components.crisis_semantic import SemanticCrisisNet, load_examples, sentences
from bot.components.sentence_features import SentenceEncoderFeaturizer
from wegwijzer.safety import detect_crisis

REPO = Path(__file__).resolve().parents[2]
CONTEXT = ExecutionContext(GraphSchema({}), node_name="crisis_semantic")

EXAMPLES = {
    "crisis": {
        "nl": ["ik wil niet meer leven", "ik denk erover om mezelf van het leven te beroven",
               "mijn vader slaat me elke avond"],
        "en": ["i want to die", "i don't want to live anymore", "i cut myself again last night"],
        "pl": ["nie chce juz zyc"],
    },
    "gewoon": {
        "nl": ["de leraar geeft me een onvoldoende", "wanneer is de ouderavond", "ik word gepest in de klas"],
        "en": ["my teacher gave me a bad grade", "when is the parents evening"],
    },
}
NLU = [("hulp_nu", "ik wil dood"), ("melding_doen", "mijn zoon wordt gepest op school"),
       ("faq", "hoe lang duurt het voordat ik antwoord krijg")]
# Italian: none of the eight languages of the patterns (checked below, so the test means it).
CRISIS_ELSEWHERE = "non voglio più vivere, stanotte la faccio finita"
ORDINARY_ELSEWHERE = "il professore mi ha dato un brutto voto in matematica"


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    return LocalModelStorage(tmp_path_factory.mktemp("storage"))


@pytest.fixture(scope="module")
def trained(tmp_path_factory, storage):
    path = tmp_path_factory.mktemp("data") / "voorbeelden.yml"
    path.write_text(yaml.safe_dump(EXAMPLES, allow_unicode=True), encoding="utf-8")
    config = {**SemanticCrisisNet.get_default_config(), "examples_file": str(path), "features": "e5"}
    resource = Resource("crisis_semantic")
    component = SemanticCrisisNet.create(config, storage, resource, CONTEXT)
    component.train(TrainingData([Message({TEXT: t, INTENT: i}) for i, t in NLU]))
    return SemanticCrisisNet.load(config, storage, resource, CONTEXT)  # as a served model does


def parse(component: SemanticCrisisNet, text: str, intent: str = "melding_doen", taal=None,
          second=None) -> Message:
    featurizer = SentenceEncoderFeaturizer.create(
        {**SentenceEncoderFeaturizer.get_default_config(), "encoder": "e5", "alias": "e5"},
        None, Resource("e5"), ExecutionContext(GraphSchema({}), node_name="e5"))
    second = second or ("melding_doen", 0.05) if intent == "hulp_nu" else ("hulp_nu", 0.05)
    message = Message({TEXT: text, INTENT: {"name": intent, "confidence": 0.9},
                       INTENT_RANKING_KEY: [{"name": intent, "confidence": 0.9},
                                            {"name": second[0], "confidence": second[1]}]})
    if taal:
        message.set("taal", {"taal": taal})
    featurizer.process([message])
    return component.process([message])[0]


def test_a_crisis_message_in_a_language_without_patterns_becomes_hulp_nu(trained):
    assert detect_crisis(CRISIS_ELSEWHERE) is None  # the patterns do not know it
    message = parse(trained, CRISIS_ELSEWHERE, taal="it")
    assert message.get(INTENT)["name"] == "hulp_nu"
    ranking = [r["name"] for r in message.get(INTENT_RANKING_KEY)]
    assert ranking == ["hulp_nu", "melding_doen"]  # the classifier's guess kept below it
    # The same shape as the safety net's field: the kind of the nearest example, the language
    # the detector found; never the words.
    assert message.get("crisis") == {"soort": "zelfdoding", "taal": "it"}


def test_without_a_detected_language_the_nearest_examples_is_given(trained):
    message = parse(trained, "nie chce juz dluzej zyc na tym swiecie")
    assert message.get("crisis", {}).get("taal") == "pl", message.as_dict()


def test_an_ordinary_message_is_left_alone(trained):
    assert detect_crisis(ORDINARY_ELSEWHERE) is None
    message = parse(trained, ORDINARY_ELSEWHERE)
    assert message.get(INTENT)["name"] == "melding_doen" and message.get("crisis") is None


def test_the_classifiers_crisis_reading_of_an_ordinary_message_is_overruled(trained):
    """DIET read hulp_nu into "Ik ben zijn moeder" and money worries; the examples say ordinary."""
    message = parse(trained, "mijn docent gaf me een slecht cijfer voor wiskunde", intent="hulp_nu")
    assert message.get(INTENT)["name"] == "melding_doen"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["melding_doen", "hulp_nu"]
    assert message.get("crisis") is None


@pytest.mark.parametrize("second, becomes", [
    (("afscheid", 0.3), "afscheid"),         # a real alternative
    (("stoppen", 0.3), "melding_doen"),      # never one that ends the conversation by itself
    (("bedanken", 0.01), "melding_doen"),    # a near-zero second guess is noise
])
def test_an_overruled_crisis_reading_becomes_a_harmless_intent(trained, second, becomes):
    message = parse(trained, "mijn docent gaf me een slecht cijfer voor wiskunde", intent="hulp_nu",
                    second=second)
    assert message.get(INTENT)["name"] == becomes
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)][1] == "hulp_nu"


def test_the_classifiers_crisis_reading_stands_when_the_examples_do_not_contradict_it(trained):
    for text in ("ik wil gewoon niet meer leven", "mijn vader slaat me en ik durf niet naar huis"):
        assert parse(trained, text, intent="hulp_nu").get(INTENT)["name"] == "hulp_nu", text
    # Too short to judge by meaning: the classifier's reading stands.
    assert parse(trained, "help mij", intent="hulp_nu").get(INTENT)["name"] == "hulp_nu"


def test_two_words_and_buttons_are_left_alone(trained):
    for text in ("voglio morire", "/hulp_nu"):
        message = parse(trained, text)
        assert message.get(INTENT)["name"] == "melding_doen" and message.get("crisis") is None, text
    assert parse(trained, "voglio morire adesso").get(INTENT)["name"] == "hulp_nu"  # three words do


def test_a_receipt_code_is_no_words(trained):
    """A person back for the status types their code; its random letters once found an Arabizi
    crisis example and got the help lines instead of the status (e2e, 6 December 2026)."""
    for text in ("k7qm 3xda 9tpw", "K7QM-3XDA-9TPW"):
        assert parse(trained, text).get("crisis") is None, text
    assert parse(trained, "voglio morire adesso k7qm 3xda 9tpw").get(INTENT)["name"] == "hulp_nu"


def test_a_message_is_split_into_its_sentences_of_enough_words():
    assert sentences("Ik word gepest. Elke dag!\nsoms wil ik er niet meer zijn", 3) == [
        "Ik word gepest.", "soms wil ik er niet meer zijn"]  # "Elke dag!" is too short
    assert sentences("een zin, zonder punt aan het eind", 3) == []  # one sentence: its own vector
    assert sentences("Is dit anoniem? Ja. Mooi zo dan", 3) == ["Is dit anoniem?", "Mooi zo dan"]


# A complaint of several sentences that ends in one sentence of crisis, in Italian (no patterns).
COMPLAINT_THEN_CRISIS = ("il professore mi ha dato un brutto voto in matematica. i compagni ridono di me "
                         "in classe e il preside non fa niente. non voglio più vivere")


def test_a_crisis_sentence_at_the_end_of_a_complaint_is_caught(trained, storage):
    assert detect_crisis(COMPLAINT_THEN_CRISIS) is None
    message = parse(trained, COMPLAINT_THEN_CRISIS)
    assert message.get(INTENT)["name"] == "hulp_nu" and message.get("crisis")
    # The whole message's vector alone does not: without the sentences it stays a complaint.
    whole_only = SemanticCrisisNet(
        {**trained._config, "sentence_margin": 1.0}, storage, Resource("crisis_semantic"), trained._index)
    assert parse(whole_only, COMPLAINT_THEN_CRISIS).get(INTENT)["name"] == "melding_doen"


def test_ordinary_sentences_of_a_complaint_are_not_flagged(trained):
    message = parse(trained, "il professore mi ha dato un brutto voto. i compagni ridono di me in classe. "
                             "vorrei parlare con qualcuno della scuola")
    assert message.get(INTENT)["name"] == "melding_doen" and message.get("crisis") is None


def test_untrained_it_does_nothing(storage):
    component = SemanticCrisisNet.load(SemanticCrisisNet.get_default_config(), storage,
                                       Resource("never_trained"), CONTEXT)
    message = Message({TEXT: CRISIS_ELSEWHERE, INTENT: {"name": "melding_doen", "confidence": 0.9}})
    assert component.process([message])[0].get(INTENT)["name"] == "melding_doen"


def _texts(path: Path) -> set:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {" ".join(str(t).lower().split()) for v in data.values() if isinstance(v, list) for t in v}


def test_the_product_examples_hold_no_held_out_message():
    crisis, ordinary = load_examples(REPO / "data" / "crisis" / "voorbeelden.yml")
    batch_crisis, batch_ordinary = load_examples(REPO / "data" / "crisis" / "batches.yml")
    product = {" ".join(t.lower().split()) for t in [t for _, t in crisis + batch_crisis] + ordinary + batch_ordinary}
    sets = REPO / "bench" / "multilingual"
    # The held-out sets are named once, where batches are copied into the product's examples:
    # the first set, checklist5 and 7, the blind checklist20 and 21, unseen2-4.
    held_out = [p for folder in HELD_OUT for p in (sets / folder).glob("*.yml")]
    assert len(held_out) == 64
    for path in held_out:
        assert _texts(path) & product == set(), path
    assert len(crisis) > 800 and len(ordinary) > 500


def test_a_sentence_that_is_not_flagged_does_not_lift_a_message_out_of_the_veto(trained):
    """DIET's hulp_nu of an ordinary message of several sentences is still overruled."""
    text = "mijn docent gaf me een slecht cijfer voor wiskunde. wanneer is de ouderavond"
    message = parse(trained, text, intent="hulp_nu")
    assert message.get(INTENT)["name"] == "melding_doen" and message.get("crisis") is None
