"""The unknown-words fallback: gibberish is not understood, real messages (with typos) are."""
from pathlib import Path

import pytest
import yaml

from bot.components.unknown_words import Vocabulary, known_ratio, words

REPO_ROOT = Path(__file__).resolve().parents[2]


def nlu_texts(path: Path) -> list[tuple[str, str]]:
    import re
    found = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in (item.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                text = re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", line[2:])
                found.append((item.get("intent"), text))
    return found


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    vocab: set[str] = set()
    for path in (REPO_ROOT / "data" / "nlu").glob("*.yml"):
        for _, text in nlu_texts(path):
            vocab.update(words(text))
    return Vocabulary(vocab)


@pytest.mark.parametrize("word", ["doeiii", "jaaaaa", "dankjewell", "bedanktt", "pestenn"])
def test_drawn_out_letters_and_one_typo_are_known(vocabulary, word):
    """A chat answer of one word is the classifier's to read, not "niet begrepen"."""
    assert word not in vocabulary.words and word in vocabulary


@pytest.mark.parametrize("mash", ["asdf", "qwer", "jjjj", "kkkk", "xxxx", "hdhd", "ksks", "zxcv", "qwerty", "jdjdj"])
def test_keyboard_mashing_stays_unknown(vocabulary, mash):
    assert mash not in vocabulary


def test_words_are_lower_cased_letters_only():
    assert words("Ik wordt GEPEST!! 3x 🙂") == ["ik", "wordt", "gepest", "x"]
    assert known_ratio("🙂 123", {"ik"}) is None


@pytest.mark.parametrize("text", ["blablabla", "jdjdjd kdkd", "qwx zrrp vlmk", "asdfgh"])
def test_gibberish_is_mostly_unknown(vocabulary, text):
    assert known_ratio(text, vocabulary) < 0.34


@pytest.mark.parametrize("text", [
    "ik wordt gepst op schoool", "mn mentor doet niks", "kan ik anoniem klagen",
    "Mijn dochter wordt buitengesloten door haar klasgenoten",
])
def test_real_messages_with_typos_are_known_enough(vocabulary, text):
    assert known_ratio(text, vocabulary) >= 0.34


def test_held_out_messages_are_almost_never_taken_for_gibberish(vocabulary):
    held_out = nlu_texts(REPO_ROOT / "tests" / "nlu" / "holdout.yml")
    flagged = [t for _, t in held_out
               if sum(map(len, words(t))) >= 4 and known_ratio(t, vocabulary) < 0.34]
    assert len(flagged) <= 0.02 * len(held_out), flagged


def _processed(text: str, intent: str, confidence: float) -> str:
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.components.unknown_words import UnknownWordsFallback

    component = UnknownWordsFallback(UnknownWordsFallback.get_default_config(), None, None,
                                     {"nee", "hallo", "ik", "word", "gepest"})
    message = Message({TEXT: text, INTENT: {"name": intent, "confidence": confidence},
                       INTENT_RANKING_KEY: [{"name": intent, "confidence": confidence}]})
    return component.process([message])[0].get(INTENT)["name"]


@pytest.mark.parametrize("text, intent", [("neuh", "ontkennen"), ("hoooidoei", "begroeting")])
def test_one_unknown_word_read_surely_as_a_harmless_answer_is_taken(text, intent):
    assert _processed(text, intent, 0.83) == intent


@pytest.mark.parametrize("text, intent, confidence", [
    ("jjjj", "bevestigen", 0.94),          # never a yes from an unknown word
    ("blablabla", "hulp_nu", 0.91),        # nor a crisis (the patterns still catch real ones)
    ("asdf", "buiten_bereik", 0.94),
    ("neuh", "ontkennen", 0.56),           # an unsure reading stays "niet begrepen"
    ("jdjdjd kdkd", "ontkennen", 0.9),     # more than one unknown word: gibberish
])
def test_other_unknown_words_stay_not_understood(text, intent, confidence):
    assert _processed(text, intent, confidence) == "nlu_fallback"
