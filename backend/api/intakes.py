"""``/api/intakes``: the action server stores intakes; users read and handle the intakes they
may see (``backend.auth.access``): claim, status with a reason, notes, next steps, sharing, and
messages to the reporter (who reads them with the receipt code, see ``backend.api.public``).

Every read of an intake and every change is written to the audit log. An intake the user may
not see answers 404, exactly like one that does not exist. Every POST takes a JSON body (``{}``
when there is nothing to say): that is what keeps cross-site forms out (see the CSRF
middleware).

``POST /api/intakes`` takes the receipt code from the action server (``code``), which makes it
and may already have told it to the person: when the backend was away, the intake waited in the
action server's outbox (``actions/outbox.py``) and comes now, perhaps more than once (a response
lost on the way): one record per intake (``intake_id``; older records: ``conversation_id``), a
repeat answers 200 with the stored one. That answer is the only one with the ``code`` (the
database keeps its keyed hash, ``backend.auth.codes``; a repeat gives it back only when it proposed
the same code); every answer to staff has the case reference (``referentie``) instead.
A proposed code that another intake already has (with about 2**59 codes, negligible) is not a
reason to refuse an intake that may have waited for hours: it is kept under a fresh code, which
the 201 returns. There is no 409 to retry on: the outbox could not ask the person again, and
the chat tells the person the code of the answer.
"""
from __future__ import annotations

import logging

from aiohttp import web

from backend import keys, store
from backend.api.helpers import casework_errors, object_body, require_service_token
from backend.jobs import notify
from backend.middlewares import api_user, json_error, path_id, read_json
from backend.models import User
from backend.rules import casework
from backend.rules.intake_detail import intake_detail_json, message_json
from backend.rules.schemas import ValidationError, intake_to_json, parse_intake
from backend.schoolconfig import json_dumps
from backend.services import intakes as intake_service
from backend.services.intakes import Change, send_message

log = logging.getLogger(__name__)

routes = web.RouteTableDef()


async def _detail_response(request: web.Request, user: User, status: int = 200) -> web.Response:
    db = request.app[keys.DB]
    intake_id = request.match_info["id"]
    with casework_errors():
        intake = await store.intakes.get_intake_for_user(db, user, intake_id)
    await store.audit.audit_read(db, user, [intake.id], store.audit.READ_API)
    await store.messages.mark_reporter_messages_read(db, user, intake.id)
    return web.json_response(
        intake_detail_json(intake, casework.today()), status=status, dumps=json_dumps
    )


@routes.post("/api/intakes", name="api_intakes_create")
async def create_intake(request: web.Request) -> web.Response:
    require_service_token(request)
    data = await read_json(request, refuse_nul=False)  # parse_intake names the field with a NUL
    try:
        record = parse_intake(data)
    except ValidationError as exc:
        log.info("intake refused: invalid fields %s", sorted(exc.fields))
        raise json_error(web.HTTPBadRequest, exc.message, fields=exc.fields) from None
    try:
        intake, created = await store.intakes.create_intake(
            request.app[keys.DB], record, request.app[keys.CONFIG].notify.channels
        )
    except store.errors.UnknownSchool:
        raise json_error(
            web.HTTPUnprocessableEntity,
            "Deze school kennen we niet. Controleer de schoolcode.",
            fields={"school": "Onbekende school."},
        ) from None
    if created:
        log.info("intake %s stored", intake.id)
        notify.wake(request.app)  # its contact persons hear of it now, not after the pause
    body = {**intake_to_json(intake), "code": intake.receipt_code}  # for the action server only
    response = web.json_response(body, status=201 if created else 200, dumps=json_dumps)
    response.headers["Location"] = str(
        request.app.router["api_intake"].url_for(id=intake.id)
    )
    return response


BAD_LIMIT = f"Kies een limit van 1 tot en met {store.intakes.INBOX_PAGE_MAX}."
BAD_BEFORE = "Deze melding bestaat niet. Begin opnieuw bij de nieuwste meldingen."


