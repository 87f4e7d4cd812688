"""Privacy requests in the browser and through the API (``backend.store.privacy``): a contact person
deletes an intake on the reporter's request (with Rasa's copy of the conversation) and exports
it; an admin hands a leaving contact person's cases over to a successor."""
from __future__ import annotations

from datetime import date

from backend import store
from tests.backend.helpers import add_school, add_user, api_login, form_login, form_post, post_intake
from tests.backend.test_cli_privacy import tracker_store  # noqa: F401


async def _intake(client, school: str = "noord", **fields) -> dict:
    response = await post_intake(client, school=school, **fields)
    assert response.status == 201
    return await response.json()


async def test_a_contact_person_deletes_an_intake_in_the_dashboard_and_through_the_api(
    client, db, tracker_store, monkeypatch  # noqa: F811
):
    await add_school(db, "noord", "Noorderlicht College")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    noord = await add_user(db, "noord@school.nl", "noord")
    await add_user(db, "zuid@school.nl", "zuid")
    first = await _intake(client, wat_gebeurd="Eerste verhaal van de melder.")
    second = await _intake(client, wat_gebeurd="Tweede verhaal van de melder.")
    await store.casework.add_note(db, noord, first["id"], "Gebeld met de mentor.")
    for intake in (first, second):
        tracker_store.add(intake["conversation_id"], "Hoi, ik word gepest")
    tracker_store.add("iemand-anders", "Een ander gesprek")

    # The page: a separate section; without the checkbox nothing goes.
    await form_login(client, "noord@school.nl")
    page_url = f"/dashboard/meldingen/{first['id']}"
    page = await (await client.get(page_url)).text()
    assert "Verwijderen op verzoek van de melder" in page
    assert "Ik weet dat dit niet terug kan" in page
    url = f"{page_url}/verwijderen"
    unconfirmed = await form_post(client, url, {}, page_url)
    assert unconfirmed.status == 400
    assert "Zet een vinkje" in await unconfirmed.text()
    assert (await client.get(page_url)).status == 200

    deleted = await form_post(client, url, {"bevestig": "ja"}, page_url)
    assert deleted.status == 303 and deleted.headers["Location"] == "/dashboard"
    inbox = await (await client.get("/dashboard")).text()
    assert "De melding is verwijderd" in inbox and "ook gewist" in inbox
    assert first["id"] not in inbox and second["id"] in inbox
    assert (await client.get(page_url)).status == 404
    assert tracker_store.senders() == {second["conversation_id"], "iemand-anders"}
    audit = await store.audit.list_audit(db, first["id"])
    assert (audit[-1].action, audit[-1].user_id) == (store.audit.DELETED, noord.id)
    assert "Gebeld" not in repr([entry.detail for entry in audit])

    # The API: another school's contact person gets 404 and changes nothing.
    await api_login(client, "zuid@school.nl")
    assert (await client.get(f"/api/intakes/{second['id']}/export")).status == 404
    refused = await client.delete(f"/api/intakes/{second['id']}")
    assert refused.status == 404
    assert (await refused.json())["error"] == "Deze melding bestaat niet."

    await api_login(client, "noord@school.nl")
    export = await client.get(f"/api/intakes/{second['id']}/export")
    assert export.status == 200
    data = await export.json()
    assert (data["id"], data["wat_gebeurd"]) == (second["id"], "Tweede verhaal van de melder.")
    assert data["logboek"][-1]["actie"] == store.audit.EXPORTED  # the export itself is audited
    assert data["logboek"][-1]["door"] == noord.name

    gone = await client.delete(f"/api/intakes/{second['id']}")
    assert gone.status == 204 and gone.headers["X-Gesprek-Gewist"] == "ja"
    assert (await client.get(f"/api/intakes/{second['id']}")).status == 404
    assert await (await client.get("/api/intakes")).json() == []
    assert tracker_store.senders() == {"iemand-anders"}
    assert (await store.audit.list_audit(db, second["id"]))[-1].action == store.audit.DELETED

    # The tracker store cannot be reached: the intake still goes, and the page says so.
    monkeypatch.setenv("TRACKER_STORE_URL", "mysql://rasa@nergens/rasa")
    third = await _intake(client)
    await form_login(client, "noord@school.nl")
    third_url = f"/dashboard/meldingen/{third['id']}"
    deleted = await form_post(client, f"{third_url}/verwijderen", {"bevestig": "ja"}, third_url)
    assert deleted.status == 303
    inbox = await (await client.get("/dashboard")).text()
    assert "De melding is verwijderd" in inbox and "kon nu niet gewist worden" in inbox
    assert third["id"] not in inbox
    fourth = await _intake(client)
    await api_login(client, "noord@school.nl")
    gone = await client.delete(f"/api/intakes/{fourth['id']}")
    assert gone.status == 204 and gone.headers["X-Gesprek-Gewist"] == "nee"
    assert (await client.get(f"/api/intakes/{fourth['id']}")).status == 404


