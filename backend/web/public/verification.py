"""Is this copy genuine? ``GET /verificatie/{code}`` says whether Wegwijzer made a copy with
this verification code, when and for which school; the form on ``/verificatie`` (``POST``, the
text pasted or the PDF or text file uploaded) also says whether it is unchanged: its digest
(``backend.documents.verification``) matches the recorded one and the record's signature is valid.

For a complaints committee, a board, or the reporter: no login, and nothing of the intake is
shown or kept (the pasted text is only hashed). Unknown codes count against the IP address
(``backend.auth.throttle``), so codes cannot be guessed, and one address may check 30 copies per
quarter of an hour (each upload is a PDF to read, in a worker thread, within the size and
page limits of ``backend.documents.verification``). The page's texts are in
``backend.documents.reporter_texts``: Dutch, or English with ``?taal=en`` (the link on an English
copy), kept through the form.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

import aiohttp_jinja2
from aiohttp import web

from backend import keys, store
from backend.auth import throttle
from backend.documents import reporter_texts, verification
from backend.documents.reporter_texts import Language
from backend.models import CopyVerification
from backend.web.pages import csrf_token

routes = web.RouteTableDef()

# Outcomes (the template words each one) and their HTTP status.
GENUINE = "echt"  # the code exists and its record is signed: when and for which school
UNCHANGED = "ongewijzigd"  # and the copy's text is the one that was made
CHANGED = "veranderd"
NOT_CONFIRMED = "niet_bevestigd"  # a record whose signature does not hold
NOT_FOUND = "niet_gevonden"
NO_CODE = "geen_code"
UNREADABLE = "onleesbaar"
NOTHING = "leeg"
TOO_MANY = "te_vaak"
TOO_MANY_CHECKS = "te_veel_controles"  # throttle.VERIFICATIONS: uploads and pastes per address
STATUS = {
    NOT_FOUND: 404, NO_CODE: 400, UNREADABLE: 400, NOTHING: 400, TOO_MANY: 429,
    TOO_MANY_CHECKS: 429,
}


def _signed(request: web.Request, found: CopyVerification) -> bool:
    message = verification.signed_message(
        found.code, found.school.slug, found.created_at, found.text_sha256
    )
    public_key = request.app[keys.SIGNING_KEY].public_key()
    return verification.signature_valid(public_key, found.signature, message)


async def _look_up(request: web.Request, code: Optional[str], lang: Language) -> Dict[str, Any]:
    """The outcome for a code: genuine (with its time and school), not confirmed, not found, or
    refused because this address tried too many unknown codes."""
    db = request.app[keys.DB]
    counted = await throttle.attempt(
        db, throttle.VERIFICATION_CODES, throttle.verification_requester(request.remote)
    )
    if not counted.allowed:
        return {"outcome": TOO_MANY}
    try:
        if code is None:
            raise store.errors.NotFound("malformed")
        found = await store.copies.get_copy_verification(db, code)
    except store.errors.NotFound:
        return {"outcome": NOT_FOUND, "code": code}
    await counted.forget()  # a known code never counts
    if not _signed(request, found):
        return {"outcome": NOT_CONFIRMED, "code": code}
    return {
        "outcome": GENUINE, "code": code, "found": found,
        "gemaakt_op": lang.datetime(found.created_at),
        "school": found.school.name,
    }


async def _page(request: web.Request, lang: Language, **context: Any) -> web.Response:
    context = {"outcome": None, "code": None, "typed_code": "", **context,
               **reporter_texts.page_context(lang)}
    context["csrf_token"] = await csrf_token(request)
    response = aiohttp_jinja2.render_template(
        "verificatie.html", request, context, status=STATUS.get(context["outcome"], 200)
    )
    if context["outcome"] == TOO_MANY:
        response.headers["Retry-After"] = str(throttle.CODE_RETRY_AFTER_SECONDS)
    elif context["outcome"] == TOO_MANY_CHECKS:
        response.headers["Retry-After"] = str(throttle.VERIFICATIONS.retry_after_seconds)
    return response


@routes.get("/verificatie", name="verification")
async def verification_form(request: web.Request) -> web.Response:
    return await _page(request, reporter_texts.for_page(request.query))


@routes.get("/verificatie/{code}", name="verification_code")
async def verification_code(request: web.Request) -> web.Response:
    typed = request.match_info["code"]
    lang = reporter_texts.for_page(request.query)
    result = await _look_up(request, verification.normalise_code(typed), lang)
    result.pop("found", None)
    return await _page(request, lang, typed_code=result.get("code") or "", **result)


@routes.post("/verificatie", name="verification_check")
async def verification_check(request: web.Request) -> web.Response:
    # The CSRF middleware has already checked the token (and read the form).
    form = await request.post()
    lang = reporter_texts.for_page(request.query, form)
    if not await throttle.allow(
        request.app[keys.DB], throttle.VERIFICATIONS, throttle.verification_requester(request.remote)
    ):
        return await _page(request, lang, outcome=TOO_MANY_CHECKS)
    typed = str(form.get("code") or "").strip()
    pasted = form.get("tekst")
    upload = form.get("bestand")
    text = pasted.strip() if isinstance(pasted, str) else ""
    if isinstance(upload, web.FileField) and not text:
        body = upload.file.read()
        if body:
            try:
                text = await verification.read_upload(body)
            except verification.UnreadableCopy:
                return await _page(request, lang, outcome=UNREADABLE, typed_code=typed)
    if not text and not typed:
        return await _page(request, lang, outcome=NOTHING)
    # The code printed on the copy is part of what was signed: it wins over a typed one.
    code = verification.code_in_copy(text) or verification.normalise_code(typed)
    if code is None and text:
        return await _page(request, lang, outcome=NO_CODE, typed_code=typed)
    result = await _look_up(request, code, lang)
    found = result.pop("found", None)
    if found is not None and text:
        same = verification.digest(text) == found.text_sha256
        result["outcome"] = UNCHANGED if same else CHANGED
    return await _page(request, lang, typed_code=result.get("code") or typed, **result)
