"""A report made in English (``gesprekstaal`` ``en``, issue 17): the reporter's copy (PDF, text,
the one-time link page), the status texts and the public refusals are English, with no Dutch
words leaking; a Dutch record stays Dutch; staff see on the intake page that the person was
written to in English. Real app, real database, real HTTP (SQLite and, when configured,
PostgreSQL)."""
from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
import pytest

from tests.backend.helpers import (
    AUTH, add_user, api_login, csrf_token_from, form_login, get_copy, get_status, intake_body,
    post_intake,
)
from tests.backend.test_reporter_copy import (  # noqa: F401 (school: the fixture)
    AMSTERDAM, flat, pdf_text, school,
)
from tests.backend.test_verification import check

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SCHOOL = "Noorderlicht College"
STORY = "Two boys in my son's class took his phone and posted photos of him in a group chat."
WHEN = "last Tuesday, after the gym lesson"
WHO = "two classmates and the PE teacher"
NAME = "Alex Morgan"
CONTACT = "alex.morgan@example.org"
# Dutch function words and the Dutch words of the copy; the Dutch names of institutions in
# brackets ("(vertrouwenspersoon)") are meant to be there: the person meets them at school.
DUTCH_WORDS = {
    "je", "jij", "jouw", "jou", "u", "uw", "de", "het", "een", "en", "van", "wat", "niet", "zijn",
    "op", "om", "met", "bij", "dat", "die", "er", "naar", "ook", "nog", "wie", "wanneer",
    "melding", "kopie", "gemaakt", "datum", "naam", "code:", "referentie", "gepraat",
    "ingevuld", "keuze", "klacht", "klachtencommissie", "conceptbrief", "adres", "aan",
    "onderwerp", "handtekening", "geachte", "groet", "plaats", "pagina", "verificatiecode",
    "contactpersoon", "schoolbestuur", "directeur", "teamleider", "gebeurde", "gebeurd", "bewaar",
    "leerling", "ouder", "verzorger", "excuses", "advies", "stoppen", "gehoord", "politie",
    "januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober",
}
ALLOWED_IN_BRACKETS = re.compile(r"\((?:vertrouwenspersoon)\)")
URL = re.compile(r"https?://\S+")
# Receipt codes, verification codes and case references: random letters, not words ("DE", "U").
CODES = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b|\b[0-9A-Z]{5}-[0-9A-Z]{5}\b|\bM-\d{4}-\d+\b")


def english_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def dutch_words_in(text: str) -> set:
    """The Dutch words in ``text`` outside the person's own words, the school's name and URLs."""
    for own in (STORY, WHEN, WHO, NAME, CONTACT, SCHOOL):
        text = text.replace(own, " ")
    text = ALLOWED_IN_BRACKETS.sub(" ", CODES.sub(" ", URL.sub(" ", text)))
    return {word for word in re.findall(r"[^\W\d_]+", text) if word.lower() in DUTCH_WORDS}


async def store(client, **overrides) -> dict:
    fields = dict(
        gesprekstaal="en", taal="en", rol="ouder", wat_gebeurd=STORY, wanneer=WHEN,
        datum_gebeurtenis="2026-11-24", betrokkenen=WHO, naam=NAME, contact=CONTACT,
        al_ondernomen=["mentor", "directeur"], wens=["formele_klacht", "excuses"],
        advies_routes=["contactpersoon", "vertrouwenspersoon", "klachtencommissie"],
        gekozen_route="vertrouwenspersoon", signalen=["acuut_gevaar", "minderjarig"],
    )
    fields.update(overrides)
    response = await post_intake(client, **fields)
    assert response.status == 201, await response.text()
    return await response.json()


# --- the record ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sent, taal, stored", [
    ({"gesprekstaal": "en"}, "en", "en"),
    ({"gesprekstaal": "nl"}, "en", "nl"),   # wrote English, chose Dutch
    ({"gesprekstaal": "en"}, "tr", "en"),   # wrote Turkish, chose English
    ({}, "en", "en"),                       # an older bot: English-speaking means English
    ({}, "tr", "nl"),
    ({"gesprekstaal": None}, "nl", "nl"),
])
async def test_the_record_keeps_the_conversation_language(client, db, school, sent, taal, stored):
    record = await (await post_intake(client, taal=taal, **sent)).json()
    assert record["gesprekstaal"] == stored
    await add_user(db, "noord@school.nl", "noord")
    await api_login(client, "noord@school.nl")
    detail = await (await client.get(f"/api/intakes/{record['id']}")).json()
    assert detail["gesprekstaal"] == stored and detail["taal"] == taal


