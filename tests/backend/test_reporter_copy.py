"""The reporter's copy (regulation art. 9 lid 2): ``POST /api/public/kopie`` as a PDF and as
text, on SQLite and (when configured) PostgreSQL. The PDF's text is read back with pypdf."""
from __future__ import annotations

import io
import logging
import re
from datetime import date, datetime
from typing import List
from zoneinfo import ZoneInfo

import pypdf
import pytest
from aiohttp.test_utils import TestClient

from backend import keys
from backend.__main__ import ACCESS_LOG_FORMAT
from backend.api.public import mask_copy_codes
from backend.app import create_app
from backend.auth import security
from backend.store.schools import import_board
from cli.setup import DEMO_BOARD_FILE
from backend.schoolconfig import load_board_file
from tests.backend.helpers import get_copy, add_school, post_intake

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FOOTER_RE = re.compile(
    r"^Wegwijzer · Kopie van de melding · verificatiecode [0-9A-Z]{5}-[0-9A-Z]{5} · pagina \d+$"
)

WORDS = "Zoë en Anaïs zeiden in de pauze dat ik ‘niet welkom’ was. Dat deed pijn; ik heb één keer gehuild."
WHEN = "vorige week dinsdag, na de gymles"
WHO = "Zoë, Anaïs en meneer Willemsën"
NAME = "Sam de Vriës"
CONTACT = "sam.devries@example.org"


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(body: bytes) -> List[str]:
    """The text of each page, without the page footer."""
    reader = pypdf.PdfReader(io.BytesIO(body))
    return [
        "\n".join(
            line for line in (page.extract_text() or "").splitlines()
            if not FOOTER_RE.match(line.strip())
        )
        for page in reader.pages
    ]


def pdf_text(body: bytes) -> str:
    return flat(" ".join(pdf_pages(body)))


@pytest.fixture
async def school(db):
    await add_school(db, "noord", "Noorderlicht College")


@pytest.fixture
async def demo_school(db):
    """The demo board (the seed regulation: its own Interne Klachtencommissie) and school."""
    await import_board(db, load_board_file(DEMO_BOARD_FILE))


async def store(client: TestClient, **overrides) -> dict:
    fields = dict(
        wat_gebeurd=WORDS, wanneer=WHEN, betrokkenen=WHO, naam=NAME, contact=CONTACT,
        advies_routes=["contactpersoon", "vertrouwenspersoon", "klachtencommissie"],
        gekozen_route="vertrouwenspersoon",
    )
    fields.update(overrides)
    response = await post_intake(client, **fields)
    assert response.status == 201
    return await response.json()


def report_date(record: dict) -> str:
    return dutch_date(datetime.fromisoformat(record["created_at"]).astimezone(AMSTERDAM).date())


# --- the PDF ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "spelling",
    [str, str.lower, lambda code: code.replace("-", ""), lambda code: code.lower().replace("-", " ")],
    ids=["as-issued", "lower-case", "no-dashes", "lower-with-spaces"],
)
async def test_the_pdf_copy_holds_the_intake(client, school, spelling):
    record = await store(client)
    code = record["code"]

    response = await get_copy(client, spelling(code))

    assert response.status == 200
    assert response.content_type == "application/pdf"
    # Named by its date, never by the code (a family's shared downloads folder).
    assert re.fullmatch(
        r'attachment; filename="wegwijzer-kopie-\d{4}-\d{2}-\d{2}\.pdf"',
        response.headers["Content-Disposition"],
    )
    assert response.headers["Cache-Control"] == "no-store"
    body = await response.read()
    assert body.startswith(b"%PDF-")
    text = pdf_text(body)
    assert "Kopie van je melding" in text
    assert "Noorderlicht College" in text
    assert f"Datum van je melding: {report_date(record)}" in text
    assert f"Je code: {code}" in text
    for words in (WORDS, WHEN, WHO):
        assert flat(words) in text
    # The advised routes in order, with their Dutch names, and the chosen one.
    assert re.search(
        r"1\. De contactpersoon op school 2\. De vertrouwenspersoon 3\. De klachtencommissie",
        text,
    ), text
    assert "Jouw keuze: De vertrouwenspersoon" in text
    # What was tried and wanted, as Dutch phrases rather than contract values.
    assert "Gepraat met de mentor of teamleider" in text
    assert "Dat het stopt" in text and "stoppen_gedrag" not in text
    assert f"Je naam: {NAME}" in text and CONTACT in text
    assert "Wat gebeurt er nu?" in text
    assert "binnen een paar schooldagen" in text
    assert "Conceptbrief" not in text  # no formal complaint wanted
    assert len(pdf_pages(body)) == 1


