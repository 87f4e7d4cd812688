"""Rasa NLU component: a receipt code in a message is always found.

Codes are machine-made (``wegwijzer.vocab.CODE_IN_TEXT``), so a pattern finds them exactly where
the model guesses: "k7qm 3xda 9tpw" alone came out as ``begroeting``. This adds the ``code``
entity in its canonical form (``K7QM-3XDA-9TPW``) and, when the message is little more than the
code ("mijn code is …"), sets the intent to ``status_opvragen``. The crisis safety net runs after
it and still overrides the intent.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.intents import set_intent
from wegwijzer.vocab import CODE_IN_TEXT, canonical_code as canonical

ENTITY = "code"
INTENT_NAME = "status_opvragen"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ReceiptCodeExtractor(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # At most this many other words next to the code make the message a status question.
        return {"max_other_words": 5}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ReceiptCodeExtractor":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            match = None if text.startswith("/") else CODE_IN_TEXT.search(text)
            if match is None:
                continue
            others = [e for e in message.get(ENTITIES, []) if e.get("entity") != ENTITY]
            found = {"entity": ENTITY, "value": canonical(match.group(0)),
                     "start": match.start(), "end": match.end(), "confidence_entity": 1.0}
            message.set(ENTITIES, others + self.add_extractor_name([found]), add_to_output=True)
            rest = (text[:match.start()] + " " + text[match.end():]).split()
            if len(rest) <= self._config["max_other_words"]:
                set_intent(message, INTENT_NAME)
        return messages
