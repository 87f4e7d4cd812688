"""No lost intake (``actions/outbox.py``): when the backend is away, the handoff keeps the intake
encrypted in the outbox and tells the person their code; delivery brings it to the real backend
exactly once, also after a lost response. Real backend over HTTP, real SQLite outbox."""
from __future__ import annotations

import json
import os
import time

import sqlalchemy as sa
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import outbox, overdracht
from shared.client_settings import get_settings
from actions.overdracht import ActionOverdracht
from shared import crypto
from tests.actions.conftest import SERVICE_TOKEN, hashed, stored_intakes, tracker
from tests.actions.test_overdracht import APPROVED, CODE_RE
from tests.conftest import free_port


def _tokens(url: str) -> list[str]:
    """The stored bodies as they are in the database (no column type in between)."""
    with sa.create_engine(url).connect() as connection:
        return list(connection.execute(sa.text("SELECT body FROM outbox")).scalars())


async def test_backend_away_the_intake_waits_encrypted_and_is_delivered_exactly_once(
    backend, database, outbox_url, tmp_path, monkeypatch
):
    live = os.environ["BACKEND_URL"]
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens
    dispatcher = CollectingDispatcher()
    events = await ActionOverdracht().run(dispatcher, tracker(APPROVED, channel="socketio"), {})

    # Told honestly: saved, not yet with the school, and the code already.
    [told] = dispatcher.messages
    assert told["response"] == "utter_overdracht_bewaard"
    code = told["code"]
    assert CODE_RE.match(code)
    assert "kopie_url" not in told  # no copy while the backend is away: the code gets it later
    assert events[-2:] == [SlotSet("code", code), SlotSet("overdracht_status", "gelukt")]

    # At rest: a Fernet token of the data keys; neither the story nor the code is readable.
    [token] = _tokens(outbox_url)
    raw = (tmp_path / "outbox.db").read_bytes()
    assert token.encode() in raw
    assert APPROVED["wat_gebeurd"].encode() not in raw and code.encode() not in raw
    record = json.loads(crypto.decrypt(token))
    assert record["wat_gebeurd"] == APPROVED["wat_gebeurd"] and record["code"] == code

    # The same intake again while it waits: the same code, still one waiting.
    again = CollectingDispatcher()
    await ActionOverdracht().run(again, tracker(APPROVED), {})
    assert again.messages[0]["code"] == code and outbox.waiting(outbox_url) == 1

    # Still away: a pass delivers nothing and keeps it.
    outcome = await outbox.send_once(get_settings())
    assert outcome.unavailable and (outcome.sent, outcome.waiting) == (0, 1)

    # Back, but refusing (a wrong service token): kept, and not tried again at once.
    monkeypatch.setenv("BACKEND_URL", live)
    monkeypatch.setenv("WEGWIJZER_SERVICE_TOKEN", "not-the-token")
    outcome = await outbox.send_once(get_settings())
    assert (outcome.refused, outcome.waiting) == (1, 1)
    assert (await outbox.send_once(get_settings())).refused == 0
    assert stored_intakes(database) == []

    # Fixed: delivered, with the code the person was told, and gone from the file.
    monkeypatch.setenv("WEGWIJZER_SERVICE_TOKEN", SERVICE_TOKEN)
    later = time.time() + outbox.REFUSED_RETRY_SECONDS + 1
    outcome = await outbox.send_once(get_settings(), now=later)
    assert (outcome.sent, outcome.waiting, outcome.other_code) == (1, 0, 0)
    [stored] = stored_intakes(database)
    assert stored["code_hash"] == hashed(code) and stored["conversation_id"] == "conv-1"
    assert stored["kanaal"] == "web" and stored["wat_gebeurd"] == APPROVED["wat_gebeurd"]
    assert token.encode() not in (tmp_path / "outbox.db").read_bytes()  # secure_delete

    # A lost response (delivered, the row not deleted): the retry makes no second intake.
    assert outbox.keep(record, outbox_url) == code
    outcome = await outbox.send_once(get_settings())
    assert (outcome.sent, outcome.waiting, outcome.other_code) == (1, 0, 0)
    assert stored_intakes(database) == [stored]


async def test_when_not_even_the_outbox_works_the_person_hears_nothing_was_sent(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("WEGWIJZER_OUTBOX_URL", f"sqlite:///{tmp_path / 'a-file' / 'outbox.db'}")
    dispatcher = CollectingDispatcher()
    events = await ActionOverdracht().run(dispatcher, tracker(APPROVED), {})
    assert events == [SlotSet("intake_id", APPROVED["intake_id"]),
                      SlotSet("overdracht_status", "mislukt")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_overdracht_mislukt"]


async def test_a_code_another_intake_has_is_replaced_and_the_person_hears_the_stored_one(
    backend, database, monkeypatch
):
    first = CollectingDispatcher()
    await ActionOverdracht().run(first, tracker(APPROVED, sender="conv-a"), {})
    taken = first.messages[0]["code"]
    # Another intake whose code is drawn the same (as if by chance).
    monkeypatch.setattr(overdracht, "generate_code", lambda: taken)
    second = CollectingDispatcher()
    other = tracker({**APPROVED, "intake_id": "e" * 32}, sender="conv-b")
    events = await ActionOverdracht().run(second, other, {})
    told = second.messages[0]["code"]
    assert second.messages[0]["response"] == "utter_overdracht_gelukt"
    assert CODE_RE.match(told) and told != taken and SlotSet("code", told) in events
    assert {r["conversation_id"]: r["code_hash"] for r in stored_intakes(database)} == {
        "conv-a": hashed(taken), "conv-b": hashed(told)}
