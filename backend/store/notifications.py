"""Where contact persons hear of their work: linking a Telegram chat (one-time link codes),
e-mail on or off, and the notification outbox (new intakes, reminders of overdue next steps)
that ``backend.jobs.notify.NotifyJob`` empties."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend.auth import access, security
from backend.rules import casework
from backend.models import (
    CHANNEL_EMAIL,
    CHANNEL_TELEGRAM,
    NOTICE_NEW_INTAKE,
    NOTICE_REMINDER,
    ROLE_CONTACTPERSOON,
    AuditEntry,
    Intake,
    NextStep,
    Notification,
    TelegramLinkCode,
    User,
    user_schools,
    utcnow,
)
from backend.store.audit import TELEGRAM_LINKED, TELEGRAM_UNLINKED
from backend.store.errors import InvalidLinkCode


LINK_CODE_VALID = timedelta(minutes=15)


async def new_telegram_link_code(db: sessionmaker, user: User, now: Optional[datetime] = None) -> str:
    """A fresh one-time code for ``user`` (canonical form), valid for :data:`LINK_CODE_VALID`.
    It replaces the user's earlier code; expired codes of anyone are removed on the way."""
    now = now or utcnow()
    code = security.generate_code(security.LINK_CODE_LENGTH)
    async with db() as session:
        async with session.begin():
            await session.execute(
                delete(TelegramLinkCode).where(
                    (TelegramLinkCode.user_id == user.id) | (TelegramLinkCode.expires_at < now)
                )
            )
            session.add(
                TelegramLinkCode(
                    user_id=user.id, code_hash=security.link_code_hash(code),
                    created_at=now, expires_at=now + LINK_CODE_VALID,
                )
            )
    return code


async def link_telegram(
    db: sessionmaker, code: str, chat_id: int, now: Optional[datetime] = None
) -> None:
    """Link the Telegram chat to the user whose valid code this is, and use the code up.
    :class:`InvalidLinkCode` otherwise. Of two uses of one code at the same moment, one wins."""
    now = now or utcnow()
    canonical = security.normalise_code(code, security.LINK_CODE_LENGTH)
    if canonical is None:
        raise InvalidLinkCode()
    code_hash = security.link_code_hash(canonical)
    async with db() as session:
        async with session.begin():
            # A write first (see ``intakes.intake_for_change``): of two uses at once, one finds
            # it unused.
            used = await session.execute(
                update(TelegramLinkCode)
                .where(
                    TelegramLinkCode.code_hash == code_hash,
                    TelegramLinkCode.used_at.is_(None),
                    TelegramLinkCode.expires_at >= now,
                )
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
            if used.rowcount != 1:
                raise InvalidLinkCode()
            user_id = await session.scalar(
                select(TelegramLinkCode.user_id).where(TelegramLinkCode.code_hash == code_hash)
            )
            user = await session.get(User, user_id)
            if user is None or not user.active:
                raise InvalidLinkCode()  # rolls the use back
            user.telegram_chat_id = chat_id
            session.add(AuditEntry(user_id=user.id, action=TELEGRAM_LINKED))


async def unlink_telegram(db: sessionmaker, user: User) -> bool:
    """Forget the user's Telegram chat; returns whether one was linked. Pending Telegram
    notices of theirs are given up when their turn comes (the sender checks)."""
    async with db() as session:
        async with session.begin():
            row = await session.get(User, user.id)
            if row is None or row.telegram_chat_id is None:
                return False
            row.telegram_chat_id = None
            session.add(AuditEntry(user_id=user.id, action=TELEGRAM_UNLINKED))
    return True


async def set_notify_email(db: sessionmaker, user: User, wanted: bool) -> None:
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(User).where(User.id == user.id).values(notify_email=wanted)
            )


def _channels_of(user: User, channels: Sequence[str]) -> List[str]:
    """The channels (of those the deployment has) on which this user takes notices."""
    use = {CHANNEL_TELEGRAM: user.telegram_chat_id is not None, CHANNEL_EMAIL: user.notify_email}
    return [channel for channel in channels if use.get(channel)]


def _school_contact_persons(school_id: Any):
    return select(User).where(
        User.active.is_(True),
        User.role == ROLE_CONTACTPERSOON,
        User.id.in_(
            select(user_schools.c.user_id).where(user_schools.c.school_id == school_id)
        ),
    )


