"""Judging a played scenario as a contact person would: the record the backend holds, the
advice in it, what the bot said, and how the conversation went.

A scenario is **fully right** only when every check holds; each failed check is a
``Failure(kind, detail)``, with the kinds of ``FAILURE_KINDS``. ``notes`` are things worth
knowing that do not fail a scenario (an unexpected question that was answered with "weet ik
niet", a category guess corrected by the person, the date in the record).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Mapping, Optional

import requests

from tests.scenarios.model import KEUZE_SLOT, Claim, Scenario, claim, date_range
from tests.scenarios.simulator import Conversation

# Failure kinds, in the order a report lists them.
FAILURE_KINDS: dict[str, str] = {
    "rol": "wrong role",
    "categorie": "category: a required one missing, or one that does not fit",
    "signaal": "signal: a required one missing, or a forbidden one raised",
    "eerste_route": "first route not one of the acceptable ones",
    "route_ontbreekt": "a route that must be offered is missing",
    "route_verboden": "a route that must not be offered is offered",
    "claim_verboden": "a claim that must not be made was made",
    "uitleg_ontbreekt": "something that must be said was not said",
    "vastgelopen": "stuck: a question a third time, a loop, or no end",
    "geen_overdracht": "no handoff where one was expected (or a failed one)",
    "ongewenste_overdracht": "a handoff where the person did not consent",
    "record": "record: what was tried, what is wanted, anonymity, the chosen route or a text",
    "tussenvraag": "a question in between was not answered",
}


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: str


@dataclass
class Verdict:
    scenario: Scenario
    conversation: Conversation
    record: Optional[dict]
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def fully_right(self) -> bool:
        return not self.failures

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(f.kind for f in self.failures))

    def fail(self, kind: str, detail: str) -> None:
        assert kind in FAILURE_KINDS, kind
        self.failures.append(Failure(kind, detail))

    def summary(self) -> str:
        s = self.scenario
        head = f"{s.id} ({s.file}): {'goed' if self.fully_right else 'FOUT'}"
        lines = [head] + [f"  - [{f.kind}] {f.detail}" for f in self.failures]
        lines += [f"  · {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        record = self.record or {}
        return {
            "id": self.scenario.id,
            "file": self.scenario.file,
            "title": self.scenario.title,
            "tags": list(self.scenario.tags),
            "fully_right": self.fully_right,
            "failures": [{"kind": f.kind, "detail": f.detail} for f in self.failures],
            "notes": self.notes,
            "end": self.conversation.end,
            "sender": self.conversation.sender,
            "turns": len(self.conversation.turns),
            "record": {k: record.get(k) for k in (
                "rol", "categorieen", "signalen", "advies_routes", "gekozen_route", "al_ondernomen",
                "wens", "anoniem", "wanneer", "datum_gebeurtenis")} if self.record else None,
            "transcript": self.conversation.transcript(),
        }


# ---------------------------------------------------------------------------------------------
# The record, as the demo contact person sees it
# ---------------------------------------------------------------------------------------------


def login(backend_url: str, email: str, password: str) -> requests.Session:
    session = requests.Session()
    response = session.post(f"{backend_url}/api/auth/login", json={"email": email, "password": password}, timeout=30)
    response.raise_for_status()
    return session


def find_record(session: requests.Session, backend_url: str, conversation_id: str) -> Optional[dict]:
    """The newest intake of this conversation among those the user may see (newest first, page
    by page), or None."""
    url: Optional[str] = f"{backend_url}/api/intakes?limit=200"
    while url is not None:
        response = session.get(url, timeout=30)
        response.raise_for_status()
        for intake in response.json():
            if intake.get("conversation_id") == conversation_id:
                return intake
        following = response.links.get("next", {}).get("url")
        url = requests.compat.urljoin(url, following) if following else None
    return None


def fetch_record(
    session: requests.Session, backend_url: str, conversation_id: str, wait: float = 10.0
) -> Optional[dict]:
    """The record, waiting up to ``wait`` seconds (an intake kept in the outbox arrives later)."""
    deadline = time.monotonic() + wait
    while True:
        record = find_record(session, backend_url, conversation_id)
        if record is not None or time.monotonic() > deadline:
            return record
        time.sleep(0.5)


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------


def _without_echoes(text: str, said: Iterable[str]) -> str:
    """The bot's text without the person's own words it repeats (the summary, the copy): a
    claim is what the bot says, not what it quotes."""
    for words in sorted(set(said), key=len, reverse=True):
        if len(words) >= 8:
            text = text.replace(words, " ")
    return text


def bot_corpus(conv: Conversation, after_role: bool = False, first_reply: bool = False) -> str:
    said = conv.said_by_person()
    turns = conv.turns[:1] if first_reply else conv.turns
    parts = [t.bot_text() for t in turns if not after_role or t.rol]
    return _without_echoes("\n".join(parts), said)


def _corpus_for(c: Claim, conv: Conversation) -> str:
    return bot_corpus(conv, after_role=c.after_role, first_reply=c.first_reply)


def _fmt(values: Iterable[str]) -> str:
    return ", ".join(sorted(values)) or "-"


def judge(
    scenario: Scenario, conv: Conversation, record: Optional[dict], claims: Mapping[str, Claim],
    today: Optional[date] = None,
) -> Verdict:
    today = today or date.today()
    exp = scenario.expected
    v = Verdict(scenario, conv, record)

    # --- the flow -------------------------------------------------------------------------
    if conv.end == "vastgelopen":
        v.fail("vastgelopen", conv.stuck or "stuck")
    elif conv.end == "fout":
        v.fail("vastgelopen", f"error talking to the bot: {conv.error}")
    for item in conv.interjections_unanswered:
        v.fail("tussenvraag", item)
    if conv.unexpected:
        v.notes.append(f"onverwachte vragen (beantwoord met 'weet ik niet'): {', '.join(conv.unexpected)}")
    if conv.reasked:
        v.notes.append(f"opnieuw gevraagd: {'; '.join(conv.reasked)}")
    if conv.corrections:
        v.notes.append(f"categorie gecorrigeerd, de bot dacht: {', '.join(conv.corrections)}")
    if conv.not_offered:
        v.notes.append(f"knop niet aangeboden: {'; '.join(conv.not_offered)}")

    # --- the handoff ----------------------------------------------------------------------
    if exp.handoff:
        if record is None:
            if conv.end not in ("vastgelopen", "fout"):
                v.fail("geen_overdracht", f"no record in the backend (conversation ended: {conv.end})")
            elif conv.end != "fout":
                v.fail("geen_overdracht", "no record in the backend")
    else:
        if record is not None:
            v.fail("ongewenste_overdracht", "a record reached the backend without consent")
        elif conv.end not in ("gestopt", "geweigerd"):
            v.fail("vastgelopen", f"expected the conversation to end without a handoff, it ended: {conv.end}")

    # --- what was said --------------------------------------------------------------------
    for name in exp.claims_not:
        c = claim(name, claims)
        found = c.find(_corpus_for(c, conv))
        if found:
            v.fail("claim_verboden", f"{c.name}: said {found!r}")
    if exp.handoff or record is not None:
        for name in exp.claims_must:
            c = claim(name, claims)
            if not c.find(_corpus_for(c, conv)):
                v.fail("uitleg_ontbreekt", f"{c.name}: {c.description}")

    if record is None:
        return v

    # --- the record -----------------------------------------------------------------------
    if record.get("rol") not in exp.rol:
        v.fail("rol", f"expected {' or '.join(exp.rol)}, got {record.get('rol')}")

    cats = set(record.get("categorieen") or [])
    missing = set(exp.cat_must) - cats
    if missing:
        v.fail("categorie", f"missing {_fmt(missing)} (got {_fmt(cats)})")
    if exp.cat_one_of and not cats & set(exp.cat_one_of):
        v.fail("categorie", f"none of {_fmt(exp.cat_one_of)} (got {_fmt(cats)})")
    wrong = (cats - exp.cat_allowed) | (cats & exp.cat_not)
    if wrong:
        v.fail("categorie", f"does not fit: {_fmt(wrong)} (got {_fmt(cats)})")

    sigs = set(record.get("signalen") or [])
    if exp.sig_must - sigs:
        v.fail("signaal", f"missing {_fmt(exp.sig_must - sigs)} (got {_fmt(sigs)})")
    if exp.sig_not & sigs:
        v.fail("signaal", f"forbidden {_fmt(exp.sig_not & sigs)} (got {_fmt(sigs)})")

    routes = list(record.get("advies_routes") or [])
    first = routes[0] if routes else None
    if first not in exp.first_route:
        v.fail("eerste_route", f"first {first}, acceptable: {_fmt(exp.first_route)} (routes: {', '.join(routes) or '-'})")
    if exp.routes_must - set(routes):
        v.fail("route_ontbreekt", f"{_fmt(exp.routes_must - set(routes))} (routes: {', '.join(routes) or '-'})")
    if exp.routes_not & set(routes):
        v.fail("route_verboden", f"{_fmt(exp.routes_not & set(routes))} (routes: {', '.join(routes) or '-'})")

    tried = set(record.get("al_ondernomen") or [])
    if set(exp.al_ondernomen) - tried:
        v.fail("record", f"al_ondernomen: missing {_fmt(set(exp.al_ondernomen) - tried)} (got {_fmt(tried)})")
    wish = set(record.get("wens") or [])
    if set(exp.wens) - wish:
        v.fail("record", f"wens: missing {_fmt(set(exp.wens) - wish)} (got {_fmt(wish)})")
    if exp.anoniem is not None and record.get("anoniem") != exp.anoniem:
        v.fail("record", f"anoniem: expected {exp.anoniem}, got {record.get('anoniem')}")
    # A chosen route that was not offered is a note (the route checks say what was wrong).
    offered = not any(n.startswith(f"{KEUZE_SLOT}:") for n in conv.not_offered)
    if exp.gekozen_route and offered and record.get("gekozen_route") != exp.gekozen_route:
        v.fail("record", f"gekozen_route: expected {exp.gekozen_route}, got {record.get('gekozen_route')}")
    for name, pattern in exp.text_contains.items():
        value = record.get(name) or ""
        if not re.search(pattern, value if isinstance(value, str) else str(value), re.IGNORECASE):
            v.fail("record", f"{name}: {value!r} does not match {pattern!r}")

    if scenario.date_spec:
        earliest, latest = date_range(scenario.date_spec, today)
        got = record.get("datum_gebeurtenis")
        if not got:
            v.notes.append(f"datum_gebeurtenis leeg (verwacht {earliest}..{latest})")
        else:
            try:
                d = date.fromisoformat(got[:10])
                if not (earliest.toordinal() - 45 <= d.toordinal() <= latest.toordinal() + 45):
                    v.notes.append(f"datum_gebeurtenis {got} (verwacht {earliest}..{latest})")
            except ValueError:
                v.notes.append(f"datum_gebeurtenis onleesbaar: {got!r}")
    return v
