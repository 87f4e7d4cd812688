"""What a reporter can fetch with their receipt code, without logging in:
``/api/public/kopie/{code}``, the copy of their intake (regulation art. 9 lid 2) as a PDF, or
as plain text with ``.txt`` (or ``?formaat=tekst``); and ``/api/public/status/{code}``, how
their report is doing (status, when it was opened and last changed; no staff names).

No login: the receipt code is the only key. It is long and random (about 60 bits), accepted in
any case and with or without dashes. An unknown code and a malformed one get the same answer,
so nobody learns whether a code exists; and the code never reaches the logs (see
:class:`MaskCopyCode`, installed on the access log by ``create_app``).
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from typing import Any, Dict, Optional, Tuple

from aiohttp import web

from backend import keys, queries, reporter_copy, schoolconfig, security
from backend.middlewares import json_error
from backend.models import Intake, School
from backend.schemas import intake_to_json

log = logging.getLogger(__name__)

routes = web.RouteTableDef()

COPY_PREFIX = "/api/public/kopie/"
STATUS_PREFIX = "/api/public/status/"
NO_STATUS = (
    "We kunnen geen melding vinden bij deze code. Kijk of je de code goed hebt overgenomen."
)
# The status in plain words, without "je" or "u": the bot shows it to pupils and parents alike.
STATUS_TEKST = {
    "nieuw": "De melding is aangekomen en wacht op de contactpersoon.",
    "in_behandeling": "De contactpersoon is met de melding bezig.",
    "doorverwezen": "De contactpersoon heeft de melding doorgegeven aan iemand die verder kan helpen.",
    "afgesloten": "De melding is afgesloten.",
}
NO_COPY = (
    "We kunnen geen kopie vinden bij deze code. Kijk of je de code goed hebt overgenomen, "
    "of vraag de contactpersoon van je school om hulp."
)
TEXT_FORMATS = frozenset({"tekst", "text", "txt"})


# --- keeping the code out of the logs --------------------------------------------------------

_CODE_IN_PATH = re.compile(r"(/api/public/(?:kopie|status)/)[^\s/?\"]+")
MASK = "…"
# The loggers that write request paths: the access log, and the error middleware's
# "unhandled error in GET /path" (a filter on a logger does not see its children's records).
MASKED_LOGGERS = ("aiohttp.access", "backend.middlewares")


def mask_copy_codes(text: str) -> str:
    """``GET /api/public/kopie/K7QM-3XDA-9TPW.txt`` → ``GET /api/public/kopie/…``."""
    return _CODE_IN_PATH.sub(rf"\g<1>{MASK}", text)


class MaskCopyCode(logging.Filter):
    """Replaces the receipt code in a copy URL with ``…`` in every log record it sees: the
    message, its arguments and the access log's ``extra`` fields (``first_request_line``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and COPY_PREFIX in record.msg:
            record.msg = mask_copy_codes(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_copy_codes(arg) if isinstance(arg, str) and COPY_PREFIX in arg else arg
                for arg in record.args
            )
        for name, value in list(vars(record).items()):
            if name not in ("msg", "args") and isinstance(value, str) and COPY_PREFIX in value:
                setattr(record, name, mask_copy_codes(value))
        return True


def install_log_masks() -> None:
    """Put :class:`MaskCopyCode` on :data:`MASKED_LOGGERS` (once, however many apps exist)."""
    for name in MASKED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, MaskCopyCode) for existing in logger.filters):
            logger.addFilter(MaskCopyCode())


# --- the copy --------------------------------------------------------------------------------

def _committee(school: School) -> Optional[Dict[str, Any]]:
    """The committee a formal complaint goes to: the board's own, else the national one."""
    profile = schoolconfig.school_profile(school)
    if profile is None:
        return None
    committee = profile.klachtencommissie or profile.landelijke_klachtencommissie
    return committee.to_dict() if committee is not None else None


def _code_or_404(request: web.Request, not_found: str) -> str:
    """The receipt code in the path, canonical; a malformed one gets the same Dutch 404 as an
    unknown one, so nobody learns whether a code exists."""
    code = security.normalise_code(request.match_info["code"])
    if code is None:
        raise json_error(web.HTTPNotFound, not_found)
    return code


async def _intake_for(request: web.Request) -> Tuple[Intake, Dict[str, Any]]:
    code = _code_or_404(request, NO_COPY)
    try:
        intake = await queries.get_intake_by_code(request.app[keys.DB], code)
    except queries.NotFound:
        raise json_error(web.HTTPNotFound, NO_COPY) from None
    return intake, intake_to_json(intake)


def _no_store(response: web.Response) -> web.Response:
    # Personal content: no browser or proxy keeps it.
    response.headers["Cache-Control"] = "no-store"
    return response


async def _text_response(request: web.Request) -> web.Response:
    intake, record = await _intake_for(request)
    text = reporter_copy.render_text(
        record, intake.school.name, datetime.now(timezone.utc),
        klachtencommissie=_committee(intake.school),
    )
    return _no_store(web.Response(text=text, content_type="text/plain", charset="utf-8"))


@routes.get(COPY_PREFIX + "{code:[^/.]+}.txt", name="public_copy_text")
async def copy_text(request: web.Request) -> web.Response:
    return await _text_response(request)


@routes.get(COPY_PREFIX + "{code:[^/.]+}", name="public_copy")
async def copy_pdf(request: web.Request) -> web.Response:
    if request.query.get("formaat", "").strip().lower() in TEXT_FORMATS:
        return await _text_response(request)
    intake, record = await _intake_for(request)
    pdf = reporter_copy.render_pdf(
        record, intake.school.name, datetime.now(timezone.utc),
        klachtencommissie=_committee(intake.school),
    )
    response = web.Response(body=pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="wegwijzer-kopie-{intake.code}.pdf"'
    )
    return _no_store(response)


@routes.get(STATUS_PREFIX + "{code}", name="public_status")
async def reporter_status(request: web.Request) -> web.Response:
    code = _code_or_404(request, NO_STATUS)
    try:
        status = await queries.reporter_status(request.app[keys.DB], code)
    except queries.NotFound:
        raise json_error(web.HTTPNotFound, NO_STATUS) from None
    body = {
        "status": status["status"],
        "status_tekst": STATUS_TEKST.get(status["status"], ""),
        **{key: _iso(status[key]) for key in ("ontvangen_op", "geopend_op", "laatst_gewijzigd")},
    }
    return _no_store(web.json_response(body))


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment is not None else None
