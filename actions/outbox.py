"""No lost intake: the action server's outbox for intakes the backend cannot take now.

After the person's yes, ``action_overdracht`` posts the intake (``POST /api/intakes``) with the
receipt code it made itself (``wegwijzer.vocab.generate_code``). When the backend cannot be
reached, times out or fails (5xx), the intake is kept here, one row per intake (its
``intake_id``; the first approved record wins, as in the backend), and the person is told that it is saved,
will reach the contact person as soon as the system works again, and what their code is. A
refusal (4xx: the record itself is wrong) is not kept: retrying would not help, and the person
hears that nothing was sent.

The outbox is a small SQL database of its own (``WEGWIJZER_OUTBOX_URL``, an SQLAlchemy URL,
by default ``sqlite:///var/outbox.db``; the table is created on first use, no migrations). The
record is stored as JSON encrypted with the backend's data keys (``WEGWIJZER_DATA_KEYS``,
``shared.crypto.EncryptedText``), so the database file holds no readable text; on SQLite a
delivered row is overwritten in the file (``PRAGMA secure_delete``, ``shared.transcripts``).

Delivery (:func:`send_once`, and :class:`Runner` in the ``outbox`` process of the ``Procfile``:
``wegwijzer outbox run``; ``wegwijzer outbox send-once`` for one pass) posts the waiting rows,
oldest first, and deletes each after the backend's 201 or 200. That is exactly once: the backend
keeps one record per ``intake_id`` and answers a repeat with the stored record, so a
retry after a lost response (or a crash between the answer and the delete) makes no second
intake. While the backend is away, a pass stops at the first failure and the runner waits
longer each time (``WEGWIJZER_OUTBOX_INTERVAL`` doubling up to
``WEGWIJZER_OUTBOX_MAX_BACKOFF``); a row the backend refuses at delivery (e.g. a wrong service
token, or a school removed meanwhile) is kept and tried again every
:data:`REFUSED_RETRY_SECONDS`, never dropped: fixing the configuration delivers it. Logs hold
counts only: never a conversation id, a code or anything the person typed.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from shared import backend_client
from shared.client_settings import Settings
from shared import crypto
from shared import transcripts

log = logging.getLogger(__name__)

URL_VARIABLE = "WEGWIJZER_OUTBOX_URL"
DEFAULT_INTERVAL_SECONDS = 5.0
DEFAULT_MAX_BACKOFF_SECONDS = 60.0
MIN_SECONDS = 0.1
# A row the backend refused at delivery waits this long before the next try (an operator fixes
# the cause: the service token, a school; the row is never dropped).
REFUSED_RETRY_SECONDS = 900.0

metadata = sa.MetaData()
outbox_table = sa.Table(
    "outbox",
    metadata,
    # The row's key: the record's ``intake_id`` (rows kept before issue 15 have the
    # conversation id here, and records without ``intake_id``, which the backend keys the same
    # way). The column keeps its first name so existing outbox files go on working.
    sa.Column("conversation_id", sa.String(255), primary_key=True),
    # The intake record as JSON, as a Fernet token of the backend's data keys.
    sa.Column("body", crypto.EncryptedText, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),  # Unix time: oldest first
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False),
)

_engines: Dict[str, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """The engine on this outbox (one per URL and process), its table created on first use."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            parsed = make_url(transcripts.sync_url(url, URL_VARIABLE))
            file = parsed.database if parsed.get_backend_name() == "sqlite" else None
            if file and file != ":memory:":
                Path(file).parent.mkdir(parents=True, exist_ok=True)
            engine = transcripts.create_engine(url, URL_VARIABLE)
            metadata.create_all(engine)
            _engines[url] = engine
        return engine


def keep(record: Dict[str, Any], url: str) -> str:
    """Keep ``record`` (with its ``intake_id`` and ``code``) until it is delivered; the
    receipt code to tell the person: the kept record's, when this intake already waits."""
    engine = engine_for(url)
    conversation_id = record.get("intake_id") or record["conversation_id"]  # the row's key
    now = time.time()
    for _attempt in range(2):
        waiting = _waiting_code(engine, conversation_id)
        if waiting is not None:
            return waiting
        try:
            with engine.begin() as connection:
                connection.execute(outbox_table.insert().values(
                    conversation_id=conversation_id, body=json.dumps(record, ensure_ascii=False),
                    created_at=now, attempts=0, next_attempt_at=now,
                ))
        except sa.exc.IntegrityError:  # the same conversation, at the same moment: read it
            continue
        log.info("outbox: an intake is kept until the backend takes it")
        return record["code"]
    raise RuntimeError("outbox: could not keep the intake")


def _waiting_code(engine: Engine, conversation_id: str) -> Optional[str]:
    with engine.connect() as connection:
        body = connection.execute(
            sa.select(outbox_table.c.body).where(outbox_table.c.conversation_id == conversation_id)
        ).scalar()
    return json.loads(body)["code"] if body is not None else None


def waiting(url: str) -> int:
    """How many intakes wait."""
    with engine_for(url).connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(outbox_table)).scalar()


@dataclass
class Outcome:
    """One delivery pass, in counts."""

    sent: int = 0
    refused: int = 0  # the backend said no (4xx): kept, tried again later
    unreadable: int = 0  # no key in WEGWIJZER_DATA_KEYS opens it: kept
    unavailable: bool = False  # the backend could not be reached: the pass stopped
    other_code: int = 0  # stored under another code than the one the person was told
    waiting: int = 0

    def summary(self) -> str:
        parts = [f"{self.sent} delivered", f"{self.waiting} waiting"]
        if self.refused:
            parts.append(f"{self.refused} refused by the backend (kept)")
        if self.unreadable:
            parts.append(f"{self.unreadable} not readable with the data keys (kept)")
        if self.unavailable:
            parts.append("backend not reachable")
        return ", ".join(parts)


