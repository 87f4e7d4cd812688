"""No transcript is kept: the events of an ended conversation are deleted from Rasa's SQL tracker
store (table ``events``, see ``rasa.core.tracker_store.SQLTrackerStore``) once it ended more than
``WEGWIJZER_TRANSCRIPT_TTL`` seconds ago (default 3600).

A conversation has ended when, after the person's last message, the bot

- handed it off (``action_overdracht`` set the slot ``overdracht_status`` to ``gelukt``: the
  intake is in the backend, or in the action server's outbox, ``actions.outbox``), or
- stopped it (``action_restart``, which the rules run after "stop", a no to the consent question,
  and the widget's *Sluit en wis*: a ``restart`` event),

or when nothing happened for longer than the session expiration in ``bot/domain/*.yml``
(``session_config``). A conversation is one Rasa session (from a ``session_started`` event to
the next): a session before the newest one has ended at the latest when the next one began.

Safe next to a running Rasa server: a session that is not the newest is deleted only as far as
Rasa no longer reads it (events older than the newest ``session_started``), and the newest one
only when no event came in since it was read (one ``DELETE`` statement checks that). On SQLite
the deleting connection sets ``PRAGMA secure_delete``, so deleted text is overwritten in the
file rather than left in free pages.

:func:`purge` is one sweep; :class:`SweepJob` (a ``shared.jobs.Job``) sweeps at start and every
``WEGWIJZER_TRANSCRIPT_SWEEP_INTERVAL`` seconds (``wegwijzer transcripts run``, a process of the
``Procfile``); ``wegwijzer transcripts purge [--dry-run]`` sweeps once. Only counts are logged:
never a conversation id, never what anyone typed.

Plain SQLAlchemy (the sync drivers Rasa itself uses), no Rasa import: quick to start.
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Mapping, Optional, Sequence, Tuple

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine, make_url

from shared import jobs
from shared.settings import SettingsError, number_from_env

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIR = REPO_ROOT / "bot" / "domain"
DEFAULT_TRACKER_STORE_URL = f"sqlite:///{REPO_ROOT / 'var' / 'tracker.db'}"
DEFAULT_TTL_SECONDS = 3600
DEFAULT_SWEEP_INTERVAL_SECONDS = 300
# Rasa's default when the domain sets none; also used when sessions never expire (0), so that
# an abandoned conversation still ends some time.
DEFAULT_SESSION_EXPIRATION_MINUTES = 60

# Rasa's event type names (rasa.shared.core.events) and the names that mark an end.
USER = "user"
SLOT = "slot"
ACTION = "action"
RESTART = "restart"
SESSION_STARTED = "session_started"
ACTION_SESSION_START = "action_session_start"
HANDOFF_SLOT = "overdracht_status"
HANDOFF_DONE = "gelukt"


@dataclass(frozen=True)
class Settings:
    tracker_store_url: str
    ttl_seconds: int = DEFAULT_TTL_SECONDS
    sweep_interval_seconds: int = DEFAULT_SWEEP_INTERVAL_SECONDS
    session_expiration_seconds: int = DEFAULT_SESSION_EXPIRATION_MINUTES * 60


def ttl_from_env(environ: Mapping[str, str] = os.environ) -> int:
    return number_from_env(environ, "WEGWIJZER_TRANSCRIPT_TTL", DEFAULT_TTL_SECONDS, minimum=0)


def settings_from_env(
    environ: Mapping[str, str] = os.environ, domain_dir: Path = DOMAIN_DIR
) -> Settings:
    return Settings(
        tracker_store_url=environ.get("TRACKER_STORE_URL") or DEFAULT_TRACKER_STORE_URL,
        ttl_seconds=ttl_from_env(environ),
        sweep_interval_seconds=number_from_env(
            environ, "WEGWIJZER_TRANSCRIPT_SWEEP_INTERVAL", DEFAULT_SWEEP_INTERVAL_SECONDS,
            minimum=1,
        ),
        session_expiration_seconds=session_expiration_seconds(domain_dir),
    )


def session_expiration_seconds(domain_dir: Path = DOMAIN_DIR) -> int:
    """``session_config.session_expiration_time`` (minutes) of the domain, in seconds."""
    minutes = None
    for path in sorted(domain_dir.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        config = content.get("session_config") if isinstance(content, dict) else None
        if isinstance(config, dict) and config.get("session_expiration_time") is not None:
            minutes = float(config["session_expiration_time"])
    if not minutes or minutes <= 0:
        minutes = DEFAULT_SESSION_EXPIRATION_MINUTES
    return int(minutes * 60)


def duration_in_words(seconds: int, taal: str = "nl") -> str:
    """A retention period in plain words for the privacy answer: 3600 → ``een uur`` (Dutch) or
    ``one hour`` (``taal="en"``, issue 17)."""
    en = taal == "en"
    units = ((86400, "dag", "dagen", "day", "days"), (3600, "uur", "uur", "hour", "hours"),
             (60, "minuut", "minuten", "minute", "minutes"))
    if seconds == 1800:
        return "half an hour" if en else "een half uur"
    for size, one, many, one_en, many_en in units:
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            if count == 1:
                return f"one {one_en}" if en else f"een {one}"
            return f"{_number(count, taal)} {many_en if en else many}"
    if seconds >= 60:  # not a round number of minutes: say the minutes it takes at most
        return f"{_number(-(-seconds // 60), taal)} {'minutes' if en else 'minuten'}"
    return "one minute" if en else "een minuut"


_NUMBERS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
            "elf", "twaalf")
_NUMBERS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve")


def _number(count: int, taal: str = "nl") -> str:
    numbers = _NUMBERS_EN if taal == "en" else _NUMBERS
    return numbers[count] if count < len(numbers) else str(count)


# --- which events may go -----------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    """What the sweep needs of one row of ``events`` (never its text)."""

    id: int
    type_name: str
    timestamp: float
    action_name: Optional[str] = None
    ends: bool = False  # a handoff or a stop


@dataclass(frozen=True)
class Deletion:
    """Delete this sender's events with ``first_id <= id <= last_id``; with ``before`` only those
    older than that timestamp (what Rasa no longer reads); with ``whole`` only if no event came
    in after ``last_id``."""

    sender_id: str
    first_id: int
    last_id: int
    before: Optional[float] = None
    whole: bool = False


def sessions(events: Sequence[Event]) -> List[List[Event]]:
    """The events (in id order) split into Rasa sessions at each ``session_started``; the
    ``action_session_start`` just before one belongs to the session it starts."""
    result: List[List[Event]] = [[]]
    for event in events:
        if event.type_name == SESSION_STARTED and any(
            e.type_name != ACTION or e.action_name != ACTION_SESSION_START for e in result[-1]
        ):
            carried = []
            if result[-1] and result[-1][-1].action_name == ACTION_SESSION_START:
                carried = [result[-1].pop()]
            result.append(carried)
        result[-1].append(event)
    return [session for session in result if session]


def ended_at(session: Sequence[Event], idle_seconds: int, next_start: Optional[float]) -> float:
    """When the conversation ended (a time in the future when it still runs)."""
    last_user = max((i for i, e in enumerate(session) if e.type_name == USER), default=-1)
    last_end = max((i for i, e in enumerate(session) if e.ends), default=-1)
    if last_end > last_user:
        return session[-1].timestamp  # handed off or stopped, with the bot's last words
    idle_end = session[-1].timestamp + idle_seconds
    return idle_end if next_start is None else min(idle_end, next_start)


@dataclass
class Plan:
    """One sender's events that may go now, and when the next of them is due (or ``None``)."""

    deletions: List[Deletion]
    next_due: Optional[float] = None


