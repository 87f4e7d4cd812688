"""``/api/schools/{slug}``: public lookup the bot uses to check a school the person named, with
the school's routes, people and terms (what a school publishes anyway; no intakes, no users)."""
from __future__ import annotations

from aiohttp import web

from backend import keys, schoolconfig, store
from backend.middlewares import json_error

routes = web.RouteTableDef()


@routes.get("/api/schools/{slug}", name="api_school")
async def get_school(request: web.Request) -> web.Response:
    slug = request.match_info["slug"].strip().lower()
    try:
        school = await store.schools.get_school(request.app[keys.DB], slug)
    except store.errors.NotFound:
        raise json_error(web.HTTPNotFound, "Deze school kennen we niet.") from None
    return web.json_response(
        schoolconfig.public_school(school), dumps=schoolconfig.json_dumps
    )
