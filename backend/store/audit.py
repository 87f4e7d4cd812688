"""The audit log: every action's name (``AuditEntry.action``, stored: the values never change)
and the writes and reads of the log itself. Audit entries hold no content, so they stay when an
intake goes (``AuditEntry.intake_id`` has no foreign key).

Every store function that reads or changes one intake for a user writes an entry in the same
transaction (:func:`add_audit_entry`); reads shown on a page or in the API are recorded by the
view, once it has shown them (:func:`audit_read`). What the reporter reads or writes with their
receipt code is audited too, without a user.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Optional

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend.models import AuditEntry, User, utcnow

# Casework on one intake.
STORED = "ontvangen"  # the action server stored the intake (no user)
READ_PAGE = "bekeken"
READ_API = "opgevraagd"
READ_API_LIST = "opgevraagd_in_lijst"
CLAIMED = "opgepakt"
STATUS_CHANGED = "status_gewijzigd"
NOTE_ADDED = "notitie_toegevoegd"
STEP_ADDED = "stap_toegevoegd"
STEP_DONE = "stap_afgerond"
SHARED = "gedeeld_met_vertrouwenspersoon"
MESSAGE_SENT = "bericht_aan_melder"
# What the reporter did with the receipt code (no user).
READ_BY_REPORTER = "status_door_melder_bekeken"
COPY_BY_REPORTER = "kopie_door_melder_opgehaald"
REPLY_RECEIVED = "bericht_van_melder"

# Audit actions without an intake (``AuditEntry.intake_id`` is NULL; the detail holds no content).
SIGNAL_CREATED = "signaal_vastgelegd"
SIGNALS_READ = "signalen_bekeken"
REPORT_READ = "rapportage_bekeken"

# Audit actions of an account (no intake): where its notices go changed.
TELEGRAM_LINKED = "telegram_gekoppeld"
TELEGRAM_UNLINKED = "telegram_ontkoppeld"

# Privacy (``store.privacy``, ``store.transfers``).
PURGED = "verwijderd_na_bewaartermijn"
EXPORTED = "gegevens_geexporteerd"
DELETED = "verwijderd_op_verzoek"
CASES_TRANSFERRED = "overgedragen"  # a leaver's cases went to a successor


def add_audit_entry(
    session: AsyncSession, user: Optional[User], intake_id: str, action: str, **detail: Any
) -> None:
    """Add an entry about one intake to the session's transaction (``user`` None: no user)."""
    session.add(
        AuditEntry(
            user_id=user.id if user is not None else None,
            intake_id=intake_id,
            action=action,
            detail=detail,
        )
    )


async def audit_read(
    db: sessionmaker, user: User, intake_ids: Iterable[str], action: str = READ_PAGE
) -> None:
    """Record that ``user`` read these intakes (the detail page, the JSON API: one row per
    intake, all in one statement)."""
    ids = list(intake_ids)
    if not ids:
        return
    now = utcnow()
    async with db() as session:
        async with session.begin():
            # One INSERT (executemany) for a whole page, not one ORM flush per row.
            await session.execute(
                insert(AuditEntry),
                [{"created_at": now, "user_id": user.id, "intake_id": intake_id,
                  "action": action, "detail": {}} for intake_id in ids],
            )


async def list_audit(db: sessionmaker, intake_id: str) -> List[AuditEntry]:
    """The audit entries of one intake, oldest first, with their users loaded."""
    async with db() as session:
        result = await session.execute(
            select(AuditEntry)
            .where(AuditEntry.intake_id == intake_id)
            .options(selectinload(AuditEntry.user))
            .order_by(AuditEntry.id)
        )
        return list(result.scalars())


async def audit_reporter_read(db: sessionmaker, intake_id: str, action: str) -> None:
    """Record that the reporter read something of this intake with the receipt code."""
    async with db() as session:
        async with session.begin():
            add_audit_entry(session, None, intake_id, action)


async def audit_without_intake(
    db: sessionmaker, user: User, action: str, **detail: Any
) -> None:
    """An audit entry about no single intake: signals read, a report read (never content)."""
    async with db() as session:
        async with session.begin():
            session.add(
                AuditEntry(user_id=user.id, intake_id=None, action=action, detail=detail)
            )
