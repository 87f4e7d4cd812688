"""Rasa's copy of a conversation, for the privacy commands: read it into an export, delete it
with its intake (on request, also from the dashboard and the API, or when the retention
period is over).

Rasa keeps every conversation in its SQL tracker store (``TRACKER_STORE_URL``, see
``bot/endpoints.yml``): table ``events``, one row per event with the conversation's
``sender_id``, which is the intake's ``conversation_id``, and the event as JSON in ``data``
(what the person typed, what the bot said, the slots), encrypted with the data keys
(``bot/tracker_store.py``). The backend never reads it otherwise.
A relative SQLite path is taken from the repository root, where ``make run`` starts Rasa.

One chat can hold several intakes (issue 15: a Telegram chat keeps its sender id for ever), so
an intake's part of the conversation is what is exported and deleted with it, never the
whole chat. The chat is cut into parts at each handoff: a part runs from the first event after
the previous handoff (or the start) up to the person's next message after its own handoff
(``overdracht_status`` set to ``gelukt``; the bot's answer with the code and copy link belongs
to it). A part belongs to the intakes whose ``intake_id`` was set in it (the action server sets
it when the intake starts and again at the handoff). An intake's part is every event in it but
``session_started`` (no text; Rasa uses it to find the current session). Records from before
intake ids (their ``intake_key`` is the conversation id) own the parts that name no intake.
When no part names the intake (its events were already deleted after the transcript TTL, or
their data key is gone) nothing is deleted: the other intakes' parts always stay.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from shared import crypto
from shared.settings import REPO_ROOT
from backend.db import create_engine

log = logging.getLogger(__name__)

# What an unreachable or broken tracker store raises (a bad URL, the driver, the network).
STORE_ERRORS = (ValueError, SQLAlchemyError, OSError)

EVENTS = sa.table(
    "events", sa.column("id"), sa.column("sender_id"), sa.column("type_name"),
    sa.column("timestamp"), sa.column("data"),
)
INTAKE_SLOT = "intake_id"
HANDOFF_SLOT, HANDOFF_DONE = "overdracht_status", "gelukt"
KEPT_TYPES = frozenset({"session_started"})


@dataclass(frozen=True)
class Chat:
    """Where an intake's part of a chat is: the conversation and the intake's ``intake_key``."""

    conversation_id: str
    intake_key: Optional[str] = None

    @property
    def legacy(self) -> bool:
        """A record from before intake ids: keyed by its conversation id."""
        return not self.intake_key or self.intake_key == self.conversation_id


@dataclass
class _Part:
    owners: Set[str]
    rows: List[Tuple[int, str, Any]]  # (id, type_name, event as JSON data)


def _parts(rows: Iterable[Tuple[int, str, Any]]) -> List[_Part]:
    """The conversation's events (``(id, type_name, event)``, oldest first) cut at each
    handoff, each part with the intake ids set in it."""
    parts: List[_Part] = []
    current, handed_off = _Part(set(), []), False
    for row in rows:
        _id, kind, event = row
        if kind == "user" and handed_off:
            parts.append(current)
            current, handed_off = _Part(set(), []), False
        current.rows.append(row)
        if kind == "slot" and isinstance(event, dict):
            name, value = event.get("name"), event.get("value")
            if name == INTAKE_SLOT and value:
                current.owners.add(str(value))
            elif name == HANDOFF_SLOT and value == HANDOFF_DONE:
                handed_off = True
    if current.rows:
        parts.append(current)
    return parts


def _intake_rows(rows: Iterable[Tuple[int, str, Any]], chat: Chat) -> List[Tuple[int, str, Any]]:
    """The rows of ``chat``'s intake (see the module's docstring)."""
    if chat.legacy:
        mine = [part for part in _parts(rows) if not part.owners]
    else:
        mine = [part for part in _parts(rows) if chat.intake_key in part.owners]
    return [row for part in mine for row in part.rows]


async def _rows(connection, conversation_id: str) -> List[Tuple[int, str, Optional[float], Any]]:
    result = await connection.execute(
        sa.select(EVENTS.c.id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
        .where(EVENTS.c.sender_id == conversation_id)
        .order_by(EVENTS.c.id)
    )
    return [(id_, kind, moment, _json(data)) for id_, kind, moment, data in result]


def tracker_store_url(environ: Mapping[str, str] = os.environ) -> Optional[str]:
    """The tracker store's URL (``TRACKER_STORE_URL``, else ``var/tracker.db`` when that file
    exists), or ``None`` when there is none to look in."""
    url = environ.get("TRACKER_STORE_URL") or "sqlite:///var/tracker.db"
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        path = Path(parsed.database or "")
        if not path.is_absolute():
            path = REPO_ROOT / path
        if not path.exists():  # never create an empty database here
            return None
        return parsed.set(database=str(path)).render_as_string(hide_password=False)
    return url


async def _with_events(url: str, work: Any) -> Any:
    """``work(connection)`` in one transaction, or ``None`` when there is no events table."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            if not await connection.run_sync(lambda sync: sa.inspect(sync).has_table("events")):
                return None
            return await work(connection)
    finally:
        await engine.dispose()


