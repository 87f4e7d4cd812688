"""Talking back to the reporter: the contact person writes (JSON API and dashboard), the
reporter reads it and answers with nothing but the receipt code (``POST /api/public/status``
and ``.../berichten``); unknown codes and floods are throttled; the chat gets a push without
the text, from a real HTTP call to a stand-in for Rasa on loopback."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from datetime import timedelta

import pytest
from aiohttp import web

from backend import keys, store
from backend.__main__ import ACCESS_LOG_FORMAT
from backend.api.public import NO_STATUS
from backend.app import create_app
from backend.auth import throttle
from backend.jobs import chat_push
from cli.setup import DEMO_BOARD_FILE
from backend.models import utcnow
from backend.schoolconfig import load_board_file
from tests.backend.helpers import get_status, AUTH, add_user, api_login, form_login, form_post, post_intake


async def _demo_with_people(db):
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    return {
        "jet": await add_user(db, "jet@school.nl", "demo"),
        "vp": await add_user(db, "vp@scol.nl", role="vertrouwenspersoon", board="scol"),
    }


@pytest.fixture
async def people(db):
    return await _demo_with_people(db)


async def _intake(client, **fields) -> dict:
    response = await post_intake(client, school="demo", **fields)
    assert response.status == 201
    return await response.json()


REPLY = "/api/public/status/berichten"


def with_code(intake: dict, **body) -> dict:
    """A reporter's request body: the code travels in it, never in a URL."""
    return {"code": intake["code"], **body}


async def _actions(db, intake_id):
    return [(e.action, e.user_id, e.detail) for e in await store.audit.list_audit(db, intake_id)]


# --- the thread, through the JSON API and the public code endpoints ---------------------------

async def test_the_contact_person_writes_and_the_anonymous_reporter_reads_and_answers(
    client, db, people
):
    intake = await _intake(client, kanaal="rest", anoniem=True, naam=None, contact=None)
    await api_login(client, "jet@school.nl")
    sent = await client.post(
        f"/api/intakes/{intake['id']}/messages",
        json={"text": "Dank je wel voor je melding.\x07 Wil je me vertellen wanneer het gebeurde?"},
    )
    assert sent.status == 201
    message = await sent.json()
    assert set(message) == {"id", "van", "text", "created_at", "author"}
    assert message["van"] == "contactpersoon" and message["author"] == "Contactpersoon jet"
    assert "\x07" not in message["text"]  # control characters removed, like every free text
    for body, words in (({"text": "  "}, "Vul een bericht in"), ({"text": "x" * 5001}, "5000")):
        refused = await client.post(f"/api/intakes/{intake['id']}/messages", json=body)
        assert refused.status == 400 and words in (await refused.json())["fields"]["text"]

    # The reporter, without logging in (a fresh client session: no cookie), reads it by the code.
    client.session.cookie_jar.clear()
    before = await (await get_status(client, intake["code"].lower())).json()
    assert before["berichten"] == [
        {"van": "contactpersoon", "tekst": message["text"], "op": message["created_at"]}
    ]
    assert "jet" not in json.dumps(before) and "Contactpersoon" not in json.dumps(before)

    reply = await client.post(REPLY, json=with_code(intake, tekst="Vorige week <b>dinsdag</b>."))
    assert reply.status == 201
    stored = await reply.json()
    assert stored["ok"] is True and stored["op"]
    after = await (await get_status(client, intake["code"])).json()
    assert [m["van"] for m in after["berichten"]] == ["contactpersoon", "melder"]  # oldest first
    assert after["berichten"][1] == {"van": "melder", "tekst": "Vorige week <b>dinsdag</b>.", "op": stored["op"]}
    assert after["laatst_gewijzigd"] == stored["op"]  # the reply moved the case

    # Bad replies lose nothing and say why, in Dutch; an unknown code tells nothing.
    for body, status, words in (
        ({"tekst": ""}, 400, "Vul een bericht in"),
        ({"tekst": "a" * 5001}, 400, "hooguit 5000 tekens"),
        ({"bericht": "hoi"}, 400, "Vul een bericht in"),
        (["hoi"], 400, "JSON-object"),
    ):
        refused = await client.post(
            REPLY, json=with_code(intake, **body) if isinstance(body, dict) else body
        )
        assert refused.status == status and words in (await refused.json())["error"], body
    unknown = await client.post(REPLY, json={"code": "AAAA-BBBB-CCCC", "tekst": "hoi"})
    assert unknown.status == 404 and (await unknown.json()) == {"error": NO_STATUS}
    not_json = await client.post(REPLY, data="hoi")
    assert not_json.status == 415

    # The contact person sees the reply on the case, the reporter without a name.
    await api_login(client, "jet@school.nl")
    detail = await (await client.get(f"/api/intakes/{intake['id']}")).json()
    assert [(m["van"], m["author"]) for m in detail["messages"]] == [
        ("contactpersoon", "Contactpersoon jet"), ("melder", None)
    ]
    # Every read and every message is in the audit log, never the text.
    audit = await _actions(db, intake["id"])
    who = [(action, user) for action, user, _detail in audit]
    assert (store.audit.MESSAGE_SENT, people["jet"].id) in who
    assert who.count((store.audit.READ_BY_REPORTER, None)) == 2
    assert (store.audit.REPLY_RECEIVED, None) in who and who[-1] == (store.audit.READ_API, people["jet"].id)
    assert "dinsdag" not in json.dumps([detail for *_rest, detail in audit])


