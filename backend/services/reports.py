"""The yearly anonymised report of a school or a board, as ``GET /api/reports`` and the
dashboard's report pages load it: the year, one school or one board, who may read which
(``access.report_scopes``). Counts only (``backend.rules.reports``); every read is audited with the
year, the school or board and the format, never the figures.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from aiohttp import web

from backend import keys, store
from backend.auth import access
from backend.models import ROLE_BESTUUR, ROLE_CONTACTPERSOON, User
from backend.rules import casework, reports

FIRST_YEAR = 2000
NO_REPORTS = "Met jouw rol zie je geen rapportages."
NOT_LINKED = "Je bent nog niet aan een school of bestuur gekoppeld. Vraag de beheerder erom."
NOT_YOURS = (
    "Deze rapportage kun je niet bekijken: deze school of dit bestuur bestaat niet of hoort "
    "niet bij jou."
)
ONE_SCOPE = "Kies één school (school=…) of één bestuur (bestuur=…)."


class ReportRefused(Exception):
    """The report cannot be given; ``status`` 400, 403 or 404 and a Dutch ``message``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_year(value: Optional[str], today: date) -> int:
    """``jaar`` from the query (this year when absent)."""
    if value is None or not value.strip():
        return today.year
    text = value.strip()
    if text.isdigit() and FIRST_YEAR <= int(text) <= today.year:
        return int(text)
    raise ReportRefused(400, f"Kies een jaar van {FIRST_YEAR} tot en met {today.year}.")


async def load_report(
    request: web.Request, user: User, *, jaar: Optional[str], school: Optional[str],
    bestuur: Optional[str], formaat: str,
) -> reports.Report:
    """The report the user asked for, audited; :class:`ReportRefused` otherwise."""
    boards, schools = access.report_scopes(user)
    if not boards and not schools:
        if user.role in (ROLE_CONTACTPERSOON, ROLE_BESTUUR):
            raise ReportRefused(404, NOT_LINKED)
        raise ReportRefused(403, NO_REPORTS)
    year = parse_year(jaar, casework.today())
    school_slug = (school or "").strip().lower()
    board_slug = (bestuur or "").strip().lower()
    if bool(school_slug) == bool(board_slug):
        raise ReportRefused(400, ONE_SCOPE)
    db = request.app[keys.DB]
    threshold = request.app[keys.CONFIG].report_min_count
    if board_slug:
        board = next((b for b in boards if b.slug == board_slug), None)
        if board is None:
            raise ReportRefused(404, NOT_YOURS)
        group = await store.reports.yearly_reports(db, year, threshold, board_id=board.id)
        report = group.for_board()
    else:
        found = next((s for s in schools if s.slug == school_slug), None)
        if found is None:
            raise ReportRefused(404, NOT_YOURS)
        group = await store.reports.yearly_reports(db, year, threshold, school_id=found.id)
        report = group.school(found.slug)
    await store.audit.audit_without_intake(
        db, user, store.audit.REPORT_READ, jaar=year, formaat=formaat, **{report.kind: report.slug}
    )
    return report
