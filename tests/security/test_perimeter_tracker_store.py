"""An attacker with a copy of Rasa's database (a backup, a dump, the SQLite file) reads no story:
the tracker store that ``bot/endpoints.yml`` configures encrypts every event's text. The store is
made the way the Rasa server makes it (Rasa's ``TrackerStore.create`` from the endpoints file),
writes a conversation to a real SQLite file, and the test reads that file's raw bytes."""
from __future__ import annotations

import json

import pytest

from tests.conftest import REPO_ROOT

STORY = "Meester Pieterse van groep 7 zit aan mij"


@pytest.fixture
def store(tmp_path, monkeypatch):
    from rasa.core.tracker_store import TrackerStore
    from rasa.core.utils import read_endpoints_from_path
    from rasa.shared.core.domain import Domain

    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:9/webhook")
    endpoints = read_endpoints_from_path(REPO_ROOT / "bot" / "endpoints.yml")
    domain = Domain.from_yaml("version: '3.1'\nslots:\n  wat_gebeurd:\n    type: text\n"
                              "    mappings:\n    - type: custom\n")
    return TrackerStore.create(endpoints.tracker_store, domain), tmp_path / "tracker.db"


async def test_a_copy_of_rasas_sqlite_file_holds_no_story(store):
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker_store, path = store
    events = [ActionExecuted("action_listen"), UserUttered(STORY),
              SlotSet("wat_gebeurd", STORY), BotUttered(f"Je vertelde: {STORY}")]
    await tracker_store.save(DialogueStateTracker.from_events("kind-1", events))

    raw = b"".join(file.read_bytes() for file in path.parent.glob("tracker.db*"))
    assert b"Pieterse" not in raw and b"groep 7" not in raw
    # Rasa itself reads the conversation back as it was.
    tracker = await tracker_store.retrieve_full_tracker("kind-1")
    assert [e.text for e in tracker.events if e.type_name == "user"] == [STORY]
    assert tracker.get_slot("wat_gebeurd") == STORY
    # And the backend's privacy export (with the same data keys) still reads the conversation.
    from backend.store import conversations

    exported = await conversations.events(f"sqlite:///{path}", "kind-1")
    assert STORY in json.dumps(exported, ensure_ascii=False)
