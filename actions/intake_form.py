"""Validation of ``intake_form``: which slots to ask, and what counts as a usable answer."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import backend_client
from actions.config import get_settings
from wegwijzer.intake import (
    MAX_FREE_TEXT, MAX_SHORT_TEXT, clean_text, entity_values, found_categories, school_slug,
)
from wegwijzer.vocab import AL_ONDERNOMEN, ROLLEN, WENSEN

MIN_WAT_GEBEURD = 3


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_intake_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        # An anonymous reporter is never asked for a name or contact details.
        if tracker.get_slot("anoniem"):
            return [slot for slot in domain_slots if slot not in ("naam", "contact")]
        return domain_slots

    async def extract_school(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The school from the message metadata (widget, REST) or, when asked, the text."""
        if tracker.get_slot("school"):
            return {}
        metadata = tracker.latest_message.get("metadata") or {}
        slug = school_slug(metadata.get("school")) if isinstance(metadata, dict) else None
        if slug is None and tracker.get_slot("requested_slot") == "school":
            slug = school_slug(tracker.latest_message.get("text"))
        return {"school": slug} if slug else {}

    async def validate_school(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        known = await backend_client.school_exists(value, get_settings())
        if known is False:
            dispatcher.utter_message(response="utter_school_onbekend")
            return {"school": None}
        # Unknown because the backend is away: keep the slug, the handoff will tell.
        return {"school": value}

    def validate_rol(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if value in ROLLEN:
            return {"rol": value}
        dispatcher.utter_message(response="utter_rol_onbekend")
        return {"rol": None}

    def validate_wat_gebeurd(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        acuut = _intent(tracker) == "hulp_nu"
        if acuut:
            # Acute danger first, and the person's story is kept: they need not tell it twice.
            dispatcher.utter_message(response="utter_hulp_nu")
        text = clean_text(value)
        if text is None or len(text) < MIN_WAT_GEBEURD:
            dispatcher.utter_message(response="utter_wat_gebeurd_te_kort")
            return {"wat_gebeurd": None}
        if len(text) > MAX_FREE_TEXT:
            dispatcher.utter_message(response="utter_wat_gebeurd_te_lang")
            return {"wat_gebeurd": None}
        slots = {"wat_gebeurd": text, "categorieen": found_categories(tracker.latest_message)}
        if acuut:
            slots["acuut"] = True
        return slots

    async def extract_al_ondernomen(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract_choices(tracker, "al_ondernomen", "ondernomen", AL_ONDERNOMEN, "niets")

    async def extract_wens(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract_choices(tracker, "wens", "wens", WENSEN, "advies")

    @staticmethod
    def _extract_choices(
        tracker: Tracker, slot: str, entity: str, allowed: tuple, when_no_or_unsure: str
    ) -> Dict[Text, Any]:
        """The answer to a list question: its entities; "nee"/"weet niet" → one value; any
        other answer → "anders", so nobody is stuck on a question the bot did not understand."""
        if tracker.get_slot("requested_slot") != slot or _intent(tracker) in ("stoppen", "hulp_nu"):
            return {}
        values = entity_values(tracker.latest_message, entity, allowed)
        if not values:
            values = [when_no_or_unsure] if _intent(tracker) in ("ontkennen", "weet_niet") else ["anders"]
        return {slot: values}

    def validate_naam(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return {"naam": self._short_text(value, dispatcher)}

    def validate_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return {"contact": self._short_text(value, dispatcher)}

    @staticmethod
    def _short_text(value: Any, dispatcher: CollectingDispatcher) -> Optional[str]:
        text = clean_text(value)
        if text is not None and len(text) > MAX_SHORT_TEXT:
            dispatcher.utter_message(response="utter_te_lang")
            return None
        return text


def _intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")
