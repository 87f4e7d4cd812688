"""Migration 0009: the reporter's language on each intake, on a database that holds intakes."""
from __future__ import annotations

import asyncio

from backend import migrate
from tests.backend.test_migrations import _data, _run, _seeded_at


async def test_0009_gives_existing_intakes_dutch_and_downgrades(fresh_database):
    url = fresh_database
    await _seeded_at(url, "0008")
    before = await _data(url)

    await asyncio.to_thread(migrate.upgrade, url, "0009")
    assert await _data(url) == before
    assert await _run(url, "SELECT taal FROM intakes") == [("nl",)]  # taken in Dutch
    await _run(url, "UPDATE intakes SET taal = 'tr'")
    assert await _run(url, "SELECT taal FROM intakes") == [("tr",)]

    await asyncio.to_thread(migrate.downgrade, url, "0008")
    assert await _data(url) == before
    columns = await _run(url, "SELECT * FROM intakes")
    await asyncio.to_thread(migrate.upgrade, url, "0009")  # 0010 hashes the codes
    assert await _data(url) == before
    assert len((await _run(url, "SELECT * FROM intakes"))[0]) == len(columns[0]) + 1