def plan(
    sender_id: str, events: Sequence[Event], now: float, ttl_seconds: int, idle_seconds: int
) -> Plan:
    """What of one sender's events (in id order) may be deleted now."""
    parts = sessions(events)
    if not parts:
        return Plan([])
    newest_due = ended_at(parts[-1], idle_seconds, None) + ttl_seconds
    if newest_due <= now:  # everything ended long enough ago (older sessions ended before it)
        return Plan([Deletion(sender_id, events[0].id, events[-1].id, whole=True)])
    found, due = [], [newest_due]
    if len(parts) > 1:
        # Rasa reads the newest session from its session_started on: older events are unread.
        newest_start = next(e.timestamp for e in parts[-1] if e.type_name == SESSION_STARTED)
        for session, following in zip(parts, parts[1:]):
            session_due = ended_at(session, idle_seconds, following[0].timestamp) + ttl_seconds
            if session_due <= now:
                found.append(
                    Deletion(sender_id, session[0].id, session[-1].id, before=newest_start)
                )
            else:
                due.append(session_due)
    return Plan(found, min(due))


# --- the tracker store -------------------------------------------------------------------------

_metadata = sa.MetaData()
# The columns of Rasa's table that the sweep touches (Rasa creates the table; we never do).
events_table = sa.Table(
    "events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


@dataclass
class Outcome(jobs.Outcome):
    conversations: int = 0  # ended conversations (sessions) whose events went, or would go
    events: int = 0
    dry_run: bool = False
    store_found: bool = True
    next_due: Optional[float] = None  # when the next conversation is due to go

    def worth_logging(self) -> bool:
        return bool(self.events)

    def summary(self) -> str:
        if not self.store_found:
            return "no tracker store yet: nothing to delete"
        verb = "would delete" if self.dry_run else "deleted"
        return f"{verb} {self.events} events of {self.conversations} ended conversations"


def sync_url(url: str, variable: str = "TRACKER_STORE_URL") -> str:
    """Rasa's URL with the sync driver Rasa uses (``postgresql+asyncpg`` → ``postgresql``);
    ``variable`` names the setting in the error (the action server's outbox uses this too)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise SettingsError(
            f"{variable}: only sqlite:///… and postgresql://… are supported, not {backend!r}"
        )
    return parsed.set(drivername=backend).render_as_string(hide_password=False)


def _sqlite_file(url: str) -> Optional[Path]:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_engine(url: str, variable: str = "TRACKER_STORE_URL") -> Engine:
    """An engine on the tracker store (or the outbox, ``variable``); on SQLite every connection
    overwrites what it deletes."""
    engine = sa.create_engine(sync_url(url, variable), future=True)
    if engine.dialect.name == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _secure_delete(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.close()
    return engine


def _events_by_sender(engine: Engine) -> Iterable[Tuple[str, List[Event]]]:
    """Each sender's events in id order. Text is read only of the few slot events that may be
    the handoff's outcome; it is not kept."""
    handoff = sa.and_(
        events_table.c.type_name == SLOT, events_table.c.data.like(f'%"{HANDOFF_SLOT}"%')
    )
    query = (
        sa.select(
            events_table.c.sender_id, events_table.c.id, events_table.c.type_name,
            events_table.c.timestamp, events_table.c.action_name,
            sa.case((handoff, events_table.c.data), else_=sa.null()).label("slot_data"),
        )
        .order_by(events_table.c.sender_id, events_table.c.id)
    )
    # Read at once, so that the read lock (SQLite) is not held while the sweep thinks.
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    current: Optional[str] = None
    batch: List[Event] = []
    for row in rows:
        if row.sender_id != current:
            if batch:
                yield current, batch
            current, batch = row.sender_id, []
        batch.append(Event(
            id=row.id, type_name=row.type_name, timestamp=row.timestamp or 0.0,
            action_name=row.action_name,
            ends=row.type_name == RESTART or _is_handoff(row.slot_data),
        ))
    if batch:
        yield current, batch


def _is_handoff(data: Optional[str]) -> bool:
    if not data:
        return False
    try:
        slot = json.loads(data)
    except ValueError:
        return False
    return slot.get("name") == HANDOFF_SLOT and slot.get("value") == HANDOFF_DONE


def _delete(connection, deletion: Deletion) -> int:
    table = events_table
    where = [
        table.c.sender_id == deletion.sender_id,
        table.c.id >= deletion.first_id,
        table.c.id <= deletion.last_id,
    ]
    if deletion.before is not None:
        where.append(table.c.timestamp < deletion.before)
    if deletion.whole:  # nobody came back since the events were read
        newest = sa.select(sa.func.max(table.c.id)).where(
            table.c.sender_id == deletion.sender_id
        ).scalar_subquery()
        where.append(newest == deletion.last_id)
    # The first statement of its transaction is the write: SQLite takes its write lock at once
    # (waiting for Rasa if need be) instead of upgrading a read lock, which could deadlock.
    return connection.execute(sa.delete(table).where(*where)).rowcount or 0


def purge(settings: Settings, now: Optional[float] = None, dry_run: bool = False) -> Outcome:
    """One sweep over the tracker store."""
    now = time.time() if now is None else now
    outcome = Outcome(dry_run=dry_run)
    sqlite_file = _sqlite_file(sync_url(settings.tracker_store_url))
    if sqlite_file is not None and not sqlite_file.exists():
        outcome.store_found = False  # Rasa has not started yet: do not create its file
        return outcome
    engine = create_engine(settings.tracker_store_url)
    try:
        if not sa.inspect(engine).has_table(events_table.name):
            outcome.store_found = False
            return outcome
        planned: List[Tuple[Deletion, int]] = []
        for sender_id, events in _events_by_sender(engine):
            found = plan(
                sender_id, events, now, settings.ttl_seconds, settings.session_expiration_seconds
            )
            if found.next_due is not None:
                outcome.next_due = min(outcome.next_due or found.next_due, found.next_due)
            for deletion in found.deletions:
                size = sum(
                    1 for e in events if deletion.first_id <= e.id <= deletion.last_id
                    and (deletion.before is None or e.timestamp < deletion.before)
                )
                if size:
                    planned.append((deletion, size))
        if dry_run:
            outcome.conversations = len(planned)
            outcome.events = sum(size for _, size in planned)
            return outcome
        for deletion, _ in planned:
            with engine.begin() as connection:
                deleted = _delete(connection, deletion)
            if deleted:
                outcome.conversations += 1
                outcome.events += deleted
        if outcome.events and engine.dialect.name == "sqlite":
            _checkpoint(engine)
    finally:
        engine.dispose()
    return outcome


def _checkpoint(engine: Engine) -> None:
    """In WAL mode the deleted pages' old versions sit in the ``-wal`` file: fold it back."""
    with engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        if str(mode).lower() == "wal":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# --- the periodic job --------------------------------------------------------------------------

class SweepJob(jobs.Job):
    """Sweeps at once (a restart catches up) and then every interval, sooner when a known
    conversation is due (:attr:`Outcome.next_due`)."""

    name = "transcripts"
    expected_errors = (sa.exc.SQLAlchemyError,)  # the store is down or busy: try again later

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.sweep_interval_seconds)
        self.settings = settings

    def started(self) -> str:
        return (f"deleting ended conversations {self.settings.ttl_seconds} s after their end, "
                f"checking every {self.settings.sweep_interval_seconds} s")

    async def run_once(self) -> Outcome:
        return purge(self.settings)
