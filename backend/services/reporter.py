"""What a reporter reaches with their receipt code, shared by the JSON API
(``backend.api.public``) and the copy page (``backend.web.public.kopie``): the code as the only key,
throttled per requester (:func:`by_code`), and a fresh copy of their intake, recorded so that it
can be verified (:func:`make_copy`, :func:`copy_response`).

The requester is the IP address; the action server, which asks for every chat from one address,
may instead name the conversation (service token plus :data:`CONVERSATION_HEADER`), so one
person's typos never lock out the others.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple, TypeVar

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from backend import keys, schoolconfig, store
from backend.api.helpers import has_service_token
from backend.auth import security, throttle
from backend.documents import reporter_copy, reporter_texts, verification
from backend.documents.reporter_texts import DUTCH, Language
from backend.middlewares import json_error
from backend.models import Intake, School
from backend.rules.schemas import intake_to_json

T = TypeVar("T")

# Sent by the action server (with its service token): the chat conversation it asks for.
CONVERSATION_HEADER = "X-Wegwijzer-Gesprek"
# A verification code collision has odds of about 1 in 2**49 per pair: a few draws are plenty.
_CODE_ATTEMPTS = 5


def requester(request: web.Request) -> str:
    """Who counts for the code throttle: the chat conversation when the action server names
    it, else the IP address."""
    conversation = request.headers.get(CONVERSATION_HEADER, "").strip()
    if conversation and has_service_token(request):
        return f"gesprek\n{conversation}"
    return f"ip\n{request.remote or '-'}"


def too_many(message: str, retry_after: int) -> web.HTTPException:
    exc = json_error(web.HTTPTooManyRequests, message)
    exc.headers["Retry-After"] = str(retry_after)
    return exc


async def by_code(
    request: web.Request, typed: Any, not_found: str,
    fetch: Callable[[sessionmaker, str], Awaitable[T]], lang: Language = DUTCH,
) -> T:
    """``fetch(db, code)`` with the receipt code the reporter typed, canonical. ``fetch`` raises
    ``store.errors.NotFound`` for an unknown code: that one and a malformed one get the same
    404 (``not_found``), so nobody learns whether a code exists, and count against the
    requester. A requester with too many of those gets 429 for every code, a known one too
    (else a 200 among the 429s would still tell). ``lang``: the language of the 429."""
    db = request.app[keys.DB]
    # Counted before the lookup, in one step (parallel guesses cannot slip through together).
    counted = await throttle.attempt(db, throttle.RECEIPT_CODES, requester(request))
    if not counted.allowed:
        raise too_many(lang.say("public.too_many_codes"), throttle.CODE_RETRY_AFTER_SECONDS)
    code = security.normalise_code(typed) if isinstance(typed, str) else None
    try:
        if code is None:
            raise store.errors.NotFound("malformed code")
        found = await fetch(db, code)
    except store.errors.NotFound:
        raise json_error(web.HTTPNotFound, not_found) from None
    except Exception:
        await counted.forget()  # a known code, refused for another reason: it never counts
        raise
    await counted.forget()  # a known code never counts
    return found


def school_committee(school: School) -> Optional[Dict[str, Any]]:
    """The committee a formal complaint goes to: the board's own, else the national one."""
    profile = schoolconfig.school_profile(school)
    if profile is None:
        return None
    committee = profile.klachtencommissie or profile.landelijke_klachtencommissie
    return committee.to_dict() if committee is not None else None


async def copy_intake(db: sessionmaker, code: str) -> Intake:
    intake = await store.intakes.get_intake_by_code(db, code)
    await store.audit.audit_reporter_read(db, intake.id, store.audit.COPY_BY_REPORTER)
    return intake


async def copy_allowed(request: web.Request, lang: Language = DUTCH) -> None:
    """Every copy is a new PDF and a new verification record: a limit per requester, checked
    before the code is looked up (a 429 says nothing about the code)."""
    if not await throttle.allow(request.app[keys.DB], throttle.COPIES, requester(request)):
        raise too_many(lang.say("public.too_many_copies"), throttle.COPIES.retry_after_seconds)


def no_store(response: web.Response) -> web.Response:
    # Personal content: no browser or proxy keeps it.
    response.headers["Cache-Control"] = "no-store"
    return response


def verification_url(request: web.Request, code: str, lang: Language = DUTCH) -> str:
    """The page that checks a copy, as people's browsers reach the backend (in English for an
    English copy)."""
    # (request.url cannot be built with a port on this aiohttp and yarl: scheme and host it is)
    base = request.app[keys.CONFIG].public_url or f"{request.scheme}://{request.host}"
    path = request.app.router["verification_code"].url_for(code=code)
    if lang is not DUTCH:
        path = path.with_query({reporter_texts.PAGE_PARAMETER: lang.code})
    return f"{base}{path}"


async def make_copy(
    request: web.Request, intake: Intake, record: Dict[str, Any]
) -> Tuple[str, reporter_copy.VerificationMark, datetime]:
    """A new copy of ``intake``: its text, its verification mark and its making time, with the
    verification record stored (the text's digest, signed). The PDF is made from the same."""
    made_at = datetime.now(timezone.utc).replace(microsecond=0)
    committee = school_committee(intake.school)
    for _attempt in range(_CODE_ATTEMPTS):
        code = verification.generate_code()
        mark = reporter_copy.VerificationMark(
            code=code, url=verification_url(request, code, reporter_texts.of_record(record))
        )
        text = reporter_copy.render_text(
            record, intake.school.name, made_at, klachtencommissie=committee, verification=mark
        )
        text_sha256 = verification.digest(text)
        message = verification.signed_message(code, intake.school.slug, made_at, text_sha256)
        if await store.copies.add_copy_verification(
            request.app[keys.DB], code=code, school_id=intake.school_id, created_at=made_at,
            text_sha256=text_sha256,
            signature=verification.sign(request.app[keys.SIGNING_KEY], message),
        ):
            return text, mark, made_at
    raise RuntimeError("could not record the copy: no free verification code")


async def copy_response(
    request: web.Request, intake: Intake, as_text: bool, code: Optional[str] = None
) -> web.Response:
    """A fresh copy of ``intake`` as plain text or as a PDF download named by its date (never
    by the code). ``code``: the code the reporter typed, printed in the copy; a copy by a
    one-time link has none (the backend does not know it)."""
    record = {**intake_to_json(intake), "code": code}
    text, mark, made_at = await make_copy(request, intake, record)
    if as_text:
        return no_store(web.Response(text=text, content_type="text/plain", charset="utf-8"))
    pdf = reporter_copy.render_pdf(
        record, intake.school.name, made_at,
        klachtencommissie=school_committee(intake.school), verification=mark,
    )
    response = web.Response(body=pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{reporter_copy.file_name(record, made_at)}"'
    )
    return no_store(response)
