"""Writing back to the contact person, after coming back with a receipt code: ``bericht_form``
asks for the code (when not known yet), the message in the person's own words, and a yes on
the message shown back; then ``action_bericht_versturen`` posts it. Nothing is lost silently:
when the backend is away or refuses, the person hears that it was not sent and may try again.
The code and the text live in slots only while this runs, and are cleared after."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from shared import backend_client
from shared.client_settings import get_settings
from actions.intake_form import is_external, latest_intent
from actions.status import code_from, tell_status
from wegwijzer.conversation import MAX_BERICHT
from wegwijzer.summary_changes import is_laat_maar
from wegwijzer.intake import clean_text

BERICHT_SLOTS = ("bericht_code", "bericht_tekst", "bericht_klopt", "bericht_status")
# A bare "ja" or "nee" answers the question; it is not the message to the contact person.
MAX_WOORDEN_JA_NEE = 3


def clear_reply() -> List[EventType]:
    return [SlotSet(slot, None) for slot in BERICHT_SLOTS]



def _asked(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message answers this question of the form (not a stop or a push)."""
    return (tracker.get_slot("requested_slot") == slot and latest_intent(tracker) != "stoppen"
            and not is_external(tracker))


class ValidateBerichtForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_bericht_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        # bericht_klopt False: the person called it off ("nee, laat maar"); the form ends.
        if tracker.get_slot("bericht_klopt") is False:
            return []
        return domain_slots

    async def extract_bericht_code(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if not _asked(tracker, "bericht_code"):
            return {}
        if is_laat_maar(tracker.latest_message.get("text")) or latest_intent(tracker) == "ontkennen":
            return {"bericht_code": "?", "bericht_klopt": False}
        return {"bericht_code": code_from(tracker.latest_message) or "?"}

    async def validate_bericht_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("bericht_klopt") is False:
            return {"bericht_code": None}
        if value == "?":
            dispatcher.utter_message(response="utter_bericht_geen_code")
            return {"bericht_code": None}
        if tracker.get_slot("requested_slot") != "bericht_code":
            return {"bericht_code": value}  # checked by action_status just now
        # Typed here: show the status and the messages first, then ask for the reply.
        if await tell_status(dispatcher, tracker, value):
            return {"bericht_code": value}
        return {"bericht_code": None, "bericht_klopt": False}

    async def extract_bericht_tekst(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The message as typed: a question or "ik wil u spreken" is a fine message to a
        contact person, so only a stop (or a push from outside) is not taken."""
        text = tracker.latest_message.get("text") or ""
        if not _asked(tracker, "bericht_tekst") or not text or text.startswith("/"):
            if _asked(tracker, "bericht_tekst") and latest_intent(tracker) == "ontkennen":
                return {"bericht_tekst": "", "bericht_klopt": False}  # the "nee" button
            return {}
        return {"bericht_tekst": text}

    def validate_bericht_tekst(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if value is None:
            return {"bericht_tekst": None}  # emptied to write it again ("nee" when shown back)
        text = clean_text(value)
        short = text is not None and len(text.split()) <= MAX_WOORDEN_JA_NEE
        if text is None or (short and (latest_intent(tracker) == "ontkennen" or is_laat_maar(text))):
            return {"bericht_tekst": None, "bericht_klopt": False}
        if short and latest_intent(tracker) == "bevestigen":
            dispatcher.utter_message(response="utter_bericht_typ")
            return {"bericht_tekst": None}
        if len(text) > MAX_BERICHT:
            dispatcher.utter_message(response="utter_bericht_te_lang")
            return {"bericht_tekst": None}
        if latest_intent(tracker) == "hulp_nu":
            # Acute danger first; the message is kept and goes to the contact person too.
            dispatcher.utter_message(response="utter_hulp_nu")
        return {"bericht_tekst": text}

    async def extract_bericht_klopt(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Yes sends; no writes it again; anything else typed here is the new message."""
        if not _asked(tracker, "bericht_klopt"):
            return {}
        intent, text = latest_intent(tracker), tracker.latest_message.get("text") or ""
        words = len(text.split())
        if intent == "bevestigen" and (text.startswith("/") or words <= 6):
            return {"bericht_klopt": True}
        if intent == "ontkennen" and (text.startswith("/") or words <= 6):
            return {"bericht_klopt": None, "bericht_tekst": None}
        if text and not text.startswith("/"):
            return {"bericht_tekst": text}
        return {}


class ActionAskBerichtKlopt(Action):
    """Shows the message back for a yes before anything is sent."""

    def name(self) -> Text:
        return "action_ask_bericht_klopt"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_bericht_klopt", tekst=tracker.get_slot("bericht_tekst") or "")
        return []


class ActionBerichtVersturen(Action):
    """Posts the approved message; says honestly when it was not sent and offers to try again
    (the code and the text are kept for that), and clears both once it is done."""

    def name(self) -> Text:
        return "action_bericht_versturen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        code, tekst = tracker.get_slot("bericht_code"), tracker.get_slot("bericht_tekst")
        if tracker.get_slot("bericht_klopt") is False or not code or not tekst:
            if tracker.get_slot("bericht_klopt") is False:
                dispatcher.utter_message(response="utter_bericht_niet_verstuurd")
            return clear_reply()
        try:
            sent = await backend_client.post_reply(code, tekst, get_settings(), tracker.sender_id)
        except backend_client.BackendRejected as refused:
            dispatcher.utter_message(response="utter_bericht_geweigerd", reden=str(refused) or "")
            return [SlotSet("bericht_status", "mislukt")]
        except backend_client.BackendUnavailable:
            dispatcher.utter_message(response="utter_bericht_mislukt")
            return [SlotSet("bericht_status", "mislukt")]
        if sent is None:
            dispatcher.utter_message(response="utter_bericht_code_onbekend")
        else:
            dispatcher.utter_message(response="utter_bericht_verstuurd")
        return clear_reply()


class ActionBerichtAfsluiten(Action):
    """Forgets the code and the message (the rules say what the person hears)."""

    def name(self) -> Text:
        return "action_bericht_afsluiten"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        return clear_reply()
