"""Privacy by design, the data access behind the ``wegwijzer`` commands (and the same requests
on the dashboard and the API, ``backend.web`` and ``backend.api.privacy``): retention (closed
intakes purged after ``WEGWIJZER_RETENTION_DAYS``), a person's data exported or deleted on
request (a reporter by receipt code, a staff member by e-mail address), the hand-over of a
leaving contact person's cases, and re-encrypting with a new data key (``shared.crypto``).

Like ``backend.queries``, each function opens its own short session and writes an
:class:`AuditEntry` for every intake it reads or changes. Audit entries hold no content, so
they stay when an intake goes (``AuditEntry.intake_id`` has no foreign key). Deleting an
intake deletes its notes, next steps and status history with it (``ON DELETE CASCADE``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend import access, casework, codes
from backend.conversations import Chat
from backend.intake_detail import intake_detail_json
from backend.models import (
    ROLE_CONTACTPERSOON,
    AuditEntry,
    Intake,
    NextStep,
    Note,
    School,
    StatusChange,
    User,
    metadata,
    user_schools,
    utcnow,
)
from backend.queries import (
    NotFound,
    UnknownUser,
    _audit,
    _full_intake_options,
    _intake_for_change,
)
from shared import crypto

# Audit actions (``AuditEntry.action``), next to those in ``backend.queries``.
PURGED = "verwijderd_na_bewaartermijn"
EXPORTED = "gegevens_geexporteerd"
DELETED = "verwijderd_op_verzoek"
HANDED_OVER = "overgedragen"


class NoSuccessor(Exception):
    """The successor of a hand-over is the leaver, inactive, or not a contact person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment is not None else None


# --- retention -------------------------------------------------------------------------------

def _closed_before(cutoff: datetime):
    """WHERE clause: closed, and closed before ``cutoff``. The moment of closing is the last
    status change to ``afgesloten``; an intake closed without history (set by hand) counts
    from its last change, else its arrival. A reopened intake is not ``afgesloten``."""
    closed_at = (
        select(func.max(StatusChange.created_at))
        .where(StatusChange.intake_id == Intake.id, StatusChange.to_status == casework.AFGESLOTEN)
        .scalar_subquery()
    )
    since = func.coalesce(closed_at, Intake.updated_at, Intake.created_at)
    return (Intake.status == casework.AFGESLOTEN) & (since < cutoff)


