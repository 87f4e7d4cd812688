"""All database models: boards, schools, users, intakes and their casework (status history,
notes, next steps), the audit log, failed logins and failed code lookups, the messages
between the contact person and the reporter, and notifications (Telegram link codes and the
outbox).

Free text that a reporter or a staff member typed is ``EncryptedText`` (``shared.crypto``):
encrypted at rest, so it can be neither filtered nor sorted in SQL.

SQLAlchemy 1.4 with declarative ``Column`` mappings; every relationship is ``lazy="raise"`` so
no query hides in a view or a template (load with ``selectinload``). Types are chosen to work on
SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    text,
)
from sqlalchemy.orm import registry, relationship
from sqlalchemy.types import TypeDecorator

from shared.crypto import EncryptedText

# Predictable constraint names, so later migrations (also SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)
Base = mapper_registry.generate_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_uuid() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend.

    PostgreSQL keeps it in ``timestamptz``; SQLite has no time zones, so the value is stored as
    naive UTC and marked UTC again when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC timestamp")
        value = value.astimezone(timezone.utc)
        if dialect.name == "sqlite":
            value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


user_schools = Table(
    "user_schools",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
)


class Board(Base):
    """A school board (*schoolbestuur*) and its complaint regulation.

    ``profile`` is ``wegwijzer.regulation.RegulationProfile.to_dict()``: that module is the one
    place that knows the profile's shape and validates it (``RegulationProfile.from_dict``).
    """

    __tablename__ = "boards"

    id = Column(Integer, primary_key=True)
    slug = Column(String(64), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    profile = Column(JSON, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow)

    schools = relationship(
        "School", back_populates="board", lazy="raise", order_by="School.slug"
    )

    def __repr__(self) -> str:
        return f"<Board {self.slug}>"


class School(Base):
    __tablename__ = "schools"

    id = Column(Integer, primary_key=True)
    slug = Column(String(64), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # NULL: a school nobody configured yet (it still receives intakes).
    board_id = Column(
        Integer, ForeignKey("boards.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    # The school's own contact persons (regulation art. 2), published on its route page:
    # a list of ``wegwijzer.regulation.Persoon.to_dict()``.
    contactpersonen = Column(JSON, nullable=False, default=list, server_default=text("'[]'"))

    board = relationship("Board", back_populates="schools", lazy="raise")
    users = relationship(
        "User", secondary=user_schools, back_populates="schools", lazy="raise"
    )

    def __repr__(self) -> str:
        return f"<School {self.slug}>"


# Roles (``User.role``). What each may see and do is decided in ``backend.auth.access``.
ROLE_CONTACTPERSOON = "contactpersoon"  # serves one or more schools (``user_schools``)
ROLE_VERTROUWENSPERSOON = "vertrouwenspersoon"  # the board's; sees intakes shared with them
ROLE_BESTUUR = "bestuur"  # board reporter: no intake content at all
ROLE_ADMIN = "admin"  # manages accounts; no intake content either
ROLES = (ROLE_CONTACTPERSOON, ROLE_VERTROUWENSPERSOON, ROLE_BESTUUR, ROLE_ADMIN)
BOARD_ROLES = (ROLE_VERTROUWENSPERSOON, ROLE_BESTUUR)  # these need ``User.board_id``


class User(Base):
    """Someone who logs in to the dashboard: a contact person, a board's confidential adviser
    (*vertrouwenspersoon*), a board reporter or an administrator (see :data:`ROLES`)."""

    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)  # always stored lower-case
    name = Column(String(200), nullable=False)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(50), nullable=False, default=ROLE_CONTACTPERSOON)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # A deactivated user cannot log in, and an open session of theirs ends.
    active = Column(Boolean, nullable=False, default=True, server_default=text("true"))
    # The board a vertrouwenspersoon or board reporter works for.
    board_id = Column(
        Integer, ForeignKey("boards.id", ondelete="RESTRICT"), nullable=True, index=True
    )

    # Notifications (migration 0008): the Telegram chat that receives them (personal data: it is
    # kept here only, so it goes with the account), and whether they also go by e-mail.
    telegram_chat_id = Column(BigInteger, nullable=True)
    notify_email = Column(Boolean, nullable=False, default=False, server_default=text("false"))

    board = relationship("Board", lazy="raise")

    schools = relationship(
        "School",
        secondary=user_schools,
        back_populates="users",
        lazy="raise",
        order_by="School.slug",
    )

    def __repr__(self) -> str:  # no e-mail address: reprs end up in logs
        return f"<User {self.id}>"


class Intake(Base):
    """One structured intake handed over by the bot (contract §4).

    One record per intake (``intake_key``, the bot's ``intake_id``), so one chat may hand over
    several. The receipt code is the reporter's alone: only its keyed hash is kept
    (``code_hash``, ``backend.auth.codes``); staff see ``referentie`` (migration 0010)."""

    __tablename__ = "intakes"
    __table_args__ = (Index("ix_intakes_school_id_created_at", "school_id", "created_at"),)

    id = Column(String(36), primary_key=True, default=new_uuid)
    # HMAC-SHA256 of the receipt code with WEGWIJZER_CODE_KEY: lookups by code go through it.
    code_hash = Column(String(64), nullable=False, unique=True)
    # The case reference staff see and use: M-2026-0042.
    referentie = Column(String(20), nullable=False, unique=True)
    # The bot's intake_id (older records: their conversation id): one record per intake.
    intake_key = Column(String(255), nullable=False, unique=True)
    school_id = Column(
        Integer, ForeignKey("schools.id", ondelete="RESTRICT"), nullable=False
    )
    kanaal = Column(String(16), nullable=False)
    conversation_id = Column(String(255), nullable=False, index=True)
    rol = Column(String(16), nullable=False)
    categorieen = Column(JSON, nullable=False, default=list)
    wat_gebeurd = Column(EncryptedText, nullable=False)
    wanneer = Column(EncryptedText, nullable=False, default="")
    datum_gebeurtenis = Column(Date, nullable=True)
    betrokkenen = Column(EncryptedText, nullable=False, default="")
    al_ondernomen = Column(JSON, nullable=False, default=list)
    wens = Column(JSON, nullable=False, default=list)
    advies_routes = Column(JSON, nullable=False, default=list)
    gekozen_route = Column(String(64), nullable=True)
    signalen = Column(JSON, nullable=False, default=list)
    anoniem = Column(Boolean, nullable=False, default=False)
    naam = Column(EncryptedText, nullable=True)  # at most 200 characters (schemas.MAX_NAAM)
    contact = Column(EncryptedText, nullable=True)  # at most 500 (schemas.MAX_CONTACT)
    status = Column(String(32), nullable=False, default="nieuw")
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # The reporter's language, ISO 639-1 (wegwijzer.vocab.TALEN; migration 0009).
    taal = Column(String(2), nullable=False, default="nl", server_default="nl")
    # The language the bot wrote in, nl | en (wegwijzer.taal.GESPREKSTALEN; migration 0012):
    # the reporter's copy and status texts follow it.
    gesprekstaal = Column(String(2), nullable=False, default="nl", server_default="nl")
    # Casework (migration 0003): who picked it up, and whether the board's vertrouwenspersoon
    # may see it.
    handler_id = Column(
        Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    shared_at = Column(UTCDateTime, nullable=True)
    # The board whose vertrouwenspersoon it was shared with, fixed at sharing time (migration
    # 0011): a school that later moves to another board does not take it along.
    shared_board_id = Column(
        Integer, ForeignKey("boards.id", ondelete="SET NULL"), nullable=True, index=True
    )
    updated_at = Column(UTCDateTime, nullable=True)

    school = relationship("School", lazy="raise")
    handler = relationship("User", lazy="raise")
    status_changes = relationship(
        "StatusChange", lazy="raise", order_by="StatusChange.id",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    notes = relationship(
        "Note", lazy="raise", order_by="Note.id",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    steps = relationship(
        "NextStep", lazy="raise", order_by=lambda: [NextStep.due_date, NextStep.id],
        cascade="all, delete-orphan", passive_deletes=True,
    )

    # The receipt code just stored or confirmed (``store.intakes.create_intake``): in memory only,
    # for the one answer that gives it to the action server. Never a column.
    receipt_code: Optional[str] = None

    def __repr__(self) -> str:  # no content: reprs end up in logs
        return f"<Intake {self.id}>"


class StatusChange(Base):
    """One step of an intake's status workflow, with the reason the user gave."""

    __tablename__ = "intake_status_changes"

    id = Column(Integer, primary_key=True)
    intake_id = Column(
        String(36), ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    from_status = Column(String(32), nullable=False)
    to_status = Column(String(32), nullable=False)
    reason = Column(EncryptedText, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    user = relationship("User", lazy="raise")


class Note(Base):
    """A contact person's note on an intake (never shown to the reporter)."""

    __tablename__ = "intake_notes"

    id = Column(Integer, primary_key=True)
    intake_id = Column(
        String(36), ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text = Column(EncryptedText, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    user = relationship("User", lazy="raise")


class NextStep(Base):
    """A next step with a due date ("vinger aan de pols"): overdue while not done after it."""

    __tablename__ = "intake_steps"

    id = Column(Integer, primary_key=True)
    intake_id = Column(
        String(36), ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    description = Column(EncryptedText, nullable=False)
    due_date = Column(Date, nullable=False)
    done_at = Column(UTCDateTime, nullable=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    user = relationship("User", lazy="raise")


class AuditEntry(Base):
    """Who read or changed which intake, when, and what (never the content itself).

    ``intake_id`` has no foreign key on purpose: the log outlives what it is about.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_intake_id_created_at", "intake_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # NULL: the service (the action server storing an intake).
    user_id = Column(Integer, ForeignKey("users.id", ondelete="RESTRICT"), nullable=True)
    intake_id = Column(String(36), nullable=True)
    action = Column(String(40), nullable=False)
    detail = Column(JSON, nullable=False, default=dict)

    user = relationship("User", lazy="raise")


class LoginFailure(Base):
    """A failed login, kept for the throttle window only. ``key`` is a SHA-256 of e-mail address
    and IP address, so the table holds neither."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_created_at", "key", "created_at"),)

    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


# --- messages with the reporter (issue 5) -----------------------------------------------------

SENDER_CONTACTPERSOON = "contactpersoon"  # a staff member wrote it (``Message.user_id``)
SENDER_MELDER = "melder"  # the reporter wrote it, with the receipt code as the only key
SENDERS = (SENDER_CONTACTPERSOON, SENDER_MELDER)


class Message(Base):
    """A message between the contact person and the reporter, on one intake. The reporter reads
    the thread with the receipt code and replies the same way; the chat is told there is a new
    message (never its text).

    ``sender`` says who wrote it, so a staff account removed later (``user_id`` set NULL) never
    makes a staff message look like the reporter's. ``read_at``: when a contact person first
    opened the intake after the reporter wrote it (the inbox's "Nieuw bericht").
    ``text`` is encrypted at rest (``EncryptedText``), like every free text.
    """

    __tablename__ = "intake_messages"
    __table_args__ = (
        Index("ix_intake_messages_intake_id_created_at", "intake_id", "created_at"),
    )

    id = Column(Integer, primary_key=True)
    intake_id = Column(
        String(36), ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False
    )
    sender = Column(String(16), nullable=False)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text = Column(EncryptedText, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    read_at = Column(UTCDateTime, nullable=True)

    user = relationship("User", lazy="raise")

    def __repr__(self) -> str:  # no content: reprs end up in logs
        return f"<Message {self.id}>"


# Oldest first: the thread as both sides read it.
Intake.messages = relationship(
    Message, lazy="raise", order_by=Message.id,
    cascade="all, delete-orphan", passive_deletes=True,
)


# --- Verifiable reporter's copies (issue 9, migration 0006) ---------------------------------------

class CopyVerification(Base):
    """One reporter's copy as it was made: its verification code, the intake's school, when,
    the SHA-256 of its canonical text and the Ed25519 signature over those
    (``backend.documents.verification``). Nothing of the copy's content, and no link to the intake:
    the record tells only that such a copy was made, when and for which school."""

    __tablename__ = "copy_verifications"

    id = Column(Integer, primary_key=True)
    code = Column(String(11), nullable=False, unique=True)
    school_id = Column(Integer, ForeignKey("schools.id", ondelete="RESTRICT"), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    text_sha256 = Column(String(64), nullable=False)
    signature = Column(String(100), nullable=False)  # base64 of 64 bytes

    school = relationship("School", lazy="raise")


class CopyLink(Base):
    """A one-time link to a reporter's copy, valid until ``expires_at`` (``backend.auth.codes``):
    the chat shows it instead of a link with the code. Only the token's SHA-256 is kept."""

    __tablename__ = "copy_links"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    intake_id = Column(
        String(36), ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    used_at = Column(UTCDateTime, nullable=True)


# --- Signals and yearly reports (issue 5 item 5) ------------------------------------------------

class Signal(Base):
    """A *signaal*: something a contact person noticed or heard without a complaint following
    (AMOS: "informeren schoolbestuur over signalen als een concrete klacht uitblijft").

    It counts in the school's yearly report by category and month; ``description`` is the
    contact person's own words and never leaves the school's contact persons.
    """

    __tablename__ = "signals"
    __table_args__ = (Index("ix_signals_school_id_noticed_on", "school_id", "noticed_on"),)

    id = Column(Integer, primary_key=True)
    school_id = Column(Integer, ForeignKey("schools.id", ondelete="RESTRICT"), nullable=False)
    noticed_on = Column(Date, nullable=False)
    categorieen = Column(JSON, nullable=False, default=list)
    # Whom it concerns or who told it: a value of ``wegwijzer.vocab.ROLLEN``.
    rol = Column(String(16), nullable=False)
    # Free text, optional; encrypted at rest like every free text.
    description = Column(EncryptedText, nullable=True)
    created_by_id = Column(
        Integer, ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    school = relationship("School", lazy="raise")
    created_by = relationship("User", lazy="raise")

    def __repr__(self) -> str:  # no content: reprs end up in logs
        return f"<Signal {self.id}>"


# --- notifications: Telegram link codes and the outbox (migration 0008) -----------------------

class TelegramLinkCode(Base):
    """A one-time code with which a user links their Telegram account (``security``: only its
    SHA-256 is stored). A user has at most one: a new code replaces the old one."""

    __tablename__ = "telegram_link_codes"

    id = Column(Integer, primary_key=True)
    user_id = Column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    used_at = Column(UTCDateTime, nullable=True)


# ``Notification.kind`` and ``Notification.channel``.
NOTICE_NEW_INTAKE = "nieuwe_melding"
NOTICE_REMINDER = "herinnering"
CHANNEL_TELEGRAM = "telegram"
CHANNEL_EMAIL = "email"


class Notification(Base):
    """One notice to one user over one channel, in the outbox until it is sent.

    The text is made when it is sent, from ``kind`` and the ids: it holds no personal details,
    only a link. ``dedupe_key`` makes enqueueing idempotent (one notice per intake, or per step
    and day, per user and channel). Pending: neither ``sent_at`` nor ``given_up_at``, and
    ``next_attempt_at`` has come; ``last_error`` is the kind of the last failure (an exception's
    class name), never its text.
    """

    __tablename__ = "notifications"

    id = Column(Integer, primary_key=True)
    user_id = Column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    channel = Column(String(16), nullable=False)
    kind = Column(String(20), nullable=False)
    intake_id = Column(
        String(36), ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    step_id = Column(
        Integer, ForeignKey("intake_steps.id", ondelete="CASCADE"), nullable=True, index=True
    )
    dedupe_key = Column(String(160), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    next_attempt_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(String(60), nullable=True)
    sent_at = Column(UTCDateTime, nullable=True)
    given_up_at = Column(UTCDateTime, nullable=True)

    user = relationship("User", lazy="raise")
    intake = relationship("Intake", lazy="raise")
