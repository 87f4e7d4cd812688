"""``/api/signals``: a contact person registers and reads the signals of the schools they serve
(``backend.auth.access``): what they noticed or heard without a complaint following.

Another school's signal answers 404, like one that does not exist; registering one for a school
the user does not serve answers 422. Every registration and read is audited, without content.
"""
from __future__ import annotations

from typing import Any, Dict

from aiohttp import web

from backend import keys, store
from backend.api.helpers import object_body
from backend.auth import access
from backend.middlewares import api_user, json_error, path_id
from backend.models import Signal
from backend.rules import casework
from backend.rules.signals import SignalInvalid, parse_signal
from backend.schoolconfig import json_dumps
from backend.services.signals import NOT_YOUR_ROLE, NOT_YOUR_SCHOOL, audit_signals_read

routes = web.RouteTableDef()

NOT_FOUND = "Dit signaal bestaat niet."


def signal_to_json(signal: Signal) -> Dict[str, Any]:
    """A signal with its school and author loaded (``store.signals`` loads both)."""
    return {
        "id": signal.id,
        "school": signal.school.slug,
        "datum": signal.noticed_on.isoformat(),
        "categorieen": list(signal.categorieen),
        "rol": signal.rol,
        "omschrijving": signal.description,
        "door": signal.created_by.name if signal.created_by is not None else None,
        "created_at": signal.created_at.isoformat(),
    }


@routes.post("/api/signals", name="api_signals_create")
async def create_signal(request: web.Request) -> web.Response:
    user = api_user(request)
    data = await object_body(request, refuse_nul=False)  # its texts lose control characters
    if not access.can_register_signals(user):
        raise json_error(web.HTTPForbidden, NOT_YOUR_ROLE)
    categorieen = data.get("categorieen")
    try:
        record = parse_signal(
            school=data.get("school"),
            datum=data.get("datum"),
            categorieen=categorieen if isinstance(categorieen, list) else [],
            rol=data.get("rol"),
            omschrijving=data.get("omschrijving"),
            today=casework.today(),
        )
        signal = await store.signals.create_signal(request.app[keys.DB], user, record)
    except SignalInvalid as exc:
        raise json_error(web.HTTPBadRequest, exc.message, fields=exc.fields) from None
    except store.errors.UnknownSchool:
        raise json_error(
            web.HTTPUnprocessableEntity, NOT_YOUR_SCHOOL, fields={"school": NOT_YOUR_SCHOOL}
        ) from None
    response = web.json_response(signal_to_json(signal), status=201, dumps=json_dumps)
    response.headers["Location"] = str(
        request.app.router["api_signal"].url_for(signal_id=str(signal.id))
    )
    return response


@routes.get("/api/signals", name="api_signals")
async def list_signals(request: web.Request) -> web.Response:
    user = api_user(request)
    signals = await store.signals.list_signals_for_user(request.app[keys.DB], user)
    await audit_signals_read(request, user, signals, "api")
    return web.json_response([signal_to_json(s) for s in signals], dumps=json_dumps)


@routes.get(r"/api/signals/{signal_id:\d+}", name="api_signal")
async def get_signal(request: web.Request) -> web.Response:
    user = api_user(request)
    try:
        signal = await store.signals.get_signal_for_user(
            request.app[keys.DB], user, path_id(request, "signal_id")
        )
    except store.errors.NotFound:
        raise json_error(web.HTTPNotFound, NOT_FOUND) from None
    await audit_signals_read(request, user, [signal], "api")
    return web.json_response(signal_to_json(signal), dumps=json_dumps)