async def events(url: Optional[str], chat: "Chat | str") -> List[Dict[str, Any]]:
    """The events of the intake's part of the chat, oldest first: ``{"soort", "op",
    "gegevens"}`` (a bare conversation id: every event of the conversation)."""
    if url is None:
        return []

    async def work(connection) -> List[Dict[str, Any]]:
        if isinstance(chat, Chat):
            rows = await _rows(connection, chat.conversation_id)
            wanted = {row[0] for row in _intake_rows(
                [(id_, kind, event) for id_, kind, _moment, event in rows], chat)}
            rows = [row for row in rows if row[0] in wanted]
        else:
            rows = await _rows(connection, chat)
        return [
            {"soort": kind, "op": _moment(moment), "gegevens": event}
            for _id, kind, moment, event in rows
        ]

    return await _with_events(url, work) or []


async def delete(url: Optional[str], chats: Sequence[Chat]) -> int:
    """Delete these intakes' parts of their chats; returns how many events went."""
    if url is None or not chats:
        return 0

    async def work(connection) -> int:
        deleted = 0
        for chat in chats:
            rows = await _rows(connection, chat.conversation_id)
            ids = [id_ for id_, kind, _event in _intake_rows(
                [(id_, kind, event) for id_, kind, _moment, event in rows], chat)
                if kind not in KEPT_TYPES]
            for start in range(0, len(ids), 500):
                result = await connection.execute(
                    EVENTS.delete().where(EVENTS.c.id.in_(ids[start:start + 500]))
                )
                deleted += int(result.rowcount or 0)
        return deleted

    return await _with_events(url, work) or 0


async def forget(chats: Sequence[Chat]) -> bool:
    """Delete these intakes' parts of their chats from the tracker store of
    ``TRACKER_STORE_URL``, for the dashboard and the API; ``False`` (with a warning that names
    no conversation) when the store could not be reached, and the caller says so."""
    try:
        await delete(tracker_store_url(), chats)
    except STORE_ERRORS as exc:
        log.warning("tracker store failed, conversation not wiped: %s", type(exc).__name__)
        return False
    return True


def _moment(timestamp: Optional[float]) -> Optional[str]:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat()


def _json(data: Optional[str]) -> Any:
    """An event's JSON; sealed with the data keys by ``bot/tracker_store.py``, or plain (rows
    written before it, and the handoff status)."""
    if data and not data.lstrip().startswith("{"):
        try:
            data = crypto.decrypt(data)
        except crypto.UndecryptableValue:
            return None  # a key that is gone: nothing readable to export
    try:
        return json.loads(data) if data else None
    except ValueError:
        return data
