"""The reporter's language on the record (issue 17): stored, returned, validated, shown."""
from __future__ import annotations

import pytest

from tests.backend.helpers import AUTH, add_school, add_user, form_login, intake_body, post_intake


@pytest.fixture
async def school(db):
    await add_school(db, "noord", "Noorderlicht College")
    await add_user(db, "noord@school.nl", "noord")


async def test_the_language_is_stored_and_returned(client, school):
    stored = await (await post_intake(client, taal="tr", wat_gebeurd="Oğlum okulda zorbalığa uğruyor.")).json()
    assert stored["taal"] == "tr"
    await form_login(client, "noord@school.nl")
    detail = await (await client.get(f"/api/intakes/{stored['id']}")).json()
    assert detail["taal"] == "tr" and detail["wat_gebeurd"] == "Oğlum okulda zorbalığa uğruyor."


async def test_a_record_without_a_language_is_dutch(client, school):
    # Intakes the outbox kept from before this field: still accepted, as Dutch.
    body = intake_body()
    body.pop("taal", None)
    response = await client.post("/api/intakes", json=body, headers=AUTH)
    assert response.status == 201 and (await response.json())["taal"] == "nl"


@pytest.mark.parametrize("taal", ["fr", "NL", "turks", 3])
async def test_an_unknown_language_is_refused(client, school, taal):
    response = await post_intake(client, taal=taal)
    assert response.status == 400
    assert "taal" in (await response.json())["fields"]


async def test_the_intake_page_shows_the_language(client, school):
    stored = await (await post_intake(client, taal="uk")).json()
    await form_login(client, "noord@school.nl")
    html = await (await client.get(f"/dashboard/meldingen/{stored['id']}")).text()
    assert "Taal van de melder" in html and "Oekraïens" in html and "tolk" in html
