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
    from backend import conversations

    exported = await conversations.events(f"sqlite:///{path}", "kind-1")
    assert STORY in json.dumps(exported, ensure_ascii=False)


async def test_a_conversation_read_by_another_process_decrypts_from_the_database(store):
    """The store keeps what it decrypted in memory (bot/tracker_store.py): a Rasa process that
    did not write the events (another instance, a restart) still reads them from the file."""
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import tracker_store as module

    tracker_store, _ = store
    events = [ActionExecuted("action_listen"), UserUttered(STORY), SlotSet("wat_gebeurd", STORY)]
    await tracker_store.save(DialogueStateTracker.from_events("kind-2", events))
    module._opened.clear()  # as in a process that never saw these events
    for _ in range(2):  # decrypted, then from memory: the same conversation
        tracker = await tracker_store.retrieve_full_tracker("kind-2")
        assert [e.text for e in tracker.events if e.type_name == "user"] == [STORY]
        assert tracker.get_slot("wat_gebeurd") == STORY


def test_the_memory_of_decrypted_events_is_bounded():
    from bot.tracker_store import _Opened

    opened = _Opened(2)
    for n in range(3):
        opened.put(f"token-{n}", f"text-{n}")
    assert opened.get("token-0") is None
    assert opened.get("token-2") == "text-2"