async def _enqueue(session: AsyncSession, rows: List[Dict[str, Any]]) -> int:
    """Insert outbox rows; one whose ``dedupe_key`` is there already is skipped (also when a
    second sender process enqueues the same at the same moment). Returns how many were new."""
    if not rows:
        return 0
    dialect = session.bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = await session.execute(
        insert(Notification).values(rows).on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    return max(result.rowcount, 0)


def _notice(user: User, channel: str, kind: str, intake_id: str, key: str,
            step_id: Optional[int] = None, now: Optional[datetime] = None) -> Dict[str, Any]:
    now = now or utcnow()
    return {
        "user_id": user.id, "channel": channel, "kind": kind, "intake_id": intake_id,
        "step_id": step_id, "dedupe_key": f"{key}:{user.id}:{channel}",
        "created_at": now, "next_attempt_at": now, "attempts": 0,
    }


async def enqueue_new_intake(
    session: AsyncSession, intake_id: str, school_id: int, channels: Sequence[str]
) -> None:
    """In the transaction that stores an intake: a notice for each of the school's contact
    persons on each of ``channels`` they use."""
    if not channels:
        return
    users = (await session.execute(_school_contact_persons(school_id))).scalars()
    await _enqueue(session, [
        _notice(user, channel, NOTICE_NEW_INTAKE, intake_id, f"{NOTICE_NEW_INTAKE}:{intake_id}")
        for user in users
        for channel in _channels_of(user, channels)
    ])


async def enqueue_reminders(
    db: sessionmaker, today: date, channels: Sequence[str], now: Optional[datetime] = None
) -> int:
    """Put a reminder in the outbox for each overdue next step of an open intake (due before
    ``today``, not done), once per step, day, user and channel. It goes to the step's author
    and the intake's handler, as far as they are active and may still see the intake; when
    neither is, to the school's contact persons. They are due at ``now``. Returns how many
    rows were new."""
    if not channels:
        return 0
    rows: List[Dict[str, Any]] = []
    # Reads first, in a session of their own; then one short write (see
    # ``intakes.intake_for_change`` on SQLite's locks: a read that turns into a write would make
    # intakes wait).
    async with db() as session:
        overdue = (await session.execute(
            select(NextStep, Intake)
            .join(Intake, Intake.id == NextStep.intake_id)
            .where(
                NextStep.done_at.is_(None),
                NextStep.due_date < today,
                Intake.status != casework.AFGESLOTEN,
            )
            .order_by(NextStep.id)
        )).all()
        school_people: Dict[int, List[User]] = {}
        for step, intake in overdue:
            people = []
            for user_id in dict.fromkeys(i for i in (step.user_id, intake.handler_id) if i):
                user = await session.get(User, user_id)  # once per user: the identity map
                if user is not None and await session.scalar(
                    select(func.count()).select_from(Intake)
                    .where(Intake.id == intake.id, access.intake_clause(user))
                ):
                    people.append(user)
            if not people:
                if intake.school_id not in school_people:
                    school_people[intake.school_id] = list((await session.execute(
                        _school_contact_persons(intake.school_id))).scalars())
                people = school_people[intake.school_id]
            key = f"{NOTICE_REMINDER}:{step.id}:{today.isoformat()}"
            rows.extend(
                _notice(user, channel, NOTICE_REMINDER, intake.id, key, step.id, now)
                for user in people
                for channel in _channels_of(user, channels)
            )
    async with db() as session:
        async with session.begin():
            return await _enqueue(session, rows)


def _pending_clause(channels: Sequence[str], now: datetime):
    return and_(
        Notification.sent_at.is_(None),
        Notification.given_up_at.is_(None),
        Notification.next_attempt_at <= now,
        Notification.channel.in_(list(channels)),
    )


async def due_notifications(
    db: sessionmaker, channels: Sequence[str], now: datetime, limit: int = 100
) -> List[Notification]:
    """Notices whose turn has come on these channels, oldest first, with their user and the
    intake's school loaded."""
    async with db() as session:
        result = await session.execute(
            select(Notification)
            .where(_pending_clause(channels, now))
            .options(
                selectinload(Notification.user),
                selectinload(Notification.intake).selectinload(Intake.school),
            )
            .order_by(Notification.next_attempt_at, Notification.id)
            .limit(limit)
        )
        return list(result.scalars())


async def claim_notification(
    db: sessionmaker, notification_id: int, now: datetime, lease_until: datetime
) -> bool:
    """Take a notice to send it: its next attempt moves to ``lease_until`` (when this process
    dies while sending, another tries again then) and its attempts go up by one. False when
    another sender took it first."""
    async with db() as session:
        async with session.begin():
            result = await session.execute(
                update(Notification)
                .where(Notification.id == notification_id, Notification.next_attempt_at <= now,
                       Notification.sent_at.is_(None), Notification.given_up_at.is_(None))
                .values(next_attempt_at=lease_until, attempts=Notification.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount == 1


async def finish_notification(
    db: sessionmaker,
    notification_id: int,
    now: datetime,
    *,
    error: Optional[str] = None,
    retry_at: Optional[datetime] = None,
) -> None:
    """Record how a send went: sent (no ``error``); failed, tried again at ``retry_at``; or
    failed for good (``error`` without ``retry_at``)."""
    if error is None:
        values: Dict[str, Any] = {"sent_at": now, "last_error": None}
    elif retry_at is not None:
        values = {"next_attempt_at": retry_at, "last_error": error[:60]}
    else:
        values = {"given_up_at": now, "last_error": error[:60]}
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(Notification).where(Notification.id == notification_id).values(**values)
                .execution_options(synchronize_session=False)
            )


async def count_pending_notifications(db: sessionmaker, channels: Sequence[str]) -> int:
    """Notices not sent yet and not given up (also those waiting for a retry)."""
    async with db() as session:
        return int(await session.scalar(
            select(func.count()).select_from(Notification).where(
                Notification.sent_at.is_(None), Notification.given_up_at.is_(None),
                Notification.channel.in_(list(channels)),
            )
        ))
