"""Rasa NLU component: a second crisis net by meaning, for the phrasings no pattern was written for.

The crisis patterns (``wegwijzer.safety``, run by ``bot.components.safety_net``) catch the
phrasings someone wrote a form for; a blind batch in eight languages showed how little else
(bench/README.md, "Crisis net from a fixed warning-sign checklist": 2 of 64). This net uses the
multilingual e5 sentence vector the pipeline already computes (``SentenceEncoderFeaturizer``
with alias ``features``: no second encoder): a message is flagged when its nearest crisis
example is closer (cosine) than its nearest ordinary example by more than ``margin``. The
examples are the product's: ``data/crisis/voorbeelden.yml`` (multilingual), the measured batches
of ``data/crisis/batches.yml`` (``batches_file``; compared batch-out, no other rule generalised
better to an unseen batch than more examples: bench/crisis_batch_cv.py) and the NLU data
(``hulp_nu`` against every other intent); their vectors are computed while Rasa trains and kept
with the model.

A flagged message becomes ``hulp_nu`` (the classifier's ranking kept below it) and gets the
same ``crisis`` field as the safety net, ``{"soort", "taal"}``: the kind the patterns give the
nearest crisis example (``onbekend`` when they give none) and the language the language
detector found (else the nearest example's). Never the words. Messages of fewer than
``min_words`` words (buttons, "ja", a name) and button payloads are left alone. A false alarm
costs the help lines and one question ("ben je nu in gevaar?", ``actions/acuut.py``); only a
yes puts acute danger on the record. The safety net runs after this one and has the last word.

The same difference also checks the classifier: DIET reads ``hulp_nu`` into ordinary answers
("Ik ben zijn moeder", "We zitten krap en konden de 65 euro niet betalen"), and each such
reading showed the help lines and asked "ben je nu in gevaar?" in the middle of an ordinary
intake. When DIET says ``hulp_nu`` but the message's nearest ordinary example is closer than its
nearest crisis example by more than ``veto`` (a negative difference), DIET's next intent is taken
when it is a real alternative (confidence ``veto_alternative_min`` or more) without consequences
of its own, else ``melding_doen``: someone is telling something. A near-zero second guess after
a confident ``hulp_nu`` is noise, and one of them ("stoppen") ended a parent's conversation at
its first message. A crisis pattern still has the last word.

A message of several sentences is also judged sentence by sentence (each of ``min_words``
words or more): a child who writes a whole complaint and ends with "sometimes I think about
ending it all" is one sentence of crisis in a paragraph of school, and the whole message's
vector is the school's (the blind batch checklist7: four such messages, in four languages,
missed). A single sentence counts only when its nearest crisis example is of a kind in
``sentence_kinds`` (wanting to die: what a child tucks in at the end of a complaint) and at the
stricter ``sentence_margin`` (a short sentence has a noisier vector than a paragraph). Sentences
about violence are what ordinary school complaints are full of ("ik heb blauwe plekken", "ze
zeggen dat ik moet oppassen"): with every kind, 7 more of 132 ordinary scenario conversations
got the help lines; with wanting to die alone, the blind batch's catches stay. The whole
message still judges violence. A sentence's difference is reported less the extra margin, so
that one number counts for flagging and for the veto alike; a sentence that is not flagged
leaves the whole message's difference as it is (else a message DIET wrongly read as acute, such
as "We zitten krap en konden de 65 euro niet betalen. Nu krijgen we een brief…", escaped the
veto through its least ordinary sentence: the scenario suite showed it).
Margin and veto chosen with ``bench/crisis_pipeline.py --margins``; figures in bench/README.md.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import numpy as np
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.safety_net import CRISIS_INTENT, mark_crisis
from bot.components.sentence_features import encode, sentence_vector
from bot.components.taal import TAAL_KEY
from wegwijzer.safety import detect_crisis
from wegwijzer.vocab import CODE_IN_TEXT

logger = logging.getLogger(__name__)

UNKNOWN_KIND = "onbekend"
# Where a sentence ends: after . ! ? ; … (with the space after it), or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+|\s*\n+\s*")
# The crisis and ordinary example lists of the data file, per language.
CRISIS_LIST, ORDINARY_LIST = "crisis", "gewoon"


def load_examples(path: Path) -> Tuple[List[Tuple[str, str]], List[str]]:
    """(language, text) of the crisis examples and the texts of the ordinary ones in ``path``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    crisis = [(taal, text) for taal, texts in (data.get(CRISIS_LIST) or {}).items() for text in texts]
    ordinary = [text for texts in (data.get(ORDINARY_LIST) or {}).values() for text in texts]
    return crisis, ordinary


