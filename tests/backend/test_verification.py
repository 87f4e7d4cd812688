"""A verifiable reporter's copy (issue 9): the copy carries its making time and a verification
code; ``/verificatie`` says whether a copy is genuine (and, given its text or file, unchanged)
without showing anything of the intake. SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import io
import re
from datetime import datetime

import pypdf
from sqlalchemy import update

from backend import keys
from backend.auth import throttle
from backend.documents import verification
from backend.models import CopyVerification
from tests.backend.helpers import get_copy, csrf_token_from
from tests.backend.test_reporter_copy import (  # noqa: F401 (school: the fixture)
    AMSTERDAM, CONTACT, NAME, WHO, WORDS, dutch_date, school, store,
)

# The story as children type it: an emoji the PDF's font cannot show, a word too long for a line.
STORY = WORDS + " 😢 Hashtag#" + "nietmeerlachenommijalsikmijnhanduitsteekindeklas" * 2
CODE_LINE = re.compile(
    r"^Gemaakt op (\d+ \w+ \d{4}) om (\d\d:\d\d) · verificatiecode ([0-9A-Z]{5}-[0-9A-Z]{5})$",
    re.MULTILINE,
)


async def check(client, **fields) -> tuple:
    """POST the verification form (with its CSRF token); the status and the page."""
    token = await csrf_token_from(client, "/verificatie")
    data = {"csrf_token": token, **fields}
    response = await client.post("/verificatie", data=data)
    return response.status, await response.text()


def changed_pdf(body: bytes, old: bytes, new: bytes) -> bytes:
    """The PDF with a word replaced in its page content, as an editor would."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(body)))
    replaced = 0
    for page in writer.pages:
        contents = page.get_contents()
        data = contents.get_data()
        if old in data:
            contents.set_data(data.replace(old, new))
            page.replace_contents(contents)
            replaced += 1
    assert replaced
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def says_nothing_of_the_intake(page: str, record: dict) -> None:
    for private in (NAME, CONTACT, WHO, record["code"], "pijn", "gehuild", "Zoë"):
        assert private not in page, private


async def test_a_genuine_copy_verifies_and_a_changed_one_does_not(client, school):  # noqa: F811
    record = await store(client, wat_gebeurd=STORY)
    text = await (await get_copy(client, record['code'], text=True)).text()

    # The copy says when it was made, its verification code and where to check it.
    made = CODE_LINE.search(text)
    assert made, text
    day, time, code = made.groups()
    assert day == dutch_date(datetime.now(AMSTERDAM).date())
    assert re.search(rf"Kijk op http://127\.0\.0\.1:\d+/verificatie/{code}$", text, re.MULTILINE)

    # The code alone: genuine, when and for which school, and nothing else.
    response = await client.get(f"/verificatie/{code.lower().replace('-', '')}")
    assert response.status == 200
    page = await response.text()
    assert (f"Echt:</strong> deze kopie is gemaakt door Wegwijzer op {day} om {time} voor "
            "Noorderlicht College.") in page
    says_nothing_of_the_intake(page, record)

    # The text, pasted: unchanged; with one word changed: changed.
    status, page = await check(client, tekst=text)
    assert status == 200 and "Echt en niet veranderd:" in page, page
    says_nothing_of_the_intake(page, record)
    status, page = await check(client, tekst=text.replace("deed pijn", "deed zeer"))
    assert status == 200 and "deze kopie is veranderd" in page and "niet veranderd" not in page

    # The PDF of another making: uploaded as it is, unchanged; edited, changed.
    pdf = await (await get_copy(client, record['code'])).read()
    pdf_text = verification.text_of_upload(pdf)
    pdf_code = verification.code_in_copy(pdf_text)
    assert pdf_code and pdf_code != code  # each copy is recorded on its own
    assert f"verificatiecode {pdf_code} · pagina 1" in pdf_text  # in every page's footer too
    status, page = await check(client, bestand=io.BytesIO(pdf))
    assert status == 200 and "Echt en niet veranderd:" in page
    edited = changed_pdf(pdf, b"gehuild", b"gelachen")
    status, page = await check(client, bestand=io.BytesIO(edited))
    assert status == 200 and "deze kopie is veranderd" in page
    # What a PDF viewer's copy-paste gives (its own line breaks and spaces) is still the copy.
    status, page = await check(client, tekst=" ".join(pdf_text.split()))
    assert "Echt en niet veranderd:" in page
    # The text file uploaded, and only the code typed, work as well.
    status, page = await check(client, bestand=io.BytesIO(text.encode()))
    assert "Echt en niet veranderd:" in page
    status, page = await check(client, code=pdf_code)
    assert status == 200 and f"op {day} om" in page and "Echt:" in page

    # Someone who can write to the database cannot make a forged copy verify: the record's
    # digest no longer matches its signature.
    forged = text.replace("deed pijn", "deed niets")
    async with client.app[keys.DB]() as session:
        async with session.begin():
            await session.execute(
                update(CopyVerification).where(CopyVerification.code == code)
                .values(text_sha256=verification.digest(forged))
            )
    status, page = await check(client, tekst=forged)
    assert "Niet bevestigd:" in page and "Echt" not in page

    # Made-up codes, a text without a code, a file that is no copy, nothing at all.
    for made_up in (verification.generate_code(), "ABCDE-FGHI", "0000000000"):
        response = await client.get(f"/verificatie/{made_up}")
        assert response.status == 404 and "Niet gevonden:" in await response.text()
    status, page = await check(client, tekst=text.replace(code, verification.generate_code()))
    assert status == 404 and "Niet gevonden:" in page
    status, page = await check(client, tekst="Mijn eigen verhaal, zonder code.")
    assert status == 400 and "geen verificatiecode" in page
    status, page = await check(client, bestand=io.BytesIO(b"%PDF-1.4 kapot"))
    assert status == 400 and "niet lezen" in page
    status, page = await check(client)
    assert status == 400 and "Vul de verificatiecode in" in page
    # Like every form: without its CSRF token, refused.
    assert (await client.post("/verificatie", data={"tekst": text})).status == 403


async def test_made_up_codes_are_throttled_per_address(client, school):  # noqa: F811
    record = await store(client)
    text = await (await get_copy(client, record['code'], text=True)).text()
    code = verification.code_in_copy(text)
    for _ in range(throttle.CODE_MAX_FAILURES):
        assert (await client.get(f"/verificatie/{verification.generate_code()}")).status == 404
    response = await client.get(f"/verificatie/{code}")  # now even a genuine one waits
    assert response.status == 429
    assert response.headers["Retry-After"] == str(throttle.RETRY_AFTER_SECONDS)
    assert "Wacht een kwartier" in await response.text()
    status, page = await check(client, tekst=text)
    assert status == 429 and "Echt" not in page
