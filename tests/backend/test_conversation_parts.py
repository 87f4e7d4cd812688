"""``backend.store.conversations`` cuts a chat at each handoff: deleting or exporting one intake
touches only its part, never another report's in the same chat (issue 15). A tracker store
as Rasa makes it (SQLite, the ``events`` table), each event's text sealed with the data keys."""
from __future__ import annotations

import json
import sqlite3

import pytest

from backend.store import conversations
from shared import crypto
from backend.store.conversations import Chat
from tests.backend.test_cli_privacy import tracker_store  # noqa: F401

SENDER = "telegram-kind"


def _event(kind: str, **fields) -> tuple[str, str]:
    return kind, json.dumps({"event": kind, **fields})


def _slot(name: str, value) -> tuple[str, str]:
    return _event("slot", name=name, value=value)


def _intake(intake_id: str, story: str, code: str) -> list[tuple[str, str]]:
    return [
        _event("user", text=f"ik wil iets melden: {story}"),
        _slot("intake_id", intake_id),
        _event("bot", text="Wat is er gebeurd?"),
        _event("user", text=story),
        _slot("intake_id", intake_id),
        _slot("intake_id", None),
        _slot("code", code),
        _slot("overdracht_status", "gelukt"),
        _event("bot", text=f"Je code is {code}"),
    ]


@pytest.fixture
def store(tmp_path, tracker_store):  # noqa: F811  (its events table, at tmp_path/tracker.db)
    crypto.use_keys([crypto.generate_key()])
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as connection:
        rows = [_event("session_started"), *_intake("i-1", "Eerste verhaal", "AAAA-1111"),
                *_intake("i-2", "Tweede verhaal", "BBBB-2222"), _event("user", text="dank je")]
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, ?, 1.0, ?)",
            [(SENDER, kind, crypto.encrypt(data)) for kind, data in rows],
        )
    yield f"sqlite:///{path}", path
    crypto.use_keys(None)


def _texts(path) -> str:
    with sqlite3.connect(path) as connection:
        return "\n".join(crypto.decrypt(data) for (data,) in connection.execute(
            "SELECT data FROM events ORDER BY id"))


async def test_deleting_the_first_report_keeps_the_second_and_the_session(store):
    url, path = store
    await conversations.delete(url, [Chat(SENDER, "i-1")])
    left = _texts(path)
    assert "Eerste verhaal" not in left and "AAAA-1111" not in left
    assert "Tweede verhaal" in left and "BBBB-2222" in left and "dank je" in left
    assert "session_started" in left


async def test_deleting_the_second_report_keeps_the_first_and_what_came_after(store):
    url, path = store
    await conversations.delete(url, [Chat(SENDER, "i-2")])
    left = _texts(path)
    assert "Tweede verhaal" not in left and "BBBB-2222" not in left
    assert "Eerste verhaal" in left and "dank je" in left


async def test_an_intake_no_part_names_deletes_nothing(store):
    url, path = store
    before = _texts(path)
    assert await conversations.delete(url, [Chat(SENDER, "i-onbekend")]) == 0
    assert _texts(path) == before


async def test_the_export_of_one_report_holds_only_its_part(store):
    url, _path = store
    exported = json.dumps(await conversations.events(url, Chat(SENDER, "i-2")))
    assert "Tweede verhaal" in exported and "Eerste verhaal" not in exported


async def test_a_record_from_before_intake_ids_owns_the_parts_that_name_none(store):
    url, path = store
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', 1, ?)",
            ("oud-gesprek", crypto.encrypt(json.dumps({"event": "user", "text": "Oud verhaal"}))))
    await conversations.delete(url, [Chat("oud-gesprek", "oud-gesprek")])
    left = _texts(path)
    assert "Oud verhaal" not in left and "Eerste verhaal" in left
