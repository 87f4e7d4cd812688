"""Migrations 0002 (boards), 0003 (casework) and 0005 (messages) on a database that already
holds data, both ways."""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone

from sqlalchemy import text

from backend import migrate
from backend.db import create_engine


async def _run(url, *statements, params=None):
    """Execute statements in one transaction; return the rows of the last one (if any)."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            result = None
            for statement in statements:
                result = await connection.execute(text(statement), params or {})
            return result.fetchall() if result is not None and result.returns_rows else None
    finally:
        await engine.dispose()


async def _seed_0001(url):
    """A school with a contact person and an intake, written with 0001's columns only."""
    await _run(
        url,
        "INSERT INTO schools (id, slug, name, created_at) VALUES (1, 'noord', 'Noorderlicht', :now)",
        "INSERT INTO users (id, email, name, password_hash, role, created_at) "
        "VALUES (1, 'jet@school.nl', 'Jet', 'x', 'contactpersoon', :now)",
        "INSERT INTO user_schools (user_id, school_id) VALUES (1, 1)",
        "INSERT INTO intakes (id, code, school_id, kanaal, conversation_id, rol, categorieen, "
        "wat_gebeurd, wanneer, betrokkenen, al_ondernomen, wens, advies_routes, signalen, anoniem, "
        "status, created_at) VALUES ('i-1', 'AAAA-BBBB-CCCC', 1, 'web', 'conv-1', 'leerling', '[]', "
        "'Gepest', '', '', '[]', '[]', '[]', '[]', false, 'nieuw', :now)",
        params={"now": datetime(2024, 11, 1, 10, tzinfo=timezone.utc)},
    )


async def _seeded_at(url, revision):
    """A database at ``revision`` that holds the 0001 seed (schools, a user, an intake)."""
    await asyncio.to_thread(migrate.upgrade, url, "0001")
    await _seed_0001(url)
    if revision != "0001":
        await asyncio.to_thread(migrate.upgrade, url, revision)


async def _data(url):
    return {
        "schools": await _run(url, "SELECT id, slug, name FROM schools ORDER BY id"),
        "links": await _run(url, "SELECT user_id, school_id FROM user_schools"),
        "intakes": await _run(url, "SELECT id, school_id, code FROM intakes"),
        "users": await _run(url, "SELECT id, email FROM users"),
    }


async def test_0002_keeps_existing_schools_users_and_intakes_and_downgrades(fresh_database):
    url = fresh_database
    await _seeded_at(url, "0001")
    before = await _data(url)

    await asyncio.to_thread(migrate.upgrade, url, "0002")
    assert await _data(url) == before  # nothing lost, no cascade into user_schools
    rows = await _run(url, "SELECT board_id, contactpersonen FROM schools")
    board_id, persons = rows[0]
    assert board_id is None
    assert (json.loads(persons) if isinstance(persons, str) else persons) == []

    # The new columns work: a board, a school in it, the foreign key enforced.
    await _run(
        url,
        "INSERT INTO boards (id, slug, name, profile, created_at, updated_at) "
        "VALUES (7, 'scol', 'SCOL', '{}', :now, :now)",
        "UPDATE schools SET board_id = 7 WHERE slug = 'noord'",
        params={"now": datetime(2024, 11, 2, 10, tzinfo=timezone.utc)},
    )
    assert await _run(url, "SELECT board_id FROM schools") == [(7,)]

    await asyncio.to_thread(migrate.downgrade, url, "0001")
    assert await _data(url) == before
    columns = await _run(url, "SELECT * FROM schools")
    assert len(columns[0]) == 4  # id, slug, name, created_at

    await asyncio.to_thread(migrate.upgrade, url, "0009")  # and up again (0010: codes hashed)
    assert await _data(url) == before


async def test_0003_keeps_users_and_intakes_adds_casework_and_downgrades(fresh_database):
    url = fresh_database
    await _seeded_at(url, "0002")
    before = await _data(url)

    await asyncio.to_thread(migrate.upgrade, url, "0003")
    assert await _data(url) == before
    # Existing users stay active contact persons; existing intakes: no handler, not shared.
    assert [tuple(row) for row in await _run(url, "SELECT role, active, board_id FROM users")] == [
        ("contactpersoon", True, None)
    ]
    assert [tuple(row) for row in await _run(
        url, "SELECT status, handler_id, shared_at FROM intakes"
    )] == [("nieuw", None, None)]

    now = {"now": datetime(2024, 11, 3, 9, tzinfo=timezone.utc)}
    await _run(
        url,
        "UPDATE intakes SET handler_id = 1, status = 'in_behandeling'",
        "INSERT INTO intake_status_changes (intake_id, user_id, from_status, to_status, reason, "
        "created_at) VALUES ('i-1', 1, 'nieuw', 'in_behandeling', 'Opgepakt', :now)",
        "INSERT INTO intake_notes (intake_id, user_id, text, created_at) VALUES ('i-1', 1, 'n', :now)",
        "INSERT INTO intake_steps (intake_id, user_id, description, due_date, created_at) "
        "VALUES ('i-1', 1, 'bellen', '2024-11-10', :now)",
        "INSERT INTO audit_log (created_at, user_id, intake_id, action, detail) "
        "VALUES (:now, 1, 'i-1', 'bekeken', '{}')",
        "INSERT INTO login_failures (key, created_at) VALUES ('abc', :now)",
        params=now,
    )
    counts = await _run(
        url,
        "SELECT (SELECT count(*) FROM intake_status_changes), (SELECT count(*) FROM intake_notes), "
        "(SELECT count(*) FROM intake_steps), (SELECT count(*) FROM audit_log)",
    )
    assert tuple(counts[0]) == (1, 1, 1, 1)

    await asyncio.to_thread(migrate.downgrade, url, "0002")
    assert await _data(url) == before
    assert len((await _run(url, "SELECT * FROM users"))[0]) == 6  # the 0001 columns only
    await asyncio.to_thread(migrate.upgrade, url, "0009")  # 0010 hashes the codes
    assert await _data(url) == before

    # 0005: messages on the intake; going back to 0003 drops them (and 0004 decrypts free text).
    await _run(
        url,
        "INSERT INTO intake_messages (intake_id, sender, user_id, text, created_at) "
        "VALUES ('i-1', 'contactpersoon', 1, 'Hoe gaat het?', :now), "
        "('i-1', 'melder', NULL, 'Beter.', :now)",
        params=now,
    )
    assert await _run(url, "SELECT count(*) FROM intake_messages WHERE read_at IS NULL") == [(2,)]
    await asyncio.to_thread(migrate.downgrade, url, "0003")
    assert await _data(url) == before
