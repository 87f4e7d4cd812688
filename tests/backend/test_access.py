"""Accounts and access: roles, login throttling, deactivation, and that nobody reaches an intake
of a school they do not serve (every intake URL, HTML and JSON)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from backend import store
from backend.auth import throttle
from cli.setup import DEMO_BOARD_FILE
from backend.models import utcnow
from backend.schoolconfig import load_board_file
from tests.backend.helpers import (
    PASSWORD,
    add_school,
    add_user,
    api_login,
    form_login,
    post_intake,
)


@pytest.fixture
async def people(db):
    """Board ``scol`` with school ``demo``; school ``zuid`` without a board. A contact person
    for each school, the board's vertrouwenspersoon, a board reporter and an admin."""
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    return {
        "demo": await add_user(db, "demo-cp@school.nl", "demo"),
        "zuid": await add_user(db, "zuid-cp@school.nl", "zuid"),
        "vp": await add_user(db, "vp@scol.nl", role="vertrouwenspersoon", board="scol"),
        "bestuur": await add_user(db, "bestuur@scol.nl", role="bestuur", board="scol"),
        "admin": await add_user(db, "admin@wegwijzer.nl", role="admin"),
    }


async def _intake(client, school: str, **fields) -> dict:
    response = await post_intake(client, school=school, **fields)
    assert response.status == 201
    return await response.json()


# --- every intake URL: another school's intake does not exist for you -------------------------

HTML, JSON = "html", "json"
# (kind, method, path, body) for every route that takes an intake id.
INTAKE_ENDPOINTS = [
    (HTML, "GET", "/dashboard/meldingen/{id}", None),
    (HTML, "POST", "/dashboard/meldingen/{id}/oppakken", {}),
    (HTML, "POST", "/dashboard/meldingen/{id}/status", {"status": "afgesloten", "reden": "Klaar."}),
    (HTML, "POST", "/dashboard/meldingen/{id}/notities", {"tekst": "Gezien."}),
    (HTML, "POST", "/dashboard/meldingen/{id}/stappen",
     {"omschrijving": "Bellen", "deadline": "2099-01-01"}),
    (HTML, "POST", "/dashboard/meldingen/{id}/stappen/{step_id}/klaar", {}),
    (HTML, "POST", "/dashboard/meldingen/{id}/delen", {}),
    (HTML, "GET", "/dashboard/meldingen/{id}/gegevens.json", None),
    (HTML, "POST", "/dashboard/meldingen/{id}/berichten", {"tekst": "Hoe gaat het nu?"}),
    (HTML, "POST", "/dashboard/meldingen/{id}/verwijderen", {"bevestig": "ja"}),
    (JSON, "GET", "/api/intakes/{id}", None),
    (JSON, "POST", "/api/intakes/{id}/claim", {}),
    (JSON, "POST", "/api/intakes/{id}/status", {"status": "afgesloten", "reden": "Klaar."}),
    (JSON, "POST", "/api/intakes/{id}/notes", {"tekst": "Gezien."}),
    (JSON, "POST", "/api/intakes/{id}/steps", {"omschrijving": "Bellen", "deadline": "2099-01-01"}),
    (JSON, "POST", "/api/intakes/{id}/steps/{step_id}/done", {}),
    (JSON, "POST", "/api/intakes/{id}/share", {}),
    (JSON, "POST", "/api/intakes/{id}/messages", {"text": "Hoe gaat het nu?"}),
    (JSON, "GET", "/api/intakes/{id}/export", None),
    (JSON, "DELETE", "/api/intakes/{id}", None),
]


def test_the_list_of_intake_endpoints_is_complete(client):
    """A new route with an intake id must join INTAKE_ENDPOINTS (and so the test below)."""
    in_app = set()
    for route in client.app.router.routes():
        path = route.resource.canonical if route.resource is not None else ""
        if "{id}" in path and route.method != "HEAD":
            in_app.add((route.method, path))
    tested = {(method, path) for _kind, method, path, _body in INTAKE_ENDPOINTS}
    assert in_app == tested


async def _request(client, kind, method, path, body):
    if method == "GET":
        return await client.get(path, allow_redirects=False)
    if method == "DELETE":
        return await client.delete(path, allow_redirects=False)
    if kind == JSON:
        return await client.post(path, json=body, allow_redirects=False)
    page = await client.get("/dashboard")
    token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    return await client.post(path, data={**body, "csrf_token": token}, allow_redirects=False)


