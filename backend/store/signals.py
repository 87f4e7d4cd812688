"""Signals without a complaint (``models.Signal``: what a contact person noticed and registers
for the board, AMOS): registered for a school the user serves, listed and read
(``access.signal_clause``). Not the advice flags on an intake (the record's ``signalen``)."""
from __future__ import annotations

from typing import List

from sqlalchemy import select
from sqlalchemy.orm import selectinload, sessionmaker

from backend.auth import access
from backend.models import AuditEntry, School, Signal, User, user_schools
from backend.rules.signals import SignalIn
from backend.store.audit import SIGNAL_CREATED
from backend.store.errors import Forbidden, NotFound, UnknownSchool


def _signal_options():
    return (selectinload(Signal.school), selectinload(Signal.created_by))


async def create_signal(db: sessionmaker, user: User, record: SignalIn) -> Signal:
    """Register a signal for a school the user serves. :class:`Forbidden` for a role that may
    not; :class:`UnknownSchool` for a school they do not serve (or that does not exist: the
    caller cannot tell which)."""
    if not access.can_register_signals(user):
        raise Forbidden("signal")
    async with db() as session:
        async with session.begin():
            school = await session.scalar(
                select(School).where(
                    School.slug == record.school,
                    School.id.in_(
                        select(user_schools.c.school_id).where(user_schools.c.user_id == user.id)
                    ),
                )
            )
            if school is None:
                raise UnknownSchool([record.school])
            signal = Signal(
                school_id=school.id,
                noticed_on=record.noticed_on,
                categorieen=list(record.categorieen),
                rol=record.rol,
                description=record.description,
                created_by_id=user.id,
            )
            session.add(signal)
            await session.flush()
            session.add(AuditEntry(
                user_id=user.id, intake_id=None, action=SIGNAL_CREATED,
                detail={"signaal": signal.id},
            ))
    return await get_signal_for_user(db, user, signal.id)


async def list_signals_for_user(db: sessionmaker, user: User) -> List[Signal]:
    """The signals this user may see (``access.signal_clause``), newest first."""
    async with db() as session:
        result = await session.execute(
            select(Signal)
            .where(access.signal_clause(user))
            .options(*_signal_options())
            .order_by(Signal.noticed_on.desc(), Signal.id.desc())
        )
        return list(result.scalars())


async def get_signal_for_user(db: sessionmaker, user: User, signal_id: int) -> Signal:
    """One signal, if the user may see it; :class:`NotFound` otherwise."""
    async with db() as session:
        signal = await session.scalar(
            select(Signal)
            .where(Signal.id == signal_id, access.signal_clause(user))
            .options(*_signal_options())
        )
    if signal is None:
        raise NotFound(str(signal_id))
    return signal
