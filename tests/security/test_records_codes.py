"""Attacks on the receipt code (issue 15, "the code is the reporter's alone"), against the real
backend app over real HTTP, on the real migrated database: SQLite, and PostgreSQL when
``WEGWIJZER_TEST_POSTGRES_URL`` is set.

Each test is named after what the attacker tries.
"""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from backend import store
from backend.db import create_engine
from backend.models import utcnow
from backend.store import copy_links
from tests.backend.conftest import (  # noqa: F401  (the backend tests' fixtures)
    client, config, database_kind, database_url, db, migrated_databases,
)
from tests.backend.helpers import (
    add_school, add_user, api_login, csrf_token_from, form_login, post_intake,
)

CODE = "K7QM-3XDA-9TPW"
STORY = "Meneer Jansen maakt elke week grappen over mijn huidskleur."
REFERENTIE_RE = re.compile(r"^M-\d{4}-\d{4}$")


def code_forms(code: str) -> list[str]:
    """The code as anyone might find it: with dashes, without, in lower case."""
    plain = code.replace("-", "")
    return [code, plain, code.lower(), plain.lower()]


def holds_code(body: str, code: str = CODE) -> bool:
    return any(form in body for form in code_forms(code))


@pytest.fixture
async def reported(client, db):
    """A reported intake at school noord with the code ``CODE``, and its contact person."""
    await add_school(db, "noord")
    await add_user(db, "jet@school.nl", "noord")
    response = await post_intake(client, code=CODE, wat_gebeurd=STORY)
    assert response.status == 201
    body = await response.json()
    assert body["code"] == CODE  # given once, to the action server
    return body


async def test_staff_look_for_the_receipt_code_in_every_page_api_answer_and_export(client, reported):
    assert REFERENTIE_RE.match(reported["referentie"])
    assert (await api_login(client, "jet@school.nl")).status == 200
    intake_id = reported["id"]
    for path in (
        "/api/intakes", f"/api/intakes/{intake_id}", f"/api/intakes/{intake_id}/export",
        "/dashboard", f"/dashboard/meldingen/{intake_id}",
        f"/dashboard/meldingen/{intake_id}/gegevens.json",
    ):
        response = await client.get(path)
        assert response.status == 200, path
        body = await response.text()
        assert reported["referentie"] in body, path  # staff work with the reference
        assert STORY.split()[0] in body or path == "/dashboard", path
        assert not holds_code(body), f"receipt code in {path}"


async def test_staff_post_as_the_reporter_with_what_they_can_see(client, db, reported):
    """The reference, the intake id or the conversation id do not open the reporter's thread."""
    for guess in (reported["referentie"], reported["id"], reported["conversation_id"]):
        response = await client.post(
            "/api/public/status/berichten", json={"code": guess, "tekst": "Ik trek mijn klacht in."}
        )
        assert response.status == 404, guess
    detail = await store.intakes.reporter_status(db, CODE)
    assert detail["berichten"] == []  # nothing landed on the case


async def test_a_database_dump_holds_no_receipt_code(client, db, reported, database_url):
    # The code was used (status, a reply, a copy link) so every table that might keep it did.
    assert (await client.post("/api/public/status", json={"code": CODE})).status == 200
    reply = await client.post("/api/public/status/berichten", json={"code": CODE, "tekst": "Hallo"})
    assert reply.status == 201
    assert (await client.post("/api/public/kopielink", json={"code": CODE})).status == 201
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        files = [Path(url.database), Path(url.database + "-wal"), Path(url.database + "-journal")]
        raw = b"".join(path.read_bytes() for path in files if path.exists())
        assert STORY.encode("utf-8") not in raw  # free text is encrypted at rest as well
        for form in code_forms(CODE):
            assert form.encode("ascii") not in raw
        return
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            tables = (await connection.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ))).scalars().all()
            for table in tables:
                rows = (await connection.execute(text(f'SELECT t::text FROM "{table}" t'))).scalars()
                assert not any(holds_code(row) for row in rows), table
    finally:
        await engine.dispose()


