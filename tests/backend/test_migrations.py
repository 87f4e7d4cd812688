"""Migration 0002 (boards) on a database that already holds data from 0001, both ways."""
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


async def _data(url):
    return {
        "schools": await _run(url, "SELECT id, slug, name FROM schools ORDER BY id"),
        "links": await _run(url, "SELECT user_id, school_id FROM user_schools"),
        "intakes": await _run(url, "SELECT id, school_id, code FROM intakes"),
        "users": await _run(url, "SELECT id, email FROM users"),
    }


async def test_0002_keeps_existing_schools_users_and_intakes_and_downgrades(fresh_database):
    url = fresh_database
    await asyncio.to_thread(migrate.upgrade, url, "0001")
    await _seed_0001(url)
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

    await asyncio.to_thread(migrate.upgrade, url)  # and up again
    assert await _data(url) == before
