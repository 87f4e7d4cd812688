"""Helpers shared by the backend tests: seed data, request bodies, login steps."""
from __future__ import annotations

import asyncio
import re
import uuid
from functools import lru_cache
from typing import Any, Dict, Optional

from aiohttp.test_utils import TestClient

from backend import store
from backend.auth import security

SERVICE_TOKEN = "test-service-token"
AUTH = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
PASSWORD = "een-goed-wachtwoord"


async def add_school(db, slug: str, name: Optional[str] = None) -> None:
    await store.schools.add_school(db, slug, name or f"School {slug}")


@lru_cache(maxsize=None)
def _password_hash(password: str) -> str:
    """Argon2 is slow on purpose: hash each test password once per run."""
    return security.hash_password(password)


async def add_user(
    db, email: str, *schools: str, password: str = PASSWORD,
    role: str = "contactpersoon", board: Optional[str] = None,
):
    """A user (by default a contact person of ``schools``); returns the loaded ``User``."""
    outcome = await store.accounts.add_user(
        db,
        email=email,
        name=f"Contactpersoon {email.split('@')[0]}",
        password_hash=await asyncio.to_thread(_password_hash, password),
        school_slugs=list(schools),
        role=role,
        board=board,
    )
    return outcome.user


def intake_body(**overrides: Any) -> Dict[str, Any]:
    """A valid ``POST /api/intakes`` body (contract §4 minus id/code/status/created_at)."""
    body: Dict[str, Any] = {
        "school": "noord",
        "kanaal": "web",
        "conversation_id": f"conv-{uuid.uuid4().hex}",
        "rol": "leerling",
        "categorieen": ["pesten", "cyberpesten"],
        "wat_gebeurd": "Ik word al weken gepest in de klas en via de groepsapp.",
        "wanneer": "sinds de herfstvakantie",
        "datum_gebeurtenis": "2024-10-28",
        "betrokkenen": "een paar klasgenoten",
        "al_ondernomen": ["mentor"],
        "wens": ["stoppen_gedrag", "gehoord_worden"],
        "advies_routes": ["contactpersoon", "vertrouwenspersoon"],
        "gekozen_route": "contactpersoon",
        "signalen": ["minderjarig"],
        "anoniem": False,
        "naam": "Sam",
        "contact": "sam@example.org",
    }
    body.update(overrides)
    return body


async def post_intake(client: TestClient, **overrides: Any):
    return await client.post("/api/intakes", json=intake_body(**overrides), headers=AUTH)


async def api_login(client: TestClient, email: str, password: str = PASSWORD):
    return await client.post("/api/auth/login", json={"email": email, "password": password})


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


async def csrf_token_from(client: TestClient, path: str = "/login") -> str:
    response = await client.get(path)
    assert response.status == 200
    match = CSRF_RE.search(await response.text())
    assert match, "no CSRF field on the page"
    return match.group(1)


async def form_login(client: TestClient, email: str, password: str = PASSWORD):
    """Log in through the HTML form (with its CSRF token); the response is not followed."""
    token = await csrf_token_from(client)
    return await client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        allow_redirects=False,
    )


async def form_post(client: TestClient, path: str, data: Dict[str, str], page: str):
    """POST a dashboard form with the CSRF token taken from ``page`` (not followed)."""
    token = await csrf_token_from(client, page)
    return await client.post(path, data={**data, "csrf_token": token}, allow_redirects=False)


# --- the reporter's lookups: the code in a POST body, never in a URL (issue 15) ---------------

async def get_copy(client: TestClient, code: str, text: bool = False, headers=None):
    """``POST /api/public/kopie``: the copy as a PDF, or as text."""
    body: Dict[str, Any] = {"code": code}
    if text:
        body["formaat"] = "tekst"
    return await client.post("/api/public/kopie", json=body, headers=headers)


async def get_status(client: TestClient, code: str, headers=None):
    """``POST /api/public/status``: how the report is doing, with the messages."""
    return await client.post("/api/public/status", json={"code": code}, headers=headers)


async def post_reply(client: TestClient, code: str, tekst: str, headers=None):
    """``POST /api/public/status/berichten``: the reporter's reply."""
    return await client.post(
        "/api/public/status/berichten", json={"code": code, "tekst": tekst}, headers=headers
    )
