"""Rasa NLU component: ``categorie`` entities on descriptions of what happened.

A one-vs-rest logistic regression (scikit-learn) per category of the contract (§4) over the
message's multilingual sentence vector (``bot/components/sentence_features.py``: pretrained,
so "een jongen pakt elke dag mijn spullen af" lands near bullying although none of its words
is in a bullying example), optionally averaged with one over TF-IDF word and character n-grams
of the text. It trains on ``data/categories/beschrijvingen.yml`` while Rasa trains, keeps the
model in Rasa's model storage, and on every description of what happened adds one ``categorie``
entity per category whose probability reaches ``threshold`` (at most ``max_categories``; the
best one alone when none does: a description always belongs somewhere, ``anders`` included).
The form confirms the guess with the person, so one or two categories, not a list, is the aim.

The sentence vector is read from the message when a ``SentenceEncoderFeaturizer`` with alias
``features`` ran before (no second encoding), else encoded here. bench/nlu_pipelines.py measures
it against the spaCy bag-of-words text classifier it replaced.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import joblib
import numpy as np
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion

from bot.components.sentence_features import encode, sentence_vector
from wegwijzer.vocab import CATEGORIEEN

ENTITY = "categorie"
# Messages that are never a description of what happened.
NOT_A_DESCRIPTION = {
    "begroeting", "afscheid", "bedanken", "bevestigen", "ontkennen", "stoppen", "faq",
    "status_opvragen", "mens_spreken", "weet_niet", "buiten_bereik",
}


def load_descriptions(path: Path) -> List[Dict[str, Any]]:
    """The labelled descriptions, checked against the contract's categories."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["beschrijvingen"]
    for item in items:
        unknown = set(item["categorieen"]) - set(CATEGORIEEN)
        if unknown:
            raise ValueError(f"{path}: unknown categories {sorted(unknown)} for {item['tekst'][:40]!r}")
    return items


@dataclass
class CategoryModel:
    """The trained classifiers; ``scores`` gives one probability per category of CATEGORIEEN."""

    encoder: Optional[str]
    dense: Optional[OneVsRestClassifier]
    bow: Optional[Tuple[FeatureUnion, OneVsRestClassifier]]
    bow_weight: float

    def scores(self, texts: Sequence[str], vectors: Optional[np.ndarray] = None) -> np.ndarray:
        parts = []
        if self.dense is not None:
            if vectors is None:
                vectors = encode(self.encoder, list(texts))
            parts.append((1.0 - self.bow_weight, self.dense.predict_proba(vectors)))
        if self.bow is not None:
            vectorizer, classifier = self.bow
            parts.append((self.bow_weight if self.dense is not None else 1.0,
                          classifier.predict_proba(vectorizer.transform(list(texts)))))
        return sum(weight * p for weight, p in parts)


def _bag_of_words() -> FeatureUnion:
    # Words and word pairs, and character n-grams inside words for pupils' spelling.
    return FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                  min_df=2, lowercase=True)),
    ])


def train_model(items: List[Dict[str, Any]], encoder: Optional[str] = "e5", c: float = 32.0,
                bow_weight: float = 0.5, bow_c: float = 20.0) -> CategoryModel:
    """Fits the classifiers on the descriptions (deterministic: lbfgs, no sampling).

    ``encoder`` None gives the bag of words alone; ``bow_weight`` 0 the sentence vectors alone.
    """
    texts = [item["tekst"] for item in items]
    labels = np.array([[c_ in item["categorieen"] for c_ in CATEGORIEEN] for item in items], dtype=int)
    dense = bow = None
    if encoder is not None:
        dense = OneVsRestClassifier(LogisticRegression(C=c, max_iter=5000)).fit(encode(encoder, texts), labels)
    if encoder is None or bow_weight > 0:
        vectorizer = _bag_of_words()
        matrix = vectorizer.fit_transform(texts)
        bow = (vectorizer, OneVsRestClassifier(LogisticRegression(C=bow_c, max_iter=5000)).fit(matrix, labels))
    return CategoryModel(encoder, dense, bow, bow_weight if encoder is not None else 1.0)