@pytest.mark.parametrize(
    "kind,method,path,body", INTAKE_ENDPOINTS,
    ids=[f"{method} {path}" for _k, method, path, _b in INTAKE_ENDPOINTS],
)
async def test_a_contact_person_gets_404_for_every_url_of_another_schools_intake(
    client, db, people, kind, method, path, body
):
    other = await _intake(client, "zuid", wat_gebeurd="Geheim verhaal van zuid.")
    step = await store.casework.add_step(db, people["zuid"], other["id"], "Bellen", date(2099, 1, 1))
    await form_login(client, "demo-cp@school.nl")

    url = path.format(id=other["id"], step_id=step.id)
    response = await _request(client, kind, method, url, body)
    assert response.status == 404
    text = await response.text()
    assert "Geheim verhaal" not in text
    if kind == JSON:
        assert (await response.json())["error"] == "Deze melding bestaat niet."
    else:
        assert "Niet gevonden" in text

    # Nothing changed, and the audit log holds nothing of the wrong user.
    stored = await store.intakes.get_intake_for_user(db, people["zuid"], other["id"])
    assert (stored.status, stored.handler_id, stored.shared_at) == ("nieuw", None, None)
    assert stored.notes == [] and stored.messages == []
    assert [s.done_at for s in stored.steps] == [None]
    assert len(stored.steps) == 1
    audit = await store.audit.list_audit(db, other["id"])
    assert people["demo"].id not in {entry.user_id for entry in audit}


async def test_the_own_schools_intake_is_reachable_on_both_pages(client, people):
    own = await _intake(client, "demo")
    await form_login(client, "demo-cp@school.nl")
    assert (await client.get(f"/dashboard/meldingen/{own['id']}")).status == 200
    assert (await client.get(f"/api/intakes/{own['id']}")).status == 200


# --- roles -----------------------------------------------------------------------------------

async def test_the_vertrouwenspersoon_sees_only_what_was_shared_with_them(client, db, people):
    shared = await _intake(client, "demo", wat_gebeurd="Gedeeld verhaal.")
    private = await _intake(client, "demo", wat_gebeurd="Niet gedeeld verhaal.")
    elsewhere = await _intake(client, "zuid", wat_gebeurd="Van een school zonder bestuur.")
    assert await store.casework.share_intake(db, people["demo"], shared["id"]) is True

    await api_login(client, "vp@scol.nl")
    listed = await (await client.get("/api/intakes")).json()
    assert [record["id"] for record in listed] == [shared["id"]]
    assert (await client.get(f"/api/intakes/{private['id']}")).status == 404
    assert (await client.get(f"/api/intakes/{elsewhere['id']}")).status == 404

    # They may add a note; claiming, status changes, sharing and writing to the reporter stay
    # with the contact person.
    note = await client.post(f"/api/intakes/{shared['id']}/notes", json={"tekst": "Ik bel."})
    assert note.status == 201
    for path, body in (
        ("claim", {}), ("status", {"status": "afgesloten", "reden": "x"}), ("share", {}),
        ("messages", {"text": "Hallo"}),
    ):
        refused = await client.post(f"/api/intakes/{shared['id']}/{path}", json=body)
        assert refused.status == 403, path
        assert "rol" in (await refused.json())["error"]
    refused = await client.delete(f"/api/intakes/{shared['id']}")  # only a contact person
    assert refused.status == 403 and "rol" in (await refused.json())["error"]

    page = await client.get(f"/dashboard/meldingen/{shared['id']}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    forged = await client.post(
        f"/dashboard/meldingen/{shared['id']}/oppakken", data={"csrf_token": token},
        allow_redirects=False,
    )
    assert forged.status == 403 and "met jouw rol niet" in await forged.text()
    assert (await store.intakes.get_intake_for_user(db, people["demo"], shared["id"])).handler_id is None

    html = await (await client.get("/dashboard")).text()
    assert "Gedeeld verhaal." in html and "Niet gedeeld verhaal." not in html
    assert "die met jou zijn gedeeld" in html
    page = await (await client.get(f"/dashboard/meldingen/{shared['id']}")).text()
    assert "Nieuwe notitie" in page and "Ik pak dit op" not in page and "Status wijzigen" not in page
    assert "Berichten met de melder" in page and "Bericht versturen" not in page
    assert "Verwijderen op verzoek" not in page


