"""Pure parts of the backend: settings, receipt codes, CSRF helpers, passwords, the migration."""
from __future__ import annotations

import asyncio
import os
import stat

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.fernet import Fernet
from sqlalchemy import inspect

from backend import migrate
from backend.auth import security
from backend.config import Config, NotifySettings, SmtpSettings
from backend.db import async_database_url, create_engine
from backend.documents import verification
from backend.models import metadata
from shared import settings as shared_settings
from wegwijzer.vocab import CODE_ALPHABET

# --- database URLs and settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        ("sqlite:///var/w.db", "sqlite+aiosqlite:///var/w.db"),
        ("sqlite:////abs/w.db", "sqlite+aiosqlite:////abs/w.db"),
        ("sqlite+aiosqlite:///w.db", "sqlite+aiosqlite:///w.db"),
        ("postgresql://u:p%40ss@db:5432/ww", "postgresql+asyncpg://u:p%40ss@db:5432/ww"),
        ("postgres://u@db/ww", "postgresql+asyncpg://u@db/ww"),
        ("postgresql+asyncpg://u@db/ww", "postgresql+asyncpg://u@db/ww"),
    ],
)
def test_database_urls_are_normalised_to_async_drivers(given, expected):
    assert async_database_url(given) == expected


@pytest.mark.parametrize("url", ["mysql://root@db/ww", "postgresql+psycopg2://u@db/ww", "geen url"])
def test_other_database_urls_are_refused(url):
    with pytest.raises(ValueError):
        async_database_url(url)


def test_config_from_env_reads_every_variable():
    key = Fernet.generate_key().decode()
    signing_key = verification.generate_private_key()
    config = Config.from_env({
        "DATABASE_URL": "postgresql://u@db/ww",
        "WEGWIJZER_SERVICE_TOKEN": "tok",
        "WEGWIJZER_SECRET_KEY": key,
        "BACKEND_HOST": "0.0.0.0",
        "BACKEND_PORT": "9000",
        "WEGWIJZER_COOKIE_SECURE": "true",
        "WEGWIJZER_RASA_URL": "http://rasa:5005",
        "RASA_AUTH_TOKEN": "rasa-tok",
        "WEGWIJZER_SIGNING_KEY": signing_key,
        "WEGWIJZER_PUBLIC_URL": "https://wegwijzer.example/",
        "TELEGRAM_BOT_TOKEN": "1:a",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "WEGWIJZER_TELEGRAM_BOT_USERNAME": "@wegwijzer_bot",
        "WEGWIJZER_SMTP_HOST": "smtp.example",
        "WEGWIJZER_SMTP_SECURITY": "tls",
        "WEGWIJZER_SMTP_USER": "ww",
        "WEGWIJZER_SMTP_PASSWORD": "pw",
        "WEGWIJZER_SMTP_FROM": "Wegwijzer <ww@school.nl>",
        "WEGWIJZER_NOTIFY_INTERVAL": "0",
    })
    assert config == Config(
        database_url="postgresql+asyncpg://u@db/ww", service_token="tok", secret_key=key,
        host="0.0.0.0", port=9000, cookie_secure=True, rasa_url="http://rasa:5005",
        rasa_token="rasa-tok", signing_key=signing_key, public_url="https://wegwijzer.example",
        notify=NotifySettings(
            public_url="https://wegwijzer.example", telegram_token="1:a",
            telegram_api_base_url="http://127.0.0.1:9/bot", telegram_bot_username="wegwijzer_bot",
            smtp=SmtpSettings(host="smtp.example", port=465, username="ww", password="pw",
                              sender="Wegwijzer <ww@school.nl>", security="tls"),
            interval_seconds=0,
        ),
    )
    assert config.notify.channels == ("telegram", "email") and "pw" not in repr(config)
    # Without them: no channel, and links to the backend's own address.
    plain = Config.from_env({"DATABASE_URL": "sqlite:///x.db", "WEGWIJZER_SECRET_KEY": key,
                             "BACKEND_PORT": "9000"}).notify
    assert (plain.channels, plain.public_url) == ((), "http://127.0.0.1:9000")