def pick(scores: np.ndarray, threshold: float = 0.5, max_categories: int = 2,
         runner_up: float = 0.5) -> List[Tuple[str, float]]:
    """(category, probability), best first, at most ``max_categories``: the best one always (a
    description belongs somewhere, ``anders`` included), and each next one whose probability
    reaches ``threshold`` or is at least ``runner_up`` times the best one's (a close second:
    the form confirms the guess with the person, who says "nee" to a wrong one).
    """
    order = np.argsort(-scores, kind="stable")
    best = float(scores[order[0]])
    found = [(CATEGORIEEN[order[0]], best)]
    for i in order[1:max_categories]:
        if scores[i] >= threshold or scores[i] >= runner_up * best:
            found.append((CATEGORIEEN[i], float(scores[i])))
    return found


def categories(model: CategoryModel, text: str, threshold: float = 0.5, max_categories: int = 2,
               runner_up: float = 0.5) -> List[Tuple[str, float]]:
    """The categories of one description (see ``pick``)."""
    return pick(model.scores([text])[0], threshold, max_categories, runner_up)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True
)
class CategoryClassifier(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "training_file": "data/categories/beschrijvingen.yml",
            # The sentence encoder (sentence_features.ENCODERS), or null for the bag of words alone.
            "encoder": "e5",
            # The alias of the SentenceEncoderFeaturizer whose vectors to reuse (same encoder).
            "features": None,
            "C": 32.0,
            # Weight of the bag-of-words classifier in the average (0: sentence vectors alone).
            "bow_weight": 0.5,
            "threshold": 0.5,
            "max_categories": 2,
            # A second category also when it is at least this share of the best one's probability.
            "runner_up": 0.5,
            "min_tokens": 3,
            "always_tokens": 5,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[CategoryModel] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CategoryClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        items = load_descriptions(Path(self._config["training_file"]))
        self._model = train_model(items, encoder=self._config["encoder"], c=self._config["C"],
                                  bow_weight=self._config["bow_weight"])
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / "categories.joblib")
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "CategoryClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / "categories.joblib")
        except ValueError:  # not trained yet (e.g. `rasa data validate`)
            model = None
        return cls(config, model_storage, resource, model)

    def _is_description(self, message: Message) -> bool:
        """A message of ``min_tokens`` words or more that is not a button, unless DIET read it
        as a greeting, a yes, a question about the procedure…; a message of
        ``always_tokens`` words or more tells something whatever DIET made of it (a long
        story about school organisation was read as a question and got no category at all; a
        five-word answer to "wat is er gebeurd?" too). The categories are used only where a
        description is expected (the first story, the form's wat_gebeurd), so a question that
        gets one costs nothing."""
        text = message.get(TEXT) or ""
        if text.startswith("/"):
            return False
        tokens = len(text.split())
        intent = (message.get(INTENT) or {}).get("name")
        return tokens >= self._config["always_tokens"] or (
            intent not in NOT_A_DESCRIPTION and tokens >= self._config["min_tokens"])

    def process(self, messages: List[Message]) -> List[Message]:
        if self._model is None:
            return messages
        for message in messages:
            if not self._is_description(message):
                continue
            text = message.get(TEXT)
            vector = sentence_vector(message, self._config["features"])
            scores = self._model.scores([text], None if vector is None else vector.reshape(1, -1))[0]
            found = [
                {"entity": ENTITY, "value": category, "start": 0, "end": len(text),
                 "confidence_entity": round(score, 3)}
                for category, score in pick(scores, self._config["threshold"], self._config["max_categories"],
                                            self._config["runner_up"])
            ]
            entities = message.get(ENTITIES, []) + self.add_extractor_name(found)
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
