"""``/api/auth``: JSON login and logout for contact persons (session cookie)."""
from __future__ import annotations

from aiohttp import web

from backend import keys, store
from backend.auth import access, throttle
from backend.middlewares import api_user, json_error, read_json
from backend.models import User
from backend.services.accounts import WRONG_CREDENTIALS, end_session, start_session

routes = web.RouteTableDef()


def user_json(user: User) -> dict:
    return {
        "name": user.name,
        "email": user.email,
        "role": user.role,
        "schools": [school.slug for school in access.served_schools(user)],
    }


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
