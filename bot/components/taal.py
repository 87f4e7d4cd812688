"""Rasa NLU component: the language of each message, and what another language means for the
intent.

Adds ``taal`` to the parse result: ``{"taal": code or None, "zekerheid": …, "woorden": …}``
(``wegwijzer.taal.detecteer``; None: short, mixed or unsure, so the slot keeps what it had).
``action_validate_slot_mappings`` (``actions/talen.py``) turns it into the slot `taal` in the
same turn, before any response is chosen.

It also reads three things the Dutch model cannot:
- "English", "Nederlands" (and a few ways to say them) as a whole message: intent
  ``taal_kiezen`` with the entity ``gesprekstaal`` (the buttons send the same as a payload);
- yes and no in the other languages ("evet", "tak", "так", "نعم", "nein", "sí"): intents
  ``bevestigen`` and ``ontkennen``, so a yes/no question does not loop on them;
- a message in another language that the model did not understand (``nlu_fallback``): intent
  ``melding_doen``, so it starts the intake (or, inside a form, is the answer) instead of
  "Sorry, dat begreep ik niet". The model's own intent stays in ``taal.intent_model``.
  The same for a sentence (``MIN_SENTENCE_WORDS`` words or more) in a language the model was
  not trained on (not Dutch or English) that it reads as anything but a report, an answer or
  acute danger: its multilingual sentence features make it confident about Spanish and Polish
  too, and wrong ("la profesora se burla de mí delante de toda la clase" as ``buiten_bereik``,
  a Polish complaint about the director as an FAQ question).

Runs after the classifiers and before the crisis safety net, which still overrides all of it.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.intents import set_intent
from wegwijzer import taal
from wegwijzer.antwoorden import kiest_taal

TAAL_KEY = "taal"
FALLBACK_INTENT = "nlu_fallback"
# Languages the NLU data is written in: the model's reading of them is its own.
TRAINED_LANGUAGES = (taal.STANDAARD, "en")
# What the model may read into a sentence of another language (its multilingual features carry
# a report, an answer, a crisis across languages); anything else there is a guess.
TRUSTED_ELSEWHERE = ("melding_doen", "informeren", "hulp_nu")
MIN_SENTENCE_WORDS = 4
KEUZE_INTENT = "taal_kiezen"
KEUZE_ENTITY = "gesprekstaal"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class LanguageDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageDetector":
        return cls()

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LanguageDetector":
        taal.laad()  # the detector's models, once, before the first person writes
        return cls()

    @staticmethod
    def required_packages() -> List[Text]:
        return ["lingua"]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button's payload says what it means
            detectie = taal.detecteer(text)
            info: Dict[str, Any] = {
                "taal": detectie.taal, "zekerheid": round(detectie.zekerheid, 3), "woorden": detectie.woorden,
            }
            model_intent = (message.get(INTENT) or {}).get("name")
            gekozen = taal.keuze(text)
            ja_nee = taal.ja_nee(text)
            if gekozen:
                set_intent(message, KEUZE_INTENT)
                entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != KEUZE_ENTITY]
                message.set(ENTITIES, entities + [{
                    "entity": KEUZE_ENTITY, "value": gekozen, "start": 0, "end": len(text),
                    "extractor": self.__class__.__name__,
                }], add_to_output=True)
            elif ja_nee is not None:
                set_intent(message, "bevestigen" if ja_nee else "ontkennen")
            elif detectie.taal not in (None, taal.STANDAARD) and model_intent == FALLBACK_INTENT:
                set_intent(message, "melding_doen")
            elif detectie.taal not in (None, *TRAINED_LANGUAGES) and detectie.woorden >= MIN_SENTENCE_WORDS \
                    and model_intent not in TRUSTED_ELSEWHERE:
                set_intent(message, "melding_doen")
            if not gekozen and not kiest_taal(text):
                # The model's own `gesprekstaal` entity names a language but nobody asked for
                # one: "mondeling Engels" is the school subject, and a Dutch pupil who wrote it
                # got the whole conversation in English.
                message.set(ENTITIES, [e for e in message.get(ENTITIES) or []
                                       if e.get("entity") != KEUZE_ENTITY], add_to_output=True)
            current = (message.get(INTENT) or {}).get("name")
            if current != model_intent:
                info["intent_model"] = model_intent
            message.set(TAAL_KEY, info, add_to_output=True)
        return messages
