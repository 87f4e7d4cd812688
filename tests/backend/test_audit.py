"""The audit log: every read (the intake's page, the JSON API) and every change of an intake
records who, when and what, and never the content itself."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from backend import store
from cli.setup import DEMO_BOARD_FILE
from backend.schoolconfig import load_board_file
from tests.backend.helpers import add_user, api_login, form_login, form_post, post_intake


@pytest.fixture
async def jet(db):
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    return await add_user(db, "jet@school.nl", "demo")


async def _actions(db, intake_id):
    return [(entry.action, entry.user_id) for entry in await store.audit.list_audit(db, intake_id)]


async def test_storing_and_reading_an_intake_is_logged(client, db, jet):
    started = datetime.now(timezone.utc) - timedelta(seconds=5)
    intake = await (await post_intake(client, school="demo")).json()
    assert await _actions(db, intake["id"]) == [(store.audit.STORED, None)]

    await form_login(client, "jet@school.nl")
    await client.get("/dashboard")  # the inbox shows snippets only: not a read of the intake
    assert await _actions(db, intake["id"]) == [(store.audit.STORED, None)]

    assert (await client.get(f"/dashboard/meldingen/{intake['id']}")).status == 200
    assert (await client.get(f"/api/intakes/{intake['id']}")).status == 200
    assert (await client.get("/api/intakes")).status == 200
    assert await _actions(db, intake["id"]) == [
        (store.audit.STORED, None),
        (store.audit.READ_PAGE, jet.id),
        (store.audit.READ_API, jet.id),
        (store.audit.READ_API_LIST, jet.id),
    ]
    for entry in await store.audit.list_audit(db, intake["id"]):
        assert started <= entry.created_at <= datetime.now(timezone.utc)

    # A failed read (another id, a user of another school) leaves no trace on this intake.
    await client.get("/api/intakes/bestaat-niet")
    assert len(await store.audit.list_audit(db, intake["id"])) == 4


async def test_every_change_is_logged_with_what_changed_but_not_the_text(client, db, jet):
    intake = await (await post_intake(client, school="demo")).json()
    base = f"/dashboard/meldingen/{intake['id']}"
    await form_login(client, "jet@school.nl")
    await form_post(client, f"{base}/oppakken", {}, base)
    await form_post(client, f"{base}/status", {"status": "doorverwezen", "reden": "Naar GGD, geheim."}, base)
    await form_post(client, f"{base}/notities", {"tekst": "Vertrouwelijke notitie."}, base)
    await form_post(client, f"{base}/stappen", {"omschrijving": "Bellen", "deadline": "2099-01-02"}, base)
    step_id = (await store.intakes.get_intake_for_user(db, jet, intake["id"])).steps[0].id
    await form_post(client, f"{base}/stappen/{step_id}/klaar", {}, base)
    await form_post(client, f"{base}/delen", {}, base)

    changes = [
        (entry.action, entry.user_id, entry.detail)
        for entry in await store.audit.list_audit(db, intake["id"])
        if entry.action not in (store.audit.STORED, store.audit.READ_PAGE)
    ]
    assert changes == [
        (store.audit.CLAIMED, jet.id, {"van": "nieuw", "naar": "in_behandeling"}),
        (store.audit.STATUS_CHANGED, jet.id, {"van": "in_behandeling", "naar": "doorverwezen"}),
        (store.audit.NOTE_ADDED, jet.id, {"notitie": changes[2][2]["notitie"]}),
        (store.audit.STEP_ADDED, jet.id, {"stap": step_id, "deadline": "2099-01-02"}),
        (store.audit.STEP_DONE, jet.id, {"stap": step_id}),
        (store.audit.SHARED, jet.id, {}),
    ]
    logged = json.dumps([entry.detail for entry in await store.audit.list_audit(db, intake["id"])])
    assert "geheim" not in logged and "Vertrouwelijke" not in logged

    # The intake's page shows its log: who did what, and when.
    page = await (await client.get(base)).text()
    assert "Wie heeft deze melding bekeken of gewijzigd?" in page
    for label in ("ontvangen via Wegwijzer", "Contactpersoon jet – opgepakt",
                  "Contactpersoon jet – gedeeld met de vertrouwenspersoon"):
        assert label in page, label


async def test_api_changes_are_logged_too(client, db, jet):
    intake = await (await post_intake(client, school="demo")).json()
    await api_login(client, "jet@school.nl")
    base = f"/api/intakes/{intake['id']}"
    await client.post(f"{base}/claim", json={})
    await client.post(f"{base}/status", json={"status": "afgesloten", "reden": "Klaar."})
    await client.post(f"{base}/notes", json={"tekst": "Eindnotitie."})
    actions = [action for action, _user in await _actions(db, intake["id"])]
    assert actions == [
        store.audit.STORED,
        store.audit.CLAIMED, store.audit.READ_API,
        store.audit.STATUS_CHANGED, store.audit.READ_API,
        store.audit.NOTE_ADDED, store.audit.READ_API,
    ]
    # A refused change (invalid transition) is not a change.
    await client.post(f"{base}/status", json={"status": "doorverwezen", "reden": "x"})
    assert len(await _actions(db, intake["id"])) == len(actions)


async def test_the_audit_log_outlives_a_deactivated_user(client, db, jet):
    intake = await (await post_intake(client, school="demo")).json()
    await store.casework.add_step(db, jet, intake["id"], "Bellen", date(2099, 1, 1))
    await store.accounts.set_user_active(db, "jet@school.nl", False)
    (entry,) = [e for e in await store.audit.list_audit(db, intake["id"]) if e.user_id]
    assert entry.user.email == "jet@school.nl" and entry.action == store.audit.STEP_ADDED