# --- the dashboard ----------------------------------------------------------------------------

async def test_the_dashboard_shows_the_thread_marks_new_replies_and_sends_with_a_form(
    client, db, people
):
    intake = await _intake(client, kanaal="rest")
    page = f"/dashboard/meldingen/{intake['id']}"
    reply = await client.post(REPLY, json=with_code(intake, tekst="Is er al nieuws?"))
    assert reply.status == 201

    await form_login(client, "jet@school.nl")
    inbox = await (await client.get("/dashboard")).text()
    assert '<span class="badge badge-message">Nieuw bericht</span>' in inbox
    html = await (await client.get(page)).text()
    assert "Berichten met de melder" in html and "Is er al nieuws?" in html
    assert "noem geen namen van anderen" in html  # the reporter reads this with the code
    assert '<label for="bericht">Bericht aan de melder</label>' in html
    assert 'id="bericht" name="tekst"' in html
    assert "Nieuw</span>" in html  # on this first view the reply is still marked as new
    inbox = await (await client.get("/dashboard")).text()
    assert "Nieuw bericht" not in inbox  # a contact person opened the intake

    sent = await form_post(client, f"{page}/berichten", {"tekst": "We bellen je morgen."}, page)
    assert sent.status == 303 and sent.headers["Location"].endswith("#berichten")
    html = await (await client.get(page)).text()
    assert "Je bericht is verstuurd" in html and "We bellen je morgen." in html
    assert "seintje" not in html  # a REST conversation gets no push
    assert "De melder – bericht gestuurd met de code" in html  # the log names the reporter
    status = await (await get_status(client, intake["code"])).json()
    assert status["berichten"][-1]["tekst"] == "We bellen je morgen."

    # An empty message: the page again, the error at the message field, the note form empty.
    refused = await form_post(client, f"{page}/berichten", {"tekst": " \x07 "}, page)
    assert refused.status == 400
    html = await refused.text()
    assert 'id="fout-bericht"' in html and "Vul een bericht in." in html
    assert 'id="fout-tekst"' not in html

    # A new reply brings the badge back; the vertrouwenspersoon reading along does not clear it.
    await store.casework.share_intake(db, people["jet"], intake["id"])
    await client.post(REPLY, json=with_code(intake, tekst="Goed, dank je."))
    await form_login(client, "vp@scol.nl")
    assert (await client.get(page)).status == 200
    assert await store.messages.intakes_with_unread_messages(db, [intake["id"]]) == {intake["id"]}


# --- throttling ---------------------------------------------------------------------------------

async def test_unknown_codes_are_throttled_per_requester_and_replies_per_intake(client, db, people):
    intake = await _intake(client)
    for number in range(throttle.MAX_REPLIES):
        assert (await client.post(REPLY, json=with_code(intake, tekst=f"Bericht {number}"))).status == 201
    flooded = await client.post(REPLY, json=with_code(intake, tekst="Nog een."))
    assert flooded.status == 429 and "veel berichten" in (await flooded.json())["error"]
    assert flooded.headers["Retry-After"] == str(throttle.REPLY_RETRY_AFTER_SECONDS)
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert len(stored.messages) == throttle.MAX_REPLIES  # the refused one is not stored
    # Known codes did not count against this address: it can still read.
    assert (await get_status(client, intake["code"])).status == 200

    for number in range(throttle.CODE_MAX_FAILURES):
        path = "/api/public/status" if number % 2 else "/api/public/kopie"
        code = "kort" if number % 2 else f"AAAA-BBBB-{number:04d}"
        assert (await client.post(path, json={"code": code})).status == 404
    # Now every code of this address is refused, a known one too (a 200 would tell it exists).
    for path, code in (
        ("/api/public/status", intake["code"]), ("/api/public/kopie", intake["code"]),
        (REPLY, intake["code"]), ("/api/public/status", "AAAA-BBBB-CCCC"),
    ):
        response = await client.post(path, json={"code": code, "tekst": "hoi"})
        assert response.status == 429, path
        assert (await response.json())["error"] == throttle.TOO_MANY_CODES
        assert response.headers["Retry-After"] == "900"

    # The action server asks for every chat from one address: with its token it names the
    # conversation and is counted per conversation, so others' typos do not lock anyone out.
    chat = {**AUTH, "X-Wegwijzer-Gesprek": "gesprek-1"}
    assert (await get_status(client, intake["code"], headers=chat)).status == 200
    forged = {"X-Wegwijzer-Gesprek": "gesprek-1"}  # the header without the token counts nothing
    assert (await get_status(client, intake["code"], headers=forged)).status == 429
    # A quarter of an hour later the address may try again.
    key = throttle.code_key("ip\n127.0.0.1")
    assert await throttle.code_lookups_refused(db, key)
    assert not await throttle.code_lookups_refused(db, key, now=utcnow() + throttle.CODE_WINDOW)


