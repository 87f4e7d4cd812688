"""Rasa NLU component: words that settle the intent whatever the classifiers read.

Two kinds of message went wrong on the blind scenario batch blind4 in ways no amount of training
data reliably prevents, because the classifier reads them by their neighbours:

- **Stopping, in so many words** ("laat maar, straks weten ze dat ik het was. ik stop", read as
  a question about anonymity; "ik bel nu 112", read as a request for information). The intake
  went on, the simulated person consented later, and a story was handed over that its teller
  had taken back. Such a message becomes ``stoppen`` (``wegwijzer.antwoorden.zegt_stop``); the
  rules end the conversation and send nothing.
- **A story read as a question about the procedure** ("Mijn cijfers waren goed genoeg voor de
  havo. Een klasgenote met dezelfde cijfers mocht wel doorstromen.", read as ``faq`` and answered
  with the secrecy answer and its minors' notice to an adult). A message of twelve words or more
  that asks nothing (``is_verhaal_zonder_vraag``) read as ``faq`` becomes ``melding_doen``.

Acute danger is never overridden: a message read as ``hulp_nu`` keeps it, and the crisis safety
net runs after this component with the last word. Button payloads say what they mean and are
left alone.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from wegwijzer.antwoorden import is_verhaal_zonder_vraag, zegt_stop

NOOIT_OVERSCHREVEN = {"hulp_nu"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentGuards(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # A message read as a procedure question is a story when it has this many words or more
        # and asks nothing.
        return {"story_min_words": 12}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "IntentGuards":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            if text.startswith("/") or intent in NOOIT_OVERSCHREVEN:
                continue
            if intent != "stoppen" and zegt_stop(text):
                self._set_intent(message, "stoppen")
            elif intent == "faq" and is_verhaal_zonder_vraag(text, self._config["story_min_words"]):
                self._set_intent(message, "melding_doen")
        return messages

    @staticmethod
    def _set_intent(message: Message, name: str) -> None:
        model = message.get(INTENT) or {}
        intent = {"name": name, "confidence": 1.0}
        ranking = [intent] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        message.set("intent_model", model.get("name"), add_to_output=True)
