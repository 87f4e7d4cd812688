"""The person's language (issue 17): the slots `taal` and `gesprekstaal`, the first answer in
the person's language, and the choice between Dutch and English.

``action_validate_slot_mappings`` is Rasa's global slot validation action: Rasa runs it after
every message, before it predicts what to do, so `taal` is set in the same turn and the
responses chosen in that turn (the help lines) see it. Its messages go out first in the reply,
which is where the first answer in another language belongs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions.acuut import crisis_lezing
from wegwijzer.taal import STANDAARD, gekozen_taal, taal_na_bericht

TAAL_SLOTS = ["taal", "gesprekstaal", "taal_welkom"]
# The responses, written out per language (tests/bot/test_rasa.py finds responses by name).
EERSTE_ANTWOORD = {
    "en": dict(response="utter_taal_welkom_en"),
    "tr": dict(response="utter_taal_welkom_tr"),
    "ar": dict(response="utter_taal_welkom_ar"),
    "pl": dict(response="utter_taal_welkom_pl"),
    "uk": dict(response="utter_taal_welkom_uk"),
    "de": dict(response="utter_taal_welkom_de"),
    "es": dict(response="utter_taal_welkom_es"),
}
GEKOZEN = {"nl": dict(response="utter_taal_gekozen_nl"), "en": dict(response="utter_taal_gekozen_en")}


def gesprekstaal(tracker: Tracker) -> str:
    """The language the bot writes in: "en" once English is chosen, else "nl" (the texts built
    in Python follow it; the responses follow it through bot/nlg.py)."""
    return "en" if tracker.get_slot("gesprekstaal") == "en" else STANDAARD


class ValidateTaal(ValidationAction):
    """Keeps `taal`, `gesprekstaal` and `taal_welkom` up to date, and gives the first answer."""

    def domain_slots(self, domain: DomainDict) -> List[Text]:
        return TAAL_SLOTS  # only ours: the forms validate their own slots

    async def extract_taal(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        message = tracker.latest_message or {}
        message = crisis_lezing(tracker.get_slot("requested_slot"), message, message.get("text"))
        slots, welkom = taal_na_bericht(
            message, tracker.get_slot("taal"),
            tracker.get_slot("gesprekstaal"), tracker.get_slot("taal_welkom"))
        if welkom:
            dispatcher.utter_message(**EERSTE_ANTWOORD[welkom])
        return slots

    # The values come from extract_taal above; nothing more to check (without these rasa_sdk
    # logs a warning for each).
    def validate_taal(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"taal": value}

    def validate_gesprekstaal(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"gesprekstaal": value}

    def validate_taal_welkom(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"taal_welkom": value}


class ActionTaalKiezen(Action):
    """"Nederlands" / "English": says so (the slot was set by action_validate_slot_mappings);
    a form that was running asks its question again (data/rules/talen.yml)."""

    def name(self) -> Text:
        return "action_taal_kiezen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        gekozen = gekozen_taal(tracker.latest_message or {}) or tracker.get_slot("gesprekstaal") or STANDAARD
        dispatcher.utter_message(**GEKOZEN[gekozen])
        return []
