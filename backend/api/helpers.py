"""What the JSON endpoints share (not an endpoint itself, so ``backend.api`` modules import it,
never one another): the service token of the action server and the Rasa server, the JSON body
as an object and the one mapping of a casework query's
domain errors to HTTP errors (:func:`casework_errors`).
"""
from __future__ import annotations

import secrets
from contextlib import contextmanager
from typing import Any, Dict, Iterator

from aiohttp import web

from backend import keys, store
from backend.middlewares import json_error, read_json
from backend.rules import casework

NOT_FOUND = "Deze melding bestaat niet."
FORBIDDEN = "Dit mag je met jouw rol niet doen bij deze melding."
ALREADY_CLAIMED = "Iemand anders heeft deze melding al opgepakt."
NOT_SHAREABLE = (
    "Deze school hoort (nog) niet bij een bestuur, dus er is geen vertrouwenspersoon om de "
    "melding mee te delen."
)


def has_service_token(request: web.Request) -> bool:
    """True when the request carries ``Authorization: Bearer <WEGWIJZER_SERVICE_TOKEN>``."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = request.app[keys.CONFIG].service_token
    return scheme.lower() == "bearer" and secrets.compare_digest(
        token.strip().encode("utf-8"), expected.encode("utf-8")
    )


def require_service_token(request: web.Request) -> None:
    """Only the action server, with ``Authorization: Bearer <WEGWIJZER_SERVICE_TOKEN>``."""
    if not has_service_token(request):
        exc = json_error(web.HTTPUnauthorized, "Deze aanvraag mist een geldige toegangssleutel.")
        exc.headers["WWW-Authenticate"] = "Bearer"
        raise exc


async def object_body(request: web.Request, refuse_nul: bool = True) -> Dict[str, Any]:
    """The JSON object of the body (see ``read_json`` for ``refuse_nul``)."""
    data = await read_json(request, refuse_nul)
    if not isinstance(data, dict):
        raise json_error(web.HTTPBadRequest, "Stuur een JSON-object.")
    return data


CASEWORK_ERRORS = (
    store.errors.NotFound, store.errors.Forbidden, store.errors.AlreadyClaimed,
    store.errors.NotShareable,
    casework.InvalidTransition, casework.InputError,
)


def casework_error(exc: Exception) -> web.HTTPException:
    """The JSON error for a domain error of a casework query (raise it)."""
    if isinstance(exc, store.errors.NotFound):
        return json_error(web.HTTPNotFound, NOT_FOUND)
    if isinstance(exc, store.errors.Forbidden):
        return json_error(web.HTTPForbidden, FORBIDDEN)
    if isinstance(exc, store.errors.AlreadyClaimed):
        return json_error(web.HTTPConflict, ALREADY_CLAIMED)
    if isinstance(exc, store.errors.NotShareable):
        return json_error(web.HTTPConflict, NOT_SHAREABLE)
    if isinstance(exc, casework.InvalidTransition):
        return json_error(
            web.HTTPConflict, exc.message,
            toegestaan=list(casework.allowed_next(exc.current)),
        )
    if isinstance(exc, casework.InputError):
        return json_error(web.HTTPBadRequest, exc.message, fields={exc.field: exc.message})
    raise exc


@contextmanager
def casework_errors() -> Iterator[None]:
    """``with casework_errors(): ...``: a casework domain error in the block leaves as its
    JSON error (:func:`casework_error`), anything else as it is."""
    try:
        yield
    except CASEWORK_ERRORS as exc:
        raise casework_error(exc) from None
