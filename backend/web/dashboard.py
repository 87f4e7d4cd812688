"""The contact persons' pages: login form, logout and the list of intakes."""
from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Any, Dict

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from backend import keys, queries, security
from backend.api.auth import WRONG_CREDENTIALS, start_session
from backend.middlewares import current_user, page_user
from backend.models import Intake

routes = web.RouteTableDef()

SNIPPET_LENGTH = 120

try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ: tzinfo = ZoneInfo("Europe/Amsterdam")
except Exception:  # no tz database on this machine: show UTC rather than fail
    LOCAL_TZ = timezone.utc


async def _csrf_token(request: web.Request) -> str:
    """The session's CSRF token, made on first use."""
    session = await get_session(request)
    token = session.get(security.CSRF_SESSION_KEY)
    if not token:
        token = security.new_csrf_token()
        session[security.CSRF_SESSION_KEY] = token
    return token


def snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rstrip() + "…"


def local_time(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M")


def _row(intake: Intake) -> Dict[str, Any]:
    return {
        "created_at": local_time(intake.created_at),
        "created_at_iso": intake.created_at.isoformat(),
        "school": intake.school.name,
        "rol": intake.rol,
        "categorieen": intake.categorieen,
        "status": intake.status,
        "code": intake.code,
        "snippet": snippet(intake.wat_gebeurd),
    }


@routes.get("/", name="index")
async def index(request: web.Request) -> web.Response:
    raise web.HTTPFound(request.app.router["dashboard"].url_for())


@routes.get("/login", name="login")
@aiohttp_jinja2.template("login.html")
async def login_form(request: web.Request) -> Dict[str, Any]:
    if current_user(request) is not None:
        raise web.HTTPFound(request.app.router["dashboard"].url_for())
    return {"csrf_token": await _csrf_token(request), "email": "", "error": None}


@routes.post("/login", name="login_submit")
async def login_submit(request: web.Request) -> web.StreamResponse:
    # The CSRF middleware has already checked the token.
    form = await request.post()
    email = str(form.get("email", "")).strip()
    password = str(form.get("password", ""))
    try:
        if not email or not password:
            raise queries.InvalidCredentials()
        user = await queries.authenticate(request.app[keys.DB], email, password)
    except queries.InvalidCredentials:
        context = {
            "csrf_token": await _csrf_token(request),
            "email": email,
            "error": WRONG_CREDENTIALS if email and password
            else "Vul je e-mailadres en je wachtwoord in.",
        }
        return aiohttp_jinja2.render_template("login.html", request, context)
    await start_session(request, user)
    raise web.HTTPFound(request.app.router["dashboard"].url_for())


@routes.post("/logout", name="logout")
async def logout(request: web.Request) -> web.StreamResponse:
    session = await get_session(request)
    session.invalidate()
    raise web.HTTPFound(request.app.router["login"].url_for())


@routes.get("/dashboard", name="dashboard")
@aiohttp_jinja2.template("dashboard.html")
async def dashboard(request: web.Request) -> Dict[str, Any]:
    user = page_user(request)
    intakes = await queries.list_intakes_for_user(request.app[keys.DB], user.id)
    return {
        "user": user,
        "schools": [school.name for school in user.schools],
        "rows": [_row(intake) for intake in intakes],
        "csrf_token": await _csrf_token(request),
    }