# --- the push to the reporter's chat ------------------------------------------------------------

async def test_the_chat_is_told_without_the_text_in_the_background_and_rasa_failing_is_harmless(
    aiohttp_client, aiohttp_server, config, caplog
):
    calls = []
    release = asyncio.Event()
    answers = [200, 500]

    async def trigger_intent(request: web.Request) -> web.Response:
        calls.append((request.match_info["id"], dict(request.query), await request.text()))
        await release.wait()  # Rasa is slow: the contact person must not wait for it
        return web.json_response({}, status=answers.pop(0))

    rasa = web.Application()
    rasa.router.add_post("/conversations/{id}/trigger_intent", trigger_intent)
    # On loopback (the test server's host); no access log, so every log line is the backend's.
    fake_rasa = await aiohttp_server(rasa, port=0, access_log=None)
    assert fake_rasa.host == "127.0.0.1"
    client = await aiohttp_client(
        create_app(replace(config, rasa_url=str(fake_rasa.make_url("")), rasa_token="rasa-geheim")),
        server_kwargs={"access_log_format": ACCESS_LOG_FORMAT},
    )
    app = client.app
    await _demo_with_people(app[keys.DB])
    caplog.set_level(logging.INFO)
    web_intake = await _intake(client, kanaal="web", conversation_id="sid-Ab12_x")
    telegram = await _intake(client, kanaal="telegram", conversation_id="telegram-9f8e")
    rest = await _intake(client, kanaal="rest")
    await api_login(client, "jet@school.nl")

    secret = "Geheime inhoud die niet in een melding op het scherm mag staan."
    response = await asyncio.wait_for(
        client.post(f"/api/intakes/{web_intake['id']}/messages", json={"text": secret}), 5
    )
    assert response.status == 201  # answered while Rasa still holds the push
    pending = set(app[keys.PUSHES])
    assert len(pending) == 1
    release.set()
    await asyncio.gather(*pending)
    conversation, query, body = calls[0]
    assert conversation == "sid-Ab12_x"
    assert query == {"output_channel": "latest", "token": "rasa-geheim"}
    assert json.loads(body) == {"name": chat_push.INTENT, "entities": {}} and "Geheime" not in body

    # Telegram too; Rasa answers 500: logged without anything personal, the message stays.
    await client.post(f"/api/intakes/{telegram['id']}/messages", json={"text": secret})
    await asyncio.gather(*set(app[keys.PUSHES]))
    assert calls[1][0] == "telegram-9f8e"
    assert "Rasa did not take a new-message push: HTTP 500" in caplog.text
    # The REST channel cannot receive a push: none is even started.
    await client.post(f"/api/intakes/{rest['id']}/messages", json={"text": secret})
    assert not app[keys.PUSHES] and len(calls) == 2
    # Rasa not there at all: a warning, no exception, nothing personal.
    assert await chat_push.push_new_message("http://127.0.0.1:9", "rasa-geheim", "telegram-9f8e") is False

    client.session.cookie_jar.clear()
    for intake in (web_intake, telegram, rest):
        status = await (await get_status(client, intake["code"])).json()
        assert status["berichten"][0]["tekst"] == secret
    await client.post(REPLY, json=with_code(telegram, tekst="Ok"))
    logged = caplog.text + " ".join(str(vars(r)) for r in caplog.records)
    for private in ("rasa-geheim", "sid-Ab12", "telegram-9f8e", "Geheime", telegram["code"]):
        assert private not in logged, private
    assert "/api/public/status/berichten" in logged and "/api/public/status " in logged
