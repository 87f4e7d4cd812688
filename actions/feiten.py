"""The facts that change the advice, in the intake form (a mixin for ValidateIntakeForm).

The facts are read from the person's own words (``wegwijzer.feiten``). Only a fact that changes
the route and that the words leave uncertain is asked: one short question with buttons, after
"who was involved?", never twice ("weet ik niet" or an unclear answer is kept as such).
``feiten_van`` also reads ``datum_gebeurtenis`` (from "wanneer?", else the story); action_advies
keeps it in its slot for the record.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from wegwijzer.feiten import (
    FEIT_VRAGEN, WEET_NIET, bepaal_feiten, ja_nee, lees_examen, lees_strafbaar, te_vragen,
    weet_het_niet,
)

# The fact questions come after this question (the story, when, who are known by then).
NA_SLOT = "betrokkenen"
# A reading of an unclear answer, per fact ("het was een gewone toets" answers "examen?").
_LEZERS = {"examen": lees_examen, "mogelijk_strafbaar": lees_strafbaar}


def gebruikerstekst(tracker: Tracker) -> str:
    """Everything the person typed in this conversation (button payloads left out)."""
    texts = [
        (e.get("text") or "") for e in tracker.events
        if e.get("event") == "user" and not (e.get("text") or "").startswith("/")
    ]
    return " ".join(texts)


def feiten_van(
    tracker: Tracker, today: Optional[date] = None, slots: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    """The facts for this intake: its slots (``slots`` when given: the tracker's with a change
    carried out), the person's words, their answers to fact questions."""
    slots = tracker.current_slot_values() if slots is None else slots
    return bepaal_feiten(
        rol=slots.get("rol"),
        categorieen=slots.get("categorieen") or [],
        verhaal=slots.get("wat_gebeurd") or slots.get("eerste_bericht"),
        wanneer=slots.get("wanneer"),
        betrokkenen=slots.get("betrokkenen"),
        alle_tekst=gebruikerstekst(tracker),
        antwoorden={s: slots[s] for s in FEIT_VRAGEN if slots.get(s) is not None},
        today=today or date.today(),
    )


def intent_naam(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def ja_nee_antwoord(text: str, intent: Optional[str]) -> Optional[bool]:
    """A yes or a no, typed ("ja", "nee hoor") or pressed (the buttons send /bevestigen and
    /ontkennen); None for anything else."""
    antwoord = ja_nee(text)
    return antwoord if antwoord is not None else {"bevestigen": True, "ontkennen": False}.get(intent)


class FeitenMixin:
    """Asks the uncertain facts that change the route; extracts and keeps the answers."""

    def feiten_slots(self, slots: List[Text], tracker: Tracker) -> List[Text]:
        """``slots`` with the fact questions to ask (and those answered) after ``NA_SLOT``."""
        if not tracker.get_slot(NA_SLOT) and tracker.get_slot("requested_slot") not in FEIT_VRAGEN:
            return slots
        beantwoord = [s for s in FEIT_VRAGEN if tracker.get_slot(s) is not None]
        vragen = set(te_vragen(feiten_van(tracker))) | set(beantwoord)
        extra = [s for s in FEIT_VRAGEN if s in vragen and s not in slots]
        if not extra:
            return slots
        at = slots.index(NA_SLOT) + 1 if NA_SLOT in slots else len(slots)
        return slots[:at] + extra + slots[at:]

    def _feit_antwoord(self, slot: str, tracker: Tracker) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != slot:
            return {}
        from actions.intake_form import _interrupts  # noqa: PLC0415 (import cycle)

        text = tracker.latest_message.get("text") or ""
        if _interrupts(tracker, slot):
            return {}
        antwoord = ja_nee_antwoord(text, intent_naam(tracker))
        weet_niet = intent_naam(tracker) == "weet_niet" or weet_het_niet(text)
        if antwoord is None and slot in _LEZERS and not weet_niet:
            antwoord = _LEZERS[slot](text)
        return {slot: WEET_NIET if antwoord is None else antwoord}

    async def extract_examen(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return self._feit_antwoord("examen", tracker)

    async def extract_betreft_personeel(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return self._feit_antwoord("betreft_personeel", tracker)

    async def extract_mogelijk_strafbaar(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return self._feit_antwoord("mogelijk_strafbaar", tracker)

    async def extract_minderjarig(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return self._feit_antwoord("minderjarig", tracker)