def _due(engine: Engine, now: float) -> List[Tuple[str, Optional[Dict[str, Any]]]]:
    """The rows due, oldest first: (conversation_id, record, or None when no key opens it)."""
    raw_body = sa.type_coerce(outbox_table.c.body, sa.Text)  # decrypted below, row by row
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(outbox_table.c.conversation_id, raw_body)
            .where(outbox_table.c.next_attempt_at <= now)
            .order_by(outbox_table.c.created_at, outbox_table.c.conversation_id)
        ).all()
    due = []
    for conversation_id, token in rows:
        try:
            due.append((conversation_id, json.loads(crypto.decrypt(token))))
        except crypto.UndecryptableValue:
            due.append((conversation_id, None))
    return due


def _tried(engine: Engine, conversation_id: str, retry_at: Optional[float] = None) -> None:
    values: Dict[str, Any] = {"attempts": outbox_table.c.attempts + 1}
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    with engine.begin() as connection:
        connection.execute(
            outbox_table.update().where(outbox_table.c.conversation_id == conversation_id)
            .values(**values)
        )


def _delivered(engine: Engine, conversation_id: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            outbox_table.delete().where(outbox_table.c.conversation_id == conversation_id)
        )


async def send_once(settings: Settings, now: Optional[float] = None) -> Outcome:
    """One pass: post every due row, oldest first; stop at the first sign the backend is away.
    Database calls are plain (sync) here: this runs in its own process, not in the actions."""
    engine = engine_for(settings.outbox_url)
    now = time.time() if now is None else now
    outcome = Outcome()
    for conversation_id, record in _due(engine, now):
        if record is None:
            outcome.unreadable += 1
            _tried(engine, conversation_id, now + REFUSED_RETRY_SECONDS)
            continue
        try:
            stored = await backend_client.post_intake(record, settings)
        except backend_client.BackendUnavailable:
            outcome.unavailable = True
            _tried(engine, conversation_id)
            break
        except backend_client.BackendRejected:
            outcome.refused += 1
            _tried(engine, conversation_id, now + REFUSED_RETRY_SECONDS)
            continue
        _delivered(engine, conversation_id)
        outcome.sent += 1
        if stored.get("code") != record.get("code"):
            outcome.other_code += 1
    outcome.waiting = waiting(settings.outbox_url)
    if outcome.other_code:
        log.warning("outbox: %d intake(s) stored under another receipt code than the person "
                    "was told (the code was taken, or the conversation was stored before)",
                    outcome.other_code)
    return outcome


# --- the Procfile process ------------------------------------------------------------------

@dataclass(frozen=True)
class RunnerSettings:
    interval_seconds: float = DEFAULT_INTERVAL_SECONDS
    max_backoff_seconds: float = DEFAULT_MAX_BACKOFF_SECONDS


def runner_settings_from_env(environ: Mapping[str, str] = os.environ) -> RunnerSettings:
    """``WEGWIJZER_OUTBOX_INTERVAL`` and ``WEGWIJZER_OUTBOX_MAX_BACKOFF`` (seconds, at least a
    tenth); ``transcripts.SettingsError`` (Dutch) for a value that is not usable."""
    def seconds(name: str, default: float) -> float:
        return transcripts.seconds_from_env(environ, name, default, MIN_SECONDS, kind=float)

    interval = seconds("WEGWIJZER_OUTBOX_INTERVAL", DEFAULT_INTERVAL_SECONDS)
    backoff = seconds("WEGWIJZER_OUTBOX_MAX_BACKOFF", DEFAULT_MAX_BACKOFF_SECONDS)
    return RunnerSettings(interval, max(interval, backoff))


@dataclass
class Runner:
    """Delivers at once (a restart catches up) and then every interval, waiting longer (up to
    the maximum) while the backend is away, until :meth:`stop`."""

    settings: Settings
    timing: RunnerSettings = field(default_factory=RunnerSettings)
    stopped: threading.Event = field(default_factory=threading.Event)

    def deliver(self) -> Optional[Outcome]:
        try:
            outcome = asyncio.run(send_once(self.settings))
        except (sa.exc.SQLAlchemyError, OSError) as exc:  # the outbox itself: try again later
            log.warning("outbox: outbox database not usable now (%s)", type(exc).__name__)
            return None
        if outcome.sent or outcome.refused or outcome.unreadable or outcome.unavailable:
            log.info("outbox: %s", outcome.summary())
        return outcome

    def run(self) -> None:
        log.info("outbox: delivering waiting intakes, checking every %g s",
                 self.timing.interval_seconds)
        delay = self.timing.interval_seconds
        while not self.stopped.is_set():
            outcome = self.deliver()
            if outcome is not None and outcome.unavailable:
                delay = min(delay * 2, self.timing.max_backoff_seconds)
            else:
                delay = self.timing.interval_seconds
            self.stopped.wait(delay)
        log.info("outbox: stopped")

    def stop(self, *_args) -> None:
        self.stopped.set()


def run_forever(settings: Settings, timing: RunnerSettings) -> None:
    """The ``Procfile`` process: runs until SIGTERM or SIGINT (honcho sends them on Ctrl-C)."""
    runner = Runner(settings, timing)
    signal.signal(signal.SIGTERM, runner.stop)
    signal.signal(signal.SIGINT, runner.stop)
    runner.run()