async def test_the_old_code_urls_answer_nothing(client, reported):
    """A code in a URL would sit in a family's shared browser history and in proxy logs."""
    for path in (f"/api/public/kopie/{CODE}", f"/api/public/kopie/{CODE}.txt",
                 f"/api/public/status/{CODE}"):
        response = await client.get(path)
        assert response.status in (404, 405), path
        assert not holds_code(await response.text())


async def test_the_download_name_does_not_carry_the_code(client, reported):
    response = await client.post("/api/public/kopie", json={"code": CODE.lower()})
    assert response.status == 200
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="wegwijzer-kopie-\d{4}-\d{2}-\d{2}\.pdf"', disposition)
    text_copy = await client.post("/api/public/kopie", json={"code": CODE, "formaat": "tekst"})
    assert STORY in await text_copy.text()


async def test_a_copy_link_is_used_twice_or_after_it_expired(client, db, reported):
    made = await client.post("/api/public/kopielink", json={"code": CODE})
    assert made.status == 201
    path = (await made.json())["pad"]
    assert path.startswith("/kopie/") and not holds_code(path)
    # A chat app's link preview (a GET) does not spend the link; the button's POST does.
    for _preview in range(2):
        page = await client.get(path)
        assert page.status == 200 and "Download je kopie" in await page.text()
    token = await csrf_token_from(client, path)
    first = await client.post(path, data={"csrf_token": token})
    assert first.status == 200 and first.content_type == "application/pdf"
    again = await client.post(path, data={"csrf_token": token})
    assert again.status == 410 and again.content_type == "text/html"
    assert (await client.get(path)).status == 410

    # An hour later a link is gone, used or not.
    intake = await store.intakes.get_intake_by_code(db, CODE)
    old_token, _ = await copy_links.new_link(db, intake, now=utcnow() - timedelta(hours=2))
    late = await client.post(f"/kopie/{old_token}", data={"csrf_token": token})
    assert late.status == 410


async def test_a_copy_link_is_made_only_with_the_code(client, reported):
    for guess in (reported["referentie"], reported["id"], "ABCD-EFGH-JKMN"):
        response = await client.post("/api/public/kopielink", json={"code": guess})
        assert response.status == 404


async def test_the_copy_page_takes_the_code_by_post_only(client, reported):
    token = await csrf_token_from(client, "/kopie")
    wrong = await client.post("/kopie", data={"csrf_token": token, "code": "ABCD-EFGH-JKMN"})
    assert wrong.status == 404 and "geen melding" in await wrong.text()
    right = await client.post("/kopie", data={"csrf_token": token, "code": CODE})
    assert right.status == 200 and right.content_type == "application/pdf"
    assert CODE not in right.headers["Content-Disposition"]


async def test_a_former_pupil_is_accepted_and_labelled(client, db):
    await add_school(db, "noord")
    await add_user(db, "jet@school.nl", "noord")
    response = await post_intake(client, rol="oud_leerling", signalen=[])
    assert response.status == 201
    assert (await response.json())["rol"] == "oud_leerling"
    assert (await form_login(client, "jet@school.nl")).status == 302
    page = await client.get("/dashboard")
    assert "oud-leerling" in await page.text()


async def test_a_second_report_of_one_chat_is_its_own_record(client, db):
    await add_school(db, "noord")
    first = await post_intake(client, conversation_id="telegram-1", intake_id="1" * 32)
    second = await post_intake(client, conversation_id="telegram-1", intake_id="2" * 32,
                               wat_gebeurd="Iets heel anders.")
    one, two = await first.json(), await second.json()
    assert (first.status, second.status) == (201, 201)
    assert one["code"] != two["code"] and one["referentie"] != two["referentie"]
    status = await client.post("/api/public/status", json={"code": two["code"]})
    assert status.status == 200
    copy = await client.post("/api/public/kopie", json={"code": two["code"], "formaat": "tekst"})
    assert "Iets heel anders." in await copy.text() and one["wat_gebeurd"] not in await copy.text()
