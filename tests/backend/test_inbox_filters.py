"""The inbox's filters, kept in the URL, each with its count: status, *van mij* / *niet
opgepakt*, overdue (the regulation's terms and the contact person's own steps), category and
school; and the deadlines in the rows."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update
from yarl import URL

from backend import store
from backend.models import Intake
from backend.rules import casework
from tests.backend.helpers import add_school, add_user, form_login, post_intake


@pytest.fixture
async def desk(client, db):
    await add_school(db, "noord", "Noorderlicht College")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    jet = await add_user(db, "jet@school.nl", "noord", "zuid")
    bas = await add_user(db, "bas@school.nl", "noord")

    async def post(**fields) -> str:
        return (await (await post_intake(client, **fields)).json())["id"]

    ids = {
        "pesten": await post(categorieen=["pesten"]),
        "mine": await post(categorieen=["discriminatie"]),
        "bas": await post(categorieen=["pesten", "cyberpesten"]),
        "zuid": await post(school="zuid", categorieen=["beoordeling"]),
        "closed": await post(categorieen=["pesten"]),
        # Came in three weeks ago, still new: the first answer (five working days) is late.
        "late": await post(categorieen=["schoolorganisatie"]),
    }
    await store.casework.claim_intake(db, jet, ids["mine"])
    await store.casework.claim_intake(db, bas, ids["bas"])
    await store.casework.change_status(db, jet, ids["closed"], "afgesloten", "Opgelost.")
    async with db() as session:
        await session.execute(update(Intake).where(Intake.id == ids["late"]).values(
            created_at=datetime.now(timezone.utc) - timedelta(weeks=3)))
        await session.commit()
    await form_login(client, "jet@school.nl")
    return ids


def _rows(html: str) -> list:
    return re.findall(r'<li class="intake-row[^"]*" data-id="([^"]+)"', html)


def _chip(html: str, label: str):
    """(href, count, on) of a quick filter."""
    match = re.search(
        r'<a class="chip( on)?" href="([^"]+)"[^>]*>' + label + r' <span class="count">(\d+)</span>', html)
    assert match, label
    return match.group(2).replace("&amp;", "&"), int(match.group(3)), bool(match.group(1))


def _option(html: str, select_id: str, text: str) -> str:
    block = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    match = re.search(r"<option [^>]*>(" + re.escape(text) + r" \(\d+\))</option>", block)
    assert match, (select_id, text, block)
    return match.group(1)


async def _page(client, url: str) -> str:
    response = await client.get(url)
    assert response.status == 200
    return await response.text()


async def test_the_quick_filters_count_and_filter_by_url(client, desk):
    html = await _page(client, "/dashboard")
    assert set(_rows(html)) == set(desk.values())
    href, count, on = _chip(html, "Van mij")
    assert (href, count, on) == ("/dashboard?wie=mij", 2, False)  # closing one made jet its handler
    assert _chip(html, "Niet opgepakt")[1:] == (3, False)  # pesten, zuid, late; not the closed one
    assert _chip(html, "Te laat")[1:] == (1, False)

    mine = await _page(client, "/dashboard?wie=mij")
    assert _rows(mine) == [desk["mine"], desk["closed"]]  # open before closed
    # The chip that is on leads back to the list without it; the others keep it.
    assert _chip(mine, "Van mij") == ("/dashboard", 2, True)
    assert _chip(mine, "Te laat")[0] == "/dashboard?wie=mij&te_laat=ja"
    assert 'aria-current="true"' in mine

    late = await _page(client, "/dashboard?te_laat=ja")
    assert _rows(late) == [desk["late"]]
    assert 'class="deadline overdue"' in late

    unclaimed = await _page(client, "/dashboard?wie=niemand")
    assert set(_rows(unclaimed)) == {desk["pesten"], desk["zuid"], desk["late"]}


async def test_status_category_and_school_combine_and_count_with_the_other_filters(client, desk):
    html = await _page(client, "/dashboard?onderwerp=pesten")
    assert set(_rows(html)) == {desk["pesten"], desk["bas"], desk["closed"]}
    assert _option(html, "filter-status", "Afgesloten") == "Afgesloten (1)"
    assert _option(html, "filter-status", "In behandeling") == "In behandeling (1)"
    assert _option(html, "filter-onderwerp", "pesten") == "pesten (3)"
    assert _option(html, "filter-onderwerp", "beoordeling") == "beoordeling (1)"
    assert _option(html, "school-filter", "Zuiderzee Lyceum") == "Zuiderzee Lyceum (0)"
    assert "3 meldingen met deze filters" in html

    both = await _page(client, "/dashboard?onderwerp=pesten&status=afgesloten")
    assert _rows(both) == [desk["closed"]]
    school = await _page(client, "/dashboard?school=zuid")
    assert _rows(school) == [desk["zuid"]]

    # Nothing left: said kindly, with the way back.
    none = await _page(client, "/dashboard?school=zuid&wie=mij")
    assert _rows(none) == [] and "Geen meldingen met deze filters." in none
    assert '<a href="/dashboard">Toon alle meldingen</a>' in none


async def test_unknown_filter_values_are_ignored_and_pages_keep_the_filters(client, desk):
    html = await _page(client, "/dashboard?status=weg&wie=iedereen&onderwerp=%3Cscript%3E&school=elders")
    assert set(_rows(html)) == set(desk.values()) and "Alle filters weg" not in html
    for _ in range(51):
        await post_intake(client, categorieen=["pesten"])
    first = await _page(client, "/dashboard?onderwerp=pesten&wie=niemand")
    assert len(_rows(first)) == 50
    older = re.search(r'<a href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert URL(older).query == {"wie": "niemand", "onderwerp": "pesten", "pagina": "2"}
    assert len(_rows(await _page(client, older))) == 2  # 51 + the first "pesten", minus 50


async def test_rows_say_age_and_the_next_deadline_and_the_committees_terms_show_on_the_page(client, desk):
    committee = (await (await post_intake(client, gekozen_route="klachtencommissie")).json())["id"]
    html = await _page(client, "/dashboard")
    row = re.search(rf'data-id="{committee}">(.*?)</li>\s*</ul>', html, re.S).group(1)
    assert "vandaag" in row and "Termijn:" in row and "over " in row
    late_row = re.search(rf'data-id="{desk["late"]}">(.*?)</li>\s*</ul>', html, re.S).group(1)
    assert "3 weken geleden" in late_row and "dagen te laat" in late_row

    page = await _page(client, f"/dashboard/meldingen/{committee}")
    for source in ("art. 7.8", "art. 11.1", "art. 12.2", "art. 15.1"):
        assert f"klachtenregeling {source}" in page
    assert "Hoorzitting van de klachtencommissie" in page
    assert "gerekend vanaf de dag van de melding" in page
    today = casework.today()
    assert (today + timedelta(weeks=4)).isoformat() in page  # the hearing, at the latest
