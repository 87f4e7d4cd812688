"""The conversation around the intake: the first acknowledgement, "I did not understand" (two
stages), and "I want to talk to a human"."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from wegwijzer.antwoorden import (
    is_aarzelend, is_oud_leerling, kondigt_vraag_aan, rol_uit_antwoord, stemt_in, vraagt_om_mens, weigert,
)
from wegwijzer.conversation import aanspreekvorm, rol_uit_tekst
from wegwijzer.intake import clean_text, entity_values, found_categories, new_intake_id, zinnen_samen
from wegwijzer.vocab import ROLLEN

# A first message of at least this many words already tells part of the story: it is kept.
MIN_WOORDEN_EERSTE_BERICHT = 8
# A hesitant first message this long already tells the story: it is acknowledged as one.
MAX_WOORDEN_AARZELEND = 20
# Slots whose answer is free text: any message fills them, so "not understood" says nothing.
VRIJE_TEKST_SLOTS = ("wat_gebeurd", "wanneer", "betrokkenen", "naam", "contact",
                     "al_ondernomen", "wens")
# Messages answered before the intake started, otherwise than by starting it: with the help lines
# first (acute danger) or "niet begrepen". What they told is part of the story all the same.
_BEANTWOORD_VOOR_DE_INTAKE = ("hulp_nu", "nlu_fallback")


def begint_nieuwe_intake(event: Dict[Text, Any]) -> bool:
    """Whether an event starts a new intake: a restart, a new session, or the handoff clearing
    ``intake_id``. What was said before it belongs to another intake."""
    kind = event.get("event")
    return kind in ("restart", "session_started") or (
        kind == "slot" and event.get("name") == "intake_id" and event.get("value") is None
    )


def eerdere_berichten(events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The user events of this intake before the latest message."""
    user_events: List[Dict[Text, Any]] = []
    for event in events:
        if begint_nieuwe_intake(event):
            user_events = []
        elif event.get("event") == "user":
            user_events.append(event)
    return user_events[:-1]  # the latest message is the one being handled now


def eerder_verteld(events: List[Dict[Text, Any]]) -> List[str]:
    """The story the person told in this intake before the latest message, in messages the bot
    did not start the intake with (``_BEANTWOORD_VOOR_DE_INTAKE``) and long enough to tell
    something."""
    told: List[str] = []
    for event in eerdere_berichten(events):
        text = clean_text(event.get("text"))
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if (text and not text.startswith("/") and intent in _BEANTWOORD_VOOR_DE_INTAKE
                and len(text.split()) >= MIN_WOORDEN_EERSTE_BERICHT):
            told.append(text)
    return told


def rol_uit_bericht(message: Dict[Text, Any], antwoord: bool = False) -> Optional[str]:
    """The role in a parsed message. As the answer to "Wie ben jij?" (``antwoord``) the
    person's words come first ("leerling 4vwo", "moeder van Sem", "oud-leerling": see
    wegwijzer.antwoorden), then a button or the model's `rol` entity. In a first message a
    former pupil is recognised first, then only the narrow patterns of
    wegwijzer.conversation.rol_uit_tekst ("mijn zoon …")."""
    text = message.get("text") or ""
    if antwoord:
        rol = rol_uit_antwoord(text)
        if rol:
            return rol
    elif is_oud_leerling(text):
        return "oud_leerling"
    if not antwoord and not text.startswith("/"):
        # In a story the model's `rol` entity marks the people in it ("de conciërge", "mijn
        # vader is overleden"), not the writer: only the narrow patterns guess the role.
        return rol_uit_tekst(text)
    roles = entity_values(message, "rol", ROLLEN)
    return roles[0] if roles else rol_uit_tekst(text)


def refusal_at_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """"nee, ik wil het eerst met mijn ouders bespreken" at the consent question is a refusal,
    whatever intent the model gave it (a wish for a human, a new report): nothing is sent and
    the conversation starts afresh. None when the message is no refusal there."""
    text = tracker.latest_message.get("text")
    if _last_bot_response(tracker) == "utter_vraag_toestemming" and weigert(text) and not vraagt_om_mens(text):
        dispatcher.utter_message(response="utter_niets_verstuurd")
        return [FollowupAction("action_restart")]
    return None


def unclear_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """A typed answer to the consent question that is no clear yes ("hmmm", "naaah", "ja maar…")
    sends nothing, whatever intent the model gave it: a refusal is one (nothing is sent), anything
    else gets the question again with its buttons. None when the answer is a button or a clear yes,
    or when the consent question was not the last one."""
    text = (tracker.latest_message.get("text") or "").strip()
    if text.startswith("/") or _last_bot_response(tracker) != "utter_vraag_toestemming":
        return None
    refused = refusal_at_consent(dispatcher, tracker)
    if refused is not None:
        return refused
    if stemt_in(text):
        return None
    dispatcher.utter_message(response="utter_toestemming_zeker_weten")
    return [FollowupAction("utter_vraag_toestemming")]


