"""A vertrouwenspersoon of another board tries to read intakes by the school's move: an intake is
shared with the board the school belonged to at the moment of sharing, and stays with that board
when the school moves. Against the real app and database (SQLite and PostgreSQL), over HTTP."""
from __future__ import annotations

from backend import store
from cli.setup import DEMO_BOARD_FILE
from backend.models import Board
from backend.schoolconfig import load_board_file
from tests.backend.conftest import (  # noqa: F401 (the fixtures: a migrated database, the app)
    client, config, database_kind, database_url, db, migrated_databases,
)
from tests.backend.helpers import add_user, api_login, post_intake


async def test_a_vertrouwenspersoon_of_the_new_board_cannot_read_what_was_shared_with_the_old(
    client, db  # noqa: F811
):
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))  # board scol, school demo
    async with db() as session:
        async with session.begin():
            session.add(Board(slug="noord", name="Bestuur Noord", profile={}))
    contact = await add_user(db, "cp@demo.nl", "demo")
    await add_user(db, "vp@scol.nl", role="vertrouwenspersoon", board="scol")
    await add_user(db, "vp@noord.nl", role="vertrouwenspersoon", board="noord")
    response = await post_intake(client, school="demo", wat_gebeurd="Gedeeld met SCOL.")
    shared = await response.json()
    assert await store.casework.share_intake(db, contact, shared["id"]) is True

    outcome = await store.schools.add_school(db, "demo", "Demoschool De Wegwijzer", board="noord")
    assert outcome.board_changed  # the school moved to another board

    await api_login(client, "vp@noord.nl")
    assert (await client.get(f"/api/intakes/{shared['id']}")).status == 404
    assert shared["id"] not in [i["id"] for i in await (await client.get("/api/intakes")).json()]
    await client.post("/api/auth/logout")
    await api_login(client, "vp@scol.nl")  # the one it was shared with keeps it
    assert (await client.get(f"/api/intakes/{shared['id']}")).status == 200
