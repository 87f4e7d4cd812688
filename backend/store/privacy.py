"""Privacy by design, the data access behind the ``wegwijzer`` commands (and the same requests
on the dashboard and the API, ``backend.web`` and ``backend.api.privacy``): retention (closed
intakes purged after ``WEGWIJZER_RETENTION_DAYS``), a person's data exported or deleted on
request (a reporter by receipt code, a staff member by e-mail address), and re-encrypting with a
new data key (``shared.crypto``). A leaving contact person's cases: ``store.transfers``.

Each function writes an audit entry for every intake it reads or changes. Deleting an intake
deletes its notes, next steps and status history with it (``ON DELETE CASCADE``); its audit
entries stay (``store.audit``).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend.auth import access, codes
from backend.models import AuditEntry, Intake, NextStep, Note, StatusChange, User, metadata, utcnow
from backend.rules import casework
from backend.rules.intake_detail import intake_detail_json
from backend.store.accounts import user_by_email
from backend.store.audit import DELETED, EXPORTED, PURGED, add_audit_entry
from backend.store.conversations import Chat
from backend.store.errors import NotFound
from backend.store.intakes import full_intake_options, intake_for_change
from shared import crypto


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
                add_audit_entry(session, None, intake_id, PURGED, bewaartermijn_dagen=days)
    return [Chat(row.conversation_id, row.intake_key) for row in rows]


# --- a reporter's data, by receipt code --------------------------------------------------------

async def _full_intake_by_code(session: AsyncSession, code: str) -> Intake:
    return await _full_intake(session, Intake.code_hash == codes.code_hash(code))


async def _full_intake(session: AsyncSession, where: Any) -> Intake:
    result = await session.execute(select(Intake).where(where).options(*full_intake_options()))
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
            add_audit_entry(session, user, intake.id, EXPORTED, op_verzoek_van="melder")
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
    its chat is, for Rasa's copy (only this intake's part of it goes,
    ``backend.store.conversations``)."""
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.DELETE)
            await _delete(session, intake, user)
    return Chat(intake.conversation_id, intake.intake_key)


async def _delete(session: AsyncSession, intake: Intake, user: Optional[User]) -> None:
    await session.execute(delete(Intake).where(Intake.id == intake.id))
    add_audit_entry(session, user, intake.id, DELETED)


# --- a staff member's data ---------------------------------------------------------------------

async def export_user(db: sessionmaker, email: str) -> Dict[str, Any]:
    """A staff member's account and what they wrote (notes, next steps, reasons of status
    changes) and did (their audit entries), as JSON data. No password hash, and no receipt
    codes (those are the reporters' keys). Reading their notes on an intake is audited there."""
    async with db() as session:
        async with session.begin():
            user = await user_by_email(session, email)
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
                add_audit_entry(session, None, intake_id, EXPORTED, op_verzoek_van="medewerker",
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


# --- key rotation ------------------------------------------------------------------------------

async def rotate_keys(db: sessionmaker) -> Dict[str, int]:
    """Re-encrypt every encrypted value with the first data key, in one transaction:
    ``{"table.column": n}``. ``crypto.UndecryptableValue`` when a value opens with no key."""
    async with db() as session:
        async with session.begin():
            return await session.run_sync(
                lambda sync_session: crypto.rotate_all(sync_session.connection(), metadata)
            )
