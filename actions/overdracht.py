"""The summary before consent, its changes ("pas aan", "laat weg": ``wijzig_form``), and the
handoff: after an explicit yes, exactly the approved intake goes to the backend, or, when the
backend is away, into the outbox that delivers it later (``actions.outbox``).

The logic of a change (which field, "verander X in: Y", what a left-out field empties) is plain
Python in ``wegwijzer.conversation``; the actions here only read the tracker and set slots."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions import outbox
from shared import backend_client
from shared.client_settings import Settings, get_settings
from actions.advice import advies_voor
from actions.conversation import refusal_at_consent, unclear_consent
from actions.intake_form import eerdere_pogingen, is_external, latest_intent
from actions.talen import gesprekstaal
from wegwijzer.conversation import samenvatting_tekst, veld_label
from wegwijzer.summary_changes import (
    AANPASSEN, GEEN_VELD, NIET_WEG_TE_LATEN, WEGLATEN, Wijziging, is_laat_maar, parse_wijziging,
    pas_wijziging_toe, veld_knoppen, veld_uit_tekst, wijzigbare_velden,
)
from wegwijzer.intake import (
    MAX_FREE_TEXT, MAX_SHORT_TEXT, build_intake_record, clean_text, entity_values, kanaal_for_channel,
    new_intake_id, slots_to_clear,
)
from wegwijzer.vocab import AL_ONDERNOMEN, WENSEN, generate_code

logger = logging.getLogger(__name__)

WIJZIG_SLOTS = ("wijzig_soort", "wijzig_veld", "wijzig_waarde")
# The entity the model finds for a list field's new answer.
_LIJST_ENTITEIT = {"al_ondernomen": ("ondernomen", AL_ONDERNOMEN), "wens": ("wens", WENSEN)}


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
            samenvatting=samenvatting_tekst(slots, slots.get("aanspreekvorm") or "je", gesprekstaal(tracker)),
        )
        return []


class ActionOverdracht(Action):
    """Posts the intake record, with its own ``intake_id`` and a receipt code made here, and
    tells the person in ONE short message: the code, a one-time link to the copy, what happens
    now, and the offer to report something else. When the backend is away, keeps the intake in
    the outbox (``actions.outbox``) and says so honestly; when it refuses the record, or nothing
    could be kept, that nothing was sent. After the handoff the intake's slots are cleared, so
    "ik wil nog iets melden" starts a fresh intake that shows nothing of this one."""

    def name(self) -> Text:
        return "action_overdracht"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        # Only an explicit yes sends: a typed answer the model read as yes but that is none
        # ("naaah", "hmmm") sends nothing.
        unclear = unclear_consent(dispatcher, tracker)
        if unclear is not None:
            return unclear
        # An intake that started without action_melding_welkom gets its id here, kept on a
        # failure, so a retry is the same intake (one record).
        intake_id = tracker.get_slot("intake_id") or new_intake_id()
        record = build_intake_record(
            tracker.current_slot_values(),
            conversation_id=tracker.sender_id,
            kanaal=kanaal_for_channel(tracker.get_latest_input_channel()),
            intake_id=intake_id,
        )
        record["code"] = generate_code()
        settings = get_settings()
        try:
            stored = await backend_client.post_intake(record, settings)
        except backend_client.BackendUnavailable:
            return await _keep_in_outbox(dispatcher, tracker, domain, record, settings)
        except backend_client.BackendRejected:
            dispatcher.utter_message(response="utter_overdracht_mislukt")
            return [SlotSet("intake_id", intake_id), SlotSet("overdracht_status", "mislukt")]
        # The backend's word: a taken code was replaced there. A repeat of an intake stored
        # before has no code in the answer (only its hash is kept): it was told then.
        code = stored.get("code") or tracker.get_slot("code") or record["code"]
        link = await backend_client.copy_link(code, settings, tracker.sender_id)
        dispatcher.utter_message(
            response="utter_overdracht_gelukt", code=code,
            kopie_url=link or backend_client.copy_page(settings),
        )
        return _intake_done(tracker, domain, code, intake_id)


def _intake_done(
    tracker: Tracker, domain: Dict[Text, Any], code: str, intake_id: str
) -> List[EventType]:
    """The intake is with the backend or in the outbox: clear its slots (the code stays, to
    read back the status), so a next report in this chat is a fresh intake. The intake's id
    is set once more before it is cleared: the tracker store then always holds which part of
    the chat was this intake (``backend.store.conversations`` deletes only that part with it)."""
    names = set((domain or {}).get("slots") or {}) | set(tracker.slots) | {"intake_id"}
    initial = {
        name: (spec or {}).get("initial_value")
        for name, spec in ((domain or {}).get("slots") or {}).items()
    }
    events: List[EventType] = [SlotSet("intake_id", intake_id)] + [
        SlotSet(name, initial.get(name)) for name in slots_to_clear(names)
    ]
    return events + [SlotSet("code", code), SlotSet("overdracht_status", "gelukt")]


async def _keep_in_outbox(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any],
    record: Dict[str, Any], settings: Settings,
) -> List[EventType]:
    """The backend is away: the intake waits in the outbox and is delivered when it is back."""
    try:
        code = await asyncio.to_thread(outbox.keep, record, settings.outbox_url)
    except (SQLAlchemyError, OSError, ValueError, RuntimeError) as error:
        # Not even kept: nothing was sent, as the person hears; they may try again.
        logger.error("outbox: could not keep an intake (%s)", type(error).__name__)
        dispatcher.utter_message(response="utter_overdracht_mislukt")
        return [SlotSet("intake_id", record["intake_id"]), SlotSet("overdracht_status", "mislukt")]
    dispatcher.utter_message(response="utter_overdracht_bewaard", code=code)
    # Done for the conversation: the outbox delivers it (and the transcript job may go on).
    return _intake_done(tracker, domain, code, record["intake_id"])


def _vorm(tracker: Tracker) -> str:
    return tracker.get_slot("aanspreekvorm") or "je"



class ActionWijzigingBegin(Action):
    """Reads the change asked for at the consent question ("haal de namen eruit", "verander
    wanneer in: vorige week", or the "Pas iets aan" / "Laat iets weg" button); wijzig_form asks
    what is still missing."""

    def name(self) -> Text:
        return "action_wijziging_begin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        soort = WEGLATEN if latest_intent(tracker) == "weglaten" else AANPASSEN
        wijziging = parse_wijziging(tracker.latest_message.get("text"), soort)
        if wijziging.veld is None:
            # "Nee, toch maar niet", read as a wish to change: a refusal names nothing to change
            # ("nee, de datum klopt niet" does, and is a change).
            refused = refusal_at_consent(dispatcher, tracker)
            if refused is not None:
                return refused
        soort = wijziging.soort or soort
        veld = _allowed_field(dispatcher, tracker, soort, wijziging.veld)
        return [SlotSet("wijzig_soort", soort), SlotSet("wijzig_veld", veld),
                SlotSet("wijzig_waarde", wijziging.waarde if veld else None)]


def _allowed_field(
    dispatcher: CollectingDispatcher, tracker: Tracker, soort: str, veld: Optional[str]
) -> Optional[str]:
    """The field when the summary has it and it can get this change; else None (asked again)."""
    if veld is None or veld == GEEN_VELD:
        return veld
    if soort == WEGLATEN and veld in NIET_WEG_TE_LATEN:
        dispatcher.utter_message(response="utter_wijzig_niet_weglaten")
        return None
    if veld not in wijzigbare_velden(tracker.current_slot_values(), soort):
        # A known part that the summary does not hold (an anonymous person's name).
        dispatcher.utter_message(response="utter_wijzig_staat_er_niet_in", veld=veld_label(veld, _vorm(tracker), gesprekstaal(tracker)))
        return None
    return veld


class ValidateWijzigForm(FormValidationAction):
    """Which field, and for "pas aan" the new text, typed or from a button."""

    def name(self) -> Text:
        return "validate_wijzig_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        if tracker.get_slot("wijzig_soort") == WEGLATEN or tracker.get_slot("wijzig_veld") == GEEN_VELD:
            return [slot for slot in domain_slots if slot != "wijzig_waarde"]
        return domain_slots

    async def extract_wijzig_veld(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "wijzig_veld":
            return {}
        text = tracker.latest_message.get("text") or ""
        # "Laat maar" (the model reads it as a stop) calls off the change, not the conversation.
        if is_laat_maar(text) or latest_intent(tracker) == "ontkennen":
            return {"wijzig_veld": GEEN_VELD}
        if _interrupts(tracker):
            return {}
        # The whole change typed at once ("verander wanneer in: gisteren") is fine here too.
        wijziging = parse_wijziging(text, tracker.get_slot("wijzig_soort"))
        veld = wijziging.veld or veld_uit_tekst(text) or "?"
        slots: Dict[Text, Any] = {"wijzig_veld": veld}
        if wijziging.veld and wijziging.soort != tracker.get_slot("wijzig_soort"):
            slots["wijzig_soort"] = wijziging.soort
        if wijziging.veld and wijziging.waarde:
            slots["wijzig_waarde"] = wijziging.waarde
        return slots

    def validate_wijzig_veld(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if value == "?" and eerdere_pogingen(tracker, "wijzig_veld") >= 1:
            # Not understood twice: the summary as it is and the consent question again, never
            # this question a third time (the buttons there offer the change once more).
            dispatcher.utter_message(response="utter_wijzig_niets")
            return {"wijzig_veld": GEEN_VELD}
        if value == "?":
            dispatcher.utter_message(response="utter_wijzig_veld_onbekend")
            return {"wijzig_veld": None}
        soort = tracker.get_slot("wijzig_soort") or AANPASSEN
        veld = _allowed_field(dispatcher, tracker, soort, value)
        return {"wijzig_veld": veld} if veld else {"wijzig_veld": None, "wijzig_waarde": None}

    async def extract_wijzig_waarde(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "wijzig_waarde":
            return {}
        text = tracker.latest_message.get("text") or ""
        if text.strip().lower().strip(" .!") == "laat maar":
            return {"wijzig_veld": GEEN_VELD, "wijzig_waarde": None}
        if _interrupts(tracker):
            return {}
        return {"wijzig_waarde": text} if text and not text.startswith("/") else {}

    def validate_wijzig_waarde(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = clean_text(value)
        if text is None:
            return {"wijzig_waarde": None}
        short = tracker.get_slot("wijzig_veld") in ("naam", "contact")
        if len(text) > (MAX_SHORT_TEXT if short else MAX_FREE_TEXT):
            dispatcher.utter_message(response="utter_te_lang")
            return {"wijzig_waarde": None}
        return {"wijzig_waarde": text}


def _interrupts(tracker: Tracker) -> bool:
    return latest_intent(tracker) == "stoppen" or is_external(tracker)


class ActionAskWijzigVeld(Action):
    """Which part to change or leave out, with the summary's own fields as buttons."""

    def name(self) -> Text:
        return "action_ask_wijzig_veld"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        soort = tracker.get_slot("wijzig_soort") or AANPASSEN
        buttons = veld_knoppen(tracker.current_slot_values(), soort, _vorm(tracker), gesprekstaal(tracker))
        if soort == WEGLATEN:
            dispatcher.utter_message(response="utter_wijzig_welk_veld_weglaten", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_wijzig_welk_veld_aanpassen", buttons=buttons)
        return []


class ActionAskWijzigWaarde(Action):
    """What should be there instead, naming the part."""

    def name(self) -> Text:
        return "action_ask_wijzig_waarde"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        veld = tracker.get_slot("wijzig_veld")
        dispatcher.utter_message(response="utter_ask_wijzig_waarde", veld=veld_label(veld, _vorm(tracker), gesprekstaal(tracker)))
        return []


class ActionWijzigingToepassen(Action):
    """Carries out the change on the slots: a left-out field is emptied everywhere it lives in
    the conversation's state; the summary and the consent question follow (rules)."""

    def name(self) -> Text:
        return "action_wijziging_toepassen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        soort, veld = tracker.get_slot("wijzig_soort"), tracker.get_slot("wijzig_veld")
        wijziging = Wijziging(soort, veld, tracker.get_slot("wijzig_waarde"))
        entity, allowed = _LIJST_ENTITEIT.get(veld, (None, ()))
        found = entity_values(tracker.latest_message, entity, allowed) if entity else []
        changes = pas_wijziging_toe(tracker.current_slot_values(), wijziging, found)
        if changes and soort == WEGLATEN:
            dispatcher.utter_message(response="utter_wijzig_weggelaten", veld=veld_label(veld, _vorm(tracker), gesprekstaal(tracker)))
        elif changes:
            dispatcher.utter_message(response="utter_wijzig_aangepast", veld=veld_label(veld, _vorm(tracker), gesprekstaal(tracker)))
        else:
            dispatcher.utter_message(response="utter_wijzig_niets")
        events: List[EventType] = [SlotSet(slot, value) for slot, value in changes.items()]
        if changes:
            events += await _advies_na_wijziging(dispatcher, tracker, changes)
        return events + [SlotSet(slot, None) for slot in WIJZIG_SLOTS]


async def _advies_na_wijziging(
    dispatcher: CollectingDispatcher, tracker: Tracker, changes: Dict[str, Any]
) -> List[EventType]:
    """The advice again on the changed intake ("Wanneer" now names a date past the one-year term,
    what happened now tells of a crime, what was tried moves the next step): when its routes or
    signals differ, the person reads the new advice before consenting, and the record carries it."""
    if not tracker.get_slot("advies_routes"):
        return []  # no advice given yet: action_advies gives it
    advice, events = await advies_voor(tracker, {**tracker.current_slot_values(), **changes})
    if (list(advice.advies_routes) == list(tracker.get_slot("advies_routes") or [])
            and sorted(advice.signalen) == sorted(tracker.get_slot("signalen") or [])):
        return [e for e in events if e.get("name") == "datum_gebeurtenis"]
    dispatcher.utter_message(response="utter_advies_gewijzigd", advies=advice.kort())
    return events
