"""A simulated user: plays one scenario against the real stack over Rasa's REST channel.

After each bot turn it reads the conversation's tracker through Rasa's HTTP API (with the token)
to know what is asked: the form's ``requested_slot`` and the response names
(``metadata.utter_action``) of the bot's messages since its own last message. Then it answers
what is asked, as the person of the scenario would:

- a slot with answers in the scenario (``antwoorden``): the next phrasing of that slot's list (a
  question asked again gets the next one; the last one is repeated);
- ``categorie_klopt``: compares the bot's guess (slot ``categorieen``) with the truth, says "ja"
  when it fits, presses "Alleen: <category>" when one category of a guess of two fits alone,
  and "nee" when not, and then picks the right category from the offered buttons (by title);
- a fact slot (any slot named in the scenario's ``feiten``): "ja"/"nee" for a bool (the fitting
  button when there is one), the text otherwise;
- the route choice (``gekozen_route``): the scenario's chosen route (its button), else
  "Ik weet het nog niet";
- the consent question (``utter_vraag_toestemming``): the scenario's next consent answer;
- a question it has no answer for: "weet ik niet", and it notes the unexpected question.

A scripted interjection (``tussendoor``: a question in between, a stop) is said the first time
its question comes, instead of the answer. Outside any question (the bot waits for the story)
it tells the story, or presses "Ja, ik wil iets vertellen".

It gives up when a question comes a third time after two answers (the same ``requested_slot``),
when the bot says the same thing three turns in a row, when it asks nothing three turns in a
row, or after ``MAX_TURNS`` turns: the conversation is then "vastgelopen" (stuck).
"""
from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Optional

import requests

from tests.scenarios.model import KEUZE_SLOT, TOESTEMMING, Answer, Button, Interjection, Scenario
from wegwijzer.conversation import CATEGORIE_KNOP, CATEGORIE_OMSCHRIJVING, GEEN_KEUZE_KNOP
from wegwijzer.route_texts import ROUTE_NAMEN

MAX_TURNS = 45
# What ends a conversation, by the bot's response names.
HANDED_OVER = ("utter_overdracht_gelukt", "utter_overdracht_bewaard")
HANDOFF_FAILED = ("utter_overdracht_mislukt",)
ENDED = {"utter_gestopt": "gestopt", "utter_niets_verstuurd": "geweigerd"}
CONSENT_QUESTION = "utter_vraag_toestemming"
HUMAN_OFFER = "utter_mens_spreken_overdragen"
START_PAYLOAD = "/melding_doen"
DONT_KNOW = "weet ik niet"
# Slot names an interjection's ``bij`` may use for the consent and the route choice.
ALIASES = {"keuze": KEUZE_SLOT, "toestemming": TOESTEMMING}
# ``bij: "*"``: at the first question, whichever it is.
ANY_QUESTION = "*"


@dataclass
class Turn:
    """One message of the person and the bot's answer to it."""

    said: str                      # the text typed, or the title of the button pressed
    payload: Optional[str]         # the payload sent for a button
    at: Optional[str]              # what the person was answering (slot, "toestemming", ...)
    kind: str                      # "antwoord", "tussendoor", "opening", "buiten", "stop"
    messages: list[dict]
    requested_slot: Optional[str] = None  # after the turn
    utters: list[str] = field(default_factory=list)
    rol: Optional[str] = None      # the tracker's rol slot after the turn

    def bot_text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)


@dataclass
class Conversation:
    scenario_id: str
    sender: str
    turns: list[Turn] = field(default_factory=list)
    end: str = "bezig"             # overdracht, gestopt, geweigerd, mislukt, vastgelopen, fout
    stuck: Optional[str] = None    # why it gave up
    unexpected: list[str] = field(default_factory=list)      # questions it had no answer for
    interjections_unanswered: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)     # category guesses it said no to
    not_offered: list[str] = field(default_factory=list)     # a wanted button that was missing
    reasked: list[str] = field(default_factory=list)         # a question asked again after an answer
    error: Optional[str] = None

    def said_by_person(self) -> list[str]:
        return [t.said for t in self.turns if t.payload is None]

    def transcript(self) -> str:
        lines = []
        for t in self.turns:
            lines.append(f"> {t.said}" + (f"   [{t.at}]" if t.at else ""))
            for m in t.messages:
                buttons = [b.get("title") for b in m.get("buttons") or []]
                lines.append(f"< {m.get('text') or ''}" + (f"  {buttons}" if buttons else ""))
        return "\n".join(lines)


@dataclass
class BotState:
    requested_slot: Optional[str]
    active_loop: Optional[str]
    slots: dict[str, Any]
    utters: list[str]              # response names of the bot's messages since the last user message