@pytest.mark.parametrize("value", ["tr", "EN", "english", 1])
async def test_an_unknown_conversation_language_is_refused(client, school, value):
    response = await client.post("/api/intakes", json=intake_body(gesprekstaal=value), headers=AUTH)
    assert response.status == 400
    assert "gesprekstaal" in (await response.json())["fields"]


# --- the copy ------------------------------------------------------------------------------------

async def test_the_text_copy_is_english_with_no_dutch_words(client, school):
    record = await store(client)
    response = await get_copy(client, record["code"], text=True)
    assert response.status == 200
    text = await response.text()
    assert text.startswith("Copy of your report\n===================\n")
    reported = datetime.fromisoformat(record["created_at"]).astimezone(AMSTERDAM)
    assert f"Date of your report: {english_date(reported.date())} at {reported:%H:%M}" in text
    assert f"Your code: {record['code']}" in text
    assert "You are reporting as: parent or carer" in text
    assert f"Your name: {NAME}" in text and f"How we can reach you: {CONTACT}" in text
    assert f"{WHEN} (date: 24 November 2026)" in text
    assert "- Talked to the mentor or team leader\n- Talked to the head teacher" in text
    assert ("1. The contact person at school\n2. The confidential adviser\n"
            "3. The complaints committee") in text
    assert "Your choice: The confidential adviser" in text
    assert "The confidential adviser (vertrouwenspersoon) can help you too." in text
    assert f"The contact person of {SCHOOL} reads your report." in text
    assert f"Then give your code: {record['code']}." in text
    assert "Call 112 straight away" in text
    assert re.search(r"^Made on \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d · verification code "
                     r"[0-9A-Z]{5}-[0-9A-Z]{5}$", text, re.MULTILINE), text
    # The draft letter, in English, with today's date.
    letter = text[text.index("Draft letter for a complaint"):]
    assert f"[place], {english_date(datetime.now(AMSTERDAM).date())}" in letter
    assert "To: The complaints committee of the school board" in letter
    assert "Address: [your address]" in letter and "Address: [address of the complaints committee]" in letter
    assert f"Subject: complaint about {SCHOOL}" in letter
    assert "- an apology" in letter and "- that my complaint is investigated" in letter
    assert "Signature:" in letter and "you must sign this letter" in letter
    assert not dutch_words_in(text), dutch_words_in(text)


async def test_the_pdf_copy_is_english_and_says_what_the_text_says(client, school):
    record = await store(client)
    text = await (await get_copy(client, record["code"], text=True)).text()
    response = await get_copy(client, record["code"])
    assert response.status == 200
    assert re.fullmatch(r'attachment; filename="wegwijzer-copy-\d{4}-\d{2}-\d{2}\.pdf"',
                        response.headers["Content-Disposition"])
    body = await response.read()
    reader = pypdf.PdfReader(io.BytesIO(body))
    raw_pages = [page.extract_text() or "" for page in reader.pages]
    assert len(raw_pages) >= 2  # the letter on a page of its own
    assert all(re.search(r"Wegwijzer · Copy of the report · verification code "
                         r"[0-9A-Z]{5}-[0-9A-Z]{5} · page \d+", page) for page in raw_pages)
    assert reader.metadata.title == "Copy of your report"
    whole = pdf_text(body)
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= set("=-* ") or line.startswith(("Made on", "Is this copy")):
            continue
        assert flat(line) in whole, line
    assert not dutch_words_in(" ".join(raw_pages)), dutch_words_in(" ".join(raw_pages))