async def test_the_admin_hands_over_through_the_page_and_the_api(client, db):
    await add_school(db, "noord", "Noorderlicht College")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    jet = await add_user(db, "jet@school.nl", "noord")
    kim = await add_user(db, "kim@school.nl", "zuid")
    admin = await add_user(db, "admin@wegwijzer.nl", role="admin")
    intake = await _intake(client)
    await store.casework.claim_intake(db, jet, intake["id"])
    await store.casework.add_step(db, jet, intake["id"], "Terugbellen", date(2099, 1, 1))

    # A contact person cannot reach the hand-over, on the page or through the API.
    await form_login(client, "kim@school.nl")
    assert (await client.get("/dashboard/beheer/overdracht")).status == 403
    assert "/dashboard/beheer/overdracht" not in await (await client.get("/dashboard")).text()
    refused = await client.post(
        "/api/admin/handover", json={"from": "jet@school.nl", "to": "kim@school.nl"}
    )
    assert refused.status == 403
    assert (await client.get(f"/api/intakes/{intake['id']}")).status == 404

    # The admin: the nav links the page; a missing confirmation moves nothing.
    await form_login(client, "admin@wegwijzer.nl")
    inbox = await (await client.get("/dashboard")).text()
    assert 'href="/dashboard/beheer/overdracht"' in inbox
    page_url = "/dashboard/beheer/overdracht"
    page = await (await client.get(page_url)).text()
    assert "jet@school.nl" in page and "kim@school.nl" in page and intake["referentie"] not in page
    form = {"van": "jet@school.nl", "naar": "kim@school.nl", "actief": "ja"}
    unconfirmed = await form_post(client, page_url, form, page_url)
    assert unconfirmed.status == 400 and "Zet een vinkje" in await unconfirmed.text()
    to_admin = await form_post(
        client, page_url, {**form, "naar": "admin@wegwijzer.nl", "bevestig": "ja"}, page_url
    )
    assert to_admin.status == 409 and "geen actieve contactpersoon" in await to_admin.text()
    assert (await store.intakes.get_intake_for_user(db, jet, intake["id"])).handler_id == jet.id

    done = await form_post(client, page_url, {**form, "bevestig": "ja"}, page_url)
    assert done.status == 303 and done.headers["Location"] == page_url
    page = await (await client.get(page_url)).text()
    assert "1 zaak en 1 open vervolgstap overgedragen." in page
    audit = await store.audit.list_audit(db, intake["id"])
    assert (audit[-1].action, audit[-1].user_id) == (store.audit.CASES_TRANSFERRED, admin.id)

    # The successor now sees the case; the leaver stayed active (the box was ticked).
    await form_login(client, "kim@school.nl")
    assert intake["id"] in await (await client.get("/dashboard")).text()
    detail = await (await client.get(f"/api/intakes/{intake['id']}")).json()
    assert detail["behandelaar"] == kim.name

    # Through the API, back to jet, who the hand-over leaves active only when asked.
    await api_login(client, "admin@wegwijzer.nl")
    bad = await client.post("/api/admin/handover", json={"from": "kim@school.nl"})
    assert bad.status == 400 and "to" in (await bad.json())["fields"]
    unknown = await client.post(
        "/api/admin/handover", json={"from": "niemand@school.nl", "to": "jet@school.nl"}
    )
    assert unknown.status == 404 and "niemand@school.nl" in (await unknown.json())["error"]
    moved = await client.post(
        "/api/admin/handover",
        json={"from": "kim@school.nl", "to": "jet@school.nl", "keep_active": False},
    )
    assert moved.status == 200
    outcome = await moved.json()
    assert outcome["zaken"] == [intake["id"]] and outcome["vervolgstappen"] == 1
    assert outcome["gedeactiveerd"] is True and "zuid" in outcome["scholen"]
    await api_login(client, "jet@school.nl")
    detail = await (await client.get(f"/api/intakes/{intake['id']}")).json()
    assert detail["behandelaar"] == jet.name
    assert (await api_login(client, "kim@school.nl")).status == 401
