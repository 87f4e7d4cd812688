"""The inbox in pages: ``GET /api/intakes`` (keyset, ``limit``/``before``, a ``Link`` to the next
page, each listed intake audited in one statement) and the dashboard (50 a page, "Oudere
meldingen" / "Nieuwere meldingen", the school filter kept)."""
from __future__ import annotations

import re

import pytest
from yarl import URL

from backend import store
from tests.backend.helpers import add_school, add_user, api_login, form_login, post_intake

NEXT_RE = re.compile(r'^<([^>]+)>; rel="next"$')


@pytest.fixture
async def schools(db):
    await add_school(db, "noord", "Noorderlicht College")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    await add_user(db, "noord@school.nl", "noord")
    await add_user(db, "beide@school.nl", "noord", "zuid")


async def _post(client, n: int, **fields) -> list:
    """``n`` intakes, oldest first."""
    return [await (await post_intake(client, **fields)).json() for _ in range(n)]


def _next(response):
    link = response.headers.get("Link")
    if link is None:
        return None
    match = NEXT_RE.match(link)
    assert match, link
    return match.group(1)


async def test_the_json_inbox_pages_newest_first_and_audits_each_page(client, db, schools):
    posted = await _post(client, 7)
    other = await (await post_intake(client, school="zuid")).json()
    await api_login(client, "noord@school.nl")

    pages, url = [], "/api/intakes?limit=3"
    while url is not None:
        response = await client.get(url)
        assert response.status == 200
        pages.append([record["id"] for record in await response.json()])
        url = _next(response)
        if url is not None:
            assert URL(url).path == "/api/intakes" and URL(url).query["limit"] == "3"
    assert [len(page) for page in pages] == [3, 3, 1]
    assert sum(pages, []) == [record["id"] for record in reversed(posted)]
    assert other["id"] not in sum(pages, [])

    # Each intake shown once, audited once: one list read entry per listed intake.
    for record in posted:
        reads = [entry for entry in await store.audit.list_audit(db, record["id"])
                 if entry.action == store.audit.READ_API_LIST]
        assert len(reads) == 1
    assert [entry.action for entry in await store.audit.list_audit(db, other["id"])] == [store.audit.STORED]

    # Without parameters: the first 50 (all 7 here), no next page.
    response = await client.get("/api/intakes")
    assert len(await response.json()) == 7 and "Link" not in response.headers
    # Past the end: an empty page.
    response = await client.get(f"/api/intakes?before={posted[0]['id']}")
    assert await response.json() == [] and "Link" not in response.headers


async def test_a_full_last_page_has_no_link(client, schools):
    await _post(client, 2)
    await api_login(client, "noord@school.nl")
    response = await client.get("/api/intakes?limit=2")
    assert len(await response.json()) == 2 and "Link" not in response.headers


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "limit=tien", "limit=-1", "limit=٣"])
async def test_a_limit_out_of_range_is_refused_in_dutch(client, schools, query):
    await api_login(client, "noord@school.nl")
    response = await client.get(f"/api/intakes?{query}")
    assert response.status == 400
    body = await response.json()
    assert body["fields"] == {"limit": "Kies een limit van 1 tot en met 200."}


async def test_before_must_be_an_intake_you_may_see(client, db, schools):
    own = await (await post_intake(client)).json()
    other = await (await post_intake(client, school="zuid")).json()
    await api_login(client, "noord@school.nl")
    for before in ("bestaat-niet", other["id"]):  # another school's id tells nothing either
        response = await client.get(f"/api/intakes?before={before}")
        assert response.status == 400
        assert "before" in (await response.json())["fields"]
    assert [entry.action for entry in await store.audit.list_audit(db, own["id"])] == [store.audit.STORED]


async def test_the_limit_is_at_most_200(client, db, schools):
    await _post(client, 3)
    await api_login(client, "noord@school.nl")
    response = await client.get("/api/intakes?limit=200")
    assert response.status == 200 and len(await response.json()) == 3


def _ids(html: str) -> list:
    """The intakes in the inbox's rows, in order."""
    return re.findall(r'<li class="intake-row[^"]*" data-id="([^"]+)"', html)


def _link(html: str, label: str):
    match = re.search(r'<a href="([^"]+)" rel="(?:prev|next)" class="button">[^<]*' + label, html)
    return match.group(1).replace("&amp;", "&") if match else None


async def test_the_dashboard_shows_50_a_page_urgent_on_top(client, schools):
    urgent = await (await post_intake(client, signalen=["acuut_gevaar"])).json()  # the oldest
    posted = await _post(client, 51)
    await form_login(client, "noord@school.nl")

    first = await (await client.get("/dashboard")).text()
    assert len(_ids(first)) == 50
    assert _ids(first)[0] == urgent["id"]
    assert _ids(first)[1:] == [record["id"] for record in reversed(posted)][:49]
    assert _link(first, "Nieuwere meldingen") is None
    older = _link(first, "Oudere meldingen")
    assert older == "/dashboard?pagina=2"

    second = await (await client.get(older)).text()
    assert _ids(second) == [record["id"] for record in posted[:2]][::-1]
    assert "Pagina 2" in second
    assert _link(second, "Oudere meldingen") is None
    assert _link(second, "Nieuwere meldingen") == "/dashboard"

    # Past the end, or no page at all: said kindly, or the first page.
    past = await (await client.get("/dashboard?pagina=9")).text()
    assert _ids(past) == [] and "Op deze pagina staan geen meldingen meer." in past
    assert _ids(await (await client.get("/dashboard?pagina=nul")).text()) == _ids(first)


async def test_the_dashboards_pages_keep_the_school_filter(client, schools):
    await _post(client, 3, school="noord")
    zuid = await _post(client, 51, school="zuid")
    await form_login(client, "beide@school.nl")
    first = await (await client.get("/dashboard?school=zuid")).text()
    assert set(_ids(first)) <= {record["id"] for record in zuid} and len(_ids(first)) == 50
    older = _link(first, "Oudere meldingen")
    assert URL(older).query == {"school": "zuid", "pagina": "2"}
    second = await (await client.get(older)).text()
    assert _ids(second) == [zuid[0]["id"]]
    assert URL(_link(second, "Nieuwere meldingen")).query == {"school": "zuid"}
