"""``GET /api/reports``: the yearly anonymised report of a school or a board as JSON; which
report a user may read and its audit are ``backend.services.reports`` (the dashboard's report
pages load it the same way).
"""
from __future__ import annotations

from aiohttp import web

from backend.middlewares import api_user, json_error
from backend.schoolconfig import json_dumps
from backend.services.reports import ReportRefused, load_report

routes = web.RouteTableDef()

_ERRORS = {400: web.HTTPBadRequest, 403: web.HTTPForbidden, 404: web.HTTPNotFound}


@routes.get("/api/reports", name="api_reports")
async def get_report(request: web.Request) -> web.Response:
    user = api_user(request)
    query = request.query
    try:
        report = await load_report(
            request, user, jaar=query.get("jaar"), school=query.get("school"),
            bestuur=query.get("bestuur"), formaat="json",
        )
    except ReportRefused as exc:
        raise json_error(_ERRORS[exc.status], exc.message) from None
    return web.json_response(report.to_json(), dumps=json_dumps)
