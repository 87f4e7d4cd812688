"""Rasa NLU component: the crisis safety net on every message.

Runs last in the pipeline, after DIET and the FallbackClassifier, so that a message about acute
danger becomes ``hulp_nu`` whatever the classifier said (including ``nlu_fallback`` and FAQ
questions). The patterns live in ``wegwijzer.safety``; this only applies them.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from wegwijzer.safety import detect_crisis

CRISIS_INTENT = "hulp_nu"
# Added to the parse result so that actions and logs can see why (the kind, never the words).
CRISIS_KEY = "crisis"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class CrisisSafetyNet(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CrisisSafetyNet":
        return cls()

    @staticmethod
    def required_packages() -> List[Text]:
        return []

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            signal = detect_crisis(message.get(TEXT))
            if signal is not None:
                # The language of the matching pattern: the help lines come with a line in it.
                mark_crisis(message, signal.kind, signal.taal)
        return messages


def mark_crisis(message: Message, soort: str, taal: Optional[str]) -> None:
    """Makes the message ``hulp_nu`` (the classifier's ranking kept below it) and says why in
    the ``crisis`` field: the kind and the language, never the words."""
    intent = {"name": CRISIS_INTENT, "confidence": 1.0}
    ranking = [intent] + [
        ranked for ranked in message.get(INTENT_RANKING_KEY) or [] if ranked.get("name") != CRISIS_INTENT
    ]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    message.set(CRISIS_KEY, {"soort": soort, "taal": taal}, add_to_output=True)
