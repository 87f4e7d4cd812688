"""Due dates of an intake, for the contact person's desk: the terms of the complaints
regulation for the route the reporter chose, and the contact person's own next steps.

The terms come from the seed regulation (``/work/shared/seeds/scol-klachtenregeling.md``):

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
from typing import Iterable, List, Optional, Sequence, Tuple

COMMITTEE_ROUTES = frozenset({"klachtencommissie", "landelijke_klachtencommissie"})
FORMAL_ROUTES = frozenset({"bevoegd_gezag"}) | COMMITTEE_ROUTES
CLOSED = "afgesloten"
NEW = "nieuw"

FIRST_ANSWER_WORKDAYS = 5
CONFIRM_WORKDAYS = 5        # art. 7.8
HEARING_WEEKS = 4           # art. 11.1
ADVICE_WEEKS = 4            # art. 12.2
DECISION_WEEKS = 4          # art. 15.1
FILING_YEARS = 1            # art. 7.2

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


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def regulation_terms(
    received: date, route: Optional[str], event: Optional[date] = None
) -> List[Deadline]:
    """The regulation's terms for the chosen route, counted from the day the intake came in
    (and, for filing, from the day of the event when known)."""
    terms: List[Deadline] = []
    filing = _add_years(event, FILING_YEARS) if event is not None else None
    # Only a term still open when the intake came in is a due date; one already passed is the
    # signal ``buiten_termijn`` (the committee may make an exception), not a task.
    if route in FORMAL_ROUTES and filing is not None and filing >= received:
        terms.append(Deadline(
            filing, "Klacht uiterlijk indienen (een jaar na wat er gebeurde)",
            "klachtenregeling art. 7.2", REGELING,
        ))
    if route in COMMITTEE_ROUTES:
        hearing = received + timedelta(weeks=HEARING_WEEKS)
        advice = hearing + timedelta(weeks=ADVICE_WEEKS)
        terms += [
            Deadline(add_workdays(received, CONFIRM_WORKDAYS),
                     "Klachtencommissie bevestigt dat zij de klacht onderzoekt",
                     "klachtenregeling art. 7.8", REGELING, estimated=True),
            Deadline(hearing, "Hoorzitting van de klachtencommissie",
                     "klachtenregeling art. 11.1", REGELING, estimated=True),
            Deadline(advice, "Advies van de klachtencommissie aan het bestuur",
                     "klachtenregeling art. 12.2", REGELING, estimated=True),
            Deadline(advice + timedelta(weeks=DECISION_WEEKS), "Besluit van het bestuur op het advies",
                     "klachtenregeling art. 15.1", REGELING, estimated=True),
        ]
    return terms


def intake_deadlines(
    received: date,
    status: str,
    route: Optional[str] = None,
    signalen: Sequence[str] = (),
    steps: Iterable[Tuple[str, date, bool]] = (),
    event: Optional[date] = None,
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
    found += regulation_terms(received, route, event)
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