async def test_an_english_copy_can_be_verified_on_an_english_page(client, school):
    record = await store(client)
    text = await (await get_copy(client, record["code"], text=True)).text()
    link = re.search(r"^Is this copy genuine and unchanged\? Check at (http://\S+)$", text, re.MULTILINE)
    assert link and link.group(1).endswith("?taal=en"), text
    path = link.group(1).split("/", 3)[3]
    page = await client.get("/" + path)
    assert page.status == 200
    html = await page.text()
    made = datetime.now(AMSTERDAM)
    assert '<html lang="en">' in html and "<strong>Genuine:</strong> this copy was made by " \
        f"Wegwijzer on {english_date(made.date())} at " in html and f"for {SCHOOL}." in html
    assert not dutch_words_in(_visible(html)), dutch_words_in(_visible(html))

    # The text pasted and the PDF uploaded on the English form: genuine and unchanged, or not.
    status, html = await check(client, tekst=text, taal="en")
    assert status == 200 and "Genuine and unchanged:" in html, html
    assert not dutch_words_in(_visible(html)), dutch_words_in(_visible(html))
    status, html = await check(client, tekst=text.replace("posted photos", "posted pictures"), taal="en")
    assert status == 200 and "this copy has been changed" in html
    pdf = await (await get_copy(client, record["code"])).read()
    status, html = await check(client, bestand=io.BytesIO(pdf), taal="en")
    assert status == 200 and "Genuine and unchanged:" in html
    # The Dutch page checks an English copy just as well.
    status, html = await check(client, tekst=text)
    assert status == 200 and "Echt en niet veranderd:" in html


async def test_a_pupils_anonymous_english_copy_says_you(client, school):
    record = await store(client, rol="leerling", anoniem=True, naam=None, contact=None,
                         wens=["stoppen_gedrag"], signalen=[], gekozen_route=None)
    text = await (await get_copy(client, record["code"], text=True)).text()
    assert "You are reporting as: student" in text
    assert "You reported anonymously." in text and NAME not in text
    assert f"Ask with your code: {record['code']}." in text
    assert "You have not chosen a way yet." in text and "Draft letter" not in text
    assert not dutch_words_in(text), dutch_words_in(text)


async def test_a_dutch_record_keeps_its_dutch_copy(client, school):
    record = await store(client, gesprekstaal="nl", taal="nl", rol="leerling")
    text = await (await get_copy(client, record["code"], text=True)).text()
    assert text.startswith("Kopie van je melding\n")
    assert "Copy of your report" not in text and "Draft letter" not in text
    assert "Conceptbrief voor een klacht" in text
    response = await get_copy(client, record["code"])
    assert "wegwijzer-kopie-" in response.headers["Content-Disposition"]


# --- the one-time link and its page --------------------------------------------------------------

async def test_the_copy_link_page_of_an_english_report_is_english(client, school):
    record = await store(client)
    made = await client.post("/api/public/kopielink", json={"code": record["code"]})
    assert made.status == 201
    path = (await made.json())["pad"]
    assert re.fullmatch(r"/kopie/[A-Za-z0-9_-]{40,}\?taal=en", path), path

    page = await client.get(path)
    assert page.status == 200
    html = await page.text()
    assert '<html lang="en">' in html and "Download your copy (PDF)" in html
    assert "Skip to the content" in html and "only once" in html
    assert not dutch_words_in(_visible(html)), dutch_words_in(_visible(html))

    token = await csrf_token_from(client, path)
    form = {"csrf_token": token, "taal": "en"}
    download = await client.post(path.split("?")[0], data=form)
    assert download.status == 200 and download.content_type == "application/pdf"
    by_link = pdf_text(await download.read())
    # A copy by link has the case reference, not the code (the backend does not know it).
    assert "Copy of your report" in by_link and f"Reference: {record['referentie']}" in by_link
    assert "Then give your code: the code you were given in the chat." in by_link
    assert record["code"] not in by_link
    assert not dutch_words_in(by_link), dutch_words_in(by_link)
    again = await client.post(path.split("?")[0], data=form)  # used up: the page, in English
    assert again.status == 410
    html = await again.text()
    assert "This link no longer works" in html and '<html lang="en">' in html
    assert not dutch_words_in(_visible(html)), dutch_words_in(_visible(html))


async def test_the_copy_link_page_of_a_dutch_report_is_dutch(client, school):
    record = await store(client, gesprekstaal="nl", taal="nl")
    path = (await (await client.post("/api/public/kopielink", json={"code": record["code"]})).json())["pad"]
    assert "?" not in path
    html = await (await client.get(path)).text()
    assert '<html lang="nl">' in html and "Download je kopie (PDF)" in html
    assert "Direct naar de inhoud" in html and 'name="taal"' not in html