class RasaClient:
    """Rasa's REST channel and, with the token, its HTTP API (the tracker)."""

    def __init__(self, rasa_url: str, token: str, school: Optional[str] = "demo", timeout: float = 90) -> None:
        self.rasa_url, self.token, self.school, self.timeout = rasa_url.rstrip("/"), token, school, timeout

    def send(self, sender: str, text: str) -> list[dict]:
        body: dict[str, Any] = {"sender": sender, "message": text}
        if self.school is not None:
            body["metadata"] = {"school": self.school}
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=self.timeout)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.token, "include_events": "ALL"}, timeout=self.timeout,
        )
        response.raise_for_status()
        return response.json()

    def state(self, sender: str) -> BotState:
        tracker = self.tracker(sender)
        events = tracker.get("events") or []
        last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
        utters = [
            (e.get("metadata") or {}).get("utter_action") or ""
            for e in events[last_user + 1:] if e.get("event") == "bot"
        ]
        slots = tracker.get("slots") or {}
        return BotState(
            requested_slot=slots.get("requested_slot"),
            active_loop=(tracker.get("active_loop") or {}).get("name"),
            slots=slots, utters=utters,
        )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in m.get("buttons") or [] if b.get("payload")]


class Simulator:
    """Plays ``scenario`` as sender ``sender`` (a fresh unique id by default)."""

    def __init__(self, client: RasaClient, scenario: Scenario, sender: Optional[str] = None) -> None:
        self.client, self.scenario = client, scenario
        self.conv = Conversation(scenario.id, sender or f"scen-{scenario.id[:40]}-{uuid.uuid4().hex[:10]}")
        self.last: list[dict] = []
        self.answered: dict[str, int] = {}       # answers given per slot (for the next phrasing)
        self.in_a_row: tuple[Optional[str], int] = (None, 0)  # (slot, answers in a row to it)
        self.played: set[int] = set()            # interjections said
        self.outside = 0                         # turns in a row outside any question
        self.told_story = False                  # the story was told outside the form
        self.story_in_form = False               # ... or as the answer to wat_gebeurd
        self.vervolg = 0
        self.consents = 0
        self.category_asks = 0

    # --- the conversation ------------------------------------------------------------------

    def run(self) -> Conversation:
        try:
            self._play()
        except requests.RequestException as error:
            self.conv.end, self.conv.error = "fout", f"{type(error).__name__}: {error}"
        return self.conv

    def _play(self) -> None:
        self._send(self.scenario.opening, at=None, kind="opening")
        for _ in range(MAX_TURNS):
            state = self._state()
            if any(u in HANDED_OVER for u in state.utters):
                self.conv.end = "overdracht"
                return
            if any(u in HANDOFF_FAILED for u in state.utters):
                self.conv.end = "mislukt"
                return
            ended = next((ENDED[u] for u in state.utters if u in ENDED), None)
            if ended:
                self.conv.end = ended
                return
            if self._gives_up(state):
                self.conv.end = "vastgelopen"
                return
            slot = state.requested_slot
            if slot:
                self.outside = 0
                if not self._interject(slot):
                    self._answer(slot, state)
            elif CONSENT_QUESTION in state.utters:
                self.outside = 0
                if not self._interject(TOESTEMMING):
                    self._consent()
            elif HUMAN_OFFER in state.utters:
                self.conv.unexpected.append("mens_aanbod")
                self._say(Button("Nee, ik ga hier verder"), at="mens_aanbod", fallback="nee, ik ga hier verder")
            else:
                self._outside()
        self.conv.end, self.conv.stuck = "vastgelopen", f"geen einde na {MAX_TURNS} beurten"

    def _state(self) -> BotState:
        state = self.client.state(self.conv.sender)
        if self.conv.turns:
            turn = self.conv.turns[-1]
            turn.requested_slot, turn.utters = state.requested_slot, state.utters
            turn.rol = state.slots.get("rol")
        return state

    def _gives_up(self, state: BotState) -> bool:
        slot, count = self.in_a_row
        if state.requested_slot and state.requested_slot == slot and count >= 2:
            self.conv.stuck = f"vraag '{slot}' een derde keer gesteld"
            return True
        texts = [t.bot_text() for t in self.conv.turns[-3:]]
        if len(texts) == 3 and texts[0] and len(set(texts)) == 1:
            self.conv.stuck = f"drie keer hetzelfde gezegd: {texts[0][:80]!r}"
            return True
        if self.outside >= 3:
            self.conv.stuck = "de bot vraagt niets en wacht (drie beurten)"
            return True
        if self.consents >= 2 + len(self.scenario.consent):
            self.conv.stuck = "toestemming steeds opnieuw gevraagd"
            return True
        return False

    # --- saying things ---------------------------------------------------------------------

    def _send(self, text: str, at: Optional[str], kind: str, payload: Optional[str] = None) -> list[dict]:
        messages = self.client.send(self.conv.sender, payload or text)
        self.conv.turns.append(Turn(said=text, payload=payload, at=at, kind=kind, messages=messages))
        self.last = messages
        return messages

    def _press(self, button: dict, at: Optional[str], kind: str = "antwoord") -> None:
        self._send(button.get("title") or button["payload"], at, kind, payload=button["payload"])

    def _find_button(self, title: str, exact: bool = False) -> Optional[dict]:
        wanted = _norm(title)
        offered = buttons(self.last)
        for b in offered:
            if _norm(b.get("title") or "") == wanted:
                return b
        if exact:
            return None
        for b in offered:
            if wanted and wanted in _norm(b.get("title") or ""):
                return b
        return None

    def _say(self, answer: Answer, at: Optional[str], kind: str = "antwoord", fallback: Optional[str] = None) -> None:
        """A typed answer (a button with exactly that title is pressed), or a button by title."""
        if isinstance(answer, Button):
            button = self._find_button(answer.title)
            if button is None:
                self.conv.not_offered.append(f"{at}: knop '{answer.title}'")
                self._send(fallback or answer.title, at, kind)
            else:
                self._press(button, at, kind)
            return
        button = self._find_button(answer, exact=True)
        if button is not None:
            self._press(button, at, kind)
        else:
            self._send(answer, at, kind)

    def _count_answer(self, slot: str) -> None:
        previous, count = self.in_a_row
        self.in_a_row = (slot, count + 1 if previous == slot else 1)
        self.answered[slot] = self.answered.get(slot, 0) + 1

    def _next_phrasing(self, slot: str) -> Optional[Answer]:
        options = self.scenario.answers.get(slot)
        if not options:
            return None
        n = self.answered.get(slot, 0)
        if slot == "wat_gebeurd" and self.told_story and n >= len(options):
            return "dat was het"  # the story was told already, outside the form
        return options[min(n, len(options) - 1)]

    def _whole_story(self) -> str:
        """The story from its start, for a bot that asks it without having kept any of it: the
        opening (or, after an opening that told nothing, the first ``vervolg``) and the rest."""
        vervolg = self.scenario.answers.get("vervolg") or ()
        start = vervolg[0] if vervolg and isinstance(vervolg[0], str) else self.scenario.opening
        rest = self.scenario.answers.get("wat_gebeurd") or ()
        return " ".join([start] + [r for r in rest[:1] if isinstance(r, str)])

    # --- what is asked ---------------------------------------------------------------------

    def _interject(self, at: str) -> bool:
        for i, item in enumerate(self.scenario.interjections):
            if i in self.played or ALIASES.get(item.at, item.at) not in (at, ANY_QUESTION):
                continue
            self.played.add(i)
            self._say_interjection(item, at)
            return True
        return False

    def _say_interjection(self, item: Interjection, at: str) -> None:
        messages = self._send(item.say, at, "stop" if item.stop else "tussendoor")
        # Not an answer: the question coming again after it is no repeat.
        self.in_a_row = (None, 0)
        if item.expect:
            reply = "\n".join(m.get("text") or "" for m in messages)
            if not re.search(item.expect, reply, re.IGNORECASE):
                self.conv.interjections_unanswered.append(f"{at}: '{item.say}'")

    def _answer(self, slot: str, state: BotState) -> None:
        previous, count = self.in_a_row
        if previous == slot and count >= 1 and self.conv.turns:
            said = next((t.said for t in reversed(self.conv.turns) if t.at == slot), "")
            if slot != "categorie_klopt":  # "nee" and then the buttons is the normal way there
                self.conv.reasked.append(f"{slot} (na {said[:60]!r})")
        if slot == "categorie_klopt":
            self._category(state)
        elif slot == KEUZE_SLOT:
            self._choose_route()
        elif slot == "wat_gebeurd" and not state.slots.get("eerste_bericht") and not self.story_in_form:
            # The bot kept nothing of what was told: the person tells it all (again).
            self.story_in_form = True
            self._say(self._whole_story(), at=slot)
        elif slot in self.scenario.answers:
            self.story_in_form = self.story_in_form or slot == "wat_gebeurd"
            self._say(self._next_phrasing(slot), at=slot)
        elif slot in self.scenario.facts:
            self._fact(slot, self.scenario.facts[slot])
        elif slot == "datum_gebeurtenis" and "wanneer" in self.scenario.answers:
            self._say(self.scenario.answers["wanneer"][0], at=slot)
        else:
            self.conv.unexpected.append(slot)
            self._say(DONT_KNOW, at=slot)
        self._count_answer(slot)

    def _fact(self, slot: str, value: Any) -> None:
        if isinstance(value, bool):
            wanted = "ja" if value else "nee"
            for b in buttons(self.last):
                title = _norm(b.get("title") or "")
                if title == wanted or title.startswith(wanted + ",") or title.startswith(wanted + " "):
                    self._press(b, at=slot)
                    return
            self._send(wanted, at=slot, kind="antwoord")
        elif value is None:
            self._say(DONT_KNOW, at=slot)
        else:
            self._say(str(value), at=slot)

    def _category(self, state: BotState) -> None:
        exp = self.scenario.expected
        self.category_asks += 1
        scripted = self.scenario.answers.get("categorie_klopt")
        if scripted and self.category_asks == 1:
            self._say(scripted[0], at="categorie_klopt")
            return
        offered = buttons(self.last)
        titles = {_norm(t): c for c, t in CATEGORIE_KNOP.items()}
        if any(_norm(b.get("title") or "") in titles for b in offered):
            self._pick_category()
            return
        guess = [c for c in state.slots.get("categorieen") or [] if c != "anders"]
        payloads = {_norm(b.get("payload") or ""): b for b in offered}
        narrower = [c for c in guess if _norm(CATEGORIE_KNOP[c]) in payloads and self._guess_is_right([c])]
        if guess and self._guess_is_right(guess):
            self._fact("categorie_klopt", True)
        elif narrower:
            # Half right: the person presses "Alleen: <the right one>" (not a correction).
            self._press(payloads[_norm(CATEGORIE_KNOP[narrower[0]])], at="categorie_klopt")
        elif guess:
            self.conv.corrections.append("+".join(guess))
            self._fact("categorie_klopt", False)
        else:
            self._pick_category()

    def _guess_is_right(self, guess: list[str]) -> bool:
        exp = self.scenario.expected
        chosen = set(guess)
        if not chosen <= exp.cat_allowed:
            return False
        if not set(exp.cat_must) <= chosen:
            return False
        return not exp.cat_one_of or bool(chosen & set(exp.cat_one_of))

    def _pick_category(self) -> None:
        exp = self.scenario.expected
        wanted = (exp.cat_must or exp.cat_one_of or ("anders",))[0]
        button = self._find_button(CATEGORIE_KNOP[wanted], exact=True)
        if button is not None:
            self._press(button, at="categorie_klopt")
        else:
            self.conv.not_offered.append(f"categorie_klopt: knop '{CATEGORIE_KNOP[wanted]}'")
            self._send(CATEGORIE_OMSCHRIJVING[wanted], at="categorie_klopt", kind="antwoord")

    def _choose_route(self) -> None:
        choice = self.scenario.choice
        if choice is not None:
            button = self._find_button(ROUTE_NAMEN[choice], exact=True)
            if button is not None:
                self._press(button, at=KEUZE_SLOT)
                return
            self.conv.not_offered.append(f"{KEUZE_SLOT}: route '{choice}'")
        button = self._find_button(GEEN_KEUZE_KNOP, exact=True)
        if button is not None:
            self._press(button, at=KEUZE_SLOT)
        else:
            self._send("weet ik nog niet", at=KEUZE_SLOT, kind="antwoord")

    def _consent(self) -> None:
        options = self.scenario.consent
        answer = options[min(self.consents, len(options) - 1)]
        self.consents += 1
        self.in_a_row = (None, 0)
        self._say(answer, at=TOESTEMMING)

    def _outside(self) -> None:
        """No question pending: the bot waits for the person to tell something."""
        self.outside += 1
        self.in_a_row = (None, 0)
        vervolg = self.scenario.answers.get("vervolg") or ()
        start = next((b for b in buttons(self.last) if b["payload"] == START_PAYLOAD), None)
        if self.vervolg < len(vervolg):
            self.vervolg += 1
            self._say(vervolg[self.vervolg - 1], at=None, kind="buiten")
        elif start is not None and self.told_story:
            self._press(start, at=None, kind="buiten")
        elif not self.told_story and "wat_gebeurd" in self.scenario.answers:
            self.told_story = True
            self.answered["wat_gebeurd"] = self.answered.get("wat_gebeurd", 0) + 1
            self._say(self.scenario.answers["wat_gebeurd"][0], at=None, kind="buiten")
        elif start is not None:
            self._press(start, at=None, kind="buiten")
        else:
            self._send("ik wil iets melden", at=None, kind="buiten")


def play(client: RasaClient, scenario: Scenario, sender: Optional[str] = None) -> Conversation:
    return Simulator(client, scenario, sender).run()


def wait_for(predicate, timeout: float, interval: float = 0.5):
    """Polls ``predicate()`` until it returns something truthy (returned) or the time is up (None)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
