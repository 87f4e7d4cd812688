"""The dashboard's inbox with filters: status, *van mij* / *niet opgepakt*, overdue, category
and school, each with a count (what the list would hold with that choice and the other
filters kept), in the inbox's order (open before closed, acute danger and possibly criminal on
top, then newest first), 50 a page.

The filters read only the plain columns (status, handler, categories, signals, route, dates)
and the next steps' due dates of the intakes the user may see: no free text is loaded or
decrypted for them. Overdue is :mod:`wegwijzer.deadlines` (the regulation's terms for the
chosen route, the first answer to the reporter and the contact person's own steps), so the
filter says the same as the red dates in the list. Only the page's intakes are then loaded in
full.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from backend.models import Board, Intake, NextStep, School, User
from backend.rules import casework
from backend.store.intakes import INBOX_PAGE, list_options, visible_clause
from wegwijzer import deadlines
from wegwijzer.vocab import CATEGORIEEN, STATUSSEN

MINE = "mij"
UNCLAIMED = "niemand"
WHO = (MINE, UNCLAIMED)
OVERDUE = "ja"
FILTER_NAMES = ("status", "wie", "te_laat", "onderwerp", "school")


@dataclass
class Light:
    """An intake's plain columns: enough to filter, count and order without its free text."""

    id: str
    school: str
    created_at: datetime
    status: str
    handler_id: Optional[int]
    categorieen: Sequence[str]
    signalen: Sequence[str]
    gekozen_route: Optional[str]
    datum_gebeurtenis: Optional[date]
    steps: List[Tuple[str, date, bool]] = field(default_factory=list)
    terms: Optional[Mapping[str, Optional[int]]] = None

    def deadlines(self) -> List[deadlines.Deadline]:
        return deadlines.intake_deadlines(
            self.created_at.astimezone(casework.LOCAL_TZ).date(), self.status,
            self.gekozen_route, self.signalen, self.steps, self.datum_gebeurtenis, self.terms,
        )


def board_terms(profile: Optional[Mapping]) -> Optional[Mapping[str, Optional[int]]]:
    """A board's regulation terms from its stored profile (``None``: the seed's)."""
    return (profile or {}).get("termijnen")


def read_filters(query: Mapping[str, str], school_slugs: Sequence[str]) -> Dict[str, str]:
    """The filters in the URL that mean something; anything else is dropped."""
    allowed = {
        "status": STATUSSEN, "wie": WHO, "te_laat": (OVERDUE,),
        "onderwerp": CATEGORIEEN, "school": tuple(school_slugs),
    }
    chosen = {}
    for name in FILTER_NAMES:
        value = query.get(name, "").strip().lower()
        if value in allowed[name]:
            chosen[name] = value
    return chosen


def _matches(light: Light, name: str, value: str, user_id: int) -> bool:
    """Whether an intake passes one filter (overdue is counted once per intake by the caller)."""
    if name == "status":
        return light.status == value
    if name == "wie":
        if value == MINE:
            return light.handler_id == user_id
        return light.handler_id is None and light.status != casework.AFGESLOTEN
    if name == "onderwerp":
        return value in light.categorieen
    return light.school == value  # school


def _order(light: Light):
    closed = light.status == casework.AFGESLOTEN
    return (closed, casework.urgency(light.signalen), -light.created_at.timestamp(), light.id)


@dataclass
class Inbox:
    """One page of the filtered inbox and the counts of every filter choice."""

    intakes: List[Intake]
    more: bool
    total: int
    counts: Dict[str, Dict[str, int]]
    terms: Dict[str, Optional[Mapping[str, Optional[int]]]]  # by school slug


async def _light_rows(db: sessionmaker, user: User) -> Tuple[List[Light], Dict[str, Optional[Mapping]]]:
    async with db() as session:
        visible = await visible_clause(session, user, None)
        terms = {
            slug: board_terms(profile) for slug, profile in await session.execute(
                select(School.slug, Board.profile).outerjoin(Board, Board.id == School.board_id)
                .where(School.id.in_(select(Intake.school_id).where(visible)))
            )
        }
        rows = (await session.execute(
            select(
                Intake.id, School.slug, Intake.created_at, Intake.status, Intake.handler_id,
                Intake.categorieen, Intake.signalen, Intake.gekozen_route,
                Intake.datum_gebeurtenis,
            ).join(School, School.id == Intake.school_id).where(visible)
        )).all()
        lights = {row[0]: Light(*row, terms=terms.get(row[1])) for row in rows}
        if lights:
            steps = await session.execute(
                select(NextStep.intake_id, NextStep.due_date, NextStep.done_at)
                .join(Intake, Intake.id == NextStep.intake_id).where(visible)
            )
            for intake_id, due, done_at in steps:
                if intake_id in lights:
                    lights[intake_id].steps.append(("", due, done_at is not None))
    return list(lights.values()), terms


def _counts(
    lights: List[Light], chosen: Dict[str, str], options: Dict[str, Sequence[str]],
    matches: Callable[[Light, str, str], bool],
) -> Dict[str, Dict[str, int]]:
    """Per filter and choice: how many intakes the list holds with that choice instead of the
    current one (the other filters kept)."""
    counts: Dict[str, Dict[str, int]] = {}
    for name, values in options.items():
        others = [light for light in lights if all(
            matches(light, other, value) for other, value in chosen.items() if other != name)]
        counts[name] = {"": len(others)}
        for value in values:
            counts[name][value] = sum(1 for light in others if matches(light, name, value))
    return counts


async def inbox(
    db: sessionmaker, user: User, chosen: Dict[str, str], school_slugs: Sequence[str],
    page: int = 1, per_page: int = INBOX_PAGE, today: Optional[date] = None,
) -> Inbox:
    """The page of the inbox the filters ``chosen`` leave, and every filter's counts."""
    today = today or casework.today()
    lights, terms = await _light_rows(db, user)
    overdue = {light.id: deadlines.any_overdue(light.deadlines(), today) for light in lights}

    def matches(light: Light, name: str, value: str) -> bool:
        if name == "te_laat":
            return overdue[light.id]
        return _matches(light, name, value, user.id)

    options = {
        "status": STATUSSEN, "wie": WHO, "te_laat": (OVERDUE,),
        "onderwerp": CATEGORIEEN, "school": school_slugs,
    }
    counts = _counts(lights, chosen, options, matches)
    kept = sorted(
        (light for light in lights if all(matches(light, n, v) for n, v in chosen.items())),
        key=_order,
    )
    start = (max(page, 1) - 1) * per_page
    ids = [light.id for light in kept[start:start + per_page]]
    intakes: List[Intake] = []
    if ids:
        async with db() as session:
            loaded = (await session.execute(
                select(Intake).where(Intake.id.in_(ids)).options(*list_options())
            )).scalars()
            by_id = {intake.id: intake for intake in loaded}
        intakes = [by_id[i] for i in ids if i in by_id]
    return Inbox(intakes, len(kept) > start + per_page, len(kept), counts, terms)