def all_examples(path: Path, training_data: TrainingData) -> Tuple[List[Tuple[str, str]], List[str]]:
    """The examples of ``path`` with the NLU data's: ``hulp_nu`` as Dutch crisis examples, every
    other intent as ordinary ones (button payloads left out)."""
    crisis, ordinary = load_examples(path)
    for example in training_data.intent_examples:
        text, intent = example.get(TEXT), example.get(INTENT)
        if not text or text.startswith("/"):
            continue
        if intent == CRISIS_INTENT:
            crisis.append(("nl", text))
        else:
            ordinary.append(text)
    return crisis, ordinary


def sentences(text: str, min_words: int) -> List[str]:
    """The sentences of a message of more than one sentence that have ``min_words`` words or
    more; nothing for a message of one sentence (its own vector says it all)."""
    parts = [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]
    if len(parts) < 2:
        return []
    return [part for part in parts if len(part.split()) >= min_words]


class ExampleIndex:
    """The example vectors, and for each crisis example its language and kind."""

    def __init__(self, crisis: np.ndarray, ordinary: np.ndarray, talen: Sequence[Optional[str]],
                 soorten: Sequence[str]) -> None:
        self.crisis = np.asarray(crisis, dtype=np.float32)
        self.ordinary = np.asarray(ordinary, dtype=np.float32)
        self.talen = list(talen)
        self.soorten = list(soorten)

    def nearest(self, vector: np.ndarray) -> Tuple[float, int]:
        """(nearest crisis similarity minus nearest ordinary similarity, index of that crisis example)."""
        similarities = self.crisis @ vector
        best = int(np.argmax(similarities))
        return float(similarities[best] - (self.ordinary @ vector).max()), best

    def save(self, directory: Path) -> None:
        np.save(directory / "crisis.npy", self.crisis)
        np.save(directory / "ordinary.npy", self.ordinary)
        (directory / "crisis.json").write_text(
            json.dumps({"talen": self.talen, "soorten": self.soorten}), encoding="utf-8")

    @classmethod
    def read(cls, directory: Path) -> "ExampleIndex":
        labels = json.loads((directory / "crisis.json").read_text(encoding="utf-8"))
        return cls(np.load(directory / "crisis.npy"), np.load(directory / "ordinary.npy"),
                   labels["talen"], labels["soorten"])


