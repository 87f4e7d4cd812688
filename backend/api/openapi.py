"""``GET /api/openapi.json``: the hand-written OpenAPI 3 description of the JSON API
(``backend/static/openapi.yaml``), served as JSON."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml
from aiohttp import web

SPEC_FILE = Path(__file__).resolve().parent.parent / "static" / "openapi.yaml"

routes = web.RouteTableDef()


@lru_cache(maxsize=1)
def spec() -> Dict[str, Any]:
    with SPEC_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@routes.get("/api/openapi.json", name="api_openapi")
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(spec(), dumps=lambda value: json.dumps(value, ensure_ascii=False))
