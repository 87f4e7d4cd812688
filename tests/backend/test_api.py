"""The JSON API of contract §6, on SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime, timezone

import pytest
from aiohttp.test_utils import TestClient

from backend import store
from backend.app import create_app
from backend.config import Config
from tests.backend.helpers import (
    AUTH,
    PASSWORD,
    add_school,
    add_user,
    api_login,
    intake_body,
    post_intake,
)
from tests.conftest import free_port
from wegwijzer.vocab import CODE_ALPHABET

CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}$")


@pytest.fixture
async def two_schools(db):
    """School ``noord`` served by noord@…, school ``zuid`` served by zuid@…."""
    await add_school(db, "noord", "Noorderlicht College")
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    await add_user(db, "noord@school.nl", "noord")
    await add_user(db, "zuid@school.nl", "zuid")


# --- health ----------------------------------------------------------------------------------

async def test_health_answers_ok_when_the_database_answers(client: TestClient):
    response = await client.get("/health")
    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_health_is_503_when_the_database_is_unreachable(aiohttp_client):
    # A PostgreSQL URL on a port where nothing listens: the database server is down.
    config = Config(database_url=f"postgresql://wegwijzer@127.0.0.1:{free_port()}/wegwijzer")
    client = await aiohttp_client(create_app(config))
    response = await client.get("/health")
    assert response.status == 503
    assert "database" in (await response.json())["error"]


async def test_start_up_warns_when_the_schema_is_not_migrated(aiohttp_client, fresh_database, caplog):
    client = await aiohttp_client(create_app(Config(database_url=fresh_database)))
    assert "run `wegwijzer db upgrade`" in caplog.text
    assert (await client.get("/health")).status == 200  # the database itself answers


# --- POST /api/intakes: authorisation and validation ----------------------------------------

@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": "test-service-token"},
        {"Authorization": "Basic dGVzdC1zZXJ2aWNlLXRva2Vu"},
    ],
    ids=["no-header", "wrong-token", "no-scheme", "basic"],
)
async def test_storing_an_intake_needs_the_service_token(client, db, two_schools, headers):
    response = await client.post("/api/intakes", json=intake_body(), headers=headers)
    assert response.status == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "toegangssleutel" in (await response.json())["error"]
    assert await store.intakes.count_intakes(db) == 0


async def test_a_logged_in_contact_person_cannot_store_intakes(client, db, two_schools):
    assert (await api_login(client, "noord@school.nl")).status == 200
    response = await client.post("/api/intakes", json=intake_body())
    assert response.status == 401
    assert await store.intakes.count_intakes(db) == 0


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"rol": "kat"}, "rol", "Onbekende waarde 'kat'"),
        ({"kanaal": "fax"}, "kanaal", "Kies uit: web, telegram, rest"),
        ({"categorieen": ["pesten", "ruzie"]}, "categorieen", "'ruzie'"),
        ({"categorieen": "pesten"}, "categorieen", "moet een lijst zijn"),
        ({"al_ondernomen": ["mentor", 3]}, "al_ondernomen", "Onbekende waarde"),
        ({"wens": ["wraak"]}, "wens", "'wraak'"),
        ({"advies_routes": ["rechter"]}, "advies_routes", "'rechter'"),
        ({"signalen": ["onbekend"]}, "signalen", "'onbekend'"),
        ({"gekozen_route": "rechter"}, "gekozen_route", "Onbekende waarde"),
        ({"anoniem": "ja"}, "anoniem", "true of false"),
        ({"datum_gebeurtenis": "vorige week"}, "datum_gebeurtenis", "JJJJ-MM-DD"),
        ({"datum_gebeurtenis": "2024-02-30"}, "datum_gebeurtenis", "JJJJ-MM-DD"),
        ({"wat_gebeurd": "   "}, "wat_gebeurd", "mag niet leeg"),
        ({"wat_gebeurd": "x" * 10_001}, "wat_gebeurd", "te lang"),
        ({"wat_gebeurd": "a\x00b"}, "wat_gebeurd", "ongeldig teken"),
        ({"naam": "n" * 201}, "naam", "te lang"),
        ({"conversation_id": ""}, "conversation_id", "mag niet leeg"),
        ({"rol": None}, "rol", "niet leeg"),
        ({"school": "Geen Slug!"}, "school", "schoolcode"),
        ({"code": "K7QM-3XDA-9TP0"}, "code", "geen geldige code"),  # 0 is not in the alphabet
    ],
)
async def test_invalid_values_are_refused_naming_the_field_in_dutch(
    client, db, two_schools, overrides, field, words
):
    response = await post_intake(client, **overrides)
    assert response.status == 400
    body = await response.json()
    assert body["error"] == "Niet alle velden van de intake kloppen."
    assert list(body["fields"]) == [field]
    assert words in body["fields"][field]
    assert await store.intakes.count_intakes(db) == 0


async def test_missing_fields_are_each_named(client, db, two_schools):
    body = intake_body()
    for name in ("rol", "wens", "anoniem"):
        del body[name]
    response = await client.post("/api/intakes", json=body, headers=AUTH)
    assert response.status == 400
    fields = (await response.json())["fields"]
    assert fields == {name: "Dit veld ontbreekt." for name in ("rol", "wens", "anoniem")}


@pytest.mark.parametrize(
    "data, content_type, status",
    [
        (b"{niet json", "application/json", 400),
        (b'["een", "lijst"]', "application/json", 400),
        (b"rol=leerling", "application/x-www-form-urlencoded", 415),
    ],
)
async def test_a_body_that_is_no_json_object_is_refused(client, data, content_type, status):
    response = await client.post(
        "/api/intakes", data=data, headers={**AUTH, "Content-Type": content_type}
    )
    assert response.status == status
    assert (await response.json())["error"]


async def test_unknown_school_is_422(client, db, two_schools):
    response = await post_intake(client, school="bestaat-niet")
    assert response.status == 422
    body = await response.json()
    assert "school" in body["error"] and "kennen we niet" in body["error"]
    assert await store.intakes.count_intakes(db) == 0


# --- POST /api/intakes: storing ---------------------------------------------------------------

async def test_a_new_intake_is_stored_with_an_id_and_a_receipt_code(client, db, two_schools):
    sent = intake_body(categorieen=["pesten", "pesten", "cyberpesten"])
    before = datetime.now(timezone.utc)
    response = await client.post("/api/intakes", json=sent, headers=AUTH)
    assert response.status == 201
    record = await response.json()
    assert CODE_RE.match(record["code"]), record["code"]
    assert uuid.UUID(record["id"]).version == 4
    assert response.headers["Location"] == f"/api/intakes/{record['id']}"
    assert record["status"] == "nieuw"
    created_at = datetime.fromisoformat(record["created_at"])
    assert created_at.tzinfo is not None and before <= created_at <= datetime.now(timezone.utc)
    assert record["categorieen"] == ["pesten", "cyberpesten"]  # duplicates dropped, order kept
    for name in sent:
        if name != "categorieen":
            assert record[name] == sent[name], name
    assert await store.intakes.count_intakes(db) == 1


async def test_repeating_a_conversation_returns_the_same_record(client, db, two_schools):
    first = await post_intake(client, conversation_id="rasa-123")
    assert first.status == 201
    stored = await first.json()
    again = await post_intake(client, conversation_id="rasa-123", wat_gebeurd="Iets anders.")
    assert again.status == 200
    # Same id, first content kept; the code only with the same proposed code (the backend
    # keeps its hash alone), and this repeat proposed none.
    assert await again.json() == {**stored, "code": None}
    assert await store.intakes.count_intakes(db) == 1


async def test_two_intakes_of_one_conversation_are_two_records(client, db, two_schools):
    first = await post_intake(client, conversation_id="rasa-1", intake_id="a" * 32)
    second = await post_intake(client, conversation_id="rasa-1", intake_id="b" * 32,
                               wat_gebeurd="Een tweede verhaal.")
    assert (first.status, second.status) == (201, 201)
    one, two = await first.json(), await second.json()
    assert one["id"] != two["id"] and one["code"] != two["code"]
    assert two["wat_gebeurd"] == "Een tweede verhaal."
    again = await post_intake(client, conversation_id="rasa-1", intake_id="b" * 32, code=two["code"])
    assert again.status == 200 and await again.json() == two  # the same code: told again
    assert await store.intakes.count_intakes(db) == 2


async def test_a_proposed_code_is_kept_and_a_taken_one_replaced_not_refused(client, db, two_schools):
    # The action server makes the code (it may have told it already, from its outbox).
    first = await post_intake(client, conversation_id="rasa-a", code="k7qm 3xda9tpw")
    assert first.status == 201
    stored = await first.json()
    assert stored["code"] == "K7QM-3XDA-9TPW"
    # The same code for another conversation: kept under a fresh code, which the answer says.
    other = await post_intake(client, conversation_id="rasa-b", code="K7QM-3XDA-9TPW")
    assert other.status == 201
    replaced = (await other.json())["code"]
    assert CODE_RE.match(replaced) and replaced != stored["code"]
    # A repeat of the first conversation (another code or none) is the stored record, without
    # a code: only the hash of the stored one is kept, and another code must not be told.
    for code in ("ABCD-EFGH-JKMN", None):
        again = await post_intake(client, conversation_id="rasa-a", code=code)
        assert again.status == 200 and await again.json() == {**stored, "code": None}
    assert await store.intakes.count_intakes(db) == 2


async def test_racing_repeats_of_a_conversation_store_one_record(client, db, two_schools):
    body = intake_body(conversation_id="rasa-race")
    responses = await asyncio.gather(
        *(client.post("/api/intakes", json=body, headers=AUTH) for _ in range(6))
    )
    statuses = sorted(response.status for response in responses)
    assert statuses == [200] * 5 + [201]
    records = [await response.json() for response in responses]
    assert len({record["id"] for record in records}) == 1
    assert [record["code"] for record in records if record["code"]] == [records[0]["code"]] or \
        sum(1 for record in records if record["code"]) == 1  # the code only in the 201
    assert await store.intakes.count_intakes(db) == 1


async def test_the_school_slug_may_come_in_capitals(client, two_schools):
    response = await post_intake(client, school=" Noord ")
    assert response.status == 201
    assert (await response.json())["school"] == "noord"


async def test_an_anonymous_intake_never_keeps_name_or_contact(client, two_schools):
    response = await post_intake(client, anoniem=True, naam="Sam", contact="06-12345678")
    assert response.status == 201
    record = await response.json()
    assert record["anoniem"] is True
    assert record["naam"] is None and record["contact"] is None
    await api_login(client, "noord@school.nl")
    stored = await (await client.get(f"/api/intakes/{record['id']}")).json()
    assert stored["naam"] is None and stored["contact"] is None


async def test_blank_name_and_contact_are_stored_as_null(client, two_schools):
    response = await post_intake(client, naam="  ", contact="")
    record = await response.json()
    assert record["naam"] is None and record["contact"] is None


# --- login ------------------------------------------------------------------------------------

async def test_login_answers_who_you_are_and_sets_the_session_cookie(client, two_schools):
    response = await api_login(client, "Noord@School.nl")  # e-mail case does not matter
    assert response.status == 200
    assert await response.json() == {
        "name": "Contactpersoon noord",
        "email": "noord@school.nl",
        "role": "contactpersoon",
        "schools": ["noord"],
    }
    cookie = response.cookies["wegwijzer_session"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    me = await client.get("/api/auth/me")
    assert me.status == 200 and (await me.json())["email"] == "noord@school.nl"


async def test_wrong_password_and_unknown_email_get_the_same_401(client, two_schools):
    wrong = await api_login(client, "noord@school.nl", "niet-het-wachtwoord")
    unknown = await api_login(client, "niemand@school.nl", PASSWORD)
    assert wrong.status == unknown.status == 401
    wrong_body, unknown_body = await wrong.json(), await unknown.json()
    assert wrong_body == unknown_body
    assert "wachtwoord" in wrong_body["error"]
    assert (await client.get("/api/intakes")).status == 401


async def test_login_without_email_or_password_is_400(client):
    response = await client.post("/api/auth/login", json={"email": "noord@school.nl"})
    assert response.status == 400


async def test_logout_ends_the_session(client, two_schools):
    await api_login(client, "noord@school.nl")
    assert (await client.get("/api/intakes")).status == 200
    assert (await client.post("/api/auth/logout")).status == 200
    assert (await client.get("/api/intakes")).status == 401


# --- reading intakes --------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/intakes", "/api/intakes/00000000-0000-4000-8000-000000000000", "/api/auth/me"])
async def test_reading_needs_a_login(client, path):
    response = await client.get(path)
    assert response.status == 401
    assert "ingelogd" in (await response.json())["error"]


async def test_a_contact_person_sees_only_their_schools_intakes_newest_first(client, two_schools):
    noord_ids = []
    for n in range(3):
        noord_ids.append((await (await post_intake(client, wat_gebeurd=f"noord {n}")).json())["id"])
    zuid = await (await post_intake(client, school="zuid", wat_gebeurd="zuid")).json()

    await api_login(client, "noord@school.nl")
    response = await client.get("/api/intakes")
    assert response.status == 200
    listed = await response.json()
    assert [record["id"] for record in listed] == list(reversed(noord_ids))
    assert {record["school"] for record in listed} == {"noord"}

    client.session.cookie_jar.clear()
    await api_login(client, "zuid@school.nl")
    listed = await (await client.get("/api/intakes")).json()
    assert [record["id"] for record in listed] == [zuid["id"]]
    # The list uses the contract's record form, without the code (given once, in the 201).
    assert listed[0] == {name: value for name, value in zuid.items() if name != "code"}


async def test_a_contact_person_serving_two_schools_sees_both(client, db, two_schools):
    await add_user(db, "beide@school.nl", "noord", "zuid")
    await post_intake(client, school="noord")
    await post_intake(client, school="zuid")
    await api_login(client, "beide@school.nl")
    listed = await (await client.get("/api/intakes")).json()
    assert sorted(record["school"] for record in listed) == ["noord", "zuid"]


async def test_one_intake_of_your_school(client, two_schools):
    created = await (await post_intake(client)).json()
    await api_login(client, "noord@school.nl")
    response = await client.get(f"/api/intakes/{created['id']}")
    assert response.status == 200
    data = await response.json()
    # The contract's record, plus the casework (contract §6: notes and status history).
    assert "code" not in data  # the code is the reporter's alone
    assert {name: data[name] for name in created if name != "code"} == {
        name: value for name, value in created.items() if name != "code"}
    assert data["behandelaar"] is None and data["gedeeld_met_vertrouwenspersoon"] is False
    assert data["statusgeschiedenis"] == data["notities"] == data["vervolgstappen"] == []


async def test_another_schools_intake_looks_like_it_does_not_exist(client, two_schools):
    created = await (await post_intake(client, school="zuid")).json()
    await api_login(client, "noord@school.nl")
    other = await client.get(f"/api/intakes/{created['id']}")
    missing = await client.get(f"/api/intakes/{uuid.uuid4()}")
    assert other.status == missing.status == 404
    assert await other.json() == await missing.json()


# --- schools and unknown paths ----------------------------------------------------------------

async def test_a_school_can_be_looked_up_by_slug(client, two_schools):
    response = await client.get("/api/schools/noord")
    assert response.status == 200
    data = await response.json()
    assert (data["slug"], data["name"]) == ("noord", "Noorderlicht College")
    assert data["board"] is None  # no board configured: see test_school_page.py for the rest
    missing = await client.get("/api/schools/nergens")
    assert missing.status == 404
    assert "school" in (await missing.json())["error"]


async def test_unknown_api_paths_and_methods_answer_in_json(client):
    response = await client.get("/api/bestaat-niet")
    assert response.status == 404
    assert (await response.json())["error"]
    response = await client.delete("/api/intakes")
    assert response.status == 405
    assert response.headers["Allow"]
    assert (await response.json())["error"]