async def test_an_anonymous_copy_holds_no_name_or_contact(client, school):
    record = await store(
        client, anoniem=True, naam="Sam Geheimnaam", contact="geheim@example.org",
        wens=["formele_klacht", "gehoord_worden"],
    )
    for as_text in (False, True):
        response = await get_copy(client, record['code'], text=as_text)
        assert response.status == 200
        body = await response.read()
        text = flat(body.decode("utf-8")) if as_text else pdf_text(body)
        assert flat(WORDS) in text
        assert "anoniem gemeld" in text
        assert "Geheimnaam" not in text and "geheim@example.org" not in text
        assert b"Geheimnaam" not in body and b"geheim@example.org" not in body
        assert "Je naam" not in text
        # A formal complaint needs a name and address: no draft letter for an anonymous report.
        assert "Conceptbrief" not in text


async def test_a_formal_complaint_gets_a_draft_letter_with_what_article_9_asks(
    client, demo_school
):
    record = await store(
        client, school="demo", wens=["formele_klacht", "excuses"],
        al_ondernomen=["mentor", "directeur"],
    )
    response = await get_copy(client, record['code'])
    assert response.status == 200
    pages = pdf_pages(await response.read())
    assert len(pages) >= 2
    assert "Conceptbrief" not in pages[0]
    # The letter starts on a page of its own (the copy itself may take more than one).
    first = next(n for n, page in enumerate(pages) if page.lstrip().startswith("Conceptbrief"))
    letter = flat(" ".join(pages[first:]))
    assert letter.startswith("Conceptbrief voor een klacht")
    # a) name and address of the complainant (the intake has no address: a placeholder)
    assert f"Naam: {NAME}" in letter
    assert "Adres: [je adres]" in letter
    assert CONTACT in letter
    # addressed to the board's complaints committee, from the school's configuration
    assert "Aan: De Interne Klachtencommissie van SCOL" in letter
    assert "Mariënpoolstraat 4, 2334 CZ Leiden" in letter
    # b) the date
    assert f"[plaats], {dutch_date(datetime.now(AMSTERDAM).date())}" in letter
    # c) a description: the person's own words, when, who, what was tried, what is wanted
    assert "klacht over Demoschool De Wegwijzer" in letter
    for words in (WORDS, WHEN, WHO):
        assert flat(words) in letter
    assert "Gepraat met de mentor of teamleider" in letter
    assert "Gepraat met de directeur" in letter
    assert "excuses" in letter
    # and it must be signed (art. 9 lid 1)
    assert "Handtekening:" in letter
    assert "moet je ondertekenen" in letter


async def test_a_draft_letter_without_a_configured_committee_leaves_its_address_open(
    client, school
):
    record = await store(client, wens=["formele_klacht"])
    response = await get_copy(client, record['code'], text=True)
    text = await response.text()
    assert "Conceptbrief voor een klacht" in text
    assert "Aan: De klachtencommissie van het schoolbestuur" in text
    assert "Adres: [adres van de klachtencommissie]" in text
    assert "Adres: [je adres]" in text


async def test_a_long_story_flows_onto_more_pages_and_is_complete(client, school):
    sentences = [f"Zin {n}: dit gebeurde op dag {n} en het was niet oké." for n in range(1, 200)]
    story = " ".join(sentences)[:5000]
    assert len(story) == 5000
    record = await store(client, wat_gebeurd=story)

    response = await get_copy(client, record['code'])
    assert response.status == 200
    body = await response.read()
    pages = pdf_pages(body)
    assert len(pages) > 1
    text = pdf_text(body)
    assert flat(story) in text
    assert "Wat gebeurt er nu?" in text  # what follows the story is there too


# --- the text --------------------------------------------------------------------------------

