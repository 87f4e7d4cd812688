"""The contact persons' HTML pages: login form, CSRF, the intake list."""
from __future__ import annotations

import re

import pytest

from tests.backend.helpers import PASSWORD, add_school, add_user, csrf_token_from, post_intake


@pytest.fixture
async def school(db):
    await add_school(db, "noord", "Noorderlicht College")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    await add_user(db, "noord@school.nl", "noord")


async def form_login(client, email="noord@school.nl", password=PASSWORD):
    token = await csrf_token_from(client)
    return await client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        allow_redirects=False,
    )


async def test_dashboard_sends_you_to_login_when_logged_out(client):
    response = await client.get("/dashboard", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/login"


async def test_the_login_page_is_dutch_and_accessible(client):
    response = await client.get("/login")
    assert response.status == 200
    html = await response.text()
    assert '<html lang="nl">' in html
    assert 'name="viewport"' in html
    assert '<label for="email">E-mailadres</label>' in html and 'id="email"' in html
    assert '<label for="password">Wachtwoord</label>' in html and 'id="password"' in html
    assert re.search(r'name="csrf_token" value="[\w-]{40,}"', html)
    css = await client.get("/static/style.css")
    assert css.status == 200 and "text/css" in css.headers["Content-Type"]


async def test_form_login_shows_the_schools_intakes_newest_first(client, school):
    await post_intake(client, wat_gebeurd="Eerste melding.")
    long_text = "Dit is een lange beschrijving. " * 10
    newest = await (await post_intake(client, wat_gebeurd=long_text)).json()
    other = await (await post_intake(client, school="zuid", wat_gebeurd="Van een andere school.")).json()

    response = await form_login(client)
    assert response.status == 302 and response.headers["Location"] == "/dashboard"
    page = await client.get("/dashboard")
    assert page.status == 200
    html = await page.text()
    # Each intake is a row with its id (the receipt code is the reporter's, never shown here).
    assert f'data-id="{newest["id"]}"' in html and "Noorderlicht College" in html
    assert newest["code"] not in html
    assert html.index(newest["id"]) < html.index("Eerste melding.")
    assert other["id"] not in html and "Van een andere school." not in html
    # The first ~120 characters of wat_gebeurd, not all of it.
    assert " ".join(long_text.split())[:100] in html
    assert long_text.strip() not in html and "…" in html
    assert "Pesten, cyberpesten" in html and "leerling" in html and "Nieuw" in html


async def test_intake_text_is_escaped_on_the_dashboard(client, school):
    await post_intake(client, wat_gebeurd="<script>alert('x')</script> en <b>vet</b>")
    await form_login(client)
    html = await (await client.get("/dashboard")).text()
    assert "<script>alert" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;" in html


async def test_an_empty_dashboard_says_so_kindly(client, school):
    await form_login(client)
    html = await (await client.get("/dashboard")).text()
    assert "Er zijn nog geen meldingen." in html
    assert "<table" not in html


async def test_a_wrong_password_shows_the_form_again_with_the_email_kept(client, school):
    response = await form_login(client, password="helemaal-fout")
    assert response.status == 200
    html = await response.text()
    assert 'role="alert"' in html and "horen niet bij elkaar" in html
    assert 'value="noord@school.nl"' in html
    assert (await client.get("/dashboard", allow_redirects=False)).status == 302


@pytest.mark.parametrize("token", [None, "vervalst-token"], ids=["missing", "wrong"])
async def test_a_login_without_the_right_csrf_token_is_refused(client, school, token):
    await client.get("/login")  # the session holds a real token
    data = {"email": "noord@school.nl", "password": PASSWORD}
    if token is not None:
        data["csrf_token"] = token
    response = await client.post("/login", data=data, allow_redirects=False)
    assert response.status == 403
    html = await response.text()
    assert '<html lang="nl">' in html and "Geen toegang" in html
    assert (await client.get("/dashboard", allow_redirects=False)).status == 302


async def test_logout_needs_csrf_and_ends_the_session(client, school):
    await form_login(client)
    refused = await client.post("/logout", data={}, allow_redirects=False)
    assert refused.status == 403
    assert (await client.get("/dashboard", allow_redirects=False)).status == 200

    token = await csrf_token_from(client, "/dashboard")
    response = await client.post("/logout", data={"csrf_token": token}, allow_redirects=False)
    assert response.status == 302 and response.headers["Location"] == "/login"
    assert (await client.get("/dashboard", allow_redirects=False)).status == 302


async def test_unknown_pages_get_a_dutch_error_page(client):
    response = await client.get("/bestaat-niet")
    assert response.status == 404
    assert "text/html" in response.headers["Content-Type"]
    assert "Niet gevonden" in await response.text()
