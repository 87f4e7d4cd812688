"""Intakes: stored from the action server (idempotent, with the receipt code and the case
reference), listed and read for a user (``access.intake_clause``), found by receipt code, and
what the reporter may know of theirs. Also :func:`intake_for_change`, the start of every
change to one intake (``store.casework``, ``store.messages``, ``store.privacy``)."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import and_, false, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from backend.auth import access, codes, security
from backend.models import (
    AuditEntry,
    Intake,
    Message,
    NextStep,
    Note,
    School,
    StatusChange,
    User,
    new_uuid,
    utcnow,
)
from backend.rules.schemas import IntakeIn
from backend.store.audit import (
    READ_API, READ_BY_REPORTER, READ_PAGE, STORED, add_audit_entry,
)
from backend.store.errors import Forbidden, NotFound, UnknownSchool
from backend.store.notifications import enqueue_new_intake
from backend.store.schools import school_by_slug

log = logging.getLogger(__name__)

# A receipt code collision has odds of about 1 in 2**59 per pair; a few retries are plenty.
_CODE_ATTEMPTS = 5


async def create_intake(
    db: sessionmaker, record: IntakeIn, notify_channels: Sequence[str] = ()
) -> Tuple[Intake, bool]:
    """Store an intake, idempotent per intake (``record.intake_key``: the bot's ``intake_id``).

    Returns ``(intake, created)``; ``intake.receipt_code`` is the code as stored (in memory
    only: the database keeps its keyed hash, ``backend.auth.codes``). A repeat of a stored intake
    returns the stored record unchanged with ``created=False``, with ``receipt_code`` only when
    the repeat proposed the same code (else None: it was told when the intake was stored). Two
    calls racing for the same intake are settled by the unique constraint: the loser reads the
    winner's record. The receipt code is the one the action server proposed (``record.code``),
    which the person may already have been told while the intake waited in its outbox; when
    another intake has that code (about 2**-59 per pair: negligible), the intake is not refused
    but kept under a fresh code, which the caller returns. Each new intake gets the next case
    reference of its year (``M-2026-0042``). A new intake puts a notice for each of the
    school's contact persons in the outbox, on each of ``notify_channels`` they use, in the
    same transaction: stored means they will hear of it.
    """
    async with db() as session:
        school = await school_by_slug(session, record.school)
        if school is None:
            raise UnknownSchool([record.school])
        existing = await _intake_by_key(session, record.intake_key)
    if existing is not None:
        return _repeat(existing, record), False

    code = record.code or security.generate_code()
    for _attempt in range(_CODE_ATTEMPTS * 2):
        intake_id = new_uuid()
        now = utcnow()
        try:
            async with db() as session:
                async with session.begin():
                    intake = Intake(
                        id=intake_id, code_hash=codes.code_hash(code), school_id=school.id,
                        referentie=await _next_referentie(session, now), created_at=now,
                        **record.as_columns(),
                    )
                    session.add(intake)
                    await session.flush()  # the intake first: the audit entry refers to it
                    session.add(AuditEntry(user_id=None, intake_id=intake_id, action=STORED))
                    await enqueue_new_intake(session, intake_id, school.id, notify_channels)
        except IntegrityError:
            async with db() as session:
                existing = await _intake_by_key(session, record.intake_key)
                code_taken = await session.scalar(
                    select(func.count()).select_from(Intake)
                    .where(Intake.code_hash == codes.code_hash(code))
                )
            if existing is not None:
                log.info("intake for a repeated intake id settled by the unique constraint")
                return _repeat(existing, record), False
            if code_taken:
                log.warning("receipt code collision, drawing a new code")
                code = security.generate_code()
            continue  # else two intakes took the same case reference: the next number
        # The stored row is what we sent (the defaults filled in at the flush): no reload.
        set_committed_value(intake, "school", school)
        intake.receipt_code = code
        return intake, True
    raise RuntimeError("could not store the intake: no free receipt code or reference")


def _repeat(existing: Intake, record: IntakeIn) -> Intake:
    proposed = record.code
    same = proposed is not None and codes.code_hash(proposed) == existing.code_hash
    existing.receipt_code = proposed if same else None
    return existing


async def _next_referentie(session: AsyncSession, now: datetime) -> str:
    """The next case reference of this year: one more than the highest so far."""
    prefix = codes.referentie_year_prefix(now)
    taken = await session.scalars(
        select(Intake.referentie).where(Intake.referentie.like(prefix + "%"))
    )
    return codes.referentie(now.year, max(map(codes.referentie_number, taken), default=0) + 1)


INBOX_PAGE = 50  # intakes per page of the inbox (JSON list and dashboard) unless asked
INBOX_PAGE_MAX = 200


def list_options():
    return (
        selectinload(Intake.school), selectinload(Intake.handler), selectinload(Intake.steps)
    )


async def visible_clause(session: AsyncSession, user: User, school_slug: Optional[str]):
    """A WHERE clause: the intakes this user may see, optionally of one school.

    Besides ``access.intake_clause`` it names the schools' ids as values (read first): with
    one school, PostgreSQL then reads the page straight from the index on (school_id,
    created_at), backwards, instead of sorting all of the school's intakes for each page."""
    schools = access.intake_schools(user)
    if schools is None:
        return false()
    query = select(School.id).where(School.id.in_(schools))
    if school_slug is not None:
        query = query.where(School.slug == school_slug)
    ids = list((await session.execute(query)).scalars())
    if not ids:
        return false()
    return and_(
        access.intake_clause(user),
        Intake.school_id == ids[0] if len(ids) == 1 else Intake.school_id.in_(ids),
    )


async def list_intakes_for_user(
    db: sessionmaker,
    user: User,
    school_slug: Optional[str] = None,
    limit: Optional[int] = None,
    before: Optional[str] = None,
) -> List[Intake]:
    """The intakes this user may see (``access.intake_clause``), optionally of one school,
    newest first (ties by id); school, handler and next steps loaded.

    Keyset pagination: at most ``limit`` intakes, and with ``before`` (the id of an intake of
    the previous page, normally its last) only those after it in this order. An id the user
    cannot see raises :class:`NotFound`. Only the rows of the page are loaded (and their free
    text decrypted); the index on (school_id, created_at) serves the order."""
    async with db() as session:
        query = (
            select(Intake)
            .where(await visible_clause(session, user, school_slug))
            .options(*list_options())
            .order_by(Intake.created_at.desc(), Intake.id)
        )
        if before is not None:
            anchor = (await session.execute(
                select(Intake.created_at, Intake.id)
                .where(Intake.id == before, access.intake_clause(user))
            )).one_or_none()
            if anchor is None:
                raise NotFound("page anchor")
            query = query.where(
                (Intake.created_at < anchor.created_at)
                | and_(Intake.created_at == anchor.created_at, Intake.id > anchor.id)
            )
        if limit is not None:
            query = query.limit(limit)
        result = await session.execute(query)
        return list(result.scalars())


def full_intake_options():
    return (
        selectinload(Intake.school).selectinload(School.board),
        selectinload(Intake.handler),
        selectinload(Intake.status_changes).selectinload(StatusChange.user),
        selectinload(Intake.notes).selectinload(Note.user),
        selectinload(Intake.steps).selectinload(NextStep.user),
        selectinload(Intake.messages).selectinload(Message.user),
    )


async def get_intake_for_user(db: sessionmaker, user: User, intake_id: str) -> Intake:
    """One intake with its casework loaded, if the user may see it; :class:`NotFound`
    otherwise (callers cannot tell the two apart). Does not write the audit log: the view
    does, with :func:`audit_read`, once it has shown it."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.id == intake_id, access.intake_clause(user))
            .options(*full_intake_options())
        )
        intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound(intake_id)
    return intake


async def get_intake_by_code(db: sessionmaker, code: str) -> Intake:
    """The intake with this receipt code (canonical form, see ``security.normalise_code``),
    found by its keyed hash (``backend.auth.codes``), its school and the school's board loaded;
    :class:`NotFound` otherwise. The code is the reporter's only key: callers must not say
    whether a code exists."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.code_hash == codes.code_hash(code))
            .options(selectinload(Intake.school).selectinload(School.board))
        )
        intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound("intake by code")  # not the code itself: messages end up in logs
    return intake