async def test_the_text_copy_says_what_the_pdf_says(client, school):
    record = await store(client, wens=["formele_klacht"])
    code = record["code"]

    response = await get_copy(client, code.lower(), text=True)

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Disposition" not in response.headers
    text = await response.text()
    assert text.startswith("Kopie van je melding\n")
    assert f"Je code: {code}" in text
    assert WORDS in text
    assert f"Datum van je melding: {report_date(record)}" in text
    assert "1. De contactpersoon op school\n2. De vertrouwenspersoon\n3. De klachtencommissie" in text
    assert "Conceptbrief voor een klacht" in text

    pdf = pdf_text(await (await get_copy(client, code)).read())
    checked = 0
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= set("=-* ") or line.startswith(("Gemaakt op", "Is deze kopie")):
            continue  # underlines and dividers; each copy has its own time and verification code
        assert flat(line) in pdf, line
        checked += 1
    assert checked > 30


# --- unknown codes ---------------------------------------------------------------------------

@pytest.mark.parametrize("as_text", [False, True], ids=["pdf", "txt"])
async def test_an_unknown_or_malformed_code_is_a_dutch_404_that_tells_nothing(
    client, school, as_text
):
    await store(client)  # there is an intake, just not with these codes
    answers = []
    for code in (security.generate_code(), "abc", "K7QM-3XDA-9TP!", "0000-0000-0000"):
        response = await get_copy(client, code, text=as_text)
        assert response.status == 404, code
        assert response.content_type == "application/json"
        answers.append(await response.json())
    assert answers[0]["error"].startswith("We kunnen geen kopie vinden bij deze code")
    assert all(answer == answers[0] for answer in answers)  # exists-or-not is not told


# --- logs ------------------------------------------------------------------------------------

def test_copy_codes_are_masked_in_log_lines():
    assert mask_copy_codes('"GET /api/public/kopie/K7QM-3XDA-9TPW.txt HTTP/1.1" 200') == (
        '"GET /api/public/kopie/… HTTP/1.1" 200'
    )
    assert mask_copy_codes("GET /api/public/kopie/k7qm3xda9tpw?formaat=tekst") == (
        "GET /api/public/kopie/…?formaat=tekst"
    )
    assert mask_copy_codes("GET /api/schools/demo") == "GET /api/schools/demo"
    assert mask_copy_codes('"GET /verificatie/7HKQ2MZP3X HTTP/1.1" 200') == '"GET /verificatie/… HTTP/1.1" 200'
    assert mask_copy_codes("GET /verificatie HTTP/1.1") == "GET /verificatie HTTP/1.1"


async def test_the_access_log_does_not_show_the_code(aiohttp_client, config, caplog):
    # The app as `python -m backend` serves it: with the production access log format.
    client = await aiohttp_client(
        create_app(config), server_kwargs={"access_log_format": ACCESS_LOG_FORMAT}
    )
    await add_school(client.app[keys.DB], "noord")
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    record = await store(client)
    code = record["code"]
    for path in (code, code.lower().replace("-", ""), f"{code}.txt", "AAAA-BBBB-CCCC"):
        await get_copy(client, path)
    # The old URLs with the code in the path are gone, but people still type them.
    await client.get(f"/api/public/kopie/{code}.txt")
    access = [r for r in caplog.records if r.name == "aiohttp.access"]
    assert len(access) >= 5
    logged = caplog.text + " ".join(str(vars(r)) for r in access)
    assert "/api/public/kopie/…" in logged
    for secret in (code, code.lower().replace("-", ""), code.replace("-", ""), "AAAA-BBBB-CCCC"):
        assert secret not in logged


JE_WORDS = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
U_WORDS = re.compile(r"\b(u|uw)\b", re.IGNORECASE)


@pytest.mark.parametrize("rol, vorm", [("ouder", "u"), ("personeel", "u"), ("leerling", "je")])
async def test_the_copy_addresses_the_reporter_as_the_chat_did(client, school, rol, vorm):
    # A formal complaint, so the draft letter's text is checked too.
    record = await store(client, rol=rol, wens=["formele_klacht"])
    text = await (await get_copy(client, record['code'], text=True)).text()
    # Leave out the person's own words and the letter's line to the committee ("van u").
    own = "\n".join(line for line in text.splitlines()
                    if WORDS not in line and WHO not in line and "graag van u" not in line)
    if vorm == "u":
        assert "Kopie van uw melding" in text and f"Uw code: {record['code']}" in text
        assert not JE_WORDS.search(own), JE_WORDS.findall(own)
    else:
        assert "Kopie van je melding" in text
        assert not U_WORDS.search(own), U_WORDS.findall(own)