@pytest.mark.parametrize("email", ["bestuur@scol.nl", "admin@wegwijzer.nl"])
async def test_board_reporters_and_admins_see_no_intake_text_anywhere(client, db, people, email):
    intake = await _intake(client, "demo", wat_gebeurd="Vrije tekst van de melder.")
    await store.casework.share_intake(db, people["demo"], intake["id"])
    await form_login(client, email)
    assert await (await client.get("/api/intakes")).json() == []
    assert (await client.get(f"/api/intakes/{intake['id']}")).status == 404
    assert (await client.get(f"/dashboard/meldingen/{intake['id']}")).status == 404
    html = await (await client.get("/dashboard")).text()
    assert "Vrije tekst" not in html and intake["code"] not in html
    assert "Met jouw account zie je geen meldingen" in html


async def test_me_tells_the_role_and_the_schools_served(client, people):
    await api_login(client, "vp@scol.nl")
    assert await (await client.get("/api/auth/me")).json() == {
        "name": "Contactpersoon vp", "email": "vp@scol.nl", "role": "vertrouwenspersoon",
        "schools": ["demo"],
    }


# --- login throttling ------------------------------------------------------------------------

async def test_five_wrong_passwords_lock_the_account_from_this_address_for_a_while(client, people):
    for _ in range(throttle.MAX_FAILURES):
        response = await form_login(client, "demo-cp@school.nl", "verkeerd-wachtwoord")
        assert response.status == 200
        assert "horen niet bij elkaar" in await response.text()

    # Now even the right password is refused, in Dutch, on the form and in the JSON API.
    response = await form_login(client, "demo-cp@school.nl", PASSWORD)
    assert response.status == 429
    html = await response.text()
    assert throttle.TOO_MANY in html and 'role="alert"' in html
    assert response.headers["Retry-After"] == "900"
    assert (await client.get("/dashboard", allow_redirects=False)).status == 302
    api = await api_login(client, "demo-cp@school.nl")
    assert api.status == 429
    assert (await api.json())["error"] == throttle.TOO_MANY

    # Another account from the same address is not affected.
    assert (await form_login(client, "zuid-cp@school.nl")).status == 302


async def test_failures_count_only_within_the_window_and_a_success_clears_them(db, people):
    email, ip = "demo-cp@school.nl", "203.0.113.7"
    long_ago = utcnow() - throttle.WINDOW - timedelta(minutes=1)
    key = throttle.throttle_key(email, ip)
    for _ in range(throttle.MAX_FAILURES):
        await store.accounts.record_login_failure(db, key, now=long_ago)
    user = await throttle.login(db, email, PASSWORD, ip)  # old failures do not count
    assert user.email == email

    for _ in range(throttle.MAX_FAILURES - 1):
        with pytest.raises(store.errors.InvalidCredentials):
            await throttle.login(db, email, "fout-fout-fout", ip)
    await throttle.login(db, email, PASSWORD, ip)  # the fifth try succeeds: count cleared
    for _ in range(throttle.MAX_FAILURES):
        with pytest.raises(store.errors.InvalidCredentials):
            await throttle.login(db, email, "fout-fout-fout", ip)
    with pytest.raises(throttle.TooManyAttempts):
        await throttle.login(db, email, PASSWORD, ip)
    # The same account from another address still can.
    assert (await throttle.login(db, email, PASSWORD, "198.51.100.1")).email == email
    # A quarter of an hour later it can again.
    later = utcnow() + throttle.WINDOW + timedelta(seconds=1)
    assert (await throttle.login(db, email, PASSWORD, ip, now=later)).email == email


# --- deactivated users -----------------------------------------------------------------------

async def test_a_deactivated_user_cannot_log_in_and_loses_an_open_session(client, db, people):
    intake = await _intake(client, "demo")
    assert (await form_login(client, "demo-cp@school.nl")).status == 302
    assert (await client.get(f"/api/intakes/{intake['id']}")).status == 200

    assert await store.accounts.set_user_active(db, "demo-cp@school.nl", False) is True
    assert (await client.get("/dashboard", allow_redirects=False)).status == 302
    assert (await client.get(f"/api/intakes/{intake['id']}")).status == 401
    refused = await form_login(client, "demo-cp@school.nl")
    assert refused.status == 200 and "horen niet bij elkaar" in await refused.text()
    assert (await api_login(client, "demo-cp@school.nl")).status == 401

    await store.accounts.set_user_active(db, "demo-cp@school.nl", True)
    assert (await form_login(client, "demo-cp@school.nl")).status == 302
