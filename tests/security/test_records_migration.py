"""Migration 0010 on a database that holds intakes with plain receipt codes: afterwards the
codes are gone from the database, each intake has a case reference, and the reporter's code
still opens their intake (by its keyed hash). SQLite, and PostgreSQL when configured."""
from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.engine import make_url

from backend import migrate, store
from backend.auth import codes
from backend.db import create_engine, create_session_factory
from tests.backend.conftest import database_kind, fresh_database  # noqa: F401
from tests.backend.test_migrations import _run, _seed_0001


async def test_0010_hashes_existing_codes_and_gives_references(fresh_database):
    url = fresh_database
    await asyncio.to_thread(migrate.upgrade, url, "0001")
    await _seed_0001(url)  # an intake of 1 Nov 2024 with the code AAAA-BBBB-CCCC
    await asyncio.to_thread(migrate.upgrade, url, "0009")
    await _run(
        url,
        "INSERT INTO intakes (id, code, school_id, kanaal, conversation_id, rol, categorieen, "
        "wat_gebeurd, wanneer, betrokkenen, al_ondernomen, wens, advies_routes, signalen, anoniem, "
        "status, created_at, taal) SELECT 'i-2', 'DDDD-EEEE-FFFF', school_id, kanaal, 'conv-2', "
        "rol, categorieen, wat_gebeurd, wanneer, betrokkenen, al_ondernomen, wens, advies_routes, "
        "signalen, anoniem, status, created_at + INTERVAL '1 day', taal FROM intakes"
        if "postgresql" in url else
        "INSERT INTO intakes (id, code, school_id, kanaal, conversation_id, rol, categorieen, "
        "wat_gebeurd, wanneer, betrokkenen, al_ondernomen, wens, advies_routes, signalen, anoniem, "
        "status, created_at, taal) SELECT 'i-2', 'DDDD-EEEE-FFFF', school_id, kanaal, 'conv-2', "
        "rol, categorieen, wat_gebeurd, wanneer, betrokkenen, al_ondernomen, wens, advies_routes, "
        "signalen, anoniem, status, datetime(created_at, '+1 day'), taal FROM intakes",
    )

    await asyncio.to_thread(migrate.upgrade, url, "0010")
    rows = await _run(
        url, "SELECT id, referentie, intake_key, code_hash FROM intakes ORDER BY id"
    )
    key = codes.code_key_from_env()
    assert rows == [
        ("i-1", "M-2024-0001", "conv-1", codes.code_hash("AAAA-BBBB-CCCC", key)),
        ("i-2", "M-2024-0002", "conv-2", codes.code_hash("DDDD-EEEE-FFFF", key)),
    ]
    if make_url(url).get_backend_name() == "sqlite":
        raw = Path(make_url(url).database).read_bytes()
        assert b"AAAA-BBBB-CCCC" not in raw and b"DDDD-EEEE-FFFF" not in raw

    # The ORM knows the newest schema: the migrations after 0010 first.
    await asyncio.to_thread(migrate.upgrade, url, "head")
    engine = create_engine(url)
    try:
        found = await store.intakes.get_intake_by_code(create_session_factory(engine), "AAAA-BBBB-CCCC")
        assert found.id == "i-1"
    finally:
        await engine.dispose()

    # Down again: a fresh code nobody holds (the old one cannot come back), then up again.
    await asyncio.to_thread(migrate.downgrade, url, "0009")
    [(code,)] = await _run(url, "SELECT code FROM intakes WHERE id = 'i-1'")
    assert code != "AAAA-BBBB-CCCC"
    await asyncio.to_thread(migrate.upgrade, url)
    assert len(await _run(url, "SELECT referentie FROM intakes")) == 2
