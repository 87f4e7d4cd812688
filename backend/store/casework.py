"""Casework on one intake: claim, status, notes, next steps, sharing with the
vertrouwenspersoon. The rules (workflow, checks of the input) are ``backend.rules.casework``; each
change starts with ``intakes.intake_for_change`` and is audited in its transaction."""
from __future__ import annotations

from datetime import date
from typing import Any, Dict

from sqlalchemy.orm import sessionmaker

from backend.auth import access
from backend.models import NextStep, Note, School, StatusChange, User, utcnow
from backend.rules import casework
from backend.store.audit import (
    CLAIMED, NOTE_ADDED, SHARED, STATUS_CHANGED, STEP_ADDED, STEP_DONE, add_audit_entry,
)
from backend.store.errors import AlreadyClaimed, NotFound, NotShareable
from backend.store.intakes import intake_for_change


async def claim_intake(db: sessionmaker, user: User, intake_id: str) -> None:
    """"Ik pak dit op": the user becomes the handler; a new intake goes to ``in_behandeling``
    (with the reason "Opgepakt" in its history). :class:`AlreadyClaimed` when someone else
    handles it already; claiming one's own intake again changes nothing. Of two people
    claiming at the same moment exactly one wins (see :func:`intake_for_change`)."""
    now = utcnow()
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.CLAIM)
            if intake.handler_id == user.id:
                return
            if intake.handler_id is not None:
                raise AlreadyClaimed(intake_id)
            intake.handler_id = user.id
            detail: Dict[str, Any] = {}
            if intake.status == casework.NIEUW:
                session.add(
                    StatusChange(
                        intake_id=intake.id, user_id=user.id, from_status=intake.status,
                        to_status=casework.IN_BEHANDELING, reason=casework.CLAIM_REASON,
                        created_at=now,
                    )
                )
                detail = {"van": intake.status, "naar": casework.IN_BEHANDELING}
                intake.status = casework.IN_BEHANDELING
            add_audit_entry(session, user, intake.id, CLAIMED, **detail)


async def change_status(
    db: sessionmaker, user: User, intake_id: str, status: str, reason: str
) -> None:
    """Move the intake to ``status`` with the (checked) ``reason``; the workflow is
    ``casework.TRANSITIONS`` (``casework.InvalidTransition`` otherwise). Moving a new intake on
    makes the user its handler when it has none."""
    now = utcnow()
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.STATUS)
            casework.check_transition(intake.status, status)
            session.add(
                StatusChange(
                    intake_id=intake.id, user_id=user.id, from_status=intake.status,
                    to_status=status, reason=reason, created_at=now,
                )
            )
            add_audit_entry(session, user, intake.id, STATUS_CHANGED, van=intake.status, naar=status)
            intake.status = status
            if intake.handler_id is None:
                intake.handler_id = user.id


async def add_note(db: sessionmaker, user: User, intake_id: str, text_: str) -> Note:
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.NOTE)
            note = Note(intake_id=intake.id, user_id=user.id, text=text_)
            session.add(note)
            await session.flush()
            add_audit_entry(session, user, intake.id, NOTE_ADDED, notitie=note.id)
    return note


async def add_step(
    db: sessionmaker, user: User, intake_id: str, description: str, due_date: date
) -> NextStep:
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.STEP)
            step = NextStep(
                intake_id=intake.id, user_id=user.id, description=description, due_date=due_date
            )
            session.add(step)
            await session.flush()
            add_audit_entry(session, user, intake.id, STEP_ADDED, stap=step.id,
                   deadline=due_date.isoformat())
    return step


async def complete_step(db: sessionmaker, user: User, intake_id: str, step_id: int) -> None:
    """Mark a next step done (once; doing it again changes nothing)."""
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.STEP)
            step = await session.get(NextStep, step_id)
            if step is None or step.intake_id != intake.id:
                raise NotFound(str(step_id))
            if step.done_at is None:
                step.done_at = utcnow()
                add_audit_entry(session, user, intake.id, STEP_DONE, stap=step.id)


async def share_intake(db: sessionmaker, user: User, intake_id: str) -> bool:
    """Let the vertrouwenspersoon of the school's board see the intake. Returns whether it was
    newly shared; :class:`NotShareable` when the school has no board."""
    async with db() as session:
        async with session.begin():
            intake = await intake_for_change(session, user, intake_id, access.SHARE)
            school = await session.get(School, intake.school_id)
            if school is None or school.board_id is None:
                raise NotShareable(intake_id)
            if intake.shared_at is not None:
                return False
            intake.shared_at = utcnow()
            intake.shared_board_id = school.board_id  # pinned (access.intake_clause)
            add_audit_entry(session, user, intake.id, SHARED)
    return True
