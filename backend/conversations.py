"""Rasa's copy of a conversation, for the privacy commands: read it into an export, delete it
with its intake (on request, also from the dashboard and the API, or when the retention
period is over).

Rasa keeps every conversation in its SQL tracker store (``TRACKER_STORE_URL``, see
``bot/endpoints.yml``): table ``events``, one row per event with the conversation's
``sender_id``, which is the intake's ``conversation_id``, and the event as JSON in ``data``
(what the person typed, what the bot said, the slots), encrypted with the data keys
(``bot/tracker_store.py``). The backend never reads it otherwise.
A relative SQLite path is taken from the repository root, where ``make run`` starts Rasa.
"""
from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

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


async def events(url: Optional[str], conversation_id: str) -> List[Dict[str, Any]]:
    """The conversation's events, oldest first: ``{"soort", "op", "gegevens"}``."""
    if url is None:
        return []

    async def work(connection) -> List[Dict[str, Any]]:
        result = await connection.execute(
            sa.select(EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
            .where(EVENTS.c.sender_id == conversation_id)
            .order_by(EVENTS.c.id)
        )
        return [
            {"soort": kind, "op": _moment(moment), "gegevens": _json(data)}
            for kind, moment, data in result
        ]

    return await _with_events(url, work) or []


async def delete(url: Optional[str], conversation_ids: Sequence[str]) -> int:
    """Delete these conversations' events; returns how many there were."""
    if url is None or not conversation_ids:
        return 0

    async def work(connection) -> int:
        result = await connection.execute(
            EVENTS.delete().where(EVENTS.c.sender_id.in_(list(conversation_ids)))
        )
        return int(result.rowcount or 0)

    return await _with_events(url, work) or 0


async def forget(conversation_ids: Sequence[str]) -> bool:
    """Delete these conversations from the tracker store of ``TRACKER_STORE_URL``, for the
    dashboard and the API; ``False`` (with a warning that names no conversation) when the
    store could not be reached, and the caller says so."""
    try:
        await delete(tracker_store_url(), conversation_ids)
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
