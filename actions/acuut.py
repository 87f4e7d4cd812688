"""Acute danger in the intake form: one short question makes sure before the record says
"acuut gevaar", and the help lines come with it (a mixin for ValidateIntakeForm).

The help lines come at once when a crisis pattern names the danger; for a first message also when
the semantic net does or it is in another language (the rules, ``ActionLeesGevaar``). Inside the form, an answer read as danger by the classifier or the semantic net alone
gets the danger question first and the help lines on a yes or a doubt (``hulplijnen_meteen``):
blind conversations showed 113 to parents about a grade. Putting ``acuut_gevaar`` on the record
costs more than showing the lines: the contact person must reach the person today. A model that
reads a long ordinary complaint as danger ("de school incasseert de ouderbijdrage"), or the net
catching a retold threat ("hij maakte een grap over een bom, in 2024"), would send a school
running for nothing and teach it to ignore the signal. So the form asks once, first of all:
"Ben je nu in gevaar, of denk je erover jezelf iets aan te doen?" Yes, or anything but a clear
no, puts acute danger on the record (when in doubt, the signal stays); a clear no does not.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import begint_nieuwe_intake
from actions.feiten import ja_nee_antwoord
from wegwijzer.feiten import WEET_NIET, weet_het_niet
from wegwijzer.safety import alleen_in_scheldwoorden, detect_crisis

SLOT = "nu_gevaar"


# The questions whose answer is a name, a way to reach the person, a time or a wish: there the
# classifier's ``hulp_nu`` alone is no alarm. Danger told there still is one, through the crisis
# patterns and the semantic net; at the other questions (the story, who, what was tried) the
# classifier alone still raises it.
ALARM_NIET_VAN_HET_MODEL_ALLEEN = ("naam", "contact", "wanneer", "wens")
# At "wie ben jij?" neither the classifier nor the semantic net alone: only a crisis pattern
# raises it. The classifier read "Ik ben zijn pleegvader" as acute after a retrain, and the
# semantic net put "ik ben zijn voetbaltrainer" and "ik ben zijn stiefvader, hij woont bij mij"
# next to crisis examples about coaches and stepfathers (blind4). Of 1,607 crisis messages of
# the bench sets, 2 rest on the classifier alone (7 December).
# The same at "wat is je naam?" and "hoe kan de contactpersoon je bereiken?": the net put
# "Hafsa El Idrissi" next to an Arabizi crisis example, and its language brought an Arabic
# welcome into a Dutch conversation (blind7).
ALARM_ALLEEN_VAN_PATRONEN = ("rol", "naam", "contact")


def alarm_van_het_model_alleen(requested: Optional[str], parse_data: Dict[str, Any], text: Optional[str]) -> bool:
    """Whether a ``hulp_nu`` reading of such an answer has nothing behind it but the
    classifier: no crisis pattern and no semantic net (the parse's ``crisis`` field). The
    classifier read a name ("A. Peters") as acute danger, and a teacher with a roster conflict
    got the help lines and "is er nu gevaar?" (blind2); after a retrain it read "elke dag" at
    "wanneer?" and "dat iemand luistert" at "wat wil je?" so (blind3 round: the help lines in 10
    of 250 ordinary conversations came from that alone)."""
    if requested in ALARM_ALLEEN_VAN_PATRONEN:
        return detect_crisis(text) is None
    return (requested in ALARM_NIET_VAN_HET_MODEL_ALLEEN and not parse_data.get("crisis")
            and detect_crisis(text) is None)


def crisis_lezing(requested: Optional[str], parse_data: Dict[str, Any], text: Optional[str]) -> Dict[str, Any]:
    """The parse data with its ``crisis`` field dropped where it does not count as an alarm at
    this question (``ALARM_ALLEEN_VAN_PATRONEN``): a name read as danger brings no language."""
    if parse_data.get("crisis") and requested in ALARM_ALLEEN_VAN_PATRONEN and detect_crisis(text) is None:
        return {k: v for k, v in parse_data.items() if k != "crisis"}
    return parse_data


def hulplijnen_meteen(text: Optional[str]) -> bool:
    """Whether an answer in the intake read as acute danger gets the help lines at once: only
    when a crisis pattern names the danger. When the classifier or the semantic net alone read
    it so ("ze kwam huilend thuis", "hij plast 's nachts weer in bed", "legde zijn hand op mijn
    been", blind5: the help lines in 7 of 32 ordinary conversations), the danger question comes
    first, as a contact person would ask, and a yes or a doubt brings the help lines
    (``validate_nu_gevaar``); a clear no goes on without them. The first message, before the
    form, gets them at once unless the classifier alone read it so (``ActionLeesGevaar``)."""
    return detect_crisis(text) is not None


def hulplijnen_getoond(events: List[Dict[str, Any]]) -> bool:
    """Whether the help lines were shown in the current intake (after the last restart, new
    session or cleared intake)."""
    getoond = False
    for event in events:
        if begint_nieuwe_intake(event):
            getoond = False
        elif event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == "utter_hulp_nu":
            getoond = True
    return getoond


def alarm_in_deze_intake(events: List[Dict[str, Any]]) -> bool:
    """Whether a message of the current intake read as acute danger (a death wish others threw
    at the person, "ze schreven 'ga dood'", is none; nor the classifier's reading of a name or an
    address alone). The intake starts after the last restart, new session or cleared intake (the
    handoff clears ``intake_id`` and this question)."""
    alarm, requested = False, None
    for event in events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        if begint_nieuwe_intake(event) or (kind == "slot" and event.get("name") == SLOT and event.get("value") is None):
            alarm = False
        elif kind == "user":
            parse_data = event.get("parse_data") or {}
            intent = (parse_data.get("intent") or {}).get("name")
            if intent == "hulp_nu" and not alleen_in_scheldwoorden(event.get("text")) \
                    and not alarm_van_het_model_alleen(requested, parse_data, event.get("text")):
                alarm = True
    return alarm


def lees_antwoord(text: str, intent: Optional[str]) -> Any:
    """True (in danger), False (a clear no) or ``WEET_NIET`` (anything else)."""
    if intent == "hulp_nu":
        return True  # "ja ze staan er nog", "ik wil echt dood"
    antwoord = ja_nee_antwoord(text, intent)
    if antwoord is None or intent == "weet_niet" or weet_het_niet(text):
        return WEET_NIET
    return antwoord


class AcuutMixin:
    """Asks whether the danger is now, after the help lines; keeps the answer and the signal."""

    def acuut_slots(self, slots: List[Text], tracker: Tracker) -> List[Text]:
        """``slots`` with the danger question first, once a message of this intake read as
        acute danger (or once it was asked)."""
        if SLOT in slots:
            return slots
        if tracker.get_slot(SLOT) is not None or tracker.get_slot("requested_slot") == SLOT \
                or alarm_in_deze_intake(tracker.events):
            return [SLOT, *slots]
        return slots

    async def extract_nu_gevaar(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != SLOT:
            return {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = tracker.latest_message.get("text") or ""
        if intent in ("stoppen", "faq", "mens_spreken") and not text.startswith("/"):
            from actions.intake_form import _interrupts  # noqa: PLC0415 (import cycle)

            if _interrupts(tracker, SLOT):
                return {}  # the rules answer it; the question comes again
        return {SLOT: lees_antwoord(text, intent)}

    def validate_nu_gevaar(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if value is False:
            dispatcher.utter_message(response="utter_nu_gevaar_nee")
            return {SLOT: False, "acuut": False}
        # Yes, or not a clear no: the signal stays on the record, the help lines (all of them
        # first when only the danger question came before: ``hulplijnen_meteen``).
        if not hulplijnen_getoond(tracker.events):
            dispatcher.utter_message(response="utter_hulp_nu")
        dispatcher.utter_message(response="utter_nu_gevaar_ja")
        return {SLOT: value if value is True else WEET_NIET, "acuut": True}


GEVAAR_ZEKER = "gevaar_zeker"


def gevaar_zeker(parse_data: Dict[str, Any]) -> bool:
    """Whether a message read as acute danger names it: a crisis pattern or the semantic net put
    it on the parse (``crisis``), or it is not Dutch (the help lines with a line in the person's
    language come at once). False: the classifier alone read it so."""
    if parse_data.get("crisis"):  # the safety net, last in the NLU pipeline, ran the patterns
        return True
    info = parse_data.get("taal")
    taal = info.get("taal") if isinstance(info, dict) else None
    return taal not in (None, "nl")


class ActionLeesGevaar(Action):
    """Before the help lines for a first message read as danger: does anything but the
    classifier say so? When only the classifier does, the rules start the intake, whose first
    question is the danger question ("ben je nu in gevaar?", ``AcuutMixin``): a yes or a doubt
    brings every help line at once. Blind conversations showed the classifier alone reading
    ordinary complaints as danger at the first message ("Er is elke dag geweld op het plein en
    mijn zoon komt thuis met blauwe plekken", a wrestling game; an mbo student's complaint about
    her placement supervisor): 113 for a parent and a student. Of the bench sets' crisis messages
    almost none rest on the classifier alone (bench/README.md)."""

    def name(self) -> Text:
        return "action_lees_gevaar"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        # Inside a form (a message to the contact person) the help lines come as they always did.
        zeker = bool(tracker.active_loop_name) or gevaar_zeker(tracker.latest_message or {})
        return [SlotSet(GEVAAR_ZEKER, zeker)]
