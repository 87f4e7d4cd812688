"""``POST /api/public/status``: a reporter, also an anonymous one, sees with their receipt
code how their report is doing: when it arrived, when a contact person first opened it, when it
last changed. No staff names, no notes, and an unknown code tells nothing."""
from __future__ import annotations

import pytest

from backend import store
from cli.setup import DEMO_BOARD_FILE
from backend.schoolconfig import load_board_file
from tests.backend.helpers import get_status, add_user, api_login, post_intake


@pytest.fixture
async def contact_person(db):
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    return await add_user(db, "jet@school.nl", "demo")


async def test_the_reporter_sees_arrival_opening_and_change_but_no_names(client, contact_person):
    intake = await (await post_intake(client, school="demo", anoniem=True, naam=None, contact=None)).json()
    code = intake["code"]

    fresh = await (await get_status(client, code.lower())).json()
    assert fresh["status"] == "nieuw" and "aangekomen" in fresh["status_tekst"]
    assert fresh["ontvangen_op"] and fresh["geopend_op"] is None and fresh["laatst_gewijzigd"] is None

    await api_login(client, "jet@school.nl")
    assert (await client.get(f"/api/intakes/{intake['id']}")).status == 200  # opened
    opened = await (await get_status(client, code)).json()
    assert opened["geopend_op"] is not None and opened["status"] == "nieuw"

    await client.post(f"/api/intakes/{intake['id']}/claim", json={})
    await client.post(f"/api/intakes/{intake['id']}/notes", json={"tekst": "Gebeld met de mentor."})
    response = await get_status(client, code)
    assert response.headers["Cache-Control"] == "no-store"
    changed = await response.json()
    assert changed["status"] == "in_behandeling" and changed["laatst_gewijzigd"] is not None
    body = await response.text()
    assert "Contactpersoon" not in body and "jet" not in body and "mentor" not in body
    assert set(changed) == {
        "status", "status_tekst", "ontvangen_op", "geopend_op", "laatst_gewijzigd", "berichten",
    }
    assert changed["berichten"] == []


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC", "kort", "2222-2222-2222"])
async def test_an_unknown_or_malformed_code_is_a_dutch_404(client, code):
    response = await get_status(client, code)
    assert response.status == 404
    assert (await response.json())["error"].startswith("We kunnen geen melding vinden")


def test_status_codes_are_masked_in_log_lines():
    from backend.api.public import mask_copy_codes

    line = 'GET /api/public/status/K7QM-3XDA-9TPW HTTP/1.1" 200'
    assert mask_copy_codes(line) == 'GET /api/public/status/… HTTP/1.1" 200'
    reply = 'POST /api/public/status/k7qm3xda9tpw/berichten HTTP/1.1" 201'
    assert mask_copy_codes(reply) == 'POST /api/public/status/…/berichten HTTP/1.1" 201'