async def reporter_status(db: sessionmaker, code: str) -> Dict[str, Any]:
    """What the reporter may know of their intake, by its receipt code: its status, when it
    arrived, when a contact person first opened it, when it last changed, and the messages
    with the contact person (oldest first; who wrote each as ``SENDER_*``, never a name). No
    notes. :class:`NotFound` for an unknown code. The read is audited (:data:`READ_BY_REPORTER`)."""
    intake = await get_intake_by_code(db, code)
    async with db() as session:
        async with session.begin():
            opened = await session.scalar(
                select(func.min(AuditEntry.created_at)).where(
                    AuditEntry.intake_id == intake.id,
                    AuditEntry.user_id.isnot(None),
                    AuditEntry.action.in_((READ_PAGE, READ_API)),
                )
            )
            result = await session.execute(
                select(Message.sender, Message.text, Message.created_at)
                .where(Message.intake_id == intake.id)
                .order_by(Message.id)
            )
            messages = [
                {"van": sender, "tekst": text_, "op": created_at}
                for sender, text_, created_at in result
            ]
            add_audit_entry(session, None, intake.id, READ_BY_REPORTER)
    return {
        "status": intake.status,
        "ontvangen_op": intake.created_at,
        "geopend_op": opened,
        "laatst_gewijzigd": intake.updated_at,
        "berichten": messages,
    }


async def count_intakes(db: sessionmaker) -> int:
    async with db() as session:
        result = await session.execute(select(func.count()).select_from(Intake))
        return int(result.scalar_one())


async def _intake_by_key(session: AsyncSession, intake_key: str) -> Optional[Intake]:
    result = await session.execute(
        select(Intake)
        .where(Intake.intake_key == intake_key)
        .options(selectinload(Intake.school))
    )
    return result.scalar_one_or_none()


async def intake_for_change(
    session: AsyncSession, user: User, intake_id: str, action: str
) -> Intake:
    """The intake, if the user may see it and do ``action`` (else :class:`NotFound` or
    :class:`Forbidden`, which roll the transaction back).

    The first statement is a write (it stamps ``updated_at``): PostgreSQL then holds the row
    lock and SQLite the database's write lock until commit, so two changes of one intake never
    interleave (on SQLite a read first would let two writers deadlock)."""
    await session.execute(
        update(Intake)
        .where(Intake.id == intake_id, access.intake_clause(user))
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(
        select(Intake).where(Intake.id == intake_id, access.intake_clause(user))
    )
    intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound(intake_id)
    if not access.can(user, action):
        raise Forbidden(action)
    return intake
