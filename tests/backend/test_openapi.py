"""``GET /api/openapi.json``: an OpenAPI 3 description that covers every route under /api."""
from __future__ import annotations

import re

from openapi_spec_validator import validate_spec

from backend.api.openapi import spec

METHODS = {"get", "post", "put", "patch", "delete"}


async def test_openapi_json_is_served_and_describes_every_api_route(client):
    response = await client.get("/api/openapi.json")
    assert response.status == 200
    document = await response.json()
    assert document == spec()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"]

    in_app = set()
    for route in client.app.router.routes():
        resource = route.resource
        path = resource.canonical if resource is not None else ""
        if path.startswith("/api/") and route.method.lower() in METHODS:
            # aiohttp's {name:regex} is written {name} in OpenAPI.
            in_app.add((re.sub(r"\{(\w+):[^}]+\}", r"{\1}", path), route.method.lower()))
    described = {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in METHODS
    }
    missing = sorted(in_app - described)
    assert not missing, f"routes under /api missing from backend/static/openapi.yaml: {missing}"
    assert not sorted(described - in_app), "the description lists routes the app does not have"


def test_the_description_is_valid_openapi_3():
    validate_spec(spec())  # raises with the first problem


def test_every_reference_in_the_description_resolves():
    document = spec()

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(document):
        assert ref.startswith("#/")
        target = document
        for part in ref[2:].split("/"):
            assert part in target, ref
            target = target[part]


def test_every_refusal_the_app_gives_is_described():
    """Found by tests/backend/test_fuzz_api.py: a POST without a JSON content type answers 415,
    a body that is no JSON 400, a call that needs a login without one 401; the description
    listed none of these for most operations."""
    document = spec()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            codes = set(operation["responses"])
            security = [name for entry in operation.get("security", []) for name in entry]
            if "session" in security:
                assert "401" in codes, f"{method.upper()} {path}: 401 missing"
            if "requestBody" in operation:
                assert {"400", "415"} <= codes, f"{method.upper()} {path}: 400/415 missing"
