"""Rasa NLU component: a message made of words the bot has never seen is not understood.

DIET with character n-grams is confident about anything: "blablabla" came out as ``hulp_nu``
(0.99) and "jdjdjd kdkd" as ``bevestigen`` (0.85), so gibberish started a crisis answer or an
intake instead of the two-stage fallback. This component learns the vocabulary of the training
data and, when fewer than ``min_known_ratio`` of a message's words are in it, sets the intent to
``nlu_fallback``. It runs before the crisis safety net, which still overrides it: a real crisis
message is recognised by its patterns whatever this component says.

Typos survive: "ik wordt gepst op schoool" has enough known words, and a word counts as known
when it is a known word with its letters drawn out ("doeiii", "neeee") or one typo away from one
("dankjewell", "bedamkt": words of five letters or more; shorter ones are too often one
letter away from a word by chance: a random four-letter string is in 19 % of cases), so that a
chat answer of one word is left to the classifier instead of getting "niet begrepen". A single unknown word that the classifier
reads with confidence as a greeting, a no, thanks, goodbye or "weet ik niet" ("neuh", "hoooi")
is taken as that: such a reading costs nothing when wrong, while a yes, a report or a crisis read
into an unknown word would. Button payloads ("/…"),
messages without letters (emoji), single short words and messages holding a receipt code
("k7qm 3xda 9tpw" is all unknown words) are left to the classifiers.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from wegwijzer.vocab import CODE_IN_TEXT

FALLBACK_INTENT = "nlu_fallback"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> List[str]:
    """The lower-cased words (letters only) of a text."""
    return [w.lower() for w in _WORD.findall(text or "")]


def squeezed(word: str) -> str:
    """The word with every run of one letter written once: "doeiii" and "doei" are the same."""
    return re.sub(r"(.)\1+", r"\1", word)


def _deletions(word: str) -> Set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Vocabulary:
    """The words of the training data, and the lookups that forgive drawn-out letters and one
    typo (one letter added, dropped, changed or two swapped: symmetric deletion)."""

    MIN_TYPO_LETTERS = 5

    def __init__(self, known: Set[str]) -> None:
        self.words = set(known)
        self._squeezed = {squeezed(w) for w in known if len(squeezed(w)) >= 2}
        self._deleted: Set[str] = set()
        for w in known:
            if len(w) >= self.MIN_TYPO_LETTERS - 1:
                self._deleted |= _deletions(w)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.words or squeezed(word) in self._squeezed:
            return True
        if len(word) < self.MIN_TYPO_LETTERS:
            return False
        one_less = _deletions(word)
        return (word in self._deleted  # one letter too few
                or bool(one_less & self.words)  # one letter too many
                or bool(one_less & self._deleted))  # one letter changed, or two swapped


def known_ratio(text: str, vocabulary) -> Optional[float]:
    """The share of the text's words that are in the vocabulary (a set or a
    :class:`Vocabulary`); None when it has no words."""
    found = words(text)
    if not found:
        return None
    return sum(1 for w in found if w in vocabulary) / len(found)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_known_ratio": 0.34, "min_letters": 4,
                "harmless_intents": ["begroeting", "afscheid", "bedanken", "ontkennen", "weet_niet"],
                "harmless_min_confidence": 0.8}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Set[str]] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = Vocabulary(vocabulary or set())

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnknownWordsFallback":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary: Set[str] = set()
        for example in training_data.training_examples:
            vocabulary.update(words(example.get(TEXT) or ""))
        self._vocabulary = Vocabulary(vocabulary)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / "vocabulary.json").write_text(json.dumps(sorted(vocabulary)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnknownWordsFallback":
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = set(json.loads((directory / "vocabulary.json").read_text(encoding="utf-8")))
        except ValueError:  # not trained yet (e.g. `rasa data validate`)
            vocabulary = set()
        return cls(config, model_storage, resource, vocabulary)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not self._vocabulary or text.startswith("/") or CODE_IN_TEXT.search(text):
                continue
            if sum(len(w) for w in words(text)) < self._config["min_letters"]:
                continue
            ratio = known_ratio(text, self._vocabulary)
            if ratio is None or ratio >= self._config["min_known_ratio"]:
                continue
            intent = message.get(INTENT) or {}
            if len(words(text)) == 1 and intent.get("name") in self._config["harmless_intents"] \
                    and intent.get("confidence", 0) >= self._config["harmless_min_confidence"]:
                continue
            message.set(INTENT, {"name": FALLBACK_INTENT, "confidence": 1.0}, add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY) or []
            if intent.get("name") and intent.get("name") != FALLBACK_INTENT:
                ranking = [{"name": FALLBACK_INTENT, "confidence": 1.0}] + ranking
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
