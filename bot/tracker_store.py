"""Rasa's SQL tracker store with every event's text encrypted at rest.

Rasa keeps each event of a conversation as JSON in ``events.data``: what the person typed, the
slots (the whole story), the bot's answers. A dump or copy of Rasa's database (SQLite file or
PostgreSQL) held all of it in plain text until ``shared.transcripts`` deleted the conversation.
This store encrypts ``data`` with the backend's data keys (``WEGWIJZER_DATA_KEYS``, Fernet,
``shared.crypto``: the first key encrypts, every key decrypts, so keys rotate the same way).

Left in plain text: the other columns (sender id, event type, time, intent and action name:
no words of the person), and the slot event of ``overdracht_status`` (a status word), which
``shared.transcripts`` reads to see that a conversation ended. Rows written before this store
(plain JSON) are still read.

Configured in ``bot/endpoints.yml`` and ``bot/endpoints.prod.yml`` as
``type: bot.tracker_store.EncryptedSQLTrackerStore``.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from shared import crypto

logger = logging.getLogger(__name__)

# Read by shared.transcripts in plain text: a status word, nothing the person said.
PLAIN_SLOTS = frozenset({"overdracht_status"})


def seal(data: Dict[str, Any]) -> str:
    text = json.dumps(data)
    if data.get("event") == "slot" and data.get("name") in PLAIN_SLOTS:
        return text
    return crypto.encrypt(text)


def unseal(stored: str) -> Dict[str, Any]:
    return json.loads(stored if stored.lstrip().startswith("{") else crypto.decrypt(stored))


class EncryptedSQLTrackerStore(SQLTrackerStore):
    """:class:`SQLTrackerStore` whose ``events.data`` is encrypted (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        crypto.keyring()  # missing or bad data keys stop the start, not the first message
        super().__init__(*args, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's ``save``, with the event's JSON sealed."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=seal(data),
                ))
            session.commit()

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).all()
            events = [unseal(row.data) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None
