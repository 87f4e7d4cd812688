"""The route advice at the end of the intake, computed from the regulation (contract §5)."""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from shared import backend_client
from shared.client_settings import get_settings
from actions.feiten import feiten_van
from actions.talen import gesprekstaal
from wegwijzer.advice import ROLLEN_ADVIES, Advice, IntakeFacts, aanspreekvorm, advise
from wegwijzer.feiten import FEIT_VRAGEN
from wegwijzer.regulation import seed_profile


async def advies_voor(
    tracker: Tracker, slots: Optional[Dict[str, Any]] = None
) -> Tuple[Advice, List[EventType]]:
    """The advice for this intake (``slots``: the tracker's with a change carried out) and the
    slot events that keep it for the handoff."""
    slots = tracker.current_slot_values() if slots is None else slots
    rol = slots.get("rol") if slots.get("rol") in ROLLEN_ADVIES else None
    # The facts from the person's words and their answers to the fact questions
    # (actions/feiten.py); the slots of the fact questions hold only the answers.
    feiten = feiten_van(tracker, date.today(), slots)
    oud_leerling = feiten.pop("oud_leerling") and rol != "oud_leerling"
    if oud_leerling:
        rol = "oud_leerling"  # a "pupil" who told they are a former pupil: an adult
    facts = IntakeFacts.from_dict({
        **{k: v for k, v in slots.items() if k not in FEIT_VRAGEN},
        **feiten,
        "minderjarig": feiten["minderjarig"] if rol == "leerling" else None,
        "rol": rol or "anders",
        "acuut": bool(slots.get("acuut")),
    })
    # The school board's own regulation; the seed regulation when the backend cannot give
    # it now (away, or a school without a board yet), so the person still gets advice.
    school = slots.get("school")
    profile = await backend_client.school_regulation(school, get_settings()) if school else None
    vorm = aanspreekvorm(rol)
    advice = advise(facts, profile or seed_profile(), date.today(), vorm=vorm, taal=gesprekstaal(tracker))
    events: List[EventType] = [
        SlotSet("advies_routes", advice.advies_routes),
        SlotSet("signalen", advice.signalen),
        # The date of the event for the record (also set when "wanneer" is answered).
        SlotSet("datum_gebeurtenis", slots.get("datum_gebeurtenis") or feiten["datum_gebeurtenis"]),
    ] + ([SlotSet("aanspreekvorm", vorm), SlotSet("rol", rol)] if oud_leerling else [])  # "u" from here on, and on the record
    return advice, events


class ActionAdvies(Action):
    """Advises the routes for this intake and keeps them, with the signals, for the handoff."""

    def name(self) -> Text:
        return "action_advies"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        advice, events = await advies_voor(tracker)
        # The chat gets the short advice; the reporter's copy carries the full text.
        dispatcher.utter_message(response="utter_advies", advies=advice.kort())
        return events
