"""The dense sentence featurizer: real encoders from their wheels, real Rasa messages."""
from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_features import ENCODERS, SentenceEncoderFeaturizer, encode, sentence_vector


def featurizer(tmp_path, encoder: str) -> SentenceEncoderFeaturizer:
    config = {**SentenceEncoderFeaturizer.get_default_config(), "encoder": encoder, "alias": encoder}
    return SentenceEncoderFeaturizer.create(
        config, LocalModelStorage(tmp_path), Resource("sentence"),
        ExecutionContext(GraphSchema({}), node_name="sentence_features"),
    )


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
def test_each_message_gets_one_sentence_vector_of_the_encoders_size(tmp_path, encoder):
    component = featurizer(tmp_path, encoder)
    messages = [Message({TEXT: "ik word gepest op school"}), Message({TEXT: "hoi"})]
    component.process(messages)
    for message in messages:
        (feature,) = message.features
        assert feature.type == FEATURE_TYPE_SENTENCE and feature.attribute == TEXT
        assert feature.origin == encoder and not feature.is_sparse()
        assert feature.features.shape == (1, ENCODERS[encoder][1])
        assert np.linalg.norm(feature.features) == pytest.approx(1.0, abs=1e-3)
    assert sentence_vector(messages[0], encoder).shape == (ENCODERS[encoder][1],)
    assert sentence_vector(messages[0], "other") is None


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
def test_vectors_are_deterministic_alone_and_in_a_batch(encoder):
    texts = ["mijn docent maakt opmerkingen over mijn lichaam", "wanneer is de sportdag", "ja"]
    first = encode(encoder, texts)
    again = encode(encoder, texts)
    alone = np.vstack([encode(encoder, [t]) for t in texts])
    assert np.array_equal(first, again)
    assert np.allclose(first, alone, atol=1e-5)


def test_training_examples_get_the_same_feature_and_empty_texts_none(tmp_path):
    component = featurizer(tmp_path, "e5")
    data = TrainingData([Message({TEXT: "ze schelden me uit", "intent": "melding_doen"}),
                         Message({TEXT: "", "intent": "nlu_fallback"})])
    component.process_training_data(data)
    trained = data.training_examples[0].features[0].features
    parsed = Message({TEXT: "ze schelden me uit"})
    component.process([parsed])
    assert np.allclose(trained, parsed.features[0].features, atol=1e-5)
    assert data.training_examples[1].features == []


def test_meaning_not_words_decides_what_is_near():
    """The reason for the encoder: no shared word, yet bullying is nearer bullying than an
    unrelated question (a bag of words sees nothing in common in either pair)."""
    bullying, also_bullying, timetable = encode("e5", [
        "een jongen pakt elke dag mijn spullen af",
        "ze nemen steeds mijn etui en tas weg",
        "hoe laat begint het eerste uur",
    ])
    assert bullying @ also_bullying > bullying @ timetable + 0.05


def test_an_unknown_encoder_is_refused(tmp_path):
    with pytest.raises(ValueError, match="encoder"):
        featurizer(tmp_path, "bert")