def build_index(encoder: str, crisis: Sequence[Tuple[Optional[str], str]], ordinary: Sequence[str]) -> ExampleIndex:
    """Encodes the examples; a crisis example's kind is what the patterns make of it."""
    soorten = []
    for _, text in crisis:
        signal = detect_crisis(text)
        soorten.append(signal.kind if signal else UNKNOWN_KIND)
    return ExampleIndex(encode(encoder, [t for _, t in crisis]), encode(encoder, list(ordinary)),
                        [taal for taal, _ in crisis], soorten)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class SemanticCrisisNet(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Multilingual crisis and ordinary examples (the NLU data's intents are added).
            "examples_file": "data/crisis/voorbeelden.yml",
            # Measured batches copied by bench/crisis_batches_to_examples.py (None: none).
            "batches_file": None,
            "encoder": "e5",
            # The alias of the SentenceEncoderFeaturizer whose vectors to reuse (same encoder).
            "features": None,
            # Nearest crisis example closer than the nearest ordinary one by more than this.
            "margin": 0.01,
            "min_words": 3,
            # A single sentence of a longer message must pass this margin, and its nearest crisis
            # example must be of one of these kinds.
            "sentence_margin": 0.02,
            "sentence_kinds": ["zelfdoding"],
            # DIET's own hulp_nu is dropped when the difference is below this (None: never).
            "veto": -0.02,
            # What it becomes: DIET's next intent when at least this sure and not one that acts
            # on the conversation by itself; else melding_doen.
            "veto_alternative_min": 0.1,
            "veto_never": ["stoppen", "bevestigen", "ontkennen", "nlu_fallback"],
            "veto_default": "melding_doen",
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return []

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 index: Optional[ExampleIndex] = None) -> None:
        self._config = {**self.get_default_config(), **config}  # a model trained before a new key
        self._model_storage = model_storage
        self._resource = resource
        self._index = index

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SemanticCrisisNet":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        crisis, ordinary = all_examples(Path(self._config["examples_file"]), training_data)
        if self._config.get("batches_file"):
            more_crisis, more_ordinary = load_examples(Path(self._config["batches_file"]))
            crisis, ordinary = crisis + more_crisis, ordinary + more_ordinary
        self._index = build_index(self._config["encoder"], crisis, ordinary)
        with self._model_storage.write_to(self._resource) as directory:
            self._index.save(directory)
        logger.info("crisis examples: %d crisis, %d ordinary", len(crisis), len(ordinary))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SemanticCrisisNet":
        try:
            with model_storage.read_from(resource) as directory:
                index = ExampleIndex.read(directory)
        except ValueError:  # not trained yet (e.g. `rasa data validate`)
            index = None
        return cls(config, model_storage, resource, index)

    def _vector(self, message: Message) -> np.ndarray:
        vector = sentence_vector(message, self._config["features"])
        if vector is None:
            vector = encode(self._config["encoder"], [message.get(TEXT)])[0]
        return vector

    def nearest(self, message: Message) -> Optional[Tuple[float, int]]:
        """How much closer the message's nearest crisis example is than its nearest ordinary
        one, and that crisis example (for a message of several sentences the largest over the
        whole and each sentence of a ``sentence_kinds`` kind, the sentences' less
        ``sentence_margin - margin``); None for a message the net leaves alone (untrained, a
        button's payload, fewer than ``min_words`` words)."""
        text = message.get(TEXT) or ""
        # A receipt code typed to ask for the status is no words: its random letters and digits
        # found an Arabizi crisis example ("k7qm 3xda 9tpw" got the help lines, not the status).
        words = CODE_IN_TEXT.sub(" ", text).split()
        if self._index is None or text.startswith("/") or len(words) < self._config["min_words"]:
            return None
        found = self._index.nearest(self._vector(message))
        parts = sentences(text, self._config["min_words"])
        if parts:
            stricter = self._config["sentence_margin"] - self._config["margin"]
            for vector in encode(self._config["encoder"], parts):
                difference, nearest = self._index.nearest(vector)
                # Only a sentence that is flagged counts: one that is merely less ordinary than
                # the whole must not lift the whole message out of the veto.
                if difference > self._config["sentence_margin"] \
                        and self._index.soorten[nearest] in self._config["sentence_kinds"]:
                    found = max(found, (difference - stricter, nearest))
        return found

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = self.nearest(message)
            if found is None:
                continue
            difference, nearest = found
            if difference <= self._config["margin"]:
                veto = self._config.get("veto")
                if veto is not None and difference < veto:
                    overrule_crisis_reading(message, self._config)
                continue
            detected = (message.get(TAAL_KEY) or {}).get("taal")
            mark_crisis(message, self._index.soorten[nearest], detected or self._index.talen[nearest])
        return messages


def overrule_crisis_reading(message: Message, config: Dict[Text, Any]) -> None:
    """A ``hulp_nu`` of the classifier that the examples contradict becomes DIET's next intent
    when that is a real, harmless alternative, else ``veto_default`` (``hulp_nu`` kept in the
    ranking, below it); anything else is left as it is."""
    intent = message.get(INTENT) or {}
    if intent.get("name") != CRISIS_INTENT:
        return
    ranking = message.get(INTENT_RANKING_KEY) or []
    others = [ranked for ranked in ranking if ranked.get("name") != CRISIS_INTENT]
    nxt = others[0] if others else None
    if nxt is None or nxt.get("confidence", 0) < config["veto_alternative_min"] \
            or nxt.get("name") in config["veto_never"]:
        nxt = next((r for r in others if r.get("name") == config["veto_default"]),
                   {"name": config["veto_default"], "confidence": 0.0})
    rest = [r for r in others if r is not nxt]
    message.set(INTENT, nxt, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [nxt, intent] + rest, add_to_output=True)
