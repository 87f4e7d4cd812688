"""Every dashboard page, the widget's demo page and the public route page, as a person sees
them: Debian's Chromium driven by Playwright, at 390 px (a phone) and 1280 px wide.

On each page axe-core (from the npm registry, ``make axe``) finds no serious or critical
violation, nothing scrolls sideways, and no table cell or button is narrower than its longest
word (the inbox once wrapped "Ik pak dit op" letter by letter). Screenshots of every page at
both widths go to the test output (``WEGWIJZER_TEST_ARTEFACTS``, default var/test-artefacts).

Skipped, with the reason, without Chromium, Playwright or axe-core.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from backend import keys, store
from backend.app import create_app
from backend.rules import casework
from cli.setup import DEMO_BOARD_FILE
from backend.models import Intake
from backend.schoolconfig import load_board_file
from tests.backend.helpers import add_school, add_user
from tests.backend.test_dashboard_browser import (
    ARTEFACTS, CHROMIUM, _log_in, _store_intake, async_api,
)
from tests.conftest import REPO_ROOT

AXE_JS = REPO_ROOT / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"telefoon": (390, 844), "scherm": (1280, 900)}

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
    pytest.mark.skipif(not AXE_JS.exists(), reason=f"no axe-core at {AXE_JS} (make axe)"),
]

# Twelve intakes as a contact person's Monday might hold them: short and long stories,
# several roles and categories, one acute and one possibly criminal.
STORIES = [
    dict(signalen=["acuut_gevaar", "minderjarig"], categorieen=["agressie_geweld"],
         wat_gebeurd="Een jongen uit 3B zegt dat hij morgen iemand gaat opwachten na school. Ik ben bang."),
    dict(signalen=["mogelijk_strafbaar"], categorieen=["seksuele_intimidatie"], rol="ouder",
         wat_gebeurd="Mijn dochter krijgt berichten met naaktfoto's van een oudere leerling en durft niet meer naar school."),
    dict(categorieen=["pesten", "cyberpesten"],
         wat_gebeurd="Ik word al weken gepest in de klas en via de groepsapp. Ze maken foto's van mij en zetten die online. " * 4),
    dict(categorieen=["beoordeling"], rol="ouder", gekozen_route="klachtencommissie",
         wat_gebeurd="Het cijfer voor het schoolexamen Nederlands is niet volgens het PTA gegeven."),
    dict(categorieen=["discriminatie"], rol="personeel",
         wat_gebeurd="Een collega maakt steeds grappen over mijn afkomst in de docentenkamer."),
    dict(categorieen=["schoolorganisatie"], rol="ouder",
         wat_gebeurd="Het rooster verandert elke week en niemand laat ons dat op tijd weten."),
    dict(categorieen=["begeleiding"],
         wat_gebeurd="Mijn dyslexieverklaring wordt niet gebruikt bij toetsen, ik krijg geen extra tijd."),
    dict(categorieen=["strafmaatregel"],
         wat_gebeurd="Ik ben geschorst zonder dat iemand naar mijn kant van het verhaal heeft geluisterd."),
    dict(categorieen=["intimidatie"], rol="anders",
         wat_gebeurd="Bij de bushalte worden kinderen lastiggevallen door oud-leerlingen."),
    dict(categorieen=["grensoverschrijdend_gedrag"], rol="ouder",
         wat_gebeurd="De gymleraar zegt dingen over het lichaam van meisjes die niet kunnen."),
    dict(categorieen=["anders"], anoniem=True, naam=None, contact=None,
         wat_gebeurd="Ik wil iets melden over de kantine maar weet niet bij wie."),
    dict(categorieen=["pesten"], wat_gebeurd="Kort: gepest."),
]

# For each element that must hold its longest word on one line: the width the word needs and
# the width it has (the content box). Words are measured in the element's own font.
NARROW_JS = """
(selector) => {
  const canvas = document.createElement("canvas").getContext("2d");
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || !el.offsetParent) continue;
    const words = (el.innerText || "").split(/\\s+/).filter(Boolean);
    if (!words.length) continue;
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const longest = words.reduce((a, b) => canvas.measureText(a).width >= canvas.measureText(b).width ? a : b);
    const need = canvas.measureText(longest).width;
    const have = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (need > have + 1) found.push(`${el.tagName.toLowerCase()} "${el.innerText.trim().slice(0, 40)}": `
                                    + `"${longest}" needs ${Math.ceil(need)}px, has ${Math.floor(have)}px`);
  }
  return found;
}
"""
CELLS_AND_BUTTONS = "td, th, button, .button, .chip"


async def _axe(page) -> list:
    """axe-core's serious and critical violations on the page, as readable lines."""
    await page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = await page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
    }""")
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
            for v in result if v["impact"] in ("serious", "critical")]


async def _check(page, name: str, width: int) -> list:
    """Everything wrong with the page at this width; a screenshot on the way."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTEFACTS / f"a11y-{name}-{width}.png"), full_page=True)
    problems = [f"{name} @{width}: {line}" for line in await _axe(page)]
    scroll = await page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"{name} @{width}: scrolls sideways ({scroll}px)")
    problems += [f"{name} @{width}: narrower than its longest word: {line}"
                 for line in await page.evaluate(NARROW_JS, CELLS_AND_BUTTONS)]
    return problems


