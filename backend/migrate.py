"""Run the Alembic migrations programmatically (used by the CLI and the tests).

The Alembic configuration is built in code with ``script_location`` taken from the package
path, so it works from any working directory and without ``alembic.ini``. ``alembic.ini`` at the
repository root is only there for developers who call ``alembic`` by hand.
"""
from __future__ import annotations

from pathlib import Path

from typing import Optional

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db import async_database_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> AlembicConfig:
    """An Alembic config for ``database_url`` (handed to env.py untouched, not through the ini
    parser, so a ``%`` in a password needs no escaping)."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = async_database_url(database_url)
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """``alembic upgrade``. Synchronous: env.py runs its own event loop, so call this outside
    a running loop (or in a worker thread: ``await asyncio.to_thread(upgrade, url)``)."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    """``alembic downgrade`` (same rules as :func:`upgrade`)."""
    command.downgrade(alembic_config(database_url), revision)


def head_revision() -> Optional[str]:
    """The newest revision in ``backend/migrations``."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


async def current_revision(engine: AsyncEngine) -> Optional[str]:
    """The revision the database is at (``None`` for an empty database)."""
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync_connection: MigrationContext.configure(sync_connection).get_current_revision()
        )
