"""The user's own page, ``/dashboard/account``: where the notices about new intakes and overdue
next steps go. Link Telegram with a one-time code (shown once, as a deep link to the bot and
as a ``/koppel`` command), unlink it, and turn e-mail notices on or off.

The code is shown only in the answer to the POST that made it (never in a redirect, a flash or
a log). Which channels exist is the deployment's (``config.notify``); who gets notices is
``access.sees_intakes``.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

import aiohttp_jinja2
from aiohttp import web

from backend import keys, store
from backend.auth import access
from backend.middlewares import page_user
from backend.models import User
from backend.web.pages import page_context, pop_flash, redirect_with_flash

routes = web.RouteTableDef()

LINK_PREFIX = "koppel-"  # the deep link's start parameter: koppel-<code> (bot/channels/telegram.py)


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={LINK_PREFIX}{code}"


async def _render(request: web.Request, user: User, code: Optional[str] = None) -> web.Response:
    settings = request.app[keys.CONFIG].notify
    extra: Dict[str, Any] = {
        "receives": access.sees_intakes(user),
        "telegram_on": settings.telegram_linkable,
        "email_on": settings.smtp is not None,
        "bot": settings.telegram_bot_username,
        "code": code,
        "deep_link": deep_link(settings.telegram_bot_username, code) if code else None,
        "valid_minutes": int(store.notifications.LINK_CODE_VALID.total_seconds() // 60),
        "flash": None if code else await pop_flash(request),
    }
    context = await page_context(request, user, **extra)
    return aiohttp_jinja2.render_template("account.html", request, context)


async def _back(request: web.Request, message: str) -> web.StreamResponse:
    await redirect_with_flash(request, request.app.router["account"].url_for(), message)


@routes.get("/dashboard/account", name="account")
async def account(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    return await _render(request, user)


@routes.post("/dashboard/account/telegram/koppelen", name="account_telegram_link")
async def telegram_link(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    if not request.app[keys.CONFIG].notify.telegram_linkable or not access.sees_intakes(user):
        raise web.HTTPNotFound()
    code = await store.notifications.new_telegram_link_code(request.app[keys.DB], user)
    return await _render(request, user, code)


@routes.post("/dashboard/account/telegram/ontkoppelen", name="account_telegram_unlink")
async def telegram_unlink(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    await store.notifications.unlink_telegram(request.app[keys.DB], user)
    return await _back(request, "Telegram is ontkoppeld. Je krijgt daar geen berichten meer.")


@routes.post("/dashboard/account/email", name="account_email")
async def email(request: web.Request) -> web.StreamResponse:
    user = page_user(request)
    if request.app[keys.CONFIG].notify.smtp is None or not access.sees_intakes(user):
        raise web.HTTPNotFound()
    form = await request.post()
    wanted = form.get("email") == "ja"
    await store.notifications.set_notify_email(request.app[keys.DB], user, wanted)
    return await _back(
        request,
        "Je krijgt de berichten nu ook per e-mail." if wanted
        else "Je krijgt geen berichten meer per e-mail.",
    )
