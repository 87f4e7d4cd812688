"""What a reporter can fetch with their receipt code, without logging in. The code travels in
a POST body only, never in a URL (browser histories, proxy and access logs):
``POST /api/public/kopie`` ``{"code", "formaat"?}``, the copy of their intake (regulation art. 9
lid 2) as a PDF, or as plain text with ``"formaat": "tekst"``; ``POST /api/public/status``
``{"code"}``, how their report is doing (status, when it was opened and last changed) with the
messages of the contact person, no staff names; ``POST /api/public/status/berichten``
``{"code", "tekst"}``, a reply that lands on the case; and ``POST /api/public/kopielink``
``{"code"}``, a short-lived one-time link to the copy for the chat (``backend.store.copy_links``,
the page is ``backend.web.public.kopie``). Download names hold the date, never the code.

Everything a reporter reads here is in the language of their conversation (``gesprekstaal``
on the record, issue 17; ``backend.documents.reporter_texts``): the copy, the status text and, for a
known code, the link page. A refusal that comes before the record is known (an unknown code,
a throttle, an empty reply) follows the optional ``"gesprekstaal"`` of the request body (the
bot's own language), else Dutch.

Every copy is made afresh, and recorded so that it can be verified (issue 9): its verification
code, the school, the making time, the SHA-256 of its text and an Ed25519 signature over those
(``backend.services.reporter.make_copy``; checked at ``/verificatie``,
``backend.web.public.verification``).

No login: the receipt code is the only key, and only the reporter has it (the database keeps
its keyed hash, ``backend.auth.codes``; staff see the case reference). It is long and random (about
60 bits), accepted in any case and with or without dashes. An unknown code and a malformed one
get the same answer, so nobody learns whether a code exists; too many of them from one
requester within a quarter of an hour, and every code lookup of that requester gets 429
(``backend.auth.throttle``); each requester may make 30 copies an hour (``throttle.COPIES``). The
requester is the IP address; the action server, which asks for every chat from one address,
may instead name the conversation (service token plus the header
``backend.services.reporter.CONVERSATION_HEADER``), so one person's typos never lock out the
others. Replies are limited per intake as well. Every read
and reply is in the audit log, and a code or link token in a path never reaches the logs (see
:class:`MaskCopyCode`, installed on the access log by ``create_app``).
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from datetime import datetime
from typing import Any, Dict, Optional, Tuple

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from backend import keys, store
from backend.auth import security, throttle
from backend.documents import reporter_texts
from backend.documents.reporter_texts import DUTCH, Language
from backend.middlewares import json_error, read_json
from backend.rules import casework
from backend.services.reporter import by_code, copy_allowed, copy_response
from backend.services.reporter import copy_intake as _copy_intake
from backend.services.reporter import no_store as _no_store
from backend.services.reporter import too_many as _too_many
from backend.store import copy_links

log = logging.getLogger(__name__)

routes = web.RouteTableDef()

PUBLIC_PREFIX = "/api/public/"
COPY_PATH = PUBLIC_PREFIX + "kopie"
COPY_LINK_PATH = PUBLIC_PREFIX + "kopielink"
STATUS_PATH = PUBLIC_PREFIX + "status"
# The Dutch texts by their old names (the texts of both languages:
# backend.documents.reporter_texts).
NO_STATUS = DUTCH.say("public.no_status")
NO_COPY = DUTCH.say("public.no_copy")
TEXT_FORMATS = frozenset({"tekst", "text", "txt"})


# --- keeping the code out of the logs --------------------------------------------------------

# A code or link token in a path: the old code URLs (now refused, but people still type them)
# the one-time copy links (``/kopie/{token}``) and a copy's verification code
# (``/verificatie/{code}``: it tells that a copy exists, for which school and when).
_CODE_IN_PATH = re.compile(r"(/api/public/(?:kopie|status)/|/kopie/|/verificatie/)(?!berichten\b)[^\s/?\"]+")
# …and in a query string (``/kopie?code=…``: a bookmark of an old form, a typed URL).
_CODE_IN_QUERY = re.compile(r"([?&](?:code|token)=)[^\s&#\"]+", re.IGNORECASE)
MASK = "…"
# The loggers that write request paths: the access log, and the error middleware's
# "unhandled error in GET /path" (a filter on a logger does not see its children's records).
MASKED_LOGGERS = ("aiohttp.access", "backend.middlewares")


def _masked(value: object) -> bool:
    return isinstance(value, str) and (
        PUBLIC_PREFIX in value or "/kopie" in value or "/verificatie/" in value
        or "code=" in value.lower()
        or "token=" in value.lower()
    )


def mask_copy_codes(text: str) -> str:
    """``GET /api/public/kopie/K7QM-3XDA-9TPW.txt`` → ``GET /api/public/kopie/…``, and
    ``POST /api/public/status/K7QM-3XDA-9TPW/berichten`` → ``POST /api/public/status/…/berichten``."""
    return _CODE_IN_QUERY.sub(rf"\g<1>{MASK}", _CODE_IN_PATH.sub(rf"\g<1>{MASK}", text))


class MaskCopyCode(logging.Filter):
    """Replaces the receipt code in a public URL (copy, status, replies) with ``…`` in every
    log record it sees: the message, its arguments and the access log's ``extra`` fields
    (``first_request_line``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _masked(record.msg):
            record.msg = mask_copy_codes(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_copy_codes(arg) if _masked(arg) else arg
                for arg in record.args
            )
        for name, value in list(vars(record).items()):
            if name not in ("msg", "args") and _masked(value):
                setattr(record, name, mask_copy_codes(value))
        return True


def install_log_masks() -> None:
    """Put :class:`MaskCopyCode` on :data:`MASKED_LOGGERS` (once, however many apps exist)."""
    for name in MASKED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, MaskCopyCode) for existing in logger.filters):
            logger.addFilter(MaskCopyCode())


