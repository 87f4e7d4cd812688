"""``/api/auth``: JSON login and logout for contact persons (session cookie)."""
from __future__ import annotations

from aiohttp import web
from aiohttp_session import get_session, new_session

from backend import access, keys, security, sessions, store, throttle
from backend.middlewares import api_user, json_error, read_json
from backend.models import User

routes = web.RouteTableDef()

WRONG_CREDENTIALS = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."


def user_json(user: User) -> dict:
    return {
        "name": user.name,
        "email": user.email,
        "role": user.role,
        "schools": [school.slug for school in access.served_schools(user)],
    }


async def start_session(request: web.Request, user: User) -> None:
    """A brand-new session for ``user`` (never reuse a pre-login session: fixation)."""
    token = await sessions.begin(request.app[keys.DB], user)
    session = await new_session(request)
    session["user_id"] = user.id
    session[sessions.TOKEN_KEY] = token  # the server's side: ended by logout (backend.sessions)
    session[sessions.PASSWORD_KEY] = sessions.password_fingerprint(user)
    session[security.CSRF_SESSION_KEY] = security.new_csrf_token()


async def end_session(request: web.Request) -> None:
    """Logout: the server forgets the session, so a copy of the cookie is dead too."""
    session = await get_session(request)
    await sessions.end(request.app[keys.DB], session.get(sessions.TOKEN_KEY))
    session.invalidate()


@routes.post("/api/auth/login", name="api_login")
async def login(request: web.Request) -> web.Response:
    data = await read_json(request)
    email = data.get("email") if isinstance(data, dict) else None
    password = data.get("password") if isinstance(data, dict) else None
    if not isinstance(email, str) or not isinstance(password, str):
        raise json_error(web.HTTPBadRequest, "Vul je e-mailadres en wachtwoord in.")
    try:
        user = await throttle.login(request.app[keys.DB], email, password, request.remote)
    except throttle.TooManyAttempts as refused:
        exc = json_error(web.HTTPTooManyRequests, refused.message)
        exc.headers["Retry-After"] = str(throttle.RETRY_AFTER_SECONDS)
        raise exc from None
    except store.errors.InvalidCredentials:
        raise json_error(web.HTTPUnauthorized, WRONG_CREDENTIALS) from None
    await start_session(request, user)
    return web.json_response(user_json(user))


@routes.post("/api/auth/logout", name="api_logout")
async def logout(request: web.Request) -> web.Response:
    await end_session(request)
    return web.json_response({"status": "ok"})


@routes.get("/api/auth/me", name="api_me")
async def me(request: web.Request) -> web.Response:
    return web.json_response(user_json(api_user(request)))
