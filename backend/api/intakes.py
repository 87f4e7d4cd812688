"""``/api/intakes``: the action server stores intakes; contact persons read their schools' ones."""
from __future__ import annotations

import json
import logging
import secrets

from aiohttp import web

from backend import keys, queries
from backend.middlewares import api_user, json_error, read_json
from backend.schemas import ValidationError, intake_to_json, parse_intake

log = logging.getLogger(__name__)

routes = web.RouteTableDef()


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def require_service_token(request: web.Request) -> None:
    """Only the action server, with ``Authorization: Bearer <WEGWIJZER_SERVICE_TOKEN>``."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = request.app[keys.CONFIG].service_token
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        token.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        exc = json_error(web.HTTPUnauthorized, "Deze aanvraag mist een geldige toegangssleutel.")
        exc.headers["WWW-Authenticate"] = "Bearer"
        raise exc


@routes.post("/api/intakes", name="api_intakes_create")
async def create_intake(request: web.Request) -> web.Response:
    require_service_token(request)
    data = await read_json(request)
    try:
        record = parse_intake(data)
    except ValidationError as exc:
        log.info("intake refused: invalid fields %s", sorted(exc.fields))
        raise json_error(web.HTTPBadRequest, exc.message, fields=exc.fields) from None
    try:
        intake, created = await queries.create_intake(request.app[keys.DB], record)
    except queries.UnknownSchool:
        raise json_error(
            web.HTTPUnprocessableEntity,
            "Deze school kennen we niet. Controleer de schoolcode.",
            fields={"school": "Onbekende school."},
        ) from None
    if created:
        log.info("intake %s stored", intake.id)
    response = web.json_response(intake_to_json(intake), status=201 if created else 200, dumps=_dumps)
    response.headers["Location"] = str(
        request.app.router["api_intake"].url_for(id=intake.id)
    )
    return response


@routes.get("/api/intakes", name="api_intakes")
async def list_intakes(request: web.Request) -> web.Response:
    user = api_user(request)
    intakes = await queries.list_intakes_for_user(request.app[keys.DB], user.id)
    return web.json_response([intake_to_json(intake) for intake in intakes], dumps=_dumps)


@routes.get("/api/intakes/{id}", name="api_intake")
async def get_intake(request: web.Request) -> web.Response:
    user = api_user(request)
    try:
        intake = await queries.get_intake_for_user(
            request.app[keys.DB], user.id, request.match_info["id"]
        )
    except queries.NotFound:
        # Another school's intake looks exactly like one that does not exist.
        raise json_error(web.HTTPNotFound, "Deze melding bestaat niet.") from None
    return web.json_response(intake_to_json(intake), dumps=_dumps)
