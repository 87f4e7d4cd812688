"""``/api/schools/{slug}``: public lookup the bot uses to check a school the person named."""
from __future__ import annotations

from aiohttp import web

from backend import keys, queries
from backend.middlewares import json_error

routes = web.RouteTableDef()


@routes.get("/api/schools/{slug}", name="api_school")
async def get_school(request: web.Request) -> web.Response:
    slug = request.match_info["slug"].strip().lower()
    try:
        school = await queries.get_school(request.app[keys.DB], slug)
    except queries.NotFound:
        raise json_error(web.HTTPNotFound, "Deze school kennen we niet.") from None
    return web.json_response({"slug": school.slug, "name": school.name})
