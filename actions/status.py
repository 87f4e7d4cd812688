"""Coming back with a receipt code: how the report is doing (status, when a contact person
opened it and when it last changed), in any channel."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client
from actions.config import get_settings
from wegwijzer.vocab import CODE_IN_TEXT, canonical_code

_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december")


class ActionStatus(Action):
    def name(self) -> Text:
        return "action_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        code = code_from(tracker.latest_message)
        if code is None:
            dispatcher.utter_message(response="utter_status_vraag_code")
            return []
        try:
            status = await backend_client.reporter_status(code, get_settings())
        except backend_client.BackendUnavailable:
            dispatcher.utter_message(response="utter_status_niet_bereikbaar")
            return []
        if status is None:
            dispatcher.utter_message(response="utter_status_onbekend")
            return []
        dispatcher.utter_message(response="utter_status", status=status_text(status))
        return []


def code_from(parse: Dict[Text, Any]) -> Optional[str]:
    """The receipt code in the message: the `code` entity, or a code-shaped part of the text."""
    for entity in parse.get("entities") or []:
        if entity.get("entity") == "code" and entity.get("value"):
            return canonical_code(str(entity["value"]))
    match = CODE_IN_TEXT.search(parse.get("text") or "")
    return canonical_code(match.group(0)) if match else None


def status_text(status: Dict[Text, Any]) -> str:
    """The status in plain words with the dates that matter; no names of staff."""
    lines = [status.get("status_tekst") or status.get("status", "")]
    for key, label in (("ontvangen_op", "Ontvangen op"), ("geopend_op", "Geopend door de contactpersoon op"),
                       ("laatst_gewijzigd", "Laatst bijgewerkt op")):
        when = _datum(status.get(key))
        if when:
            lines.append(f"{label} {when}.")
    if not status.get("geopend_op"):
        lines.append("De contactpersoon heeft de melding nog niet geopend.")
    return "\n".join(lines)


def _datum(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return f"{moment.day} {_MAANDEN[moment.month - 1]} {moment.year}"
