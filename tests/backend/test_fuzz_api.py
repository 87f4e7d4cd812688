"""Fuzzing the JSON API from its own OpenAPI description (``backend/static/openapi.yaml``).

For every operation, Hypothesis draws requests from the description: path, query and header
parameters from their schemas (a seeded intake's id, step, signal and receipt code among
them, so the handlers behind the 404 are reached too), bodies that fit the schema
(``hypothesis-jsonschema``), any other JSON, bytes that are no JSON, the wrong content type;
with the credentials the operation asks for (the session of a logged-in contact person, the
service token), or without. They go over HTTP to the real app on a real database (SQLite, and
PostgreSQL when configured). Every answer must:

- never be a 5xx;
- have a status the description lists for the operation, with the content type it lists;
- fit the response schema the description gives (JSON bodies, validated as OpenAPI 3.0);
- when it is an error, be the API's JSON error ``{"error": "<Dutch message>"}`` (English allowed
  for a reporter's request that says ``"gesprekstaal": "en"``).

Schemathesis does this too, but no release of it installs beside Rasa 3.6 (see pyproject.toml);
this module uses the same generator underneath. Bounded for ``make test``:
``WEGWIJZER_FUZZ_EXAMPLES`` (default 12) examples per operation; raise it for a longer run, e.g.
``WEGWIJZER_FUZZ_EXAMPLES=300 .venv/bin/python -m pytest tests/backend/test_fuzz_api.py``.
"""
from __future__ import annotations

import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from openapi_schema_validator import OAS30Validator

from backend.api.openapi import spec
from backend.app import create_app
from backend.auth import throttle
from tests.backend.helpers import PASSWORD, SERVICE_TOKEN, add_school, add_user, intake_body
from tests.dutch import looks_dutch

EXAMPLES = int(os.environ.get("WEGWIJZER_FUZZ_EXAMPLES") or 12)
METHODS = ("get", "post", "put", "patch", "delete")
# Run last: they take away what the others reach (the seeded intake, the session).
LAST = (("/api/intakes/{id}", "delete"), ("/api/auth/logout", "post"))

# --- the description, as JSON Schema ---------------------------------------------------------

