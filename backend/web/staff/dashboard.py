"""The dashboard: login form, logout, the inbox of intakes (50 a page, ``?pagina=``, urgent
ones on top, filters and their counts in the URL: ``backend.store.inbox``; each row with its age and
next due date from ``wegwijzer.deadlines``) and one intake's page, a letter with a margin (the
story, beside it the answers, advice, route and due dates, below it one timeline) with its
casework (claim, status with a reason, notes, next steps, sharing with the vertrouwenspersoon)
and the messages with the reporter (the inbox says "Nieuw bericht" while the reporter's newest
message is unread), the download of everything stored about it (a reporter's request to see
their data) and its deletion on the reporter's request (``backend.store.privacy``, with Rasa's
copy of the conversation; a required checkbox confirms it).

Server-rendered with autoescaped Jinja templates, no JavaScript. Every form is a POST with the
session's CSRF token (checked by ``csrf_middleware``); a successful action redirects back
(303) with a short message, a refused one shows the page again with the message next to the
field. Who may see and do what is ``backend.auth.access``; reading an intake's page is audited.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Callable, Dict, List, Mapping, Optional, Union

import aiohttp_jinja2
from aiohttp import web

from backend import keys, store
from backend.auth import access, security, throttle
from backend.jobs import chat_push
from backend.middlewares import current_user, page_user, path_id
from backend.models import Intake, User
from backend.rules import casework
from backend.services.accounts import WRONG_CREDENTIALS, end_session, start_session
from backend.services import intakes as intake_service
from backend.services.intakes import Change
from backend.services.intakes import delete_on_request, send_message
from backend.store import inbox
from backend.web.pages import (
    LOCAL_TZ, csrf_token, error_page, local_time, page_context, pop_flash, redirect_with_flash,
    render_form_page,
)
from wegwijzer import deadlines
from wegwijzer.dates import dutch_date
from wegwijzer.vocab import CATEGORIEEN

routes = web.RouteTableDef()

SNIPPET_LENGTH = 120
AUDIT_SHOWN = 50

def snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    text = " ".join(casework.without_control_chars(text).split())
    if len(text) <= length:
        return text
    return text[:length].rstrip() + "…"


def _deadlines(intake: Intake, terms: Optional[Mapping] = None) -> List[deadlines.Deadline]:
    """The intake's due dates (``wegwijzer.deadlines``) under its board's ``terms``; its next
    steps must be loaded."""
    return deadlines.intake_deadlines(
        intake.created_at.astimezone(LOCAL_TZ).date(), intake.status, intake.gekozen_route,
        intake.signalen,
        [(step.description, step.due_date, step.done_at is not None) for step in intake.steps],
        intake.datum_gebeurtenis, terms,
    )


def _row(
    intake: Intake, today: date, new_message: bool = False, terms: Optional[Mapping] = None
) -> Dict[str, Any]:
    found = _deadlines(intake, terms)
    upcoming = deadlines.next_deadline(found)
    return {
        "id": intake.id,
        "referentie": intake.referentie,
        "created_at": local_time(intake.created_at),
        "created_at_iso": intake.created_at.isoformat(),
        "age": deadlines.age_label(intake.created_at.astimezone(LOCAL_TZ).date(), today),
        "school": intake.school.name,
        "rol": intake.rol,
        "categorieen": intake.categorieen,
        "signalen": sorted(intake.signalen, key=lambda s: (casework.urgency([s]), s)),
        "status": intake.status,
        "snippet": snippet(intake.wat_gebeurd),
        "handler": intake.handler.name if intake.handler is not None else None,
        "mine": False,
        "claimable": intake.handler_id is None and intake.status != casework.AFGESLOTEN,
        "overdue": deadlines.any_overdue(found, today),
        "next": upcoming,
        "next_label": deadlines.due_label(upcoming.due, today) if upcoming else None,
        "shared": intake.shared_at is not None,
        "new_message": new_message,
    }


def inbox_page_number(request: web.Request) -> int:
    """``?pagina=``: the page of the inbox, 1 (the first) for anything that is no page."""
    raw = request.query.get("pagina", "")
    if raw.isascii() and raw.isdigit() and len(raw) <= 6:
        return max(int(raw), 1)
    return 1


def _inbox_url(request: web.Request, filters: Mapping[str, str], page: int = 1, **change: str) -> str:
    """The inbox's URL for a page, keeping the filters (``change``: set one, "" removes it)."""
    query = {name: value for name, value in {**filters, **change}.items() if value}
    query = {name: query[name] for name in inbox.FILTER_NAMES if name in query}
    if page > 1:
        query["pagina"] = str(page)
    return str(request.app.router["dashboard"].url_for().with_query(query))


