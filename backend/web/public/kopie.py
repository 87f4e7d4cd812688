"""The reporter's copy in the browser, without the code in any URL (issue 15).

``GET /kopie/{token}``: the page behind the chat's one-time link (``backend.store.copy_links``). It
shows a button; only the ``POST`` (the button) uses the link up and downloads the PDF, so a
chat app's link preview or a browser's prefetch never spends it. ``GET /kopie``: a form to type
the code (used, expired or no link); ``POST /kopie`` downloads the copy for it. The code is
throttled exactly as in the JSON API (``backend.services.reporter.by_code``). The page's texts are
in ``backend.documents.reporter_texts``: Dutch, or English with ``?taal=en`` (the link of an intake
held in English carries it, ``backend.api.public.copy_link``), kept through the forms in a hidden
field; the PDF itself is in the language of its intake.
"""
from __future__ import annotations

from typing import Any, Dict

import aiohttp_jinja2
from aiohttp import web

from backend import keys, store
from backend.auth import security
from backend.documents import reporter_texts
from backend.documents.reporter_texts import DUTCH, Language
from backend.services import reporter
from backend.store import copy_links
from backend.web.pages import csrf_token

routes = web.RouteTableDef()

LINK_OK = "link"  # a valid link: the button
LINK_GONE = "link_weg"  # used, expired or unknown (not told apart)
UNKNOWN_CODE = "onbekend"
TOO_MANY = "te_vaak"
STATUS = {LINK_GONE: 410, UNKNOWN_CODE: 404, TOO_MANY: 429}


async def _page(
    request: web.Request, outcome: str = "", lang: Language = DUTCH, **extra: Any
) -> web.Response:
    context: Dict[str, Any] = {
        "outcome": outcome, "csrf_token": await csrf_token(request),
        **reporter_texts.page_context(lang),
    }
    context.update(extra)
    response = aiohttp_jinja2.render_template(
        "kopie.html", request, context, status=STATUS.get(outcome, 200)
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the token stays out of Referer
    return response


@routes.get("/kopie", name="copy_page")
async def copy_form(request: web.Request) -> web.Response:
    return await _page(request, lang=reporter_texts.for_page(request.query))


@routes.post("/kopie", name="copy_by_code_page")
async def copy_by_code(request: web.Request) -> web.Response:
    form = await request.post()
    lang = reporter_texts.for_page(request.query, form)
    typed = form.get("code")
    try:
        await reporter.copy_allowed(request, lang)
        # (the 404's JSON message is never shown: this page answers it)
        intake = await reporter.by_code(
            request, typed, lang.say("public.no_copy"), reporter.copy_intake, lang
        )
    except web.HTTPTooManyRequests:
        return await _page(request, TOO_MANY, lang)
    except web.HTTPNotFound:
        return await _page(request, UNKNOWN_CODE, lang)
    code = security.normalise_code(typed) if isinstance(typed, str) else None
    return await reporter.copy_response(request, intake, as_text=False, code=code)


@routes.get("/kopie/{token}", name="copy_link_page")
async def copy_link_page(request: web.Request) -> web.Response:
    valid = await copy_links.link_valid(request.app[keys.DB], request.match_info["token"])
    return await _page(
        request, LINK_OK if valid else LINK_GONE, reporter_texts.for_page(request.query),
        token=request.match_info["token"],
    )


@routes.post("/kopie/{token}", name="copy_link_download")
async def copy_link_download(request: web.Request) -> web.Response:
    try:
        intake = await copy_links.use_link(request.app[keys.DB], request.match_info["token"])
    except store.errors.NotFound:
        lang = reporter_texts.for_page(request.query, await request.post())
        return await _page(request, LINK_GONE, lang)
    return await reporter.copy_response(request, intake, as_text=False)
