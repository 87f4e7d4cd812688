"""Migration 0012: the conversation language on each intake, on a database that holds intakes,
both ways. Records stored before it were all answered in Dutch, whatever their `taal`."""
from __future__ import annotations

import asyncio

from backend import migrate
from tests.backend.test_migrations import _run, _seeded_at


async def _data(url):
    """What must survive 0012 both ways (after 0010 the code is a hash and has a reference)."""
    return {
        "intakes": await _run(url, "SELECT id, school_id, code_hash, referentie, taal, status "
                                   "FROM intakes"),
        "schools": await _run(url, "SELECT id, slug, name FROM schools"),
        "users": await _run(url, "SELECT id, email FROM users"),
    }


async def test_0012_gives_existing_intakes_dutch_and_downgrades(fresh_database):
    url = fresh_database
    await _seeded_at(url, "0011")
    await _run(url, "UPDATE intakes SET taal = 'en'")  # an English-speaking reporter, before 0012
    before = await _data(url)
    columns = await _run(url, "SELECT * FROM intakes")

    await asyncio.to_thread(migrate.upgrade, url, "0012")
    assert await _data(url) == before
    assert await _run(url, "SELECT taal, gesprekstaal FROM intakes") == [("en", "nl")]
    await _run(url, "UPDATE intakes SET gesprekstaal = 'en'")
    assert await _run(url, "SELECT gesprekstaal FROM intakes") == [("en",)]

    await asyncio.to_thread(migrate.downgrade, url, "0011")
    assert await _data(url) == before
    assert len((await _run(url, "SELECT * FROM intakes"))[0]) == len(columns[0])
    await asyncio.to_thread(migrate.upgrade, url, "0012")
    assert await _data(url) == before
    assert await _run(url, "SELECT gesprekstaal FROM intakes") == [("nl",)]
