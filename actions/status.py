"""Coming back with a receipt code: how the report is doing (status, when a contact person
opened it and when it last changed), the contact person's messages, and the offer to write
back (the reply itself is ``bericht_form``, actions/berichten.py), in any channel."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from shared import backend_client
from shared.client_settings import get_settings
from actions.talen import gesprekstaal
from wegwijzer.conversation import berichten_tekst, datum_in_woorden
from wegwijzer.vocab import CODE_IN_TEXT, canonical_code


class ActionStatus(Action):
    """The status and the messages; with a known code, the offer to write back. The code is
    kept (``bericht_code``) only while that offer and the reply run."""

    def name(self) -> Text:
        return "action_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        nothing_kept = [SlotSet("bericht_code", None), SlotSet("bericht_status", None)]
        code = code_from(tracker.latest_message)
        if code is None:
            dispatcher.utter_message(response="utter_status_vraag_code")
            return nothing_kept
        if not await tell_status(dispatcher, tracker, code):
            return nothing_kept
        # The copy by a fresh one-time link (the code itself is never put in a link).
        link = await backend_client.copy_link(code, get_settings(), tracker.sender_id)
        if link:
            dispatcher.utter_message(response="utter_kopie_link", kopie_url=link)
        dispatcher.utter_message(response="utter_terugschrijven_aanbod")
        return [SlotSet("bericht_code", code), SlotSet("bericht_status", "aangeboden")]


async def tell_status(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> bool:
    """Shows the status and the messages of the report with this code; False (and an honest
    answer) when the code is unknown or the backend cannot answer now."""
    vorm = tracker.get_slot("aanspreekvorm") or "je"
    try:
        status = await backend_client.reporter_status(code, get_settings(), tracker.sender_id)
    except backend_client.BackendUnavailable:
        dispatcher.utter_message(response="utter_status_niet_bereikbaar")
        return False
    if status is None:
        dispatcher.utter_message(response="utter_status_onbekend")
        return False
    taal = gesprekstaal(tracker)
    dispatcher.utter_message(response="utter_status", status=status_text(status, taal))
    dispatcher.utter_message(
        response="utter_status_berichten",
        berichten=berichten_tekst(status.get("berichten") or [], vorm, taal),
    )
    return True


def code_from(parse: Dict[Text, Any]) -> Optional[str]:
    """The receipt code in the message: the `code` entity, or a code-shaped part of the text."""
    for entity in parse.get("entities") or []:
        if entity.get("entity") == "code" and entity.get("value"):
            return canonical_code(str(entity["value"]))
    match = CODE_IN_TEXT.search(parse.get("text") or "")
    return canonical_code(match.group(0)) if match else None


# The labels of the status, per conversation language (the status text itself comes from the
# backend, in the language of the record).
_STATUS_LABELS = {
    "nl": (("ontvangen_op", "Ontvangen op"), ("geopend_op", "Geopend door de contactpersoon op"),
           ("laatst_gewijzigd", "Laatst bijgewerkt op"),
           ("niet_geopend", "De contactpersoon heeft de melding nog niet geopend.")),
    "en": (("ontvangen_op", "Received on"), ("geopend_op", "Opened by the contact person on"),
           ("laatst_gewijzigd", "Last updated on"),
           ("niet_geopend", "The contact person has not opened the report yet.")),
}


def status_text(status: Dict[Text, Any], taal: str = "nl") -> str:
    """The status in plain words with the dates that matter; no names of staff."""
    labels = dict(_STATUS_LABELS["en" if taal == "en" else "nl"])
    lines = [status.get("status_tekst") or status.get("status", "")]
    for key in ("ontvangen_op", "geopend_op", "laatst_gewijzigd"):
        when = datum_in_woorden(status.get(key), taal)
        if when:
            lines.append(f"{labels[key]} {when}.")
    if not status.get("geopend_op"):
        lines.append(labels["niet_geopend"])
    return "\n".join(lines)