# --- the code as the only key, throttled -------------------------------------------------------

def asked_language(data: Any) -> Language:
    """The language of the refusals: the body's ``gesprekstaal`` (the bot's language), else
    Dutch."""
    return reporter_texts.for_language(data.get("gesprekstaal") if isinstance(data, dict) else None)


def status_text(status: str, lang: Language = DUTCH) -> str:
    """The status in plain words, without "je" or "u": the bot shows it to pupils and parents
    alike."""
    key = f"status.{status}"
    return lang.say(key) if key in lang.texts else ""


async def code_body(request: web.Request) -> Dict[str, Any]:
    """The JSON object of a reporter's POST (the code is in it, never in the URL)."""
    data = await read_json(request, refuse_nul=False)  # the texts lose control characters
    if not isinstance(data, dict):
        raise json_error(web.HTTPBadRequest, "Stuur een JSON-object met de code in \"code\".")
    return data


# --- the copy --------------------------------------------------------------------------------

@routes.post(COPY_PATH, name="public_copy")
async def copy_by_code(request: web.Request) -> web.Response:
    """``{"code", "formaat"?}`` → the copy as a PDF, or as text with ``"formaat": "tekst"``."""
    data = await code_body(request)
    lang = asked_language(data)
    await copy_allowed(request, lang)
    intake = await by_code(request, data.get("code"), lang.say("public.no_copy"), _copy_intake, lang)
    as_text = str(data.get("formaat") or "").strip().lower() in TEXT_FORMATS
    return await copy_response(request, intake, as_text, security.normalise_code(data["code"]))