def test_config_defaults_keep_a_dev_secret_key_in_var(tmp_path, monkeypatch):
    var = tmp_path / "var"
    monkeypatch.setattr(shared_settings, "VAR_DIR", var)
    first = Config.from_env({})
    assert first.database_url == f"sqlite+aiosqlite:///{var / 'wegwijzer.db'}"
    assert first.service_token == "dev-service-token"
    assert (first.host, first.port, first.cookie_secure) == ("127.0.0.1", 8000, False)
    assert (first.rasa_url, first.rasa_token) == ("http://127.0.0.1:5005", "dev-rasa-token")
    assert Config.from_env({"RASA_PORT": "5999"}).rasa_url == "http://127.0.0.1:5999"
    key_file = var / "secret_key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert Config.from_env({}).secret_key == first.secret_key  # survives a restart
    Fernet(first.secret_key)
    # The key that signs reporters' copies likewise, so earlier copies stay verifiable.
    assert stat.S_IMODE(os.stat(var / "signing_key").st_mode) == 0o600
    assert Config.from_env({}).signing_key == first.signing_key
    verification.load_private_key(first.signing_key)


@pytest.mark.parametrize(
    "environ",
    [{"WEGWIJZER_SECRET_KEY": "te-kort"}, {"BACKEND_PORT": "acht"},
     {"WEGWIJZER_SIGNING_KEY": "geen-sleutel"},
     {"WEGWIJZER_SMTP_HOST": "smtp.example", "WEGWIJZER_SMTP_SECURITY": "ssl"},
     {"WEGWIJZER_NOTIFY_INTERVAL": "vaak"}],
)
def test_bad_settings_fail_with_a_clear_error(environ, tmp_path, monkeypatch):
    monkeypatch.setattr(shared_settings, "VAR_DIR", tmp_path)  # the other keys' dev defaults
    with pytest.raises(
        ValueError,
        match="WEGWIJZER_SECRET_KEY|BACKEND_PORT|WEGWIJZER_SIGNING_KEY|WEGWIJZER_SMTP_SECURITY|WEGWIJZER_NOTIFY",
    ):
        Config.from_env({"DATABASE_URL": "sqlite:///x.db", **environ})


# --- receipt codes ----------------------------------------------------------------------------


def test_receipt_codes_use_the_alphabet_in_three_groups_of_four():
    codes = {security.generate_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(group) for group in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(CODE_ALPHABET)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("K7QM-3XDA-9TPW", "K7QM-3XDA-9TPW"),
        ("k7qm3xda9tpw", "K7QM-3XDA-9TPW"),
        (" k7qm 3xda-9tpw ", "K7QM-3XDA-9TPW"),
        ("K7QM-3XDA-9TP", None),       # too short
        ("K7QM-3XDA-9TPWX", None),     # too long
        ("K0QM-3XDA-9TPW", None),      # 0 is not in the alphabet
        ("", None),
    ],
)
def test_normalise_code(typed, expected):
    assert security.normalise_code(typed) == expected


# --- CSRF and passwords -----------------------------------------------------------------------


def test_csrf_tokens_match_only_when_equal_and_present():
    token = security.new_csrf_token()
    assert security.csrf_tokens_match(token, token)
    assert not security.csrf_tokens_match(token, token[:-1] + "x")
    assert not security.csrf_tokens_match(None, token)
    assert not security.csrf_tokens_match(token, None)
    assert not security.csrf_tokens_match("", "")


def test_passwords_are_hashed_with_argon2_and_verified():
    hashed = security.hash_password("een-goed-wachtwoord")
    assert hashed.startswith("$argon2id$") and "een-goed-wachtwoord" not in hashed
    assert security.verify_password(hashed, "een-goed-wachtwoord")
    assert not security.verify_password(hashed, "fout")
    assert not security.verify_password(None, "een-goed-wachtwoord")
    assert not security.verify_password("geen-hash", "een-goed-wachtwoord")


# --- the migration ----------------------------------------------------------------------------


async def _schema_state(url):
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            def inspect_sync(sync_connection):
                context = MigrationContext.configure(sync_connection, opts={"compare_type": True})
                return (
                    set(inspect(sync_connection).get_table_names()),
                    compare_metadata(context, metadata),
                )
            return await connection.run_sync(inspect_sync)
    finally:
        await engine.dispose()


async def test_the_migration_builds_exactly_the_models_and_downgrades_cleanly(fresh_database):
    await asyncio.to_thread(migrate.upgrade, fresh_database)
    tables, differences = await _schema_state(fresh_database)
    assert {"boards", "schools", "users", "user_schools", "intakes", "alembic_version"} <= tables
    assert differences == []
    await asyncio.to_thread(migrate.downgrade, fresh_database, "base")
    tables, _ = await _schema_state(fresh_database)
    assert tables == {"alembic_version"}
