"""Validation of ``intake_form`` and ``keuze_form``: which slots to ask, what counts as a usable
answer, and the questions that are built from earlier answers (the category in the person's
terms, the advised routes as buttons)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.acuut import SLOT as ACUUT_SLOT, AcuutMixin, hulplijnen_meteen
from actions.feiten import FeitenMixin
from actions.conversation import rol_uit_bericht
from actions.talen import gesprekstaal
from shared import backend_client
from shared.client_settings import get_settings
from actions.faq import faq_keuze, retention_words
from wegwijzer.antwoorden import (
    is_vraag, kiest_taal, stopt_gesprek, vraag_tussendoor, vraagt_om_mens, vraagt_over_naam, wil_toch_anoniem,
)
from wegwijzer.conversation import (
    CATEGORIE_KNOP, CATEGORIE_KNOP_EN, GEEN_KEUZE, aanspreekvorm, alleen_knoppen, categorie_knoppen,
    categorieen_uit_tekst, omschrijf_categorieen, route_knoppen, route_uit_tekst,
)
from wegwijzer.feiten import weet_het_niet
from wegwijzer.summary_changes import lijst_waarden, stappen_bij_naam
from wegwijzer.intake import (
    MAX_FREE_TEXT, MAX_SHORT_TEXT, clean_text, entity_values, found_categories, school_slug,
    zinnen_samen,
)
from wegwijzer.safety import detect_crisis
from wegwijzer.vocab import AL_ONDERNOMEN, CATEGORIEEN, ROLLEN, WENSEN

MIN_WAT_GEBEURD = 3
_KNOP_TITELS = {title.lower() for title in (*CATEGORIE_KNOP.values(), *CATEGORIE_KNOP_EN.values())}
# Answers typed in the person's own words are extracted here rather than by a `from_text`
# mapping, so that a question or "ik wil een mens spreken" is not taken as the answer.
_VRAAGWOORDEN = ("wat", "wie", "hoe", "waar", "waarom", "wanneer", "welke", "kan", "kun",
                 "mag", "moet", "is", "zijn", "heb", "hebben", "wordt", "krijg", "hoelang", "hoeveel",
                 # English (issue 17)
                 "what", "who", "how", "where", "why", "which", "can", "may", "must", "are",
                 "do", "does", "will")
# The word a question starts with that also starts an answer to it ("wie het kanaal beheert"),
# and the words after it that make a clause, not a question ("wie leest dit" is a question).
_EIGEN_VRAAGWOORD = {"betrokkenen": "wie", "wanneer": "wanneer"}
_BIJZIN_NA_VRAAGWOORD = frozenset(("het", "de", "dat", "die", "dit", "er", "ik", "je", "jij", "we", "wij", "ze",
                                   "zij", "hij", "me", "mij", "hem", "haar", "mijn", "zijn", "ons", "onze", "een"))
# A story this long is a story, even if it also asks something.
MAX_WOORDEN_VRAAG = 12
# Questions whose answer a message read as acute danger can still be: the person's own words
# (or, for the lists, words that become "anders"). At these the helplines come first and the
# answer is kept (``_kept_despite_alarm``), so nobody is asked the same question in a loop.
_ANTWOORD_ONDANKS_ALARM = ("rol", "wat_gebeurd", "wanneer", "betrokkenen", "al_ondernomen", "wens",
                           "naam", "contact")
# The list questions: the entity that holds their answer and its contract values. A message
# with such an entity answers the question, whatever intent the model gave it ("praten met mijn
# mentor" is mens_spreken to the model, and what was tried).
_LIJSTVRAGEN = {"al_ondernomen": ("ondernomen", AL_ONDERNOMEN), "wens": ("wens", WENSEN)}
# "That was all" after "do you want to tell more?" when the first message told the story.
_DAT_WAS_HET = ("dat was het", "dat is het", "dat was alles", "dat is alles", "niks meer",
                "niets meer", "nee", "nee hoor", "nope", "klaar",
                "that's all", "thats all", "that is all", "that was all", "that's it", "no", "nothing more",
                "done")


class ValidateIntakeForm(AcuutMixin, FeitenMixin, FormValidationAction):
    def name(self) -> Text:
        return "validate_intake_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        # The facts that change the advice, when uncertain (actions/feiten.py).
        domain_slots = self.feiten_slots(domain_slots, tracker)
        # An anonymous reporter is never asked for a name or contact details.
        if tracker.get_slot("anoniem"):
            domain_slots = [slot for slot in domain_slots if slot not in ("naam", "contact")]
        else:
            domain_slots = _verhaal_eerst_na_aarzelen(domain_slots, tracker)
        # After the help lines, first of all: is the danger now? (actions/acuut.py)
        return self.acuut_slots(domain_slots, tracker)

    async def extract_school(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The school from the message metadata (widget, REST) or, when asked, the text."""
        if tracker.get_slot("school"):
            return {}
        metadata = tracker.latest_message.get("metadata") or {}
        slug = school_slug(metadata.get("school")) if isinstance(metadata, dict) else None
        if slug is None and tracker.get_slot("requested_slot") == "school":
            slug = school_slug(tracker.latest_message.get("text"))
        return {"school": slug} if slug else {}

    async def validate_school(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        known = await backend_client.school_exists(value, get_settings())
        if known is False:
            dispatcher.utter_message(response="utter_school_onbekend")
            return {"school": None}
        # Unknown because the backend is away: keep the slug, the handoff will tell.
        return {"school": value}

    async def extract_rol(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The role from a button, the person's words ("leerling 4vwo", "moeder van Sem",
        "oud-leerling") or the model's `rol` entity. Not understood twice: "anders", so the
        question is never asked a third time."""
        if tracker.get_slot("requested_slot") != "rol" or _interrupts(tracker, "rol"):
            return {}
        rol = rol_uit_bericht(tracker.latest_message, antwoord=True)
        if rol is None and eerdere_pogingen(tracker, "rol") >= 1:
            rol = "anders"
        return _help_first(dispatcher, tracker, {"rol": rol or "?"})

    def validate_rol(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if value in ROLLEN:
            return {"rol": value, "aanspreekvorm": aanspreekvorm(value)}
        dispatcher.utter_message(response="utter_rol_onbekend")
        return {"rol": None}

    def validate_wat_gebeurd(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        acuut = latest_intent(tracker) == "hulp_nu"
        if acuut and hulplijnen_meteen(tracker.latest_message.get("text")):
            # Acute danger first, and the person's story is kept: they need not tell it twice.
            # Read so by the model alone, the danger question comes first (actions/acuut.py).
            dispatcher.utter_message(response="utter_hulp_nu")
        eerste = tracker.get_slot("eerste_bericht")
        text = clean_text(value)
        if eerste and (text is None or _says_that_was_all(text, tracker)):
            text = eerste  # the first message told it, nothing to add
        elif eerste and text and eerste not in text:
            text = zinnen_samen(eerste, text)
        if (text is None or len(text) < MIN_WAT_GEBEURD) and not (
            text and eerdere_pogingen(tracker, "wat_gebeurd") >= 1
        ):
            # Asked once more; after that whatever the person wrote is kept (no third ask):
            # the contact person asks on.
            dispatcher.utter_message(response="utter_wat_gebeurd_te_kort")
            return {"wat_gebeurd": None}
        if len(text) > MAX_FREE_TEXT:
            dispatcher.utter_message(response="utter_wat_gebeurd_te_lang")
            return {"wat_gebeurd": None}
        if not acuut and not eerste:
            # Listen before asking on: acknowledge the story (the first message already was).
            dispatcher.utter_message(response="utter_erkenning_verhaal")
        categorieen = list(tracker.get_slot("categorieen") or [])
        for categorie in found_categories(tracker.latest_message):
            if categorie not in categorieen:
                categorieen.append(categorie)
        # Acute danger goes on the record only when the person confirms it (actions/acuut.py).
        return {"wat_gebeurd": text, "categorieen": _in_order(categorieen)}

    async def extract_wat_gebeurd(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # No helplines here: validate_wat_gebeurd shows them, before its own acknowledgement.
        return _free_text_answer(tracker, "wat_gebeurd")

    async def extract_wanneer(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return _help_first(dispatcher, tracker, _free_text_answer(tracker, "wanneer"))

    async def extract_betrokkenen(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return _help_first(dispatcher, tracker, _free_text_answer(tracker, "betrokkenen"))

    async def extract_naam(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """A question about giving one's name ("moet ik mijn naam echt geven? ik schaam me een
        beetje", read as a report by the model) is answered, not kept as the name (blind3);
        "toch anoniem" there goes on anonymously."""
        text = tracker.latest_message.get("text") or ""
        if tracker.get_slot("requested_slot") == "naam" and not text.startswith("/"):
            if wil_toch_anoniem(text):
                return {"anoniem": True, "naam": None, "contact": None}
            if vraagt_over_naam(text) and not _interrupts(tracker, "naam"):
                dispatcher.utter_message(response="utter_faq/anoniem")
                return {}
        return _help_first(dispatcher, tracker, _free_text_answer(tracker, "naam"))

    async def extract_contact(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return _help_first(dispatcher, tracker, _free_text_answer(tracker, "contact"))

    async def extract_categorie_klopt(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """The answer to "Het klinkt alsof het gaat om …. Klopt dat?" or to the category
        buttons: False for "no", True for anything else (validate_categorie_klopt reads it)."""
        if tracker.get_slot("requested_slot") != "categorie_klopt":
            return {}
        text = tracker.latest_message.get("text") or ""
        if _interrupts(tracker) and not categorieen_uit_tekst(text):
            return {}  # a question or a wish for a human, unless it is a category button
        chosen = _chosen_categories(tracker)
        return {"categorie_klopt": not (latest_intent(tracker) == "ontkennen" and not chosen)}

    def validate_categorie_klopt(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if value is False and eerdere_pogingen(tracker, "categorie_klopt") < 1:
            # Not that: show the categories to choose from (action_ask_categorie_klopt).
            return {"categorie_klopt": None, "categorieen": []}
        chosen = _chosen_categories(tracker)
        if chosen:
            return {"categorie_klopt": True, "categorieen": chosen}
        # "ja", "weet ik niet" or an answer naming no category: nobody is stuck on this
        # question; the contact person reads the story itself. What was confirmed is what was
        # shown: no hidden "anders" beside it.
        shown = [c for c in tracker.get_slot("categorieen") or [] if c != "anders"]
        return {"categorie_klopt": True, "categorieen": shown or ["anders"]}

    async def extract_al_ondernomen(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return _help_first(dispatcher, tracker, self._extract_choices(tracker, "al_ondernomen", "niets"))

    async def extract_wens(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return _help_first(dispatcher, tracker, self._extract_choices(tracker, "wens", "advies"))

    @staticmethod
    def _extract_choices(tracker: Tracker, slot: str, when_no_or_unsure: str) -> Dict[Text, Any]:
        """The answer to a list question: its entities and the values its words name ("dat ze
        ermee stoppen" → stoppen_gedrag); "nee"/"weet niet" → one value; any other answer →
        "anders", so nobody is stuck on a question the bot did not understand."""
        if tracker.get_slot("requested_slot") != slot or _interrupts(tracker, slot):
            return {}
        entity, allowed = _LIJSTVRAGEN[slot]
        found = entity_values(tracker.latest_message, entity, allowed)
        text = tracker.latest_message.get("text") or ""
        values = (found or ["anders"]) if text.startswith("/") \
            else lijst_waarden(slot, text, found, tracker.get_slot("betrokkenen"), stappen_bij_naam(
                " ".join(filter(None, (tracker.get_slot("wat_gebeurd"), tracker.get_slot("betrokkenen"))))))
        if values == ["anders"] and latest_intent(tracker) in ("ontkennen", "weet_niet"):
            values = [when_no_or_unsure]
        return {slot: values}

    async def extract_anoniem(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """"Ja"/"nee" come from the slot's intent mappings; an answer that is neither (once)
        is read as anonymous: nothing personal is asked, and the question is not asked again."""
        if (tracker.get_slot("requested_slot") != "anoniem" or tracker.get_slot("anoniem") is not None
                or _interrupts(tracker, "anoniem") or latest_intent(tracker) in ("bevestigen", "ontkennen")):
            return {}
        text = (tracker.latest_message.get("text") or "").lower()
        if "naam" in text and "geen naam" not in text and "zonder naam" not in text:
            return {"anoniem": False}
        if "anoniem" in text or eerdere_pogingen(tracker, "anoniem") >= 1:
            return {"anoniem": True}
        return {}

    def validate_naam(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return {"naam": self._short_text(value, dispatcher)}

    def validate_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return {"contact": self._short_text(value, dispatcher)}

    @staticmethod
    def _short_text(value: Any, dispatcher: CollectingDispatcher) -> Optional[str]:
        text = clean_text(value)
        if text is not None and len(text) > MAX_SHORT_TEXT:
            dispatcher.utter_message(response="utter_te_lang")
            return None
        return text


class ActionAskCategorieKlopt(Action):
    """Confirms the category in the person's terms, or, when none was found or it was not
    right, offers the categories as buttons."""

    def name(self) -> Text:
        return "action_ask_categorie_klopt"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        categorieen = [c for c in tracker.get_slot("categorieen") or [] if c != "anders"]
        if categorieen:
            dispatcher.utter_message(
                response="utter_categorie_klopt",
                omschrijving=omschrijf_categorieen(categorieen, gesprekstaal(tracker)),
                buttons=alleen_knoppen(categorieen, gesprekstaal(tracker)),
            )
        else:
            dispatcher.utter_message(
                response="utter_categorie_kiezen",
                buttons=categorie_knoppen(CATEGORIEEN, gesprekstaal(tracker)),
            )
        return []


class ValidateKeuzeForm(FormValidationAction):
    """The person's choice among the advised routes (or "weet ik nog niet")."""

    def name(self) -> Text:
        return "validate_keuze_form"

    async def extract_gekozen_route(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "gekozen_route":
            return {}
        advised = tracker.get_slot("advies_routes") or []
        text = tracker.latest_message.get("text") or ""
        is_button = any(text == b["payload"] for b in route_knoppen(advised, gesprekstaal(tracker)))
        route = route_uit_tekst(text, advised)
        # "ik wil met de vertrouwenspersoon praten" names a route: the choice, not a wish for a human.
        names_route = route not in (None, GEEN_KEUZE) and latest_intent(tracker) == "mens_spreken"
        if not (is_button or names_route) and (_interrupts(tracker) or text.startswith("/")):
            return {}  # stop, danger, a question, a human: the rules take it, then ask again
        if route is None and eerdere_pogingen(tracker, "gekozen_route") >= 1:
            route = GEEN_KEUZE  # not understood twice: "not yet", never a third ask
        if route is None:
            dispatcher.utter_message(response="utter_keuze_onbekend")
        return {"gekozen_route": route}


class ActionAskGekozenRoute(Action):
    """Asks which step the person wants to take, with the advised routes as buttons."""

    def name(self) -> Text:
        return "action_ask_gekozen_route"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(
            response="utter_keuze_vraag",
            buttons=route_knoppen(tracker.get_slot("advies_routes") or [], gesprekstaal(tracker)),
        )
        return []


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _interrupts(tracker: Tracker, slot: Optional[str] = None) -> bool:
    """Whether the latest message interrupts the question (stop, danger, a human, a question
    about the procedure) rather than answering it. The rules then answer it and the form asks
    again. A short answer the model happens to read as a question ("Els") is still an answer."""
    intent = tracker.latest_message.get("intent") or {}
    name, confidence = intent.get("name"), intent.get("confidence") or 0.0
    text = (tracker.latest_message.get("text") or "").strip()
    words = text.lower().split()
    typed = not text.startswith("/")
    if name == "stoppen" and slot is not None and typed and not stopt_gesprek(text):
        # "ik heb gezegd dat hij moet stoppen", "Ik ben moeder" (read as stop at 0.36): an
        # answer, not the end; only words of stopping end the conversation.
        return False
    if name == "taal_kiezen" and slot in _ANTWOORD_ONDANKS_ALARM and typed and not kiest_taal(text):
        return False  # "mijn leraar engels": an answer that names a language
    if name in ("stoppen", "taal_kiezen") or is_external(tracker):
        return True
    if name == "hulp_nu":
        # Kept as the answer: the extraction or validation shows the helplines first. Not kept:
        # the rule "acute danger during the intake" shows them and the form asks again.
        return not _kept_despite_alarm(tracker, slot)
    if slot == "wat_gebeurd" and len(words) > MAX_WOORDEN_VRAAG:
        return False
    if slot in _LIJSTVRAGEN and entity_values(tracker.latest_message, *_LIJSTVRAGEN[slot]):
        return False  # names what was tried or what is wanted: an answer, not a question
    if name == "mens_spreken":
        if slot in _ANTWOORD_ONDANKS_ALARM:
            # The person's own words may name someone ("dat iemand met mij wil spelen"):
            # only an explicit wish for a human interrupts.
            return vraagt_om_mens(text)
        return confidence >= 0.7 and len(words) >= 2
    if name == "faq":
        # "als ik dit meld krijgen ze dan straf? want dan weten ze dat ik het was": a question
        # with a reason after it is still a question.
        if "?" in text:
            return True
        # Without a question mark: "wie het YouTube-kanaal beheert, geen idee" at "wie waren
        # erbij betrokken?" starts with the question's own word, and is its answer; so is what
        # the person says again at a question that came back (else it comes a third time).
        if slot is not None and (_begint_als_bijzin(words, slot) or eerdere_pogingen(tracker, slot) >= 1):
            return False
        return len(words) >= 3 and words[0] in _VRAAGWOORDEN
    return False


def _begint_als_bijzin(words: List[str], slot: str) -> bool:
    """"wie het YouTube-kanaal beheert", "wanneer ik mijn cijfer kreeg": the question's own word
    starting a clause is an answer to that question."""
    return len(words) >= 2 and words[0] == _EIGEN_VRAAGWOORD.get(slot) and words[1] in _BIJZIN_NA_VRAAGWOORD


def _kept_despite_alarm(tracker: Tracker, slot: Optional[str]) -> bool:
    """Whether a message read as acute danger (``hulp_nu``) is still the answer to the question.

    The story always is (the person need not tell it twice). At the other questions in
    ``_ANTWOORD_ONDANKS_ALARM`` it is when the crisis patterns of ``wegwijzer.safety`` do not
    match it (the classifier alone raised the alarm: "Roodborstvijver en zijn vrienden" at "who
    was involved?"), or when the same question was already asked again after such a message:
    asking it a third time would be a loop.
    """
    if slot == "wat_gebeurd":
        return True
    if slot not in _ANTWOORD_ONDANKS_ALARM:
        return False
    if detect_crisis(tracker.latest_message.get("text")) is None:
        return True
    return _asked_again_after_alarm(tracker, slot)


def _asked_again_after_alarm(tracker: Tracker, slot: str) -> bool:
    """Whether the person's previous message, at this same question, was read as acute danger.
    The answer to "ben je nu in gevaar?" in between does not count: the question came back."""
    requested, asked_at = None, []
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif event.get("event") == "user" and requested != ACUUT_SLOT:
            asked_at.append((requested, ((event.get("parse_data") or {}).get("intent") or {}).get("name")))
    return len(asked_at) >= 2 and asked_at[-2] == (slot, "hulp_nu")


def _help_first(dispatcher: CollectingDispatcher, tracker: Tracker, slots: Dict[Text, Any]) -> Dict[Text, Any]:
    """The helplines before anything else when a message read as acute danger is taken as the
    answer: then no rule shows them (the form was not rejected), so this must. Only when a crisis
    pattern names the danger (``hulplijnen_meteen``): then it is never the model's alarm alone.

    An alarm of the classifier or the semantic net alone on a question the FAQ knows is no
    answer: the question is answered, the danger question comes next (``AcuutMixin``), and this
    question is asked again. A grandmother asking at "wanneer?" whether she may complain for her
    grandson ("…of moet zijn vader dat doen, die zie ik nooit") got only the danger question,
    and her question was kept as the date (blind4)."""
    text = (tracker.latest_message or {}).get("text")
    if slots and latest_intent(tracker) not in ("hulp_nu", "faq") and vraag_tussendoor(text) \
            and not weet_het_niet(text):
        # A question the classifier read as an answer ("krijgt de juf dit te lezen?" at "what
        # did you try?" as informeren: blind7, a pupil of groep 5 whose question became "mentor").
        key, zeker = faq_keuze(tracker.latest_message)
        if key is not None and zeker >= FAQ_VRAAG_ZEKER:
            dispatcher.utter_message(response=f"utter_{key}", **retention_words(gesprekstaal(tracker)))
            return {slot: None for slot in slots}
    if slots and latest_intent(tracker) == "hulp_nu":
        if hulplijnen_meteen(text):
            dispatcher.utter_message(response="utter_hulp_nu")
        elif is_vraag(text):
            key, zeker = faq_keuze(tracker.latest_message)
            if key is not None and zeker >= FAQ_ZEKER:
                dispatcher.utter_message(response=f"utter_{key}", **retention_words(gesprekstaal(tracker)))
                return {slot: None for slot in slots}
    return slots


# The response selector's confidence from which its answer is given to a question the
# classifier read as danger (the same bound as IntentGuards' default faq_sure).
FAQ_ZEKER = 0.8
# The same for a question read as an answer: it opens as a question and ends with a question
# mark, so a lower bound will do.
FAQ_VRAAG_ZEKER = 0.6


def is_external(tracker: Tracker) -> bool:
    """Whether the latest "message" is an event pushed from outside (``EXTERNAL_*`` intents
    through Rasa's trigger_intent, e.g. a new message from the contact person): never an answer."""
    return (latest_intent(tracker) or "").startswith("EXTERNAL_")


def _verhaal_eerst_na_aarzelen(slots: List[Text], tracker: Tracker) -> List[Text]:
    """After a hesitant opening the invitation to tell ("Wat is er gebeurd?") comes first,
    before "Wie ben jij?"."""
    if tracker.get_slot("melding_start") != "aarzelend" or not {"wat_gebeurd", "rol"} <= set(slots):
        return slots
    slots = [slot for slot in slots if slot != "wat_gebeurd"]
    slots.insert(slots.index("rol"), "wat_gebeurd")
    return slots


def eerdere_pogingen(tracker: Tracker, slot: str) -> int:
    """How many messages in a row the person sent at this question before the latest one: the
    question was asked that many times more. After two misses no question is asked again."""
    requested, asked_at = None, []
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif event.get("event") == "user":
            asked_at.append(requested)
        elif event.get("event") in ("restart", "session_started"):
            requested, asked_at = None, []
    count = 0
    for asked in reversed(asked_at[:-1]):
        if asked != slot:
            break
        count += 1
    return count


def _free_text_answer(tracker: Tracker, slot: str) -> Dict[Text, Any]:
    if tracker.get_slot("requested_slot") != slot or _interrupts(tracker, slot):
        return {}
    text = tracker.latest_message.get("text")
    return {slot: text} if text else {}


def _chosen_categories(tracker: Tracker) -> List[str]:
    """The categories the latest message names: a button title, typed words, the classifier."""
    text = tracker.latest_message.get("text") or ""
    if text.strip().lower() in _KNOP_TITELS:
        return categorieen_uit_tekst(text)  # a pressed button: that category, no guess beside it
    chosen = categorieen_uit_tekst(text) if not text.startswith("/") else []
    chosen += [c for c in found_categories(tracker.latest_message) if c not in chosen]
    return _in_order(chosen)


def _in_order(categorieen: List[str]) -> List[str]:
    return [c for c in CATEGORIEEN if c in categorieen]


def _says_that_was_all(text: str, tracker: Tracker) -> bool:
    lowered = text.lower().strip(" .!")
    return lowered in _DAT_WAS_HET or latest_intent(tracker) in ("ontkennen", "weet_niet")
