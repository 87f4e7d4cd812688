"""The application factory: ``create_app(config)`` wires database, templates, sessions, routes."""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import AsyncIterator

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from sqlalchemy.exc import SQLAlchemyError

from backend import keys, migrate
from backend.api import auth as api_auth
from backend.api import health as api_health
from backend.api import intakes as api_intakes
from backend.api import openapi as api_openapi
from backend.api import privacy as api_privacy
from backend.api import public as api_public
from backend.api import reports as api_reports
from backend.api import schools as api_schools
from backend.api import signals as api_signals
from backend.api import telegram as api_telegram
from backend.auth import sessions
from backend.config import Config
from backend.db import create_engine, create_session_factory
from backend.documents import verification
from backend.jobs import chat_push, notify
from backend.rules import casework
from backend.middlewares import (
    auth_middleware,
    client_address_middleware,
    csrf_middleware,
    error_middleware,
    nul_middleware,
    security_headers,
)
from backend.web.public import schools as school_pages
from backend.web.public import kopie as copy_pages
from backend.web.public import verification as verification_pages
from backend.web.public import widget as widget_pages
from backend.web.staff import account, admin, dashboard
from backend.web.staff import reports as report_pages
from shared import crypto

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

SESSION_COOKIE = "wegwijzer_session"
SESSION_MAX_AGE = sessions.MAX_AGE_SECONDS  # a working day; then log in again


def label(value: str) -> str:
    """Vocabulary value → readable Dutch (``seksuele_intimidatie`` → ``seksuele intimidatie``,
    ``oud_leerling`` → ``oud-leerling``)."""
    return LABEL_EXCEPTIONS.get(str(value)) or str(value).replace("_", " ")


LABEL_EXCEPTIONS = {"oud_leerling": "oud-leerling"}


def taal_label(code: str) -> str:
    """Language code → its Dutch name (``tr`` → ``Turks``)."""
    return casework.TAAL_LABELS.get(str(code), str(code))


def tel_href(number: str) -> str:
    """Phone number as written → the ``tel:`` link target (``071-5175551`` → ``0715175551``)."""
    return re.sub(r"[^0-9+]", "", str(number))


def capitalize_first(value: str) -> str:
    """Only the first letter up (Jinja's ``capitalize`` lowers the rest: 'SCOL' → 'Scol')."""
    value = str(value)
    return value[:1].upper() + value[1:]


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = create_engine(app[keys.CONFIG].database_url)
    app[keys.ENGINE] = engine
    app[keys.DB] = create_session_factory(engine)
    await _warn_if_schema_is_behind(engine)
    yield
    await engine.dispose()


async def _warn_if_schema_is_behind(engine) -> None:
    """Say so at start-up, rather than failing on the first request, when migrations are due.
    The app still starts: /health reports a database that does not answer."""
    try:
        current = await migrate.current_revision(engine)
    except (SQLAlchemyError, OSError) as exc:
        log.warning("database not reachable at start-up (%s)", type(exc).__name__)
        return
    head = migrate.head_revision()
    if current != head:
        log.warning(
            "database schema is at revision %s, the code expects %s: run `wegwijzer db upgrade`",
            current, head,
        )


def create_app(config: Config) -> web.Application:
    crypto.keyring()  # a bad WEGWIJZER_DATA_KEYS stops the start, not the first intake
    storage = EncryptedCookieStorage(
        config.secret_key,
        cookie_name=SESSION_COOKIE,
        httponly=True,
        samesite="Lax",
        secure=config.cookie_secure,
        max_age=SESSION_MAX_AGE,
    )
    # Order matters; the first is the outermost:
    # 0. client  – the real client address behind a trusted proxy (nginx), for everything after;
    # 1. errors  – wraps everything, so every failure below (also a CSRF refusal or a broken
    #              session) becomes a Dutch HTML page or a JSON {"error": …} body;
    #    nul     – refuses a NUL in path or query (PostgreSQL cannot store or compare one);
    # 2. session – loads the encrypted cookie and saves it on the way out (also when a handler
    #              raises a redirect, which is how a login sets its cookie);
    # 3. CSRF    – needs the session's token, and must refuse a forged form before any handler
    #              or the user lookup acts on it;
    # 4. auth    – loads the logged-in user from the session for the views.
    app = web.Application(
        middlewares=[
            client_address_middleware,
            error_middleware,
            nul_middleware,
            session_middleware(storage),
            csrf_middleware,
            auth_middleware,
        ]
    )
    app[keys.CONFIG] = config
    app[keys.SIGNING_KEY] = verification.load_private_key(config.signing_key)
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(chat_push.pending_pushes)
    app.cleanup_ctx.append(notify.notifications_ctx)  # after the database: it needs it
    app.on_response_prepare.append(security_headers)
    # The reporter's copy, status and replies go by the receipt code: keep it out of the logs.
    api_public.install_log_masks()

    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        filters={"label": label, "taal": taal_label, "tel_href": tel_href, "capitalize_first": capitalize_first},
    )
    app[aiohttp_jinja2.static_root_key] = "/static"

    for table in (
        api_health.routes,
        api_intakes.routes,
        api_auth.routes,
        api_schools.routes,
        api_public.routes,
        api_telegram.routes,
        api_openapi.routes,
        api_signals.routes,
        api_reports.routes,
        api_privacy.routes,
        widget_pages.routes,  # before the dashboard's: the demo page is GET /
        dashboard.routes,
        report_pages.routes,
        account.routes,
        admin.routes,
        school_pages.routes,
        verification_pages.routes,
        copy_pages.routes,
    ):
        app.router.add_routes(table)
    app.router.add_static("/static/", STATIC_DIR, name="static")
    return app
