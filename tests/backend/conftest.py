"""Fixtures for the backend tests: a fresh database per test (SQLite, and PostgreSQL when
``WEGWIJZER_TEST_POSTGRES_URL`` is set), schema made by the real Alembic migration, and the
real app from ``create_app`` behind the ``aiohttp_client`` fixture."""
from __future__ import annotations

import asyncio
import os
import uuid
from typing import AsyncIterator, Optional

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
async def fresh_database(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:
    """The URL of a new, empty database (no tables) for this test."""
    if request.param == "sqlite":
        yield async_database_url(f"sqlite:///{tmp_path / 'wegwijzer-test.db'}")
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"PostgreSQL variant skipped: set {POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    name = f"wegwijzer_test_{uuid.uuid4().hex[:12]}"
    admin = await _postgres_admin(admin_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield async_database_url(_plain_postgres_dsn(admin_url, name))
    finally:
        admin = await _postgres_admin(admin_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def database_url(fresh_database: str) -> str:
    """A fresh database with the schema made by the real migration (not ``create_all``)."""
    # Alembic's env.py runs its own event loop: give it a thread of its own.
    await asyncio.to_thread(migrate.upgrade, fresh_database)
    return fresh_database


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
    """The app's session factory, for seeding data through ``backend.queries``."""
    return client.app[keys.DB]