async def purge_closed(
    db: sessionmaker, days: int, *, dry_run: bool, now: Optional[datetime] = None
) -> List[Chat]:
    """Delete the intakes closed more than ``days`` ago, with their casework; returns where
    their chats are, for Rasa's copy (with ``dry_run``: of those that would go, and nothing
    changes). Each gets an audit entry."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    async with db() as session:
        async with session.begin():
            result = await session.execute(
                select(Intake.id, Intake.conversation_id, Intake.intake_key)
                .where(_closed_before(cutoff))
            )
            rows = list(result)
            ids = [row.id for row in rows]
            if dry_run or not ids:
                return [Chat(row.conversation_id, row.intake_key) for row in rows]
            # The clause again: one reopened a moment ago stays.
            await session.execute(
                delete(Intake).where(Intake.id.in_(ids), _closed_before(cutoff))
                .execution_options(synchronize_session=False)
            )
            for intake_id in ids:
                _audit(session, None, intake_id, PURGED, bewaartermijn_dagen=days)
    return [Chat(row.conversation_id, row.intake_key) for row in rows]


# --- a reporter's data, by receipt code --------------------------------------------------------

async def _full_intake_by_code(session: AsyncSession, code: str) -> Intake:
    return await _full_intake(session, Intake.code_hash == codes.code_hash(code))


async def _full_intake(session: AsyncSession, where: Any) -> Intake:
    result = await session.execute(select(Intake).where(where).options(*_full_intake_options()))
    intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound("intake")  # not the code: messages end up in logs
    return intake


async def export_intake(db: sessionmaker, code: str) -> Dict[str, Any]:
    """Everything stored about the intake with this receipt code (canonical form), as JSON
    data: the record, its casework and its audit log. The export is audited."""
    return await _export(db, Intake.code_hash == codes.code_hash(code), None)


async def export_intake_for_user(db: sessionmaker, user: User, intake_id: str) -> Dict[str, Any]:
    """The same export from the dashboard, for a user who may see the intake (else
    :class:`NotFound`)."""
    return await _export(db, (Intake.id == intake_id) & access.intake_clause(user), user)


async def _export(db: sessionmaker, where: Any, user: Optional[User]) -> Dict[str, Any]:
    async with db() as session:
        async with session.begin():
            intake = await _full_intake(session, where)
            _audit(session, user, intake.id, EXPORTED, op_verzoek_van="melder")
        result = await session.execute(
            select(AuditEntry)
            .where(AuditEntry.intake_id == intake.id)
            .options(selectinload(AuditEntry.user))
            .order_by(AuditEntry.id)
        )
        audit = list(result.scalars())
    data = intake_detail_json(intake, casework.today())
    data["logboek"] = [
        {
            "actie": entry.action,
            "door": entry.user.name if entry.user is not None else None,
            "op": _iso(entry.created_at),
            "details": entry.detail,
        }
        for entry in audit
    ]
    return data


async def delete_intake(db: sessionmaker, code: str) -> Chat:
    """Delete the intake with this receipt code and its casework (on the reporter's request);
    returns where its chat is. The audit log keeps that it happened, not what it was."""
    async with db() as session:
        async with session.begin():
            intake = await _full_intake_by_code(session, code)
            await _delete(session, intake, None)
    return Chat(intake.conversation_id, intake.intake_key)


async def delete_intake_for_user(db: sessionmaker, user: User, intake_id: str) -> Chat:
    """The same deletion from the dashboard or the API, by a user who may see the intake and
    delete it (``access.DELETE``; else :class:`NotFound` or :class:`Forbidden`); returns where
    its chat is, for Rasa's copy (only this intake's part of it goes, ``backend.conversations``)."""
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.DELETE)
            await _delete(session, intake, user)
    return Chat(intake.conversation_id, intake.intake_key)


async def _delete(session: AsyncSession, intake: Intake, user: Optional[User]) -> None:
    await session.execute(delete(Intake).where(Intake.id == intake.id))
    _audit(session, user, intake.id, DELETED)


# --- a staff member's data ---------------------------------------------------------------------

async def _user_by_email(session: AsyncSession, email: str) -> User:
    result = await session.execute(
        select(User)
        .where(User.email == email.strip().lower())
        .options(selectinload(User.schools), selectinload(User.board))
    )
    user = result.scalar_one_or_none()
    if user is None:
        raise UnknownUser(email)
    return user


async def export_user(db: sessionmaker, email: str) -> Dict[str, Any]:
    """A staff member's account and what they wrote (notes, next steps, reasons of status
    changes) and did (their audit entries), as JSON data. No password hash, and no receipt
    codes (those are the reporters' keys). Reading their notes on an intake is audited there."""
    async with db() as session:
        async with session.begin():
            user = await _user_by_email(session, email)
            notes = list(await session.scalars(
                select(Note).where(Note.user_id == user.id).order_by(Note.id)
            ))
            steps = list(await session.scalars(
                select(NextStep).where(NextStep.user_id == user.id).order_by(NextStep.id)
            ))
            changes = list(await session.scalars(
                select(StatusChange).where(StatusChange.user_id == user.id)
                .order_by(StatusChange.id)
            ))
            handled = list(await session.scalars(
                select(Intake.id).where(Intake.handler_id == user.id).order_by(Intake.id)
            ))
            audit = list(await session.scalars(
                select(AuditEntry).where(AuditEntry.user_id == user.id).order_by(AuditEntry.id)
            ))
            read = {row.intake_id for row in (*notes, *steps, *changes)}
            for intake_id in sorted(read):
                _audit(session, None, intake_id, EXPORTED, op_verzoek_van="medewerker",
                       medewerker=user.id)
    return {
        "account": {
            "email": user.email,
            "naam": user.name,
            "rol": user.role,
            "actief": user.active,
            "aangemaakt_op": _iso(user.created_at),
            "scholen": [school.slug for school in user.schools],
            "bestuur": user.board.slug if user.board is not None else None,
            "wachtwoord": "alleen als hash opgeslagen (argon2), niet in deze export",
        },
        "behandelt": handled,
        "notities": [
            {"melding": note.intake_id, "tekst": note.text, "op": _iso(note.created_at)}
            for note in notes
        ],
        "vervolgstappen": [
            {
                "melding": step.intake_id,
                "omschrijving": step.description,
                "deadline": step.due_date.isoformat(),
                "klaar_op": _iso(step.done_at),
                "op": _iso(step.created_at),
            }
            for step in steps
        ],
        "statuswijzigingen": [
            {
                "melding": change.intake_id,
                "van": change.from_status,
                "naar": change.to_status,
                "reden": change.reason,
                "op": _iso(change.created_at),
            }
            for change in changes
        ],
        "logboek": [
            {"melding": entry.intake_id, "actie": entry.action, "op": _iso(entry.created_at)}
            for entry in audit
        ],
    }


# --- hand-over ---------------------------------------------------------------------------------

@dataclass
class HandedOver:
    cases: List[str] = field(default_factory=list)  # intake ids the successor now handles
    steps: int = 0  # open next steps moved
    schools: List[str] = field(default_factory=list)  # slugs the successor now serves too
    deactivated: bool = False


async def hand_over(
    db: sessionmaker, leaver_email: str, successor_email: str, *, deactivate: bool = True,
    by: Optional[User] = None,
) -> HandedOver:
    """A contact person leaves: their cases (``Intake.handler_id``), open next steps and
    schools go to the successor, in one transaction; each case touched gets an audit entry.
    The successor also serves the school of every moved case and step, so they can see it. The leaver
    is deactivated unless ``deactivate`` is false. The audit entries name ``by`` (the admin on
    the dashboard; nobody from the command line). :class:`UnknownUser`, :class:`NoSuccessor`."""
    async with db() as session:
        async with session.begin():
            leaver = await _user_by_email(session, leaver_email)
            successor = await _user_by_email(session, successor_email)
            if successor.id == leaver.id:
                raise NoSuccessor("Opvolger en vertrekker zijn dezelfde persoon.")
            if successor.role != ROLE_CONTACTPERSOON or not successor.active:
                raise NoSuccessor(
                    f"{successor.email} is geen actieve contactpersoon en kan de zaken niet "
                    "overnemen."
                )
            cases = list(await session.execute(
                select(Intake.id, Intake.school_id).where(Intake.handler_id == leaver.id)
                .order_by(Intake.id)
            ))
            steps = list(await session.execute(
                select(NextStep.id, NextStep.intake_id, Intake.school_id)
                .join(Intake, Intake.id == NextStep.intake_id)
                .where(NextStep.user_id == leaver.id, NextStep.done_at.is_(None))
            ))
            outcome = HandedOver(cases=[row.id for row in cases], steps=len(steps))

            school_ids = {school.id for school in leaver.schools}
            school_ids |= {row.school_id for row in (*cases, *steps)}
            have = {school.id for school in successor.schools}
            new = sorted(school_ids - have)
            if new:
                await session.execute(
                    insert(user_schools),
                    [{"user_id": successor.id, "school_id": school_id} for school_id in new],
                )
            await session.execute(delete(user_schools).where(user_schools.c.user_id == leaver.id))
            outcome.schools = sorted(await session.scalars(
                select(School.slug).where(School.id.in_(new))
            )) if new else []

            now = utcnow()
            if cases:
                await session.execute(
                    update(Intake).where(Intake.handler_id == leaver.id)
                    .values(handler_id=successor.id, updated_at=now)
                    .execution_options(synchronize_session=False)
                )
            if steps:
                await session.execute(
                    update(NextStep).where(NextStep.id.in_([row.id for row in steps]))
                    .values(user_id=successor.id)
                    .execution_options(synchronize_session=False)
                )
            moved_steps: Dict[str, int] = {}
            for row in steps:
                moved_steps[row.intake_id] = moved_steps.get(row.intake_id, 0) + 1
            for intake_id in sorted(set(outcome.cases) | set(moved_steps)):
                _audit(
                    session, by, intake_id, HANDED_OVER, van=leaver.id, naar=successor.id,
                    behandelaar=intake_id in outcome.cases, stappen=moved_steps.get(intake_id, 0),
                )
            if deactivate and leaver.active:
                leaver.active = False
                outcome.deactivated = True
    return outcome


# --- key rotation ------------------------------------------------------------------------------

async def rotate_keys(db: sessionmaker) -> Dict[str, int]:
    """Re-encrypt every encrypted value with the first data key, in one transaction:
    ``{"table.column": n}``. ``crypto.UndecryptableValue`` when a value opens with no key."""
    async with db() as session:
        async with session.begin():
            return await session.run_sync(
                lambda sync_session: crypto.rotate_all(sync_session.connection(), metadata)
            )
