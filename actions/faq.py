"""Answers to questions about the procedure (the retrieval intent ``faq``): the generic answer
from the domain, in the person's form of address, then the school's own people and addresses
from its regulation profile when the school is known.

Every answer gets the retention periods in plain words (``sessieduur``, ``bewaartermijn``), so
the privacy answer says what ``shared.transcripts`` really does with this deployment's settings."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from shared import backend_client
from shared.client_settings import get_settings
from shared import transcripts
from actions.talen import gesprekstaal
from wegwijzer.advice import faq_bij_school
from wegwijzer.antwoorden import is_aarzelend
from wegwijzer.feiten import lees_examen
from wegwijzer.intake import school_slug


class ActionFaq(Action):
    def name(self) -> Text:
        return "action_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        key = faq_key(tracker.latest_message)
        if key is None:
            # No answer to give. Someone hesitating ("mag ik hier iets zeggen over …") is invited
            # to tell, never told "niet begrepen".
            aarzelend = not tracker.active_loop.get("name") and is_aarzelend(tracker.latest_message.get("text"))
            dispatcher.utter_message(response="utter_aarzelend" if aarzelend else "utter_default")
            return []
        onderwerp = key.split("/", 1)[1]
        if onderwerp == "termijnen" and gaat_om_examen(tracker):
            # The one-year term is the complaint regulation's; an exam appeal's term is the
            # exam rules' and short: say that first, it is the one that can run out.
            dispatcher.utter_message(response="utter_faq_termijn_examen")
        dispatcher.utter_message(response=f"utter_{key}", **retention_words(gesprekstaal(tracker)))
        school = tracker.get_slot("school") or _school_from_metadata(tracker)
        if school:
            profile = await backend_client.school_regulation(school, get_settings())
            extra = faq_bij_school(onderwerp, profile, gesprekstaal(tracker)) if profile else None
            if extra:
                dispatcher.utter_message(response="utter_faq_bij_school", tekst=extra)
        return []


def gaat_om_examen(tracker: Tracker) -> bool:
    """Whether this intake is about an exam: the person said so, or their story does."""
    if tracker.get_slot("examen") is not None:
        return tracker.get_slot("examen") is True
    verhaal = " ".join(filter(None, (tracker.get_slot("eerste_bericht"), tracker.get_slot("wat_gebeurd"))))
    return bool(verhaal) and lees_examen(verhaal) is True


def retention_words(taal: str = "nl") -> Dict[Text, str]:
    """How long an idle conversation runs, and how long it is kept after it ended."""
    return {
        "sessieduur": transcripts.duration_in_words(transcripts.session_expiration_seconds(), taal),
        "bewaartermijn": transcripts.duration_in_words(transcripts.ttl_from_env(), taal),
    }


def faq_keuze(parse: Dict[Text, Any]) -> Tuple[Optional[str], float]:
    """("faq/contactpersoon", 0.93): the response the selector chose for the latest message, and
    how sure it was; (None, …) when it chose none of the FAQ's."""
    selected = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    key = selected.get("intent_response_key")
    return (key if isinstance(key, str) and key.startswith("faq/") else None), selected.get("confidence") or 0.0


def faq_key(parse: Dict[Text, Any]) -> Optional[str]:
    """"faq/contactpersoon": the response the selector chose for the latest message."""
    return faq_keuze(parse)[0]


def _school_from_metadata(tracker: Tracker) -> Optional[str]:
    metadata = tracker.latest_message.get("metadata") or {}
    return school_slug(metadata.get("school")) if isinstance(metadata, dict) else None