@routes.get("/login", name="login")
@aiohttp_jinja2.template("login.html")
async def login_form(request: web.Request) -> Dict[str, Any]:
    if current_user(request) is not None:
        raise web.HTTPFound(request.app.router["dashboard"].url_for())
    return {"csrf_token": await csrf_token(request), "email": "", "error": None}


@routes.post("/login", name="login_submit")
async def login_submit(request: web.Request) -> web.StreamResponse:
    # The CSRF middleware has already checked the token.
    form = await request.post()
    email = str(form.get("email", "")).strip()
    password = str(form.get("password", ""))
    status = 200
    try:
        if not email or not password:
            raise store.errors.InvalidCredentials()
        user = await throttle.login(request.app[keys.DB], email, password, request.remote)
    except throttle.TooManyAttempts as refused:
        error, status = refused.message, 429
    except store.errors.InvalidCredentials:
        error = WRONG_CREDENTIALS if email and password else "Vul je e-mailadres en je wachtwoord in."
    else:
        await start_session(request, user)
        raise web.HTTPFound(request.app.router["dashboard"].url_for())
    context = {"csrf_token": await csrf_token(request), "email": email, "error": error}
    response = aiohttp_jinja2.render_template("login.html", request, context, status=status)
    if status == 429:
        response.headers["Retry-After"] = str(throttle.RETRY_AFTER_SECONDS)
    return response


@routes.post("/logout", name="logout")
async def logout(request: web.Request) -> web.StreamResponse:
    await end_session(request)  # server-side too (backend.auth.sessions)
    raise web.HTTPFound(request.app.router["login"].url_for())


