"""Drives a whole intake through any channel by answering whatever the bot asks for.

The dialogue (which questions, in which order, with which buttons) changes as the bot grows, so
the driver does not follow a script: before each answer it reads the tracker's
``requested_slot`` and answers that slot from one table, ``ANSWERS``, pressing an offered button
when one fits (by its payload) and typing otherwise. Outside a form it presses the consent
button, after the changes of the summary it was given (``changes``: "/weglaten", "verander
wanneer in: …"), one at each consent question. It stops when the bot hands over a receipt code.

A channel is anything with ``send(text)`` and ``press(payload)`` that return the bot's messages
as ``{"text": ..., "buttons": [{"title": ..., "payload": ...}]}``: ``RestChannel`` here, the
fake Telegram user in ``tests/channels/fake_telegram.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Protocol

import requests

from wegwijzer.vocab import CODE_ALPHABET

CODE_RE = re.compile(rf"\b[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}\b")
STORY = "Twee jongens pakken elke dag mijn spullen af in de pauze en lachen me dan uit."
ANY_BUTTON = "*"
CONSENT = "/bevestigen"
# Intents the driver never presses as "any button": they would end the conversation.
_AVOID = ("/stoppen", "/ontkennen", "/afscheid")


@dataclass(frozen=True)
class Answer:
    text: str
    # Fragments of button payloads to press when offered, best first; ANY_BUTTON takes the first.
    buttons: tuple[str, ...] = ()
    # What to say when the bot asks for the same slot again (e.g. "tell me more").
    again: Optional[str] = None


# One answer for every slot the bot may ask for: a pupil who is bullied and stays anonymous.
ANSWERS: dict[str, Answer] = {
    "school": Answer("demo"),
    "rol": Answer("ik ben leerling", ('"leerling"',)),
    "wat_gebeurd": Answer(STORY, again="dat was het"),
    "categorie_klopt": Answer("ja dat klopt", (CONSENT,)),
    "wanneer": Answer("vorige week maandag"),
    "betrokkenen": Answer("twee jongens uit mijn klas"),
    "al_ondernomen": Answer("nee nog niks", ('"niets"',)),
    "wens": Answer("ik wil dat het stopt", ('"stoppen_gedrag"',)),
    "anoniem": Answer("ja, ik wil anoniem blijven", ('"anoniem": true', CONSENT)),
    "naam": Answer("Sam de Vries"),
    "contact": Answer("sam@example.org"),
    "gekozen_route": Answer("weet ik nog niet", (ANY_BUTTON,)),
    # Changing the summary before consent: the people involved (a button's payload is its title).
    "wijzig_veld": Answer("Wie erbij waren", ("Wie erbij waren",)),
    "wijzig_waarde": Answer("een jongen uit mijn klas"),
}
UNKNOWN_SLOT = Answer("weet ik niet", (ANY_BUTTON,))


class Channel(Protocol):
    def send(self, text: str) -> list[dict]: ...

    def press(self, payload: str) -> list[dict]: ...


class RestChannel:
    """Rasa's REST channel, for a sender at a school (or none)."""

    def __init__(self, rasa_url: str, sender: str, school: Optional[str] = "demo") -> None:
        self.rasa_url, self.sender, self.school = rasa_url, sender, school

    def send(self, text: str) -> list[dict]:
        body: dict = {"sender": self.sender, "message": text}
        if self.school is not None:
            body["metadata"] = {"school": self.school}
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    press = send  # a button's payload is what the web widget sends for it


def payloads(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or [] if b.get("payload")]


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@dataclass
class IntakeDriver:
    channel: Channel
    tracker: Callable[[], dict]
    answers: dict[str, Answer] = field(default_factory=lambda: dict(ANSWERS))
    transcript: list[tuple[str, list[dict]]] = field(default_factory=list)
    last: list[dict] = field(default_factory=list)
    asked: list[Optional[str]] = field(default_factory=list)  # the slots asked, in order
    # Sent (a payload when it starts with "/", else typed) at the consent question, one each
    # time it is asked, before the consent button is pressed.
    changes: list[str] = field(default_factory=list)

    # --- one turn ---------------------------------------------------------------------------

    def send(self, text: str) -> list[dict]:
        return self._record(text, self.channel.send(text))

    def press(self, payload: str) -> list[dict]:
        return self._record(f"[{payload}]", self.channel.press(payload))

    def _record(self, said: str, messages: list[dict]) -> list[dict]:
        self.transcript.append((said, messages))
        self.last = messages
        return messages

    def requested_slot(self) -> Optional[str]:
        return self.tracker()["slots"].get("requested_slot")

    def answer(self, slot: str) -> list[dict]:
        """Answers the slot the bot asks for: a fitting button, else the typed answer."""
        answer = self.answers.get(slot, UNKNOWN_SLOT)
        repeats = 0
        while repeats < len(self.asked) and self.asked[-1 - repeats] == slot:
            repeats += 1
        if repeats >= 3:
            raise AssertionError(f"asked for {slot!r} {repeats + 1} times\n{self.describe()}")
        self.asked.append(slot)
        repeated = repeats > 0
        offered = payloads(self.last)
        for wanted in answer.buttons:
            for payload in offered:
                if wanted in payload or (wanted == ANY_BUTTON and payload.split("{")[0] not in _AVOID):
                    return self.press(payload)
        return self.send(answer.again if repeated and answer.again else answer.text)

    def start(self, opening: str = "ik wil iets melden") -> list[dict]:
        """Gets the intake going: the offered 'report' button, else the opening sentence."""
        if "/melding_doen" in payloads(self.last):
            return self.press("/melding_doen")
        return self.send(opening)

    # --- whole runs -------------------------------------------------------------------------

    def answer_questions(self, count: int) -> None:
        """Answers the next `count` questions of the form that is running."""
        for _ in range(count):
            slot = self.requested_slot()
            assert slot, f"no question pending\n{self.describe()}"
            self.answer(slot)

    def finish(self, max_turns: int = 40) -> str:
        """Answers until the bot hands over a receipt code (after consent); returns the code."""
        for _ in range(max_turns):
            code = CODE_RE.search(texts(self.last))
            if code:
                return code.group(0)
            slot = self.requested_slot()
            if slot:
                self.answer(slot)
            elif CONSENT in payloads(self.last):
                self.asked.append(None)
                change = self.changes.pop(0) if self.changes else None
                if change is None:
                    self.press(CONSENT)
                elif change.startswith("/"):
                    self.press(change)
                else:
                    self.send(change)
            elif not self.asked:
                self.asked.append(None)
                self.start()
            else:
                raise AssertionError(f"the bot asks nothing and offers no consent\n{self.describe()}")
        raise AssertionError(f"no receipt code after {max_turns} turns\n{self.describe()}")

    def describe(self) -> str:
        lines = []
        for said, messages in self.transcript:
            lines.append(f"> {said}")
            lines.extend(f"< {m.get('text', '')!r} {payloads([m]) or ''}" for m in messages)
        return "\n".join(lines)
