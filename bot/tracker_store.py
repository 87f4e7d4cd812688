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

Rasa reads the whole conversation back on every message, so each event used to be decrypted
again at every turn (an intake ends with hundreds of events; ~20-70 µs each, on the event
loop, every turn, for every conversation). Each stored token is therefore decrypted once
per process: a bounded cache maps the token (Fernet tokens are unique: a fresh IV each) to its
text, and ``save`` puts what it sealed there. The cache lives in the Rasa process's memory only,
which holds the same conversations while it answers them.

Configured in ``bot/endpoints.yml`` and ``bot/endpoints.prod.yml`` as
``type: bot.tracker_store.EncryptedSQLTrackerStore``.
"""
from __future__ import annotations

import json
import logging
from collections import OrderedDict
from typing import Any, Dict, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from shared import crypto

logger = logging.getLogger(__name__)

# Read by shared.transcripts in plain text: a status word, nothing the person said.
PLAIN_SLOTS = frozenset({"overdracht_status"})


# Decrypted tokens kept (token -> JSON text): a few hundred events per conversation, so the
# conversations of the last hour or so on a busy school day; ~10 MB at most.
CACHE_SIZE = 20_000


class _Opened:
    """A bounded least-recently-used map from a stored token to its decrypted text."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._texts: "OrderedDict[str, str]" = OrderedDict()

    def get(self, token: str) -> Optional[str]:
        text = self._texts.get(token)
        if text is not None:
            self._texts.move_to_end(token)
        return text

    def put(self, token: str, text: str) -> None:
        self._texts[token] = text
        self._texts.move_to_end(token)
        while len(self._texts) > self._size:
            self._texts.popitem(last=False)

    def clear(self) -> None:
        self._texts.clear()


_opened = _Opened(CACHE_SIZE)


def seal(data: Dict[str, Any]) -> str:
    text = json.dumps(data)
    if data.get("event") == "slot" and data.get("name") in PLAIN_SLOTS:
        return text
    token = crypto.encrypt(text)
    _opened.put(token, text)
    return token


def unseal(stored: str) -> Dict[str, Any]:
    if stored.lstrip().startswith("{"):
        return json.loads(stored)
    text = _opened.get(stored)
    if text is None:
        text = crypto.decrypt(stored)
        _opened.put(stored, text)
    return json.loads(text)


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