async def test_the_code_form_in_english_refuses_an_unknown_code_in_english(client, school):
    await store(client)
    html = await (await client.get("/kopie?taal=en")).text()
    assert "Fill in the code you were given in the chat." in html and 'name="taal" value="en"' in html
    token = await csrf_token_from(client, "/kopie?taal=en")
    response = await client.post("/kopie", data={"csrf_token": token, "code": "AAAA-BBBB-CCCC",
                                                 "taal": "en"})
    assert response.status == 404
    html = await response.text()
    assert "We cannot find a report with this code." in html
    assert not dutch_words_in(_visible(html)), dutch_words_in(_visible(html))


def _visible(html: str) -> str:
    """The page's text, without tags, attributes and the brand."""
    text = re.sub(r"<[^>]+>", " ", html)
    return text.replace("Wegwijzer", " ")


# --- the status and the refusals -----------------------------------------------------------------

async def test_the_status_of_an_english_report_is_english(client, db, school):
    await add_user(db, "noord@school.nl", "noord")
    record = await store(client)
    fresh = await (await get_status(client, record["code"])).json()
    assert fresh["status"] == "nieuw"
    assert fresh["status_tekst"] == "The report has arrived and is waiting for the contact person."

    await api_login(client, "noord@school.nl")
    await client.post(f"/api/intakes/{record['id']}/claim", json={})
    claimed = await (await get_status(client, record["code"])).json()
    assert claimed["status"] == "in_behandeling"
    assert claimed["status_tekst"] == "The contact person is working on the report."
    assert set(claimed) == {
        "status", "status_tekst", "ontvangen_op", "geopend_op", "laatst_gewijzigd", "berichten",
    }

    dutch = await store(client, gesprekstaal="nl", taal="nl")
    assert (await (await get_status(client, dutch["code"])).json())["status_tekst"] == (
        "De melding is aangekomen en wacht op de contactpersoon."
    )


async def test_refusals_follow_the_language_the_bot_asks_in(client, school):
    unknown = await client.post("/api/public/status",
                                json={"code": "AAAA-BBBB-CCCC", "gesprekstaal": "en"})
    assert unknown.status == 404
    assert (await unknown.json())["error"].startswith("We cannot find a report with this code.")
    no_copy = await client.post("/api/public/kopie",
                                json={"code": "AAAA-BBBB-CCCC", "gesprekstaal": "en"})
    assert (await no_copy.json())["error"].startswith("We cannot find a copy with this code.")
    dutch = await client.post("/api/public/status", json={"code": "AAAA-BBBB-CCCC"})
    assert (await dutch.json())["error"].startswith("We kunnen geen melding vinden")

    record = await store(client)
    empty = await client.post("/api/public/status/berichten",
                              json={"code": record["code"], "tekst": "  ", "gesprekstaal": "en"})
    assert empty.status == 400 and (await empty.json())["error"] == "Please write a message."
    long = await client.post("/api/public/status/berichten",
                             json={"code": record["code"], "tekst": "x" * 5001, "gesprekstaal": "en"})
    assert (await long.json())["error"] == "This is too long: at most 5000 characters."
    dutch_empty = await client.post("/api/public/status/berichten",
                                    json={"code": record["code"], "tekst": ""})
    assert (await dutch_empty.json())["error"] == "Vul een bericht in."


# --- the contact person's page -------------------------------------------------------------------

async def test_the_intake_page_says_the_person_was_written_to_in_english(client, db, school):
    await add_user(db, "noord@school.nl", "noord")
    english = await store(client)
    dutch = await store(client, gesprekstaal="nl", taal="tr")
    chose_english = await store(client, gesprekstaal="en", taal="tr")  # wrote Turkish
    await form_login(client, "noord@school.nl")
    html = await (await client.get(f"/dashboard/meldingen/{english['id']}")).text()
    assert "Taal van het gesprek" in html
    assert "de melder schreef in het Engels en Wegwijzer schreef de melder alles in het Engels" in html
    assert "Taal van de melder</dt><dd>Engels" in html
    html = await (await client.get(f"/dashboard/meldingen/{dutch['id']}")).text()
    assert "Taal van het gesprek" not in html and "Turks" in html
    html = await (await client.get(f"/dashboard/meldingen/{chose_english['id']}")).text()
    assert "Taal van de melder</dt><dd>Turks" in html
    assert "<dd>Engels: Wegwijzer schreef de melder alles in het Engels" in html
