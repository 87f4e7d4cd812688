"""Privacy requests through the API (``backend.store.privacy``, the same as the ``wegwijzer``
commands): a contact person exports everything stored about an intake
(``GET /api/intakes/{id}/export``) or deletes it on the reporter's request
(``DELETE /api/intakes/{id}``, with its part of Rasa's copy of the conversation); an admin
transfers a leaving contact person's cases to a successor (``POST /api/admin/handover``).

An intake the user may not see answers 404, like every intake URL; every export, deletion and
transfer is in the audit log.
"""
from __future__ import annotations

from typing import Any, Dict

from aiohttp import web

from backend import keys, store
from backend.api.helpers import casework_errors, object_body
from backend.auth import access
from backend.middlewares import api_user, json_error
from backend.schoolconfig import json_dumps
from backend.services.accounts import transfer_message
from backend.services.intakes import delete_on_request

routes = web.RouteTableDef()

NO_TRANSFER = "Alleen een beheerder kan zaken overdragen."


@routes.get("/api/intakes/{id}/export", name="api_intake_export")
async def export_intake(request: web.Request) -> web.Response:
    """Everything stored about the intake, as the dashboard's download (audited)."""
    user = api_user(request)
    with casework_errors():
        data = await store.privacy.export_intake_for_user(
            request.app[keys.DB], user, request.match_info["id"]
        )
    return web.json_response(data, dumps=json_dumps)


@routes.delete("/api/intakes/{id}", name="api_intake_delete")
async def delete_intake(request: web.Request) -> web.Response:
    """204; the header ``X-Gesprek-Gewist: nee`` when Rasa's copy could not be wiped. No body
    to check: a cross-site page cannot send a DELETE without a CORS preflight, never allowed."""
    user = api_user(request)
    with casework_errors():
        wiped = await delete_on_request(request, user, request.match_info["id"])
    response = web.Response(status=204)
    response.headers["X-Gesprek-Gewist"] = "ja" if wiped else "nee"
    return response


@routes.post("/api/admin/handover", name="api_admin_handover")
async def transfer_cases_view(request: web.Request) -> web.Response:
    """``{"from": email, "to": email, "keep_active": bool}`` → what moved."""
    user = api_user(request)
    if not access.can_transfer_cases(user):
        raise json_error(web.HTTPForbidden, NO_TRANSFER)
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
            "bericht": transfer_message(outcome),
        },
        dumps=json_dumps,
    )
