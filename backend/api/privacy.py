"""Privacy requests through the API (``backend.store.privacy``, the same as the ``wegwijzer``
commands): a contact person exports everything stored about an intake
(``GET /api/intakes/{id}/export``) or deletes it on the reporter's request
(``DELETE /api/intakes/{id}``, with its part of Rasa's copy of the conversation); an admin hands a
leaving contact person's cases over to a successor (``POST /api/admin/handover``).

An intake the user may not see answers 404, like every intake URL; every export, deletion and
hand-over is in the audit log.
"""
from __future__ import annotations

import json
from typing import Any, Dict

from aiohttp import web

from backend import access, conversations, keys, store
from backend.api.intakes import CASEWORK_ERRORS, casework_error, object_body
from backend.middlewares import api_user, json_error
from backend.models import User

routes = web.RouteTableDef()

NO_HAND_OVER = "Alleen een beheerder kan zaken overdragen."


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


async def delete_on_request(request: web.Request, user: User, intake_id: str) -> bool:
    """Delete the intake (``store.errors.NotFound``/``Forbidden`` as for casework), then Rasa's copy of its conversation; returns whether that copy was wiped too (the intake is
    gone either way, as with ``wegwijzer privacy delete``)."""
    chat = await store.privacy.delete_intake_for_user(request.app[keys.DB], user, intake_id)
    return await conversations.forget([chat])  # only this intake's part of the chat


def hand_over_message(outcome: store.transfers.CasesTransferred) -> str:
    """What moved, in a sentence (the page and the API say the same)."""
    cases = len(outcome.cases)
    text = (
        f"{cases} {'zaak' if cases == 1 else 'zaken'} en {outcome.steps} open "
        f"{'vervolgstap' if outcome.steps == 1 else 'vervolgstappen'} overgedragen."
    )
    if outcome.deactivated:
        text += " De vertrekker kan niet meer inloggen."
    return text


@routes.get("/api/intakes/{id}/export", name="api_intake_export")
async def export_intake(request: web.Request) -> web.Response:
    """Everything stored about the intake, as the dashboard's download (audited)."""
    user = api_user(request)
    try:
        data = await store.privacy.export_intake_for_user(
            request.app[keys.DB], user, request.match_info["id"]
        )
    except store.errors.NotFound as exc:
        raise casework_error(exc) from None
    return web.json_response(data, dumps=_dumps)


@routes.delete("/api/intakes/{id}", name="api_intake_delete")
async def delete_intake(request: web.Request) -> web.Response:
    """204; the header ``X-Gesprek-Gewist: nee`` when Rasa's copy could not be wiped. No body
    to check: a cross-site page cannot send a DELETE without a CORS preflight, never allowed."""
    user = api_user(request)
    try:
        wiped = await delete_on_request(request, user, request.match_info["id"])
    except CASEWORK_ERRORS as exc:
        raise casework_error(exc) from None
    response = web.Response(status=204)
    response.headers["X-Gesprek-Gewist"] = "ja" if wiped else "nee"
    return response


@routes.post("/api/admin/handover", name="api_admin_handover")
async def hand_over(request: web.Request) -> web.Response:
    """``{"from": email, "to": email, "keep_active": bool}`` → what moved."""
    user = api_user(request)
    if not access.can_transfer_cases(user):
        raise json_error(web.HTTPForbidden, NO_HAND_OVER)
    data = await object_body(request)
    leaver, successor = data.get("from"), data.get("to")
    keep_active = data.get("keep_active", False)
    fields: Dict[str, Any] = {}
    if not isinstance(leaver, str) or not leaver.strip():
        fields["from"] = "Vul het e-mailadres van de vertrekkende contactpersoon in."
    if not isinstance(successor, str) or not successor.strip():
        fields["to"] = "Vul het e-mailadres van de opvolger in."
    if not isinstance(keep_active, bool):
        fields["keep_active"] = "Kies true of false."
    if fields:
        raise json_error(web.HTTPBadRequest, next(iter(fields.values())), fields=fields)
    try:
        outcome = await store.transfers.transfer_cases(
            request.app[keys.DB], leaver, successor, deactivate=not keep_active, by=user
        )
    except store.errors.UnknownUser as exc:
        raise json_error(
            web.HTTPNotFound, f"Er is geen account met het e-mailadres {exc}."
        ) from None
    except store.errors.NoSuccessor as exc:
        raise json_error(web.HTTPConflict, exc.message, fields={"to": exc.message}) from None
    return web.json_response(
        {
            "zaken": outcome.cases,
            "vervolgstappen": outcome.steps,
            "scholen": outcome.schools,
            "gedeactiveerd": outcome.deactivated,
            "bericht": hand_over_message(outcome),
        },
        dumps=_dumps,
    )
