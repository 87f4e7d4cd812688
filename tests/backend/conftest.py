"""Fixtures for the backend tests: a fresh database per test (SQLite, and PostgreSQL when
``WEGWIJZER_TEST_POSTGRES_URL`` is set), schema made by the real Alembic migration, and the
real app from ``create_app`` behind the ``aiohttp_client`` fixture.

The migrations run once per test session and database kind (see :class:`MigratedDatabases`);
each test gets that schema with no rows in it. That is what migrating per test gave (the
migrations themselves are tested from an empty database in ``test_migrations.py``), at a
fraction of the time.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import threading
import uuid
from pathlib import Path
from typing import AsyncIterator, Dict, Iterator, Optional

import asyncpg
import pytest
from aiohttp.test_utils import TestClient
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from backend import keys, migrate
from backend.app import create_app
from backend.config import Config
from backend.db import async_database_url
from tests.backend.helpers import SERVICE_TOKEN

POSTGRES_ENV = "WEGWIJZER_TEST_POSTGRES_URL"


def _plain_postgres_dsn(url: str, database: Optional[str] = None) -> str:
    """libpq-style DSN for asyncpg (no ``+asyncpg`` driver suffix)."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _postgres_admin(url: str) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(_plain_postgres_dsn(url))
    except asyncpg.InvalidCatalogNameError:  # the named database does not exist: use the default
        return await asyncpg.connect(_plain_postgres_dsn(url, "postgres"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_kind(request: pytest.FixtureRequest) -> str:
    """Every backend test runs on both; PostgreSQL only where a server is configured."""
    if request.param == "postgresql" and not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"PostgreSQL variant skipped: set {POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    return request.param


@pytest.fixture
async def fresh_database(database_kind: str, tmp_path) -> AsyncIterator[str]:
    """The URL of a new, empty database (no tables) for this test."""
    if database_kind == "sqlite":
        yield async_database_url(f"sqlite:///{tmp_path / 'wegwijzer-test.db'}")
        return
    admin_url = os.environ[POSTGRES_ENV]
    name = f"wegwijzer_test_{uuid.uuid4().hex[:12]}"
    await _admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield async_database_url(_plain_postgres_dsn(admin_url, name))
    finally:
        await _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin_execute(admin_url: str, statement: str) -> None:
    admin = await _postgres_admin(admin_url)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


class MigratedDatabases:
    """Databases migrated to head once per test session, made empty again for each test.

    SQLite: a migrated file, copied for each test. PostgreSQL: one migrated database for the
    session whose tables are truncated before each test (creating a database costs about half a
    second, truncating a few milliseconds). Built lazily, so a session without PostgreSQL tests
    makes no PostgreSQL database; Alembic's env.py runs its own event loop, so the builds run in
    worker threads.
    """

    def __init__(self, workdir: Path) -> None:
        self._workdir = workdir
        self._lock = threading.Lock()
        self._sqlite: Optional[Path] = None
        self._postgres: Dict[str, str] = {}  # admin URL -> database name

    def sqlite_template(self) -> Path:
        with self._lock:
            if self._sqlite is None:
                path = self._workdir / "template.db"
                migrate.upgrade(async_database_url(f"sqlite:///{path}"))
                self._sqlite = path
            return self._sqlite

    def postgres_database(self, admin_url: str) -> str:
        with self._lock:
            if admin_url not in self._postgres:
                name = f"wegwijzer_test_{uuid.uuid4().hex[:12]}"
                asyncio.run(_admin_execute(admin_url, f'CREATE DATABASE "{name}"'))
                migrate.upgrade(async_database_url(_plain_postgres_dsn(admin_url, name)))
                self._postgres[admin_url] = name
            return self._postgres[admin_url]

    def drop(self) -> None:
        for admin_url, name in self._postgres.items():
            asyncio.run(_admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._postgres.clear()


async def _truncate_all_tables(dsn: str) -> None:
    """Empty every table but Alembic's version table, and restart the id sequences."""
    connection = await asyncpg.connect(dsn)
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'"
        )
        if tables:
            names = ", ".join(f'"{row["tablename"]}"' for row in tables)
            await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def migrated_databases(tmp_path_factory) -> Iterator[MigratedDatabases]:
    databases = MigratedDatabases(tmp_path_factory.mktemp("migrated"))
    yield databases
    databases.drop()


@pytest.fixture
async def database_url(
    database_kind: str, tmp_path, migrated_databases: MigratedDatabases
) -> str:
    """An empty database with the schema made by the real migrations (not ``create_all``)."""
    if database_kind == "sqlite":
        template = await asyncio.to_thread(migrated_databases.sqlite_template)
        path = tmp_path / "wegwijzer-test.db"
        shutil.copyfile(template, path)
        return async_database_url(f"sqlite:///{path}")
    admin_url = os.environ[POSTGRES_ENV]
    name = await asyncio.to_thread(migrated_databases.postgres_database, admin_url)
    dsn = _plain_postgres_dsn(admin_url, name)
    await _truncate_all_tables(dsn)
    return async_database_url(dsn)


@pytest.fixture
def config(database_url: str) -> Config:
    return Config(
        database_url=database_url,
        service_token=SERVICE_TOKEN,
        secret_key=Fernet.generate_key().decode("ascii"),
    )


@pytest.fixture
async def client(aiohttp_client, config: Config) -> TestClient:
    return await aiohttp_client(create_app(config))


@pytest.fixture
def db(client: TestClient):
    """The app's session factory, for seeding data through ``backend.store``."""
    return client.app[keys.DB]