@routes.get("/dashboard", name="dashboard")
async def dashboard(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    schools = access.served_schools(user)
    slugs = [school.slug for school in schools]
    filters = inbox.read_filters(request.query, slugs)
    page = inbox_page_number(request)
    today = casework.today()
    found = await inbox.inbox(request.app[keys.DB], user, filters, slugs, page, today=today)
    unread = (
        await store.messages.intakes_with_unread_messages(
            request.app[keys.DB], [intake.id for intake in found.intakes]
        )
        if access.can(user, access.MESSAGE) else set()
    )
    rows = [
        _row(intake, today, intake.id in unread, found.terms.get(intake.school.slug))
        for intake in found.intakes
    ]
    for row, intake in zip(rows, found.intakes):
        row["mine"] = intake.handler_id == user.id

    def link(**change: str) -> str:
        return _inbox_url(request, filters, **change)

    context = await page_context(
        request,
        user,
        schools=schools,
        school_filter=filters.get("school"),
        filters=filters,
        counts=found.counts,
        total=found.total,
        filter_link=link,
        statuses=casework.STATUS_LABELS,
        categories=[c for c in CATEGORIEEN
                    if found.counts["onderwerp"].get(c) or c == filters.get("onderwerp")],
        sees_intakes=access.sees_intakes(user),
        can_claim=access.can(user, access.CLAIM),
        rows=rows,
        newer_url=_inbox_url(request, filters, page - 1) if page > 1 else None,
        older_url=_inbox_url(request, filters, page + 1) if found.more else None,
        first_url=_inbox_url(request, filters, 1),
        clear_url=_inbox_url(request, {}, 1) if filters else None,
        page=page,
        flash=await pop_flash(request),
    )
    return aiohttp_jinja2.render_template("dashboard.html", request, context)


# --- one intake ------------------------------------------------------------------------------

def _timeline(intake: Intake) -> List[Dict[str, Any]]:
    """Everything that happened to the intake, oldest first, in one stream: its arrival,
    status changes with their reasons, notes, messages, next steps and sharing."""
    items: List[Dict[str, Any]] = [
        {"at": intake.created_at, "kind": "ontvangen", "who": None,
         "title": f"Binnengekomen via {intake.kanaal}", "text": None},
    ]
    for change in intake.status_changes:
        items.append({
            "at": change.created_at, "kind": "status", "who": change.user.name if change.user else None,
            "title": f"{casework.STATUS_LABELS.get(change.from_status, change.from_status)} → "
                     f"{casework.STATUS_LABELS.get(change.to_status, change.to_status)}",
            "text": change.reason,
        })
    for note in intake.notes:
        items.append({"at": note.created_at, "kind": "notitie", "title": "Notitie",
                      "who": note.user.name if note.user else None, "text": note.text})
    for message in intake.messages:
        from_reporter = message.sender == "melder"
        items.append({
            "at": message.created_at, "kind": "bericht-melder" if from_reporter else "bericht",
            "title": "Bericht van de melder" if from_reporter else "Bericht aan de melder",
            "who": None if from_reporter else (message.user.name if message.user else "Contactpersoon"),
            "text": message.text, "unread": from_reporter and not message.read_at,
        })
    for step in intake.steps:
        items.append({"at": step.created_at, "kind": "stap", "who": step.user.name if step.user else None,
                      "title": f"Vervolgstap gepland, vóór {dutch_date(step.due_date)}",
                      "text": step.description})
        if step.done_at is not None:
            items.append({"at": step.done_at, "kind": "stap", "who": None,
                          "title": "Vervolgstap afgerond", "text": step.description})
    if intake.shared_at is not None:
        items.append({"at": intake.shared_at, "kind": "gedeeld", "who": None, "text": None,
                      "title": "Gedeeld met de vertrouwenspersoon van het bestuur"})
    return sorted(items, key=lambda item: item["at"])


async def _render_intake(
    request: web.Request,
    user: User,
    *,
    errors: Optional[Mapping[str, str]] = None,
    values: Optional[Mapping[str, str]] = None,
    status: int = 200,
) -> web.Response:
    db = request.app[keys.DB]
    try:
        intake = await store.intakes.get_intake_for_user(db, user, request.match_info["id"])
    except store.errors.NotFound:
        raise web.HTTPNotFound() from None
    await store.audit.audit_read(db, user, [intake.id], store.audit.READ_PAGE)
    await store.messages.mark_reporter_messages_read(db, user, intake.id)
    audit = await store.audit.list_audit(db, intake.id)
    today = casework.today()
    return await render_form_page(
        request, "intake.html", user, errors, values, status,
        intake=intake,
        signalen=sorted(intake.signalen, key=lambda s: (casework.urgency([s]), s)),
        next_statuses=casework.allowed_next(intake.status),
        steps=[
            {
                "step": step,
                "overdue": casework.step_overdue(step.due_date, step.done_at is not None, today),
                "label": deadlines.due_label(step.due_date, today),
            }
            for step in intake.steps
        ],
        terms=[
            {"term": term, "overdue": term.overdue(today), "label": deadlines.due_label(term.due, today)}
            for term in _deadlines(intake, inbox.board_terms(intake.school.board and intake.school.board.profile))
            if term.kind != deadlines.STAP
        ],
        timeline=_timeline(intake),
        referentie=intake.referentie,
        age=deadlines.age_label(intake.created_at.astimezone(LOCAL_TZ).date(), today),
        today=today.isoformat(),
        can={action: access.can(user, action) for action in (
            access.CLAIM, access.STATUS, access.NOTE, access.STEP, access.SHARE,
            access.MESSAGE, access.DELETE)},
        has_board=intake.school.board_id is not None,
        chat_push=intake.kanaal in chat_push.PUSH_CHANNELS,
        audit=audit[-AUDIT_SHOWN:][::-1],
    )


@routes.get("/dashboard/meldingen/{id}", name="intake_page")
async def intake_page(request: web.Request) -> web.StreamResponse:
    return await _render_intake(request, page_user(request))


@routes.get("/dashboard/meldingen/{id}/gegevens.json", name="intake_export")
async def intake_export(request: web.Request) -> web.StreamResponse:
    """Everything stored about the intake, as a JSON download: for a reporter who asks to see
    their data (``backend.store.privacy``; audited)."""
    user = page_user(request)
    try:
        data = await store.privacy.export_intake_for_user(
            request.app[keys.DB], user, request.match_info["id"]
        )
    except store.errors.NotFound:
        raise web.HTTPNotFound() from None
    return web.Response(
        text=json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="melding-{data["id"]}.json"'},
    )


def _values(form: Mapping[str, Any]) -> Dict[str, str]:
    return {
        name: value for name, value in form.items()
        if isinstance(value, str) and name != security.CSRF_FIELD
    }


async def _act(
    request: web.Request, change: Change, said: Union[str, Callable[[Any], str]],
    anchor: str = "", *, to_inbox: bool = False,
    values: Callable[[Mapping[str, Any]], Dict[str, str]] = _values,
) -> web.StreamResponse:
    """Every form on an intake's page: run ``change(db, user, intake_id, form)``, which makes
    the change, then go back (303) to the page at ``anchor``, or to the inbox, with the message
    ``said`` (or ``said(outcome)``, from what the change returned). Its domain errors become a
    404/403, or the intake's page again with the message at the field and what was typed kept
    (``values(form)``: the values by the names the template reads)."""
    user = page_user(request)
    form = await request.post()
    try:
        outcome = await change(request.app[keys.DB], user, request.match_info["id"], form)
    except store.errors.NotFound:
        raise web.HTTPNotFound() from None
    except store.errors.Forbidden:
        return error_page(request, 403, "Dit mag je met jouw rol niet doen bij deze melding.")
    except casework.InputError as exc:
        return await _render_intake(
            request, user, errors={exc.field: exc.message}, values=values(form), status=400
        )
    except casework.InvalidTransition as exc:
        return await _render_intake(
            request, user, errors={"status": exc.message}, values=values(form), status=409
        )
    except store.errors.AlreadyClaimed:
        return await _render_intake(
            request, user, errors={"claim": "Iemand anders heeft deze melding al opgepakt."},
            status=409,
        )
    except store.errors.NotShareable:
        return await _render_intake(
            request, user, errors={"share": "Deze school hoort niet bij een bestuur: er is "
                                   "geen vertrouwenspersoon om mee te delen."},
            status=409,
        )
    message = said if isinstance(said, str) else said(outcome)
    if to_inbox:
        await redirect_with_flash(request, request.app.router["dashboard"].url_for(), message)
    url = request.app.router["intake_page"].url_for(id=request.match_info["id"])
    await redirect_with_flash(request, f"{url}{anchor}", message)


@routes.post("/dashboard/meldingen/{id}/oppakken", name="intake_claim")
async def claim(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    return await _act(
        request, intake_service.claim,
        "Je hebt deze melding opgepakt. Jij bent nu de behandelaar.",
        to_inbox=form.get("terug") == "inbox",
    )


@routes.post("/dashboard/meldingen/{id}/status", name="intake_status")
async def change_status(request: web.Request) -> web.StreamResponse:
    return await _act(
        request, intake_service.change_status,
        lambda status: f"De status is nu: {casework.STATUS_LABELS[status]}.", "#status",
    )


@routes.post("/dashboard/meldingen/{id}/notities", name="intake_note")
async def add_note(request: web.Request) -> web.StreamResponse:
    return await _act(request, intake_service.add_note, "Je notitie is opgeslagen.", "#notities")


@routes.post("/dashboard/meldingen/{id}/stappen", name="intake_step")
async def add_step(request: web.Request) -> web.StreamResponse:
    return await _act(
        request, intake_service.add_step, "De vervolgstap is opgeslagen.", "#vervolgstappen"
    )


@routes.post(r"/dashboard/meldingen/{id}/stappen/{step_id:\d+}/klaar", name="intake_step_done")
async def complete_step(request: web.Request) -> web.StreamResponse:
    return await _act(
        request, intake_service.complete_step(path_id(request, "step_id")),
        "De vervolgstap staat op afgerond.", "#vervolgstappen",
    )


@routes.post("/dashboard/meldingen/{id}/delen", name="intake_share")
async def share(request: web.Request) -> web.StreamResponse:
    return await _act(
        request, intake_service.share,
        "De vertrouwenspersoon van het bestuur kan deze melding nu zien.", "#delen",
    )


@routes.post("/dashboard/meldingen/{id}/berichten", name="intake_message")
async def send_to_reporter(request: web.Request) -> web.StreamResponse:
    async def change(_db, user: User, intake_id: str, form) -> bool:
        # The form field is ``tekst``; on the page its error and value are "bericht" (the
        # note form has a ``tekst`` too).
        text = casework.clean_message(form.get("tekst"), field="bericht")
        _message, pushed = await send_message(request, user, intake_id, text)
        return pushed

    def said(pushed: bool) -> str:
        message = "Je bericht is verstuurd. De melder leest het met de code van de melding"
        return message + (", en we sturen een seintje in de chat." if pushed else ".")

    def values(form: Mapping[str, Any]) -> Dict[str, str]:
        typed = form.get("tekst")
        return {"bericht": typed} if isinstance(typed, str) else {}

    return await _act(request, change, said, "#berichten", values=values)


DELETE_CONFIRMED = "ja"


@routes.post("/dashboard/meldingen/{id}/verwijderen", name="intake_delete")
async def delete_on_reporters_request(request: web.Request) -> web.StreamResponse:
    """Delete the intake for good, with Rasa's copy of the conversation; only with the box
    "Ik weet dat dit niet terug kan" ticked. Back to the inbox, which says what happened."""

    async def change(db, user: User, intake_id: str, form) -> bool:
        if form.get("bevestig") != DELETE_CONFIRMED:
            # Seen (404) or allowed (403) first: the checkbox is not a way to probe.
            await store.intakes.get_intake_for_user(db, user, intake_id)
            if not access.can(user, access.DELETE):
                raise store.errors.Forbidden(access.DELETE)
            raise casework.InputError(
                "verwijderen", "Zet een vinkje bij “Ik weet dat dit niet terug kan”. Er is niets verwijderd."
            )
        return await delete_on_request(request, user, intake_id)

    def said(wiped: bool) -> str:
        message = "De melding is verwijderd, met notities, vervolgstappen en berichten."
        if wiped:
            message += " Wat de melder hierover met de chatbot besprak, is ook gewist."
        else:
            message += (" Het gesprek met de chatbot kon nu niet gewist worden: de opslag van de"
                        " chatbot was niet bereikbaar. Wegwijzer wist afgelopen gesprekken daar later"
                        " vanzelf. Gebeurt dit vaker? Meld het dan aan de beheerder.")
        return message + " In het logboek staat alleen dat dit gebeurde."

    return await _act(request, change, said, to_inbox=True)
