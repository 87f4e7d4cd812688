"""The public school data: ``GET /api/schools/{slug}`` and the route page ``/scholen/{slug}``."""
from __future__ import annotations

import asyncio
import html as html_lib
import os
import re
import shutil
import struct
from pathlib import Path

import pytest

from backend import store
from cli.setup import DEMO_BOARD_FILE
from backend.schoolconfig import load_board_file, parse_board_yaml
from tests.backend.helpers import add_school
from tests.backend.test_cli import SECOND_BOARD
from tests.conftest import REPO_ROOT

ARTEFACTS = Path(os.environ.get("WEGWIJZER_TEST_ARTEFACTS", REPO_ROOT / "var" / "test-artefacts"))


@pytest.fixture
async def boards(db):
    """The demo board (config/scol.yml, the seed regulation) and a second board that has no own
    committee, only the national one, and no mentor, no exams, no police or inspectorate route."""
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    await store.schools.import_board(db, parse_board_yaml(SECOND_BOARD, "second board"))
    await add_school(db, "los", "Losse School")  # no board yet


def text_of(html: str) -> str:
    """The visible text, whitespace collapsed (tags dropped, entities decoded)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- JSON -------------------------------------------------------------------------------------

async def test_the_api_gives_the_demo_schools_routes_people_and_terms(client, boards):
    response = await client.get("/api/schools/demo")
    assert response.status == 200
    data = await response.json()
    assert data["slug"] == "demo" and data["name"] == "Demoschool De Wegwijzer"
    assert data["board"]["slug"] == "scol"
    assert data["board"]["name"] == "Stichting Confessioneel Onderwijs Leiden"
    assert data["board"]["contact"]["adres"] == "Mariënpoolstraat 4, 2334 CZ Leiden"
    assert data["routes"][:7] == [
        "onderling_overleg", "mentor", "contactpersoon", "directeur", "bevoegd_gezag",
        "klachtencommissie", "landelijke_klachtencommissie",
    ]
    assert data["contactpersonen"] == [
        {"naam": "Demo Contactpersoon", "telefoon": None, "email": "demo@wegwijzer.local",
         "bereikbaar_via": None}
    ]
    assert data["vertrouwenspersonen"][0]["bereikbaar_via"]["telefoon"] == "071-5175551"
    assert data["klachtencommissie"]["naam"] == "de Interne Klachtencommissie van SCOL"
    assert data["landelijke_klachtencommissie"]["telefoon"] == "030-280 95 90"
    assert data["termijnen"]["ontvangst_werkdagen"] == 5
    assert data["termijnen"]["hoorzitting_weken"] == 4
    assert data["termijnen"]["klachttermijn_maanden"] == 12
    # The school's whole profile, readable by the regulation module (the bot advises from it).
    from wegwijzer.regulation import RegulationProfile
    profile = RegulationProfile.from_dict(data["regeling"])
    assert profile.school_naam == "Demoschool De Wegwijzer"
    assert [p.naam for p in profile.contactpersonen] == ["Demo Contactpersoon"]
    # Public: nothing about intakes or accounts.
    assert not {"intakes", "users", "id", "board_id"} & set(data)


async def test_the_api_follows_each_boards_own_profile(client, boards):
    data = await (await client.get("/api/schools/NOORD")).json()
    assert data["board"]["slug"] == "noorderlicht"
    assert "klachtencommissie" not in data["routes"] and "mentor" not in data["routes"]
    assert data["klachtencommissie"] is None
    assert data["landelijke_klachtencommissie"]["naam"] == "Landelijke Klachtencommissie Onderwijs"
    assert data["contactpersonen"][0]["email"] == "contact@noorderlicht.example"


async def test_a_school_without_a_board_has_no_routes_yet(client, boards):
    data = await (await client.get("/api/schools/los")).json()
    assert data["board"] is None and data["routes"] == [] and data["termijnen"] is None


# --- the route page ---------------------------------------------------------------------------

async def test_the_demo_page_shows_the_seed_ladder_people_and_terms(client, boards):
    response = await client.get("/scholen/demo")
    assert response.status == 200
    assert response.content_type == "text/html"
    html = await response.text()
    text = text_of(html)
    assert '<html lang="nl">' in html and 'name="viewport"' in html
    assert "<script" not in html

    # The ladder: six steps, in order, as a list.
    ladder = re.search(r'<ol class="ladder"[^>]*>(.*?)</ol>', html, re.S).group(1)
    steps = re.findall(r"<h3>(.*?)</h3>", ladder, re.S)
    assert [text_of(step) for step in steps] == [
        "Stap 1: Praat met wie het betreft",
        "Stap 2: Praat met de mentor, teamleider of contactpersoon",
        "Stap 3: Praat met de directeur",
        "Stap 4: Het schoolbestuur",
        "Stap 5: De klachtencommissie",
        "Stap 6: De Landelijke Klachtencommissie Onderwijs",
    ]
    # Who to contact: the school's contact person, the board, both committees.
    assert 'href="mailto:demo@wegwijzer.local"' in ladder and "Demo Contactpersoon" in ladder
    assert "Stichting Confessioneel Onderwijs Leiden" in ladder
    assert "De Interne Klachtencommissie van SCOL" in ladder
    assert ladder.count("Mariënpoolstraat 4, 2334 CZ Leiden") == 2
    assert 'href="tel:0715175551"' in ladder
    assert 'href="tel:0302809590"' in ladder and "Onderwijsgeschillen, Postbus 85191" in ladder
    assert "het College van Bestuur" in text_of(ladder)

    # The vertrouwenspersoon beside the ladder.
    aside = re.search(r'<aside class="vp"[^>]*>(.*?)</aside>', html, re.S).group(1)
    assert "Bij elke stap" in aside and "Bereikbaar via het bestuursbureau van SCOL" in text_of(aside)

    # Terms from the profile, acute danger, the chat.
    for words in ("Binnen 5 werkdagen", "Binnen 4 weken na je klacht", "ongeveer 12 weken",
                  "binnen 1 jaar", "Dat mag 4 weken langer duren"):
        assert words in text, words
    for number in ("tel:112", "tel:08000113", "tel:08000432", "tel:08002000"):
        assert f'href="{number}"' in html
    assert re.search(r'<a class="button[^"]*" href="/\?school=demo">Start een gesprek</a>', html)
    assert "commissie van beroep voor examens" in text and "0900-111 3 111" in text


async def test_headings_are_in_order(client, boards):
    html = await (await client.get("/scholen/demo")).text()
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


async def test_a_board_without_its_own_committee_shows_only_its_routes(client, boards):
    response = await client.get("/scholen/noord")
    assert response.status == 200
    html = await response.text()
    ladder = re.search(r'<ol class="ladder"[^>]*>(.*?)</ol>', html, re.S).group(1)
    steps = [text_of(step) for step in re.findall(r"<h3>(.*?)</h3>", ladder, re.S)]
    assert steps == [
        "Stap 1: Praat met wie het betreft",
        "Stap 2: Praat met de contactpersoon",
        "Stap 3: Praat met de directeur",
        "Stap 4: Het schoolbestuur",
        "Stap 5: De Landelijke Klachtencommissie Onderwijs",
    ]
    text = text_of(html)
    assert "Interne Klachtencommissie" not in text and "mentor" not in text_of(ladder)
    assert "Hier dien je een officiële klacht in" in text
    assert "Voorbeeld Contactpersoon" in text and "Voorbeeld Vertrouwenspersoon" in text
    assert "Postbus 1, 9700 AA Groningen" in text
    assert "Binnen 5 werkdagen" not in text  # those are the own committee's terms
    assert "eigen termijnen" in text
    assert "examens" not in text and "vertrouwensinspecteur" not in text
    assert 'href="/?school=noord"' in html


async def test_a_school_without_a_board_gets_a_kind_page(client, boards):
    response = await client.get("/scholen/los")
    assert response.status == 200
    text = text_of(await response.text())
    assert "staat nog niet in Wegwijzer" in text and "Start een gesprek" in text
    assert "Is er nu gevaar?" in text


async def test_an_unknown_school_is_the_dutch_404_page(client, boards):
    response = await client.get("/scholen/nergens")
    assert response.status == 404
    assert response.content_type == "text/html"
    html = await response.text()
    assert "Niet gevonden" in html and '<html lang="nl">' in html


async def test_names_from_the_configuration_are_escaped(client, db):
    await add_school(db, "xss", "<script>alert(1)</script> School")
    html = await (await client.get("/scholen/xss")).text()
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


async def _chromium(*args: str) -> bytes:
    process = await asyncio.create_subprocess_exec(
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--no-first-run", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        stdout, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == 0
    return stdout


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
async def test_the_demo_page_in_a_headless_browser_at_phone_width(client, boards, config, tmp_path):
    if "sqlite" not in config.database_url:
        pytest.skip("the page is the same on PostgreSQL; one browser run is enough")
    url = str(client.make_url("/scholen/demo"))
    dom = (await _chromium("--dump-dom", url)).decode("utf-8")
    assert "Praat met de mentor, teamleider of contactpersoon" in dom
    assert "De Interne Klachtencommissie van SCOL" in dom and "Start een gesprek" in dom

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / "scholen-demo-telefoon.png"
    shot.unlink(missing_ok=True)
    await _chromium(f"--screenshot={shot}", "--window-size=390,3200", url)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (390, 3200)
    assert len(png) > 20_000  # a rendered page, not a blank one