def resolve(node: Any, document: Dict[str, Any]) -> Any:
    """``node`` with every ``$ref`` replaced by what it points to (the description has no
    cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = document
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            return resolve(target, document)
        return {key: resolve(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(value, document) for value in node]
    return node


_KNOWN_FORMATS = {"date", "date-time", "email"}


def json_schema(schema: Dict[str, Any]) -> Dict[str, Any]:
    """An OpenAPI 3.0 schema (resolved) → JSON Schema for hypothesis-jsonschema: ``nullable``
    becomes a ``null`` type, OpenAPI-only keywords go."""
    if isinstance(schema, list):
        return [json_schema(item) for item in schema]  # type: ignore[return-value]
    if not isinstance(schema, dict):
        return schema
    out: Dict[str, Any] = {}
    for key, value in schema.items():
        if key in ("nullable", "example", "description", "default", "readOnly", "writeOnly"):
            continue
        if key == "format" and value not in _KNOWN_FORMATS:
            continue
        if key == "properties":
            out[key] = {name: json_schema(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            out[key] = json_schema(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [json_schema(sub) for sub in value]
        else:
            out[key] = value
    if schema.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = list(out["enum"]) + [None]
    return out


@dataclass
class Operation:
    path: str
    method: str
    parameters: List[Dict[str, Any]]
    body_schema: Optional[Dict[str, Any]]
    responses: Dict[str, Any]
    security: List[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations() -> List[Operation]:
    document = resolve(spec(), spec())
    found = []
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(Operation(
                path=path, method=method,
                parameters=shared + operation.get("parameters", []),
                body_schema=body["schema"] if body else None,
                responses=operation["responses"],
                security=[name for entry in operation.get("security", []) for name in entry],
            ))
    found.sort(key=lambda op: (op.path, op.method) in LAST)
    return found


# --- what is drawn -----------------------------------------------------------------------------

@dataclass
class Seed:
    """What the database holds before the fuzzing: real values for the parameters to hit."""

    cookie: str
    intake_id: str
    code: str
    step_id: int
    signal_id: int


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)
# Header values must be printable ASCII, without spaces around them, to be sent at all.
_HEADER_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40
).map(str.strip)


def _parameter_strategy(parameter: Dict[str, Any], seed: Seed) -> st.SearchStrategy:
    schema = json_schema(parameter.get("schema", {"type": "string"}))
    if parameter["in"] == "header":
        return _HEADER_TEXT
    drawn = from_schema(schema)
    if schema.get("type") == "string" and parameter["in"] == "path":
        # Not "." or "..": URLs normalise those away, to another route.
        drawn = st.text(min_size=1, max_size=30).filter(lambda text: text not in (".", ".."))
    real = {
        "id": seed.intake_id, "before": seed.intake_id, "code": seed.code, "step_id": seed.step_id,
        "signal_id": seed.signal_id, "slug": "noord",
    }.get(parameter["name"])
    if real is not None:
        return st.one_of(st.just(real), drawn)
    return drawn


@dataclass
class Drawn:
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]
    body: Optional[bytes]
    authenticated: bool


def request_strategy(operation: Operation, seed: Seed) -> st.SearchStrategy:
    @st.composite
    def draw_request(draw: Callable) -> Drawn:
        path = operation.path
        query: Dict[str, str] = {}
        headers: Dict[str, str] = {}
        for parameter in operation.parameters:
            if not parameter.get("required") and draw(st.booleans()):
                continue
            value = draw(_parameter_strategy(parameter, seed))
            text = value if isinstance(value, str) else json.dumps(value)
            if parameter["in"] == "path":
                path = path.replace("{%s}" % parameter["name"], quote(text, safe=""))
            elif parameter["in"] == "query":
                query[parameter["name"]] = text
            elif parameter["in"] == "header":
                headers[parameter["name"]] = text
        body: Optional[bytes] = None
        if operation.method in ("post", "put", "patch"):
            choice = draw(st.sampled_from(["schema"] * 6 + ["json", "bytes", "text/plain", "none"]))
            if choice == "schema" and operation.body_schema is not None:
                body = json.dumps(draw(from_schema(json_schema(operation.body_schema)))).encode()
                headers["Content-Type"] = "application/json"
            elif choice in ("schema", "json"):
                body = json.dumps(draw(_JSON)).encode()
                headers["Content-Type"] = "application/json"
            elif choice == "bytes":
                body = draw(st.binary(max_size=60))
                headers["Content-Type"] = "application/json"
            elif choice == "text/plain":
                body = json.dumps(draw(_JSON)).encode()
                headers["Content-Type"] = "text/plain"
        authenticated = bool(operation.security) and draw(
            st.sampled_from([True, True, True, False])
        )
        if authenticated:
            if "serviceToken" in operation.security:
                headers["Authorization"] = f"Bearer {SERVICE_TOKEN}"
            if "session" in operation.security:
                headers["Cookie"] = seed.cookie
        return Drawn(path, query, headers, body, authenticated)

    return draw_request()


# --- what every answer must be -------------------------------------------------------------

def _asks_english(body: Optional[bytes]) -> bool:
    """A reporter's request in an English conversation (``"gesprekstaal": "en"``) may be refused
    in English (backend/documents/reporter_texts.py: the refusals about the code, the throttle, the
    reply) or, when the request is malformed before that, in Dutch; every other error is Dutch."""
    try:
        parsed = json.loads(body) if body else None
    except ValueError:
        return False
    return isinstance(parsed, dict) and parsed.get("gesprekstaal") == "en"


def problems_with(operation: Operation, response: requests.Response,
                  body_sent: Optional[bytes] = None) -> List[str]:
    found = []
    status = response.status_code
    if status >= 500:
        found.append(f"server error {status}")
    documented = operation.responses.get(str(status)) or operation.responses.get("default")
    if documented is None:
        found.append(f"status {status} is not in the description")
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    body: Any = None
    if content_type == "application/json":
        try:
            body = response.json()
        except ValueError:
            found.append("a JSON content type with a body that is no JSON")
    if status >= 400:
        if content_type != "application/json":
            found.append(f"error {status} as {content_type or 'no content type'}, not JSON")
        elif not (isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"]):
            found.append(f"error {status} without an 'error' message: {body!r}"[:300])
        elif not looks_dutch(body["error"]) and not _asks_english(body_sent):
            found.append(f"error {status} message is not Dutch: {body['error']!r}")
    if documented is not None:
        content = documented.get("content") or {}
        if content and content_type not in content:
            found.append(f"content type {content_type!r}, described: {sorted(content)}")
        schema = (content.get(content_type) or {}).get("schema")
        if schema is not None and content_type == "application/json" and body is not None:
            errors = sorted(OAS30Validator(schema).iter_errors(body), key=str)
            if errors:
                found.append(f"body does not fit the schema: {errors[0].message}"[:300])
    return found


# --- the run ---------------------------------------------------------------------------------------

def seed_database(base: str) -> Seed:
    """A contact person of school noord logs in; an intake with a next step and a signal."""
    posted = requests.post(
        f"{base}/api/intakes", json=intake_body(),
        headers={"Authorization": f"Bearer {SERVICE_TOKEN}"}, timeout=10,
    )
    assert posted.status_code == 201, posted.text
    intake = posted.json()
    session = requests.Session()
    login = session.post(
        f"{base}/api/auth/login", json={"email": "fuzz@noord.nl", "password": PASSWORD}, timeout=10
    )
    assert login.status_code == 200, login.text
    step = session.post(
        f"{base}/api/intakes/{intake['id']}/steps",
        json={"omschrijving": "Nabellen", "deadline": "2099-01-01"}, timeout=10,
    )
    assert step.status_code == 201, step.text
    signal = session.post(
        f"{base}/api/signals",
        json={"school": "noord", "datum": "2024-01-01", "categorieen": ["pesten"], "rol": "ouder"},
        timeout=10,
    )
    assert signal.status_code == 201, signal.text
    cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    return Seed(
        cookie=cookie, intake_id=intake["id"], code=intake["code"],
        step_id=step.json()["vervolgstappen"][0]["id"], signal_id=signal.json()["id"],
    )


def fuzz(base: str, examples: int) -> Tuple[Dict[str, List[str]], int, Dict[str, int]]:
    """Runs every operation; returns the problems found (per operation, shrunk by
    Hypothesis), the number of requests and the statuses seen."""
    seed = seed_database(base)
    failures: Dict[str, List[str]] = {}
    statuses: Dict[str, int] = {}
    sent = 0
    http = requests.Session()
    for operation in operations():

        @settings(
            max_examples=examples, deadline=None, database=None, derandomize=False,
            phases=[Phase.generate, Phase.shrink], report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
        )
        @given(drawn=request_strategy(operation, seed))
        def check(drawn: Drawn) -> None:
            nonlocal sent
            sent += 1
            response = http.request(
                operation.method.upper(), base + drawn.path, params=drawn.query,
                headers=drawn.headers, data=drawn.body, timeout=30, allow_redirects=False,
            )
            statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
            problems = problems_with(operation, response, drawn.body)
            assert not problems, (
                f"{operation.method.upper()} {drawn.path} query={drawn.query} "
                f"headers={ {k: v for k, v in drawn.headers.items() if k not in ('Cookie', 'Authorization')} } "
                f"authenticated={drawn.authenticated} body={drawn.body[:300] if drawn.body else None!r}"
                f" → {response.status_code} {response.text[:300]!r}: {problems}"
            )

        try:
            check()
        except Exception as exc:  # an assertion, or a request that could not even be made
            failures[operation.name] = [f"{type(exc).__name__}: {exc}"[:3000]]
    return failures, sent, statuses


@pytest.fixture
def generous_code_throttle(monkeypatch):
    """The code throttle (tested in test_reporter_status.py) would answer every later code
    lookup with 429 after ten unknown codes: the fuzzer must reach the handlers behind it."""
    monkeypatch.setattr(throttle, "CODE_MAX_FAILURES", 10**9)


async def test_the_api_answers_every_drawn_request_as_described(
    aiohttp_server, config, db_ready, generous_code_throttle
):
    server = await aiohttp_server(create_app(config))
    await db_ready(server.app)
    base = str(server.make_url("")).rstrip("/")
    started = time.monotonic()
    failures, sent, statuses = await asyncio.to_thread(fuzz, base, EXAMPLES)
    seconds = time.monotonic() - started
    print(f"\nfuzzed {len(operations())} operations, {sent} requests in {seconds:.1f} s: {statuses}")
    assert not failures, "\n\n".join(f"{name}:\n" + "\n".join(found) for name, found in failures.items())


@pytest.fixture
def db_ready():
    async def seed(app) -> None:
        from backend import keys

        await add_school(app[keys.DB], "noord")
        await add_user(app[keys.DB], "fuzz@noord.nl", "noord")

    return seed
