"""Messages between a contact person and the reporter: written from the dashboard or the API,
answered with the receipt code (within a limit per window), marked read, and which intakes
have new ones."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable, Optional, Set, Tuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import sessionmaker

from backend.auth import access, codes
from backend.models import SENDER_CONTACTPERSOON, SENDER_MELDER, Intake, Message, User, utcnow
from backend.store.audit import MESSAGE_SENT, REPLY_RECEIVED, add_audit_entry
from backend.store.errors import NotFound, TooManyMessages
from backend.store.intakes import intake_for_change


async def add_message(
    db: sessionmaker, user: User, intake_id: str, text_: str
) -> Tuple[Message, Intake]:
    """A contact person writes to the reporter (``access.MESSAGE``). Returns the message (its
    ``user`` is the sender) and the intake, whose ``kanaal`` and ``conversation_id`` tell
    whether and where the chat can be told."""
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.MESSAGE)
            message = Message(
                intake_id=intake.id, sender=SENDER_CONTACTPERSOON, user_id=user.id, text=text_
            )
            session.add(message)
            await session.flush()
            add_audit_entry(session, user, intake.id, MESSAGE_SENT, bericht=message.id)
    message.user = user
    return message, intake


async def add_reporter_message(
    db: sessionmaker, code: str, text_: str, *, max_per_window: int, window: timedelta,
    now: Optional[datetime] = None,
) -> Message:
    """The reporter answers, with the receipt code as the only key: the message lands on the
    intake, whose ``updated_at`` moves. :class:`NotFound` for an unknown code,
    :class:`TooManyMessages` when the reporter sent ``max_per_window`` replies within
    ``window`` already (checked under the intake's write lock, see :func:`intake_for_change`)."""
    now = now or utcnow()
    code_hash = codes.code_hash(code)
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(Intake).where(Intake.code_hash == code_hash).values(updated_at=now)
                .execution_options(synchronize_session=False)
            )
            intake_id = await session.scalar(select(Intake.id).where(Intake.code_hash == code_hash))
            if intake_id is None:
                raise NotFound("intake by code")
            recent = await session.scalar(
                select(func.count()).select_from(Message).where(
                    Message.intake_id == intake_id,
                    Message.sender == SENDER_MELDER,
                    Message.created_at >= now - window,
                )
            )
            if recent >= max_per_window:
                raise TooManyMessages(intake_id)
            message = Message(intake_id=intake_id, sender=SENDER_MELDER, text=text_, created_at=now)
            session.add(message)
            await session.flush()
            add_audit_entry(session, None, intake_id, REPLY_RECEIVED, bericht=message.id)
    return message


async def mark_reporter_messages_read(db: sessionmaker, user: User, intake_id: str) -> None:
    """A contact person opened the intake: the reporter's messages are no longer new. Only a
    user who may answer (``access.MESSAGE``) marks them, so a vertrouwenspersoon reading along
    never hides them from the contact person."""
    if not access.can(user, access.MESSAGE):
        return
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(Message)
                .where(
                    Message.intake_id == intake_id,
                    Message.sender == SENDER_MELDER,
                    Message.read_at.is_(None),
                )
                .values(read_at=utcnow())
                .execution_options(synchronize_session=False)
            )


async def intakes_with_unread_messages(db: sessionmaker, intake_ids: Iterable[str]) -> Set[str]:
    """Which of these intakes have a message of the reporter no contact person has seen yet."""
    ids = list(intake_ids)
    if not ids:
        return set()
    async with db() as session:
        result = await session.execute(
            select(Message.intake_id)
            .where(
                Message.intake_id.in_(ids),
                Message.sender == SENDER_MELDER,
                Message.read_at.is_(None),
            )
            .distinct()
        )
        return set(result.scalars())
