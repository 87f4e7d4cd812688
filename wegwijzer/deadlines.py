"""Due dates of an intake, for the contact person's desk: the terms of the complaints
regulation for the route the reporter chose, and the contact person's own next steps.

The terms are the board's (``termijnen`` in its profile, ``wegwijzer.regulation.Termijnen``),
by default those of the seed regulation (config/scol.yml):

- art. 7.2: a complaint is filed within a year of the behaviour or decision;
- art. 7.8: the committee confirms in writing within five working days that it investigates;
- art. 11.1: the hearing is within four weeks of receiving the complaint;
- art. 12.2: the committee advises the board within four weeks of the hearing;
- art. 15.1: the board decides within four weeks of receiving the advice.

Wegwijzer does not know when the committee received the complaint or held the hearing, so
the committee's and the board's terms are counted from the day the intake came in: the
latest dates by which each step should have happened if the reporter went there at once
(``estimated``). The contact person's own next steps are dated by themselves; an acute danger
asks for contact the same day, and a new intake a first answer within five working days (the
term the committee itself keeps for its confirmation).

Pure Python on dates: no Rasa, no database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, List, Mapping, Optional, Sequence, Tuple

COMMITTEE_ROUTES = frozenset({"klachtencommissie", "landelijke_klachtencommissie"})
FORMAL_ROUTES = frozenset({"bevoegd_gezag"}) | COMMITTEE_ROUTES
CLOSED = "afgesloten"
NEW = "nieuw"

FIRST_ANSWER_WORKDAYS = 5
# The seed regulation's terms, by the names of ``wegwijzer.regulation.Termijnen`` (a board's
# profile may set others, or ``None`` for a term its regulation does not have).
SEED_TERMS: Mapping[str, Optional[int]] = {
    "ontvangst_werkdagen": 5,      # art. 7.8
    "hoorzitting_weken": 4,        # art. 11.1
    "advies_weken": 4,             # art. 12.2
    "besluit_weken": 4,            # art. 15.1
    "klachttermijn_maanden": 12,   # art. 7.2
}

# Kinds of due date: the regulation's terms, the contact person's own steps, and the first
# answer to the reporter.
REGELING = "regeling"
STAP = "stap"
EERSTE_CONTACT = "eerste_contact"


@dataclass(frozen=True)
class Deadline:
    """One due date: what must happen by then, who says so, and whether it happened."""

    due: date
    what: str
    source: str
    kind: str
    done: bool = False
    estimated: bool = False

    def overdue(self, today: date) -> bool:
        return not self.done and self.due < today


def add_workdays(start: date, days: int) -> date:
    """``days`` working days (Monday to Friday) after ``start``."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def regulation_terms(
    received: date, route: Optional[str], event: Optional[date] = None,
    terms: Optional[Mapping[str, Optional[int]]] = None,
) -> List[Deadline]:
    """The regulation's terms for the chosen route, counted from the day the intake came in
    (and, for filing, from the day of the event when known). ``terms``: the board's
    (``Termijnen`` as a dict), else the seed regulation's; a term set to ``None`` is left out."""
    given = {**SEED_TERMS, **(terms or {})}
    found: List[Deadline] = []
    months = given.get("klachttermijn_maanden")
    filing = _add_months(event, months) if event is not None and months else None
    # Only a term still open when the intake came in is a due date; one already passed is the
    # signal ``buiten_termijn`` (the committee may make an exception), not a task.
    if route in FORMAL_ROUTES and filing is not None and filing >= received:
        found.append(Deadline(
            filing, "Klacht uiterlijk indienen (termijn na wat er gebeurde)",
            "klachtenregeling art. 7.2", REGELING,
        ))
    if route not in COMMITTEE_ROUTES:
        return found
    confirm, hearing_weeks = given.get("ontvangst_werkdagen"), given.get("hoorzitting_weken")
    if confirm:
        found.append(Deadline(add_workdays(received, confirm),
                              "Klachtencommissie bevestigt dat zij de klacht onderzoekt",
                              "klachtenregeling art. 7.8", REGELING, estimated=True))
    if not hearing_weeks:
        return found
    step = received + timedelta(weeks=hearing_weeks)
    found.append(Deadline(step, "Hoorzitting van de klachtencommissie",
                          "klachtenregeling art. 11.1", REGELING, estimated=True))
    for key, what, source in (
        ("advies_weken", "Advies van de klachtencommissie aan het bestuur", "klachtenregeling art. 12.2"),
        ("besluit_weken", "Besluit van het bestuur op het advies", "klachtenregeling art. 15.1"),
    ):
        weeks = given.get(key)
        if not weeks:
            break
        step += timedelta(weeks=weeks)
        found.append(Deadline(step, what, source, REGELING, estimated=True))
    return found


def intake_deadlines(
    received: date,
    status: str,
    route: Optional[str] = None,
    signalen: Sequence[str] = (),
    steps: Iterable[Tuple[str, date, bool]] = (),
    event: Optional[date] = None,
    terms: Optional[Mapping[str, Optional[int]]] = None,
) -> List[Deadline]:
    """All due dates of an intake, earliest first: the first answer while it is new, the
    regulation's terms for ``route`` and the contact person's own ``steps``
    (description, due date, done). A closed intake has nothing left to do: every date is done."""
    closed = status == CLOSED
    found: List[Deadline] = []
    if status == NEW:
        if "acuut_gevaar" in signalen:
            found.append(Deadline(received, "Vandaag contact met de melder: acuut gevaar",
                                  "Wegwijzer", EERSTE_CONTACT))
        else:
            found.append(Deadline(add_workdays(received, FIRST_ANSWER_WORKDAYS),
                                  "Melding oppakken en de melder antwoorden",
                                  "Wegwijzer", EERSTE_CONTACT))
    found += regulation_terms(received, route, event, terms)
    found += [Deadline(due, description, "eigen vervolgstap", STAP, done=done)
              for description, due, done in steps]
    if closed:
        found = [Deadline(d.due, d.what, d.source, d.kind, True, d.estimated) for d in found]
    return sorted(found, key=lambda d: (d.due, d.kind))


def next_deadline(deadlines: Iterable[Deadline]) -> Optional[Deadline]:
    """The earliest due date not done (an overdue one comes before any to come)."""
    open_ = [d for d in deadlines if not d.done]
    return min(open_, key=lambda d: d.due) if open_ else None


def any_overdue(deadlines: Iterable[Deadline], today: date) -> bool:
    return any(d.overdue(today) for d in deadlines)


def due_label(due: date, today: date) -> str:
    """``vandaag``, ``morgen``, ``over 3 dagen``, ``2 dagen te laat``: how near a date is."""
    days = (due - today).days
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    if days == -1:
        return "1 dag te laat"
    if days < 0:
        return f"{-days} dagen te laat"
    return f"over {days} dagen"


def age_label(received: date, today: date) -> str:
    """How long ago an intake came in: ``vandaag``, ``gisteren``, ``3 dagen``, ``2 weken``,
    ``5 maanden``, ``1 jaar``."""
    days = max((today - received).days, 0)
    if days == 0:
        return "vandaag"
    if days == 1:
        return "gisteren"
    if days < 14:
        return f"{days} dagen"
    if days < 61:
        return f"{days // 7} weken"
    if days < 365:
        return f"{days // 30} maanden"
    years = days // 365
    return "1 jaar" if years == 1 else f"{years} jaar"