def page_limit(request: web.Request) -> int:
    """``?limit=``: 1 to ``store.intakes.INBOX_PAGE_MAX``, ``INBOX_PAGE`` when absent."""
    raw = request.query.get("limit")
    if raw is None:
        return store.intakes.INBOX_PAGE
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= store.intakes.INBOX_PAGE_MAX:
        raise json_error(web.HTTPBadRequest, BAD_LIMIT, fields={"limit": BAD_LIMIT})
    return int(raw)


@routes.get("/api/intakes", name="api_intakes")
async def list_intakes(request: web.Request) -> web.Response:
    """One page of the intakes the user may see, newest first: ``?limit=`` (default 50, at most
    200) and ``?before=<id>`` (the last intake of the previous page). When the page is full
    and there are more, the ``Link`` header names the next page (``rel="next"``). Each listed intake is audited,
    in one statement."""
    user = api_user(request)
    db = request.app[keys.DB]
    limit = page_limit(request)
    before = request.query.get("before")
    try:
        intakes = await store.intakes.list_intakes_for_user(
            db, user, limit=limit + 1, before=before
        )
    except store.errors.NotFound:
        raise json_error(web.HTTPBadRequest, BAD_BEFORE, fields={"before": BAD_BEFORE}) from None
    more = len(intakes) > limit
    intakes = intakes[:limit]
    await store.audit.audit_read(
        db, user, [intake.id for intake in intakes], store.audit.READ_API_LIST
    )
    response = web.json_response([intake_to_json(intake) for intake in intakes], dumps=json_dumps)
    if more:
        url = request.app.router["api_intakes"].url_for().with_query(
            limit=str(limit), before=intakes[-1].id
        )
        response.headers["Link"] = f'<{url}>; rel="next"'
    return response


@routes.get("/api/intakes/{id}", name="api_intake")
async def get_intake(request: web.Request) -> web.Response:
    return await _detail_response(request, api_user(request))


async def _change(
    request: web.Request, change: Change, *, texts: bool = False, status: int = 200
) -> web.Response:
    """Every casework POST: read the JSON body (one with texts, ``texts``, may hold control
    characters: its texts lose them), run ``change(db, user, intake_id, body)`` with its
    domain errors as their JSON errors, and answer the intake as it is now."""
    user = api_user(request)
    data = await object_body(request, refuse_nul=not texts)  # JSON only: no cross-site forms
    with casework_errors():
        await change(request.app[keys.DB], user, request.match_info["id"], data)
    return await _detail_response(request, user, status=status)


@routes.post("/api/intakes/{id}/claim", name="api_intake_claim")
async def claim(request: web.Request) -> web.Response:
    return await _change(request, intake_service.claim)


@routes.post("/api/intakes/{id}/status", name="api_intake_status")
async def change_status(request: web.Request) -> web.Response:
    return await _change(request, intake_service.change_status, texts=True)


@routes.post("/api/intakes/{id}/notes", name="api_intake_notes")
async def add_note(request: web.Request) -> web.Response:
    return await _change(request, intake_service.add_note, texts=True, status=201)


@routes.post("/api/intakes/{id}/steps", name="api_intake_steps")
async def add_step(request: web.Request) -> web.Response:
    return await _change(request, intake_service.add_step, texts=True, status=201)


@routes.post("/api/intakes/{id}/steps/{step_id:\\d+}/done", name="api_intake_step_done")
async def complete_step(request: web.Request) -> web.Response:
    return await _change(request, intake_service.complete_step(path_id(request, "step_id")))


@routes.post("/api/intakes/{id}/share", name="api_intake_share")
async def share(request: web.Request) -> web.Response:
    return await _change(request, intake_service.share)


@routes.post("/api/intakes/{id}/messages", name="api_intake_messages")
async def add_message(request: web.Request) -> web.Response:
    """A message to the reporter: ``{"text": "..."}`` → 201 with the message."""
    user = api_user(request)
    data = await object_body(request, refuse_nul=False)  # its texts lose control characters
    with casework_errors():
        text = casework.clean_message(data.get("text"), field="text")
        message, _pushed = await send_message(request, user, request.match_info["id"], text)
    return web.json_response(message_json(message), status=201, dumps=json_dumps)
