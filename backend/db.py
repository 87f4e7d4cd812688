"""Database plumbing in one place: URL normalisation, the async engine and the session factory.

The app (``backend.app``), the migrations (``backend/migrations/env.py``) and the CLI all go
through :func:`async_database_url`, so ``sqlite:///…`` and ``postgresql://…`` mean the same
database everywhere, always reached through an async driver (aiosqlite / asyncpg).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import sessionmaker

# Accepted spellings of the URL scheme and the async driver each one is mapped to.
_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def async_database_url(url: str) -> str:
    """Return ``url`` with its async driver: ``sqlite+aiosqlite://`` or ``postgresql+asyncpg://``.

    Raises ``ValueError`` for anything else (another driver or database).
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValueError(f"Not a database URL: {_redacted(url)!r}") from exc
    driver = _ASYNC_DRIVERS.get(parsed.drivername)
    if driver is None:
        raise ValueError(
            f"Unsupported database URL scheme {parsed.drivername!r}: use sqlite:///path, "
            "sqlite+aiosqlite:///path, postgresql://… or postgresql+asyncpg://…"
        )
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def _redacted(url: str) -> str:
    """The URL without its password, for error messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable>"


def redacted_url(url: str) -> str:
    """Public form of :func:`_redacted`: never log a database password."""
    return _redacted(url)


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine for ``url`` (normalised first)."""
    url = async_database_url(url)
    if url.startswith("sqlite"):
        # One writer at a time: a burst of writes (50 logins at once, each counted before its
        # password is checked) waits its turn instead of failing after sqlite3's 5 s.
        kwargs.setdefault("connect_args", {"timeout": 60})
    # hide_parameters: SQL errors and logs never show the values (they hold personal data).
    engine = create_async_engine(url, future=True, hide_parameters=True, **kwargs)
    if engine.dialect.name == "sqlite":
        # SQLite enforces foreign keys only when asked, per connection; and it overwrites what
        # it deletes only when asked (deleting on request or after the retention period must
        # not leave the text in the file: the tracker store, read through this engine by
        # backend.store.conversations, holds it in plain text).
        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

    return engine


def create_session_factory(engine: AsyncEngine) -> sessionmaker:
    """The factory every request and command opens its sessions from."""
    return sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
