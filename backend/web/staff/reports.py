"""Dashboard pages for signals and the yearly report: ``/dashboard/signalen`` (a contact person
registers what they noticed without a complaint, and sees the signals of their schools) and
``/dashboard/rapportage`` (the anonymised yearly report as HTML with inline SVG bar charts and
tables, and as a PDF download).

Same habits as the dashboard (``backend.web.pages``): server-rendered, no JavaScript, CSRF on the form,
Dutch messages next to the field. Who may see what is ``backend.auth.access``.
"""
from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional

import aiohttp_jinja2
from aiohttp import web

from backend import keys, store
from backend.auth import access
from backend.documents import report_pdf
from backend.middlewares import page_user
from backend.models import User, utcnow
from backend.rules import casework
from backend.rules.reports import ROL_LABELS, Report
from backend.rules.signals import SignalInvalid, parse_signal
from backend.services.reports import ReportRefused, load_report
from backend.services.signals import NOT_YOUR_ROLE, NOT_YOUR_SCHOOL, audit_signals_read
from backend.web.pages import error_page, page_context, redirect_with_flash, render_form_page
from wegwijzer.conversation import CATEGORIE_KNOP

routes = web.RouteTableDef()

YEARS_SHOWN = 5


# --- signals ---------------------------------------------------------------------------------

async def _render_signals(
    request: web.Request, user: User, *, errors: Optional[Mapping[str, str]] = None,
    values: Optional[Mapping[str, Any]] = None, status: int = 200,
) -> web.Response:
    signals = await store.signals.list_signals_for_user(request.app[keys.DB], user)
    await audit_signals_read(request, user, signals, "dashboard")
    return await render_form_page(
        request, "signals.html", user, errors, values, status,
        schools=list(user.schools),
        signals=signals,
        categories=CATEGORIE_KNOP,
        roles=ROL_LABELS,
        today=casework.today().isoformat(),
    )


@routes.get("/dashboard/signalen", name="signals_page")
async def signals_page(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    if not access.can_register_signals(user):
        return error_page(request, 403, NOT_YOUR_ROLE)
    return await _render_signals(request, user)


@routes.post("/dashboard/signalen", name="signals_create")
async def signals_create(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    if not access.can_register_signals(user):
        return error_page(request, 403, NOT_YOUR_ROLE)
    form = await request.post()
    values: Dict[str, Any] = {
        "school": form.get("school", ""), "datum": form.get("datum", ""),
        "categorieen": [str(value) for value in form.getall("categorieen", [])],
        "rol": form.get("rol", ""), "omschrijving": form.get("omschrijving", ""),
    }
    try:
        record = parse_signal(**values, today=casework.today())
        await store.signals.create_signal(request.app[keys.DB], user, record)
    except SignalInvalid as exc:
        return await _render_signals(request, user, errors=exc.fields, values=values, status=400)
    except store.errors.UnknownSchool:
        return await _render_signals(
            request, user, errors={"school": NOT_YOUR_SCHOOL}, values=values, status=422
        )
    await redirect_with_flash(
        request, request.app.router["signals_page"].url_for(),
        "Het signaal is vastgelegd. Het telt mee in de jaarrapportage.",
    )


# --- the yearly report -------------------------------------------------------------------------

def _scope(request: web.Request, user: User) -> Dict[str, Optional[str]]:
    """``?voor=school:SLUG`` or ``bestuur:SLUG`` (the form), or ``school=``/``bestuur=``;
    by default the user's board, else their first school."""
    query = request.query
    kind, _, slug = query.get("voor", "").partition(":")
    if kind in ("school", "bestuur") and slug:
        chosen = {kind: slug}
    else:
        chosen = {"school": query.get("school"), "bestuur": query.get("bestuur")}
    if not chosen.get("school") and not chosen.get("bestuur"):
        boards, schools = access.report_scopes(user)
        if boards:
            chosen = {"bestuur": boards[0].slug}
        elif schools:
            chosen = {"school": schools[0].slug}
    return {"school": chosen.get("school"), "bestuur": chosen.get("bestuur")}


ReportView = Callable[[web.Request, User, Report], Awaitable[web.StreamResponse]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _with_report(formaat: str) -> Callable[[ReportView], Handler]:
    """A report view: ``show(request, user, report)`` gets the report of the scope and year
    the query asks for (in ``formaat``); a refused one is the error page with its reason."""
    def wrap(show: ReportView) -> Handler:
        @functools.wraps(show)
        async def handler(request: web.Request) -> web.StreamResponse:
            user = page_user(request)
            scope = _scope(request, user)
            try:
                report = await load_report(
                    request, user, jaar=request.query.get("jaar"), formaat=formaat, **scope
                )
            except ReportRefused as exc:
                return error_page(request, exc.status, exc.message)
            return await show(request, user, report)
        return handler
    return wrap


@routes.get("/dashboard/rapportage", name="report_page")
@_with_report("html")
async def report_page(request: web.Request, user: User, report: Report) -> web.StreamResponse:
    boards, schools = access.report_scopes(user)
    this_year = casework.today().year
    choices: List[Dict[str, str]] = [
        {"value": f"bestuur:{board.slug}", "label": f"Bestuur {board.name} (alle scholen)"}
        for board in boards
    ] + [{"value": f"school:{school.slug}", "label": school.name} for school in schools]
    context = await page_context(
        request, user,
        report=report,
        chosen=f"{report.kind}:{report.slug}",
        choices=choices,
        years=list(range(this_year, this_year - YEARS_SHOWN, -1)),
        title=report_pdf.title(report),
        explanation=report_pdf.explanation(report),
        pdf_query={"jaar": report.year, report.kind: report.slug},
    )
    return aiohttp_jinja2.render_template("report.html", request, context)


@routes.get("/dashboard/rapportage.pdf", name="report_pdf")
@_with_report("pdf")
async def report_pdf_download(
    request: web.Request, _user: User, report: Report
) -> web.StreamResponse:
    pdf = report_pdf.render_pdf(report, utcnow())
    response = web.Response(body=pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="wegwijzer-jaaroverzicht-{report.year}-{report.slug}.pdf"'
    )
    return response