@pytest.fixture
async def browser():
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
async def desk(aiohttp_server, config):
    """The real app on a port, the demo board (seed regulation), a contact person with twelve
    intakes (one with notes, a message and steps) and an administrator."""
    if "sqlite" not in config.database_url:
        pytest.skip("the pages are the same on PostgreSQL; one browser run is enough")
    server = await aiohttp_server(create_app(config), host="127.0.0.1", port=0)
    db = server.app[keys.DB]
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    await add_school(db, "noord", "Noorderlicht College")
    user = await add_user(db, "jet@school.nl", "noord")
    await add_user(db, "beheer@school.nl", role="admin")
    stored = [await _store_intake(server, school="noord", **story) for story in STORIES]
    busy = stored[2]["id"]
    await store.casework.claim_intake(db, user, busy)
    await store.casework.add_note(db, user, busy, "Moeder gebeld, morgen gesprek met de mentor.")
    await store.casework.add_step(db, user, busy, "Gesprek met de mentor en de leerling", casework.today() + timedelta(days=3))
    # One intake from three weeks ago with the committee as route: some of its terms are due.
    async with db() as session:
        await session.execute(update(Intake).where(Intake.id == stored[3]["id"]).values(
            created_at=datetime.now(timezone.utc) - timedelta(weeks=3)))
        await session.commit()
    return server, stored


async def _pages_of(browser, server, email: str, paths: list, width: int, height: int) -> list:
    context = await browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = await context.new_page()
    problems = []
    try:
        if email:
            await page.goto(str(server.make_url("/login")))
            problems += await _check(page, "login", width)
            await page.get_by_label("E-mailadres").fill(email)
            await page.get_by_label("Wachtwoord").fill("een-goed-wachtwoord")
            await page.get_by_role("button", name="Inloggen").click()
            await page.wait_for_load_state()
        for name, path in paths:
            response = await page.goto(str(server.make_url(path)))
            assert response.status == 200, f"{path}: {response.status}"
            problems += await _check(page, name, width)
    finally:
        await context.close()
    return problems


@pytest.mark.parametrize("viewport", WIDTHS)
async def test_every_dashboard_page_passes_axe_fits_and_never_squeezes_a_word(desk, browser, viewport):
    server, stored = desk
    width, height = WIDTHS[viewport]
    contact_pages = [
        ("inbox", "/dashboard"),
        ("inbox-gefilterd", "/dashboard?wie=niemand&onderwerp=pesten"),
        ("inbox-leeg", "/dashboard?status=afgesloten"),
        ("melding", f"/dashboard/meldingen/{stored[2]['id']}"),
        ("melding-commissie", f"/dashboard/meldingen/{stored[3]['id']}"),
        ("signalen", "/dashboard/signalen"),
        ("rapportage", "/dashboard/rapportage"),
        ("account", "/dashboard/account"),
    ]
    problems = await _pages_of(browser, server, "jet@school.nl", contact_pages, width, height)
    problems += await _pages_of(
        browser, server, "beheer@school.nl", [("overdracht", "/dashboard/beheer/overdracht")], width, height)
    assert problems == []


@pytest.mark.parametrize("viewport", WIDTHS)
async def test_the_widget_and_the_route_page_pass_axe_too(desk, browser, viewport):
    server, _stored = desk
    width, height = WIDTHS[viewport]
    problems = await _pages_of(browser, server, None, [("routepagina", "/scholen/demo")], width, height)
    context = await browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = await context.new_page()
    try:
        await page.goto(str(server.make_url("/")))
        problems += await _check(page, "widget-dicht", width)
        await page.get_by_role("button", name="Chat met Wegwijzer").click()
        await async_api.expect(page.get_by_role("dialog", name="Wegwijzer")).to_be_visible()
        problems += await _check(page, "widget-open", width)
    finally:
        await context.close()
    assert problems == []


async def test_twelve_intakes_fit_two_screens_and_a_phone(desk, browser):
    """The inbox with twelve intakes at 1280×900 is at most two screens high; at 390 px it
    does not scroll sideways. The heights go to inbox-heights.json in the test output."""
    server, _stored = desk
    heights = {}
    for viewport, (width, height) in WIDTHS.items():
        context = await browser.new_context(viewport={"width": width, "height": height})
        page = await context.new_page()
        await _log_in(page, server)
        await page.goto(str(server.make_url("/dashboard")))
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTEFACTS / f"inbox-12-{width}.png"), full_page=True)
        heights[width] = await page.evaluate("document.documentElement.scrollHeight")
        scroll = await page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"the inbox scrolls sideways at {width}px ({scroll}px)"
        await context.close()
    (ARTEFACTS / "inbox-heights.json").write_text(json.dumps(heights))
    assert heights[1280] <= 2 * 900, heights
