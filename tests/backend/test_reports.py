"""Signals and the yearly anonymised report, through the real app: registering signals (form and
JSON, scoped to the schools served), the report as HTML, JSON and PDF (read back with pypdf) for
each role, and that no free text, name, code or id of an intake or a signal reaches any report."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pypdf
import pytest

from backend import store
from backend.rules import casework
from backend.rules.signals import SignalIn
from cli.setup import DEMO_BOARD_FILE
from sqlalchemy import select

from backend.models import AuditEntry, Intake
from backend.schoolconfig import load_board_file
from tests.backend.helpers import (
    add_school, add_user, api_login, form_login, form_post, post_intake,
)

WORD = "Zwartkoplijster"  # in every free-text field of the seeded intakes and signals
HOSTILE = "<script>alert('x')</script><b>vet</b>"
YEAR = casework.today().year - 1


def pdf_text(body: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(body)).pages)


@pytest.fixture
async def seeded(client, db):
    """Board ``scol`` with ``demo`` and a second school ``tweede``; ``zuid`` without a board.
    Last year: 12 intakes at demo, 2 at tweede, 7 signals at demo; all free text holds WORD."""
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    await store.schools.add_school(db, "tweede", "Tweede School", board="scol")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    people = {
        "demo": await add_user(db, "demo-cp@school.nl", "demo"),
        "zuid": await add_user(db, "zuid-cp@school.nl", "zuid"),
        "bestuur": await add_user(db, "bestuur@scol.nl", role="bestuur", board="scol"),
        "admin": await add_user(db, "admin@wegwijzer.nl", role="admin"),
        "vp": await add_user(db, "vp@scol.nl", role="vertrouwenspersoon", board="scol"),
    }
    text = f"{WORD} {HOSTILE}"
    codes = []
    for i, (school, rol) in enumerate([("demo", "leerling")] * 9 + [("demo", "ouder")] * 3
                                      + [("tweede", "personeel")] * 2):
        response = await post_intake(
            client, school=school, rol=rol, wat_gebeurd=text, wanneer=text, betrokkenen=text,
            naam=f"{WORD} naam", contact=f"{WORD}@example.org", conversation_id=f"{WORD}-{i}",
        )
        intake = await response.json()
        codes.append((intake["id"], intake["code"]))
        if school == "demo" and i < 3:
            await store.casework.add_note(db, people["demo"], intake["id"], text)
            await store.casework.change_status(db, people["demo"], intake["id"], "afgesloten", text)
            await store.casework.add_step(db, people["demo"], intake["id"], text, date(2099, 1, 1))
    async with db() as session:  # they arrived last year, in March
        async with session.begin():
            for intake in (await session.execute(select(Intake))).scalars():
                intake.created_at = datetime(YEAR, 3, 10, 12, tzinfo=timezone.utc)
    for i in range(7):
        record = SignalIn("demo", date(YEAR, 5, 1 + i), ("pesten",), "leerling", text)
        await store.signals.create_signal(db, people["demo"], record)
    return {"people": people, "codes": codes}


async def test_a_contact_person_registers_signals_for_own_schools_only(client, db, seeded):
    await form_login(client, "demo-cp@school.nl")
    page = await client.get("/dashboard/signalen")
    html = await page.text()
    assert page.status == 200 and '<label for="datum">' in html and 'name="csrf_token"' in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html  # hostile text is text

    # The form: a missing topic is named at its field, and nothing typed is lost.
    refused = await form_post(client, "/dashboard/signalen", {
        "school": "demo", "datum": date.today().isoformat(), "rol": "ouder",
        "omschrijving": "Gehoord op het plein."}, "/dashboard/signalen")
    assert refused.status == 400
    refused_html = await refused.text()
    assert "Kies minstens één onderwerp." in refused_html and "Gehoord op het plein." in refused_html
    done = await form_post(client, "/dashboard/signalen", {
        "school": "demo", "datum": date.today().isoformat(), "rol": "ouder",
        "categorieen": "discriminatie", "omschrijving": "Gehoord op het plein."},
        "/dashboard/signalen")
    assert done.status == 303
    assert "Het signaal is vastgelegd" in await (await client.get("/dashboard/signalen")).text()

    # JSON: another school is a clear 422, a wrong field a 400 with the field named.
    wrong = await client.post("/api/signals", json={
        "school": "zuid", "datum": f"{YEAR}-06-01", "categorieen": ["pesten"], "rol": "leerling"})
    assert wrong.status == 422 and "contactpersoon" in (await wrong.json())["error"]
    future = await client.post("/api/signals", json={
        "school": "demo", "datum": "2999-01-01", "categorieen": ["pesten"], "rol": "x"})
    assert future.status == 400 and set((await future.json())["fields"]) == {"datum", "rol"}
    created = await client.post("/api/signals", json={
        "school": "demo", "datum": f"{YEAR}-06-01", "categorieen": ["pesten"], "rol": "leerling"})
    assert created.status == 201
    signal = await created.json()
    assert signal["omschrijving"] is None and signal["school"] == "demo"
    listed = await (await client.get("/api/signals")).json()
    assert len(listed) == 9 and listed[0]["omschrijving"] == "Gehoord op het plein."

    # Another school's signal does not exist for them; board roles see no signals at all.
    other = await store.signals.create_signal(db, seeded["people"]["zuid"], SignalIn(
        "zuid", date(YEAR, 1, 1), ("pesten",), "ouder", "Van zuid."))
    assert (await client.get(f"/api/signals/{other.id}")).status == 404
    assert (await client.get(f"/api/signals/{signal['id']}")).status == 200
    await api_login(client, "bestuur@scol.nl")
    assert await (await client.get("/api/signals")).json() == []
    assert (await client.get(f"/api/signals/{signal['id']}")).status == 404
    assert (await client.post("/api/signals", json={})).status == 403
    assert (await client.get("/dashboard/signalen")).status == 403
    async with db() as session:
        actions = set((await session.execute(select(AuditEntry.action))).scalars())
    assert {store.audit.SIGNAL_CREATED, store.audit.SIGNALS_READ} <= actions


async def test_the_report_holds_counts_only_in_html_json_and_pdf_for_each_role(client, db, seeded):
    forbidden = [WORD, "script", "<b>"] + [v for pair in seeded["codes"] for v in pair]

    def clean(text: str) -> None:
        for word in forbidden:
            assert word.lower() not in text.lower(), word

    # The board reporter: the board and each of its schools, never another board's school.
    await form_login(client, "bestuur@scol.nl")
    board = await client.get(f"/api/reports?jaar={YEAR}&bestuur=scol")
    assert board.status == 200
    data = await board.json()
    clean(await board.text())
    assert data["bestuur"]["slug"] == "scol" and data["meldingen"]["aantal"]["aantal"] == 14
    roles = {cell["waarde"]: cell["weergave"] for cell in data["meldingen"]["per_rol"]}
    assert roles["ouder"] == "< 5" and roles["personeel"] == "< 5"
    assert roles["leerling"] == "9"  # two small cells protect each other, 9 can be shown
    months = {cell["waarde"]: cell["aantal"] for cell in data["meldingen"]["per_maand"]}
    assert months["03"] == 14 and months["04"] == 0
    assert data["signalen"]["aantal"]["aantal"] == 7

    school = await (await client.get(f"/api/reports?jaar={YEAR}&school=tweede")).json()
    assert school["meldingen"]["aantal"]["weergave"] == "< 5"
    assert (await client.get(f"/api/reports?jaar={YEAR}&school=zuid")).status == 404
    assert (await client.get("/api/reports?jaar=1999&bestuur=scol")).status == 400
    assert (await client.get("/api/reports?school=demo&bestuur=scol")).status == 400

    html_page = await client.get(f"/dashboard/rapportage?jaar={YEAR}&voor=bestuur:scol")
    assert html_page.status == 200
    html = await html_page.text()
    clean(html)
    assert "<svg" in html and 'role="img"' in html and "<title" in html
    assert "Bestuur" in html and "Tweede School" in html and "&lt; 5" in html

    pdf = await client.get(f"/dashboard/rapportage.pdf?jaar={YEAR}&school=demo")
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = pdf_text(await pdf.read())
    clean(text)
    assert f"Jaaroverzicht {YEAR}" in text and "Pesten" in text and "< 5" in text

    # No intake or signal text anywhere else either.
    assert await (await client.get("/api/intakes")).json() == []
    clean(await (await client.get("/dashboard")).text())

    # A contact person: their own school, not the board, not another school.
    await form_login(client, "demo-cp@school.nl")
    own = await client.get(f"/api/reports?jaar={YEAR}&school=demo")
    assert own.status == 200
    clean(await own.text())
    assert (await own.json())["school"]["slug"] == "demo"
    assert (await client.get(f"/api/reports?jaar={YEAR}&bestuur=scol")).status == 404
    assert (await client.get(f"/api/reports?jaar={YEAR}&school=zuid")).status == 404
    page = await client.get(f"/dashboard/rapportage?jaar={YEAR}")
    assert page.status == 200
    clean(await page.text())

    # Admin and vertrouwenspersoon: no reports.
    for email in ("admin@wegwijzer.nl", "vp@scol.nl"):
        await form_login(client, email)
        refused = await client.get(f"/api/reports?jaar={YEAR}&bestuur=scol")
        assert refused.status == 403 and "rol" in (await refused.json())["error"]
        assert (await client.get("/dashboard/rapportage")).status == 403
        assert (await client.get("/dashboard/rapportage.pdf")).status == 403

    # Every read is audited, with the year and the scope, without figures.
    async with db() as session:
        details = [
            (entry.user_id, entry.detail) for entry in (await session.execute(
                select(AuditEntry).where(AuditEntry.action == store.audit.REPORT_READ)
            )).scalars()
        ]
    bestuur_id = seeded["people"]["bestuur"].id
    assert (bestuur_id, {"jaar": YEAR, "formaat": "pdf", "school": "demo"}) in details
    assert (bestuur_id, {"jaar": YEAR, "formaat": "json", "bestuur": "scol"}) in details
    assert len(details) == 6  # 4 by the board reporter, 2 by the contact person
