"""The ``wegwijzer`` command-line tool, called through ``main([...])``."""
from __future__ import annotations

import asyncio
import io

import pytest

from backend import cli, migrate, queries
from backend.db import create_engine, create_session_factory


def run_queries(url, work):
    """Run ``work(db)`` against the database at ``url`` (from sync test code)."""

    async def runner():
        engine = create_engine(url)
        try:
            return await work(create_session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(runner())


@pytest.fixture
def cli_db(fresh_database, monkeypatch):
    """DATABASE_URL of an empty database (no tables yet)."""
    monkeypatch.setenv("DATABASE_URL", fresh_database)
    monkeypatch.delenv("WEGWIJZER_DEMO_PASSWORD", raising=False)
    return fresh_database


@pytest.fixture
def migrated_db(cli_db):
    migrate.upgrade(cli_db)
    assert cli.main(["schools", "add", "--slug", "noord", "--name", "Noorderlicht College"]) == 0
    assert cli.main(["schools", "add", "--slug", "zuid", "--name", "Zuiderzee Lyceum"]) == 0
    return cli_db


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def can_log_in(url, email, password) -> bool:
    async def work(db):
        try:
            await queries.authenticate(db, email, password)
        except queries.InvalidCredentials:
            return False
        return True

    return run_queries(url, work)


def schools_of(url, email):
    async def work(db):
        user = await queries.authenticate(db, email, "een-goed-wachtwoord")
        return [school.slug for school in user.schools]

    return run_queries(url, work)


def test_users_add_reads_the_password_from_stdin(migrated_db, monkeypatch, capsys):
    stdin(monkeypatch, "een-goed-wachtwoord\n")
    code = cli.main([
        "users", "add", "--school", "noord", "--email", "Jet@School.nl",
        "--name", "Jet de Vries", "--password-stdin",
    ])
    assert code == 0
    assert "jet@school.nl" in capsys.readouterr().out
    assert can_log_in(migrated_db, "jet@school.nl", "een-goed-wachtwoord")
    assert not can_log_in(migrated_db, "jet@school.nl", "een-goed-wachtwoord\n")


def test_users_add_for_an_existing_email_adds_the_school(migrated_db, monkeypatch, capsys):
    args = ["users", "add", "--email", "jet@school.nl", "--name", "Jet", "--password-stdin"]
    stdin(monkeypatch, "een-goed-wachtwoord\n")
    assert cli.main([*args, "--school", "noord"]) == 0
    stdin(monkeypatch, "een-ander-wachtwoord\n")
    assert cli.main([*args, "--school", "zuid", "--school", "noord"]) == 0
    out = capsys.readouterr().out
    assert "bestond al" in out and "zuid" in out
    assert schools_of(migrated_db, "jet@school.nl") == ["noord", "zuid"]
    assert not can_log_in(migrated_db, "jet@school.nl", "een-ander-wachtwoord")


def test_users_add_with_an_unknown_school_exits_2_and_adds_no_one(migrated_db, monkeypatch, capsys):
    stdin(monkeypatch, "een-goed-wachtwoord\n")
    code = cli.main([
        "users", "add", "--school", "noord", "--school", "nergens", "--email", "jet@school.nl",
        "--name", "Jet", "--password-stdin",
    ])
    assert code == 2
    assert "nergens" in capsys.readouterr().err
    assert not can_log_in(migrated_db, "jet@school.nl", "een-goed-wachtwoord")


@pytest.mark.parametrize("password, words", [("\n", "leeg"), ("kort\n", "te kort"), ("", "leeg")])
def test_users_add_refuses_an_empty_or_short_password(migrated_db, monkeypatch, capsys, password, words):
    stdin(monkeypatch, password)
    code = cli.main([
        "users", "add", "--school", "noord", "--email", "jet@school.nl", "--name", "Jet",
        "--password-stdin",
    ])
    assert code == 2
    assert words in capsys.readouterr().err


def test_users_add_requires_password_stdin(migrated_db, capsys):
    code = cli.main(["users", "add", "--school", "noord", "--email", "a@b.nl", "--name", "A"])
    assert code == 2
    assert "--password-stdin" in capsys.readouterr().err


@pytest.mark.parametrize("slug", ["Hoofdletter", "met spatie", "-begin", "a_b", ""])
def test_schools_add_validates_the_slug(cli_db, slug, capsys):
    assert cli.main(["schools", "add", "--slug", slug, "--name", "Een school"]) == 2
    assert "slug" in capsys.readouterr().err


def test_setup_demo_is_idempotent(cli_db, capsys):
    assert cli.main(["setup", "--demo"]) == 0
    first = capsys.readouterr().out
    assert "aangemaakt" in first and "demo-wachtwoord" in first
    assert cli.main(["setup", "--demo"]) == 0
    second = capsys.readouterr().out
    assert "bestond al" in second and "aangemaakt" not in second

    async def work(db):
        school = await queries.get_school(db, "demo")
        user = await queries.authenticate(db, "demo@wegwijzer.local", "demo-wachtwoord")
        return school.name, [s.slug for s in user.schools]

    assert run_queries(cli_db, work) == ("Demoschool De Wegwijzer", ["demo"])


def test_setup_demo_takes_the_password_from_the_environment(cli_db, monkeypatch, capsys):
    monkeypatch.setenv("WEGWIJZER_DEMO_PASSWORD", "geheim-uit-de-omgeving")
    assert cli.main(["setup", "--demo"]) == 0
    assert "geheim-uit-de-omgeving" not in capsys.readouterr().out
    assert can_log_in(cli_db, "demo@wegwijzer.local", "geheim-uit-de-omgeving")
    assert not can_log_in(cli_db, "demo@wegwijzer.local", "demo-wachtwoord")


def test_db_upgrade_creates_the_schema(cli_db):
    assert cli.main(["db", "upgrade"]) == 0

    async def work(db):
        return await queries.count_intakes(db)

    assert run_queries(cli_db, work) == 0


def test_an_unsupported_database_url_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/wegwijzer")
    assert cli.main(["db", "upgrade"]) == 2
    assert "Unsupported database URL" in capsys.readouterr().err
