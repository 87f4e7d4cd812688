"""The dashboard in a real browser: Playwright for Python drives Debian's Chromium
(``/usr/bin/chromium``) against the real app on a real port. Log in, claim an intake, change its
status with a reason, add a note; and the pages fit a phone.

Skipped, with the reason, without Chromium at /usr/bin/chromium (``make test`` installs it) or
without Playwright (dev extra). One database kind is enough here: SQLite.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from aiohttp import ClientSession

from backend import keys, store
from backend.app import create_app
from tests.backend.helpers import AUTH, PASSWORD, add_school, add_user, intake_body
from tests.conftest import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(os.environ.get("WEGWIJZER_TEST_ARTEFACTS", REPO_ROOT / "var" / "test-artefacts"))

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
async_api = pytest.importorskip("playwright.async_api", reason="Playwright for Python is not installed")
expect = async_api.expect


@pytest.fixture
async def server(aiohttp_server, config):
    if "sqlite" not in config.database_url:
        pytest.skip("the pages are the same on PostgreSQL; one browser run is enough")
    return await aiohttp_server(create_app(config), host="127.0.0.1", port=0)


@pytest.fixture
async def seeded(server):
    db = server.app[keys.DB]
    await add_school(db, "noord", "Noorderlicht College")
    user = await add_user(db, "jet@school.nl", "noord")
    return db, user


@pytest.fixture
async def browser():
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            await browser.close()


async def _store_intake(server, **fields) -> dict:
    """Store an intake over HTTP, as the action server does."""
    async with ClientSession() as session:
        async with session.post(
            str(server.make_url("/api/intakes")), json=intake_body(**fields), headers=AUTH
        ) as response:
            assert response.status == 201
            return await response.json()


async def _log_in(page, server) -> None:
    await page.goto(str(server.make_url("/login")))
    await page.get_by_label("E-mailadres").fill("jet@school.nl")
    await page.get_by_label("Wachtwoord").fill(PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await expect(page.get_by_role("heading", name="Meldingen", level=1)).to_be_visible()


async def test_log_in_claim_change_status_and_add_a_note(server, seeded, browser):
    db, user = seeded
    intake = await _store_intake(
        server, school="noord", signalen=["acuut_gevaar"],
        wat_gebeurd="Ik word gepest.\n<script>alert('x')</script>",
    )
    page = await browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog))

    await _log_in(page, server)
    row = page.locator(f'li[data-id="{intake["id"]}"]')
    await expect(row.get_by_text("Acuut gevaar", exact=True)).to_be_visible()
    await expect(page.get_by_text(intake["code"])).to_have_count(0)  # the reporter's key only

    # Open the intake and pick it up.
    await row.get_by_role("link", name="Pesten, cyberpesten").click()
    await expect(page.get_by_role("heading", name="Melding over pesten, cyberpesten", level=1)).to_be_visible()
    await expect(page.get_by_text("<script>alert('x')</script>")).to_be_visible()  # as text
    await page.get_by_role("button", name="Ik pak dit op").click()
    await expect(page.get_by_role("status")).to_have_text(
        "Je hebt deze melding opgepakt. Jij bent nu de behandelaar."
    )
    await expect(page.get_by_text("Behandelaar: Contactpersoon jet (jij)")).to_be_visible()

    # A status change without a reason is refused, with the message at the field.
    await page.get_by_label("Doorverwezen").check()
    await page.get_by_role("button", name="Status wijzigen").click()
    reason = page.get_by_label("Reden")
    await expect(reason).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#fout-reden")).to_have_text("Vul een reden in.")
    await expect(page.get_by_label("Doorverwezen")).to_be_checked()  # the choice is kept

    await reason.fill("Doorverwezen naar de vertrouwenspersoon van het bestuur.")
    await page.get_by_role("button", name="Status wijzigen").click()
    await expect(page.get_by_role("status")).to_have_text("De status is nu: Doorverwezen.")
    history = page.locator("ol.timeline")
    await expect(history).to_contain_text("In behandeling → Doorverwezen")
    await expect(history).to_contain_text("Doorverwezen naar de vertrouwenspersoon van het bestuur.")

    # A note, typed with the keyboard.
    await page.get_by_label("Nieuwe notitie").click()
    await page.keyboard.type("Moeder gebeld, morgen gesprek.")
    await page.get_by_role("button", name="Notitie opslaan").focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("status")).to_have_text("Je notitie is opgeslagen.")
    await expect(page.locator("ol.timeline")).to_contain_text("Moeder gebeld, morgen gesprek.")

    assert dialogs == []  # the reporter's <script> never ran
    stored = await store.intakes.get_intake_for_user(db, user, intake["id"])
    assert stored.status == "doorverwezen" and stored.handler_id == user.id
    assert [note.text for note in stored.notes] == ["Moeder gebeld, morgen gesprek."]


async def test_the_dashboard_fits_a_phone(server, seeded, browser):
    intake = await _store_intake(server, school="noord", wat_gebeurd="x" * 3000)
    context = await browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = await context.new_page()
    await _log_in(page, server)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("inbox", "/dashboard"), ("melding", f"/dashboard/meldingen/{intake['id']}")):
        await page.goto(str(server.make_url(path)))
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} scrolls sideways on a phone ({width}px)"
        await page.screenshot(path=str(ARTEFACTS / f"dashboard-{name}-telefoon.png"), full_page=True)
    # The first Tab reaches the skip link, which leads to the content.
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    await context.close()
