"""What every dashboard page shares (not a page itself, so pages import it, never one another):
the session's CSRF token, the one-time message after a redirect (the *flash*), the helpers every
template can call and the context a logged-in page starts from.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, Mapping, NoReturn, Optional

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from backend import store
from backend.auth import security
from backend.models import AuditEntry, User
from backend.rules import casework
from wegwijzer.dates import dutch_date

FLASH_KEY = "flash"
LOCAL_TZ = casework.LOCAL_TZ

ACTION_LABELS = {
    store.audit.STORED: "ontvangen via Wegwijzer",
    store.audit.READ_PAGE: "bekeken",
    store.audit.READ_API: "opgevraagd (API)",
    store.audit.READ_API_LIST: "opgevraagd in een lijst (API)",
    store.audit.CLAIMED: "opgepakt",
    store.audit.STATUS_CHANGED: "status gewijzigd",
    store.audit.NOTE_ADDED: "notitie toegevoegd",
    store.audit.STEP_ADDED: "vervolgstap toegevoegd",
    store.audit.STEP_DONE: "vervolgstap afgerond",
    store.audit.SHARED: "gedeeld met de vertrouwenspersoon",
    store.audit.EXPORTED: "gegevens geëxporteerd (op verzoek)",
    store.audit.CASES_TRANSFERRED: "overgedragen aan een opvolger",
    store.audit.DELETED: "verwijderd op verzoek van de melder",
    store.audit.MESSAGE_SENT: "bericht aan de melder gestuurd",
    store.audit.READ_BY_REPORTER: "status en berichten bekeken met de code",
    store.audit.COPY_BY_REPORTER: "kopie opgehaald met de code",
    store.audit.REPLY_RECEIVED: "bericht gestuurd met de code",
}
REPORTER_ACTIONS = frozenset(
    {store.audit.READ_BY_REPORTER, store.audit.COPY_BY_REPORTER, store.audit.REPLY_RECEIVED}
)


async def csrf_token(request: web.Request) -> str:
    """The session's CSRF token, made on first use."""
    session = await get_session(request)
    token = session.get(security.CSRF_SESSION_KEY)
    if not token:
        token = security.new_csrf_token()
        session[security.CSRF_SESSION_KEY] = token
    return token


async def pop_flash(request: web.Request) -> Optional[str]:
    """The message a redirect left for this page (shown once)."""
    session = await get_session(request)
    return session.pop(FLASH_KEY, None)


async def redirect_with_flash(request: web.Request, url: Any, message: str) -> NoReturn:
    """Leave ``message`` for the next page and send the browser there (303, after a POST)."""
    session = await get_session(request)
    session[FLASH_KEY] = message
    raise web.HTTPSeeOther(url)


def error_page(request: web.Request, status: int, message: str, title: str = "") -> web.Response:
    """The page of a refused request: "Geen toegang" for 403, else "Dat lukte niet"."""
    title = title or ("Geen toegang" if status == 403 else "Dat lukte niet")
    return aiohttp_jinja2.render_template(
        "error.html", request, {"title": title, "message": message}, status=status
    )


def local_time(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M")


def actor(entry: AuditEntry) -> str:
    """Who an audit entry is about: the user, the reporter (with the code) or Wegwijzer."""
    if entry.user is not None:
        return entry.user.name
    return "De melder" if entry.action in REPORTER_ACTIONS else "Wegwijzer"


# Helpers every dashboard template can call (instead of app-wide filters).
HELPERS: Dict[str, Any] = {
    "status_label": lambda status: casework.STATUS_LABELS.get(status, status),
    "flag_label": lambda flag: casework.FLAG_LABELS.get(flag, flag),
    "is_urgent": lambda flag: flag in casework.URGENT_FLAGS,
    "plain": casework.without_control_chars,
    "local_time": local_time,
    "nl_date": dutch_date,
    "action_label": lambda action: ACTION_LABELS.get(action, action.replace("_", " ")),
    "actor": actor,
}


async def page_context(request: web.Request, user: User, **extra: Any) -> Dict[str, Any]:
    """What a logged-in page's template starts from: the user, the CSRF token, the helpers and
    no flash (``extra`` adds to it or overrides it)."""
    context = {
        "user": user,
        "csrf_token": await csrf_token(request),
        "flash": None,
        **HELPERS,
    }
    context.update(extra)
    return context


async def render_form_page(
    request: web.Request, template: str, user: User, errors: Optional[Mapping[str, str]] = None,
    values: Optional[Mapping[str, str]] = None, status: int = 200, **extra: Any,
) -> web.Response:
    """A page with a form, from ``page_context`` and ``extra``: after a refused submit the
    messages at their fields (``errors``) and what was typed (``values``), else the flash of
    the last change."""
    context = await page_context(
        request, user, **extra,
        errors=dict(errors or {}),
        values=dict(values or {}),
        flash=None if errors else await pop_flash(request),
    )
    return aiohttp_jinja2.render_template(template, request, context, status=status)