class ActionMeldingWelkom(Action):
    """Starts the intake by listening first: who is writing (from their own words, so the tone
    fits from the first answer) and whether the first message already told something, which is
    then kept as the start of the story and acknowledged (utter_melding_welkom follows)."""

    def name(self) -> Text:
        return "action_melding_welkom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        refused = refusal_at_consent(dispatcher, tracker)
        if refused is not None:
            return refused
        message = tracker.latest_message
        text = message.get("text") or ""
        rol = tracker.get_slot("rol")
        events: List[EventType] = []
        if not tracker.get_slot("intake_id"):  # records helper: each intake its own id (issue 15)
            events.append(SlotSet("intake_id", new_intake_id()))
        if not rol:
            # A former pupil may say so in a question before the story ("heeft het nog zin om
            # iets te melden als je al van school af bent?": blind1), and then write "mijn docent".
            eerder = [e.get("text") for e in eerdere_berichten(tracker.events)]
            # Told over more messages (after the help lines), the first may say it: "een vader
            # voor mijn lokaal" and then "de vader van Noah uit mijn klas" is a teacher (blind7).
            rol = "oud_leerling" if any(is_oud_leerling(t) for t in eerder) else (
                rol_uit_tekst(" ".join(t for t in eerder if t)) or rol_uit_bericht(message))
            if rol:
                events.append(SlotSet("rol", rol))
        events.append(SlotSet("aanspreekvorm", aanspreekvorm(rol)))
        story = None if text.startswith("/") else clean_text(text)
        # A hesitant opening ("ik weet niet of ik dit hier mag zeggen maar …") is met with
        # reassurance and, at once, the invitation to tell (see ValidateIntakeForm.required_slots).
        aarzelend = is_aarzelend(story) and len((story or "").split()) < MAX_WOORDEN_AARZELEND
        if not (
            story is not None
            and len(story.split()) >= MIN_WOORDEN_EERSTE_BERICHT
            and (message.get("intent") or {}).get("name") in ("melding_doen", "hulp_nu")
        ):
            story = None
        # A first message answered with the help lines or "niet begrepen" told part of the story:
        # it is kept, not lost because the intake started one message later.
        story = zinnen_samen(*eerder_verteld(tracker.events), story)
        if story is not None:
            events += [
                SlotSet("eerste_bericht", story),
                SlotSet("melding_start", "aarzelend" if aarzelend else "verhaal"),
                SlotSet("categorieen", found_categories(message)),
            ]
        else:
            events.append(SlotSet("melding_start", "aarzelend" if aarzelend else "kort"))
        return events


class ActionNietBegrepen(Action):
    """Two-stage fallback: the first miss asks to rephrase, a second miss in a row offers a
    human. Inside the intake, a free-text question needs no understanding: it says nothing."""

    def name(self) -> Text:
        return "action_niet_begrepen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if tracker.active_loop.get("name") and tracker.get_slot("requested_slot") in VRIJE_TEKST_SLOTS:
            return []
        # "Nee, toch maar niet" at the consent question is a refusal, whatever the model made of
        # it (not understood after a retrain, and the question came back again and again).
        refused = refusal_at_consent(dispatcher, tracker)
        if refused is not None:
            return refused
        if not tracker.active_loop.get("name") and kondigt_vraag_aan(tracker.latest_message.get("text")):
            dispatcher.utter_message(response="utter_vraag_welkom")
            return []
        if not tracker.active_loop.get("name") and is_aarzelend(tracker.latest_message.get("text")):
            # Someone about to disclose: reassurance and an invitation, never "niet begrepen".
            dispatcher.utter_message(response="utter_aarzelend")
            return []
        if misses_in_a_row(tracker) >= 2:
            dispatcher.utter_message(response="utter_niet_begrepen_mens")
        else:
            dispatcher.utter_message(response="utter_default")
        return []


def misses_in_a_row(tracker: Tracker) -> int:
    """How many of the person's last messages in a row were not understood."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") != "nlu_fallback":
            break
        count += 1
    return count


class ActionMensSpreken(Action):
    """Says honestly that this is a program, and offers what can be done now: hand over what
    the person already told (after the summary and their yes), or help them write it down."""

    def name(self) -> Text:
        return "action_mens_spreken"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        refused = refusal_at_consent(dispatcher, tracker)
        if refused is not None:
            return refused
        if tracker.get_slot("wat_gebeurd") or tracker.get_slot("eerste_bericht"):
            dispatcher.utter_message(response="utter_mens_spreken_overdragen")
            aanbod = "overdragen"
        else:
            dispatcher.utter_message(response="utter_mens_spreken")
            aanbod = "starten"
        events: List[EventType] = [SlotSet("mens_aanbod", aanbod)]
        if not tracker.get_slot("wat_gebeurd") and tracker.get_slot("eerste_bericht"):
            # Only the first message is known: that is what would be handed over.
            events.append(SlotSet("wat_gebeurd", tracker.get_slot("eerste_bericht")))
        return events


def _last_bot_response(tracker: Tracker) -> Optional[str]:
    """The response name of the bot's last message before the person's latest one."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
    return None
