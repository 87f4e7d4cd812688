"""The summary before consent, and the handoff: after an explicit yes, the approved intake goes
to the backend."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client
from actions.config import get_settings
from wegwijzer.conversation import samenvatting_tekst
from wegwijzer.intake import build_intake_record, kanaal_for_channel


class ActionSamenvatting(Action):
    """Shows what will be handed over, one line per field, in the person's terms."""

    def name(self) -> Text:
        return "action_samenvatting"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        slots = tracker.current_slot_values()
        dispatcher.utter_message(
            response="utter_samenvatting",
            samenvatting=samenvatting_tekst(slots, slots.get("aanspreekvorm") or "je"),
        )
        return []


class ActionOverdracht(Action):
    """Posts the intake record and tells the person their receipt code, or honestly that it failed."""

    def name(self) -> Text:
        return "action_overdracht"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        record = build_intake_record(
            tracker.current_slot_values(),
            conversation_id=tracker.sender_id,
            kanaal=kanaal_for_channel(tracker.get_latest_input_channel()),
        )
        settings = get_settings()
        try:
            stored = await backend_client.post_intake(record, settings)
        except (backend_client.BackendUnavailable, backend_client.BackendRejected):
            dispatcher.utter_message(response="utter_overdracht_mislukt")
            return [SlotSet("overdracht_status", "mislukt")]
        code = stored["code"]
        dispatcher.utter_message(
            response="utter_overdracht_gelukt", code=code,
            kopie_url=f"{settings.public_url}/api/public/kopie/{code}",
        )
        # The copy itself, in the chat too (regulation art. 9 lid 2: the complainant gets a copy).
        copy = await backend_client.reporter_copy_text(code, settings)
        if copy:
            dispatcher.utter_message(text=copy)
        return [SlotSet("code", code), SlotSet("overdracht_status", "gelukt")]