@routes.post(COPY_LINK_PATH, name="public_copy_link")
async def copy_link(request: web.Request) -> web.Response:
    """``{"code"}`` → 201 ``{"pad", "geldig_tot"}``: a one-time link to the copy, valid for an
    hour (``backend.store.copy_links``), for the chat to show instead of the code in a URL. The page
    of an intake held in English is English (``?taal=en``, also once the link is used up)."""
    data = await code_body(request)
    lang = asked_language(data)
    intake = await by_code(
        request, data.get("code"), lang.say("public.no_copy"), store.intakes.get_intake_by_code, lang
    )
    token, expires_at = await copy_links.new_link(request.app[keys.DB], intake)
    path = request.app.router["copy_link_page"].url_for(token=token)
    if intake.gesprekstaal != DUTCH.code:
        path = path.with_query({reporter_texts.PAGE_PARAMETER: intake.gesprekstaal})
    return _no_store(web.json_response(
        {"pad": str(path), "geldig_tot": expires_at.isoformat()}, status=201
    ))


# --- the status, the messages and the reporter's replies --------------------------------------

async def _status_and_language(db: sessionmaker, code: str) -> Tuple[Dict[str, Any], Language]:
    # (The status does not carry the intake's language: asked for separately, so that the
    # store's reporter_status stayed as it was while it moved into backend.store.)
    status = await store.intakes.reporter_status(db, code)
    intake = await store.intakes.get_intake_by_code(db, code)
    return status, reporter_texts.for_language(intake.gesprekstaal)


@routes.post(STATUS_PATH, name="public_status")
async def reporter_status(request: web.Request) -> web.Response:
    """``{"code"}`` → the status (in words in the conversation's language) and the messages."""
    data = await code_body(request)
    asked = asked_language(data)
    status, lang = await by_code(
        request, data.get("code"), asked.say("public.no_status"), _status_and_language, asked
    )
    body = {
        "status": status["status"],
        "status_tekst": status_text(status["status"], lang),
        **{key: _iso(status[key]) for key in ("ontvangen_op", "geopend_op", "laatst_gewijzigd")},
        "berichten": [
            {"van": message["van"], "tekst": message["tekst"], "op": _iso(message["op"])}
            for message in status["berichten"]
        ],
    }
    return _no_store(web.json_response(body, dumps=_dumps))


@routes.post(STATUS_PATH + "/berichten", name="public_reply")
async def reporter_reply(request: web.Request) -> web.Response:
    """The reporter answers the contact person: ``{"code": "...", "tekst": "..."}`` → 201
    ``{"ok": true, "op"}``. Only with the code, which only the reporter has."""
    data = await code_body(request)
    lang = asked_language(data)
    try:
        text = casework.clean_message(data.get("tekst"))
    except casework.InputError as exc:
        message = _reply_refusal(data.get("tekst"), lang)
        raise json_error(web.HTTPBadRequest, message, fields={exc.field: message}) from None

    async def save_reply(db: sessionmaker, code: str):
        return await store.messages.add_reporter_message(
            db, code, text, max_per_window=throttle.MAX_REPLIES, window=throttle.REPLY_WINDOW
        )

    try:
        message = await by_code(
            request, data.get("code"), lang.say("public.no_status"), save_reply, lang
        )
    except store.errors.TooManyMessages:
        raise _too_many(lang.say("public.too_many_replies"), throttle.REPLY_RETRY_AFTER_SECONDS) from None
    log.info("reply of a reporter stored on intake %s", message.intake_id)
    return _no_store(
        web.json_response({"ok": True, "op": _iso(message.created_at)}, status=201)
    )


def _reply_refusal(typed: Any, lang: Language) -> str:
    """Why ``casework.clean_message`` refused the reply, in the reporter's language: too long,
    or nothing in it."""
    if isinstance(typed, str):
        cleaned = unicodedata.normalize("NFC", casework.without_control_chars(typed)).strip()
        if len(cleaned) > casework.MAX_MESSAGE:
            return lang.say("public.reply_too_long", max_length=casework.MAX_MESSAGE)
    return lang.say("public.reply_empty")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment is not None else None
