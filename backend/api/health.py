"""``GET /health``: 200 when the database answers, 503 otherwise."""
from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from backend import keys, store

log = logging.getLogger(__name__)

routes = web.RouteTableDef()


@routes.get("/health", name="health")
async def health(request: web.Request) -> web.Response:
    try:
        await store.health.ping(request.app[keys.DB])
    except (SQLAlchemyError, OSError) as exc:
        log.warning("health check: database does not answer (%s)", type(exc).__name__)
        return web.json_response(
            {"status": "error", "error": "De database antwoordt niet."}, status=503
        )
    return web.json_response({"status": "ok"})
