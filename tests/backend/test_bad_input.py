"""Regressions of what the fuzzer (``test_fuzz_api.py``) found, on SQLite and PostgreSQL:
each of these answered 500 on PostgreSQL before."""
from __future__ import annotations

import pytest

from backend.middlewares import NUL_REFUSED
from tests.backend.helpers import AUTH, add_school, add_user, api_login, csrf_token_from, post_intake


@pytest.fixture
async def logged_in(client, db):
    await add_school(db, "noord")
    await add_user(db, "cp@noord.nl", "noord")
    assert (await api_login(client, "cp@noord.nl")).status == 200
    response = await post_intake(client)
    assert response.status == 201
    return await response.json()


@pytest.mark.parametrize("path", [
    "/api/intakes/%00", "/api/intakes/x%00y/export", "/api/schools/demo%00",
    "/api/public/status/AB%00CD", "/scholen/demo%00",
])
async def test_a_nul_in_the_path_finds_nothing(client, logged_in, path):
    response = await client.get(path)
    assert response.status == 404


@pytest.mark.parametrize("path", [
    "/api/reports?school=noord%00", "/api/public/kopie/ABCD?formaat=%00",
])
async def test_a_nul_in_the_query_is_a_dutch_400(client, logged_in, path):
    response = await client.get(path)
    assert response.status == 400
    assert (await response.json()) == {"error": NUL_REFUSED}


async def test_a_nul_in_a_json_body_is_refused_or_removed(client, logged_in):
    """Where a text reaches a query as it is (an e-mail address, a school), a NUL is a Dutch
    400; free text loses it with the other control characters, as before."""
    for path, body in (
        ("/api/auth/login", {"email": "cp@noord.nl\u0000", "password": "x"}),
        ("/api/telegram/link", {"code": "ABCD-EFGH\u0000", "chat_id": 1}),
    ):
        response = await client.post(path, json=body, headers=AUTH)
        assert response.status == 400, path
        assert (await response.json()) == {"error": NUL_REFUSED}, path
    signal = await client.post("/api/signals", json={
        "school": "no\u0000ord", "datum": "2024-01-01", "categorieen": ["pesten"], "rol": "ouder",
    })
    assert signal.status in (400, 403) and "error" in await signal.json()
    note = await client.post(f"/api/intakes/{logged_in['id']}/notes", json={"tekst": "a\u0000b"})
    assert note.status == 201
    assert [n["tekst"] for n in (await note.json())["notities"]] == ["ab"]
    response = await post_intake(client, school="noord\u0000")
    assert response.status == 400 and list((await response.json())["fields"]) == ["school"]


async def test_a_nul_in_a_form_is_refused(client, db):
    token = await csrf_token_from(client, "/login")
    response = await client.post(
        "/login", data={"email": "cp@noord.nl\x00", "password": "x", "csrf_token": token}
    )
    assert response.status == 400
    assert "Dat lukte niet" in await response.text()


@pytest.mark.parametrize("number", ["2147483648", "18014398509481985", "0"])
async def test_an_id_no_row_can_have_is_a_404(client, logged_in, number):
    base = f"/api/intakes/{logged_in['id']}"
    for method, path in (
        ("POST", f"{base}/steps/{number}/done"), ("GET", f"/api/signals/{number}"),
    ):
        response = await client.request(method, path, json={})
        assert response.status == 404, path
        assert "error" in await response.json()
