"""A contact person leaves: their cases, open next steps and schools are transferred to a
successor (``wegwijzer users handover``, the admin's page ``/dashboard/beheer/overdracht`` and
``POST /api/admin/handover``). In code this is a *transfer*; the *handoff* is the bot handing an
intake to the backend (docs/architecture.md, "Words")."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import sessionmaker

from backend.models import ROLE_CONTACTPERSOON, Intake, NextStep, School, User, user_schools, utcnow
from backend.store.accounts import user_by_email
from backend.store.audit import CASES_TRANSFERRED, add_audit_entry
from backend.store.errors import NoSuccessor


@dataclass
class CasesTransferred:
    cases: List[str] = field(default_factory=list)  # intake ids the successor now handles
    steps: int = 0  # open next steps moved
    schools: List[str] = field(default_factory=list)  # slugs the successor now serves too
    deactivated: bool = False


async def transfer_cases(
    db: sessionmaker, leaver_email: str, successor_email: str, *, deactivate: bool = True,
    by: Optional[User] = None,
) -> CasesTransferred:
    """A contact person leaves: their cases (``Intake.handler_id``), open next steps and
    schools go to the successor, in one transaction; each case touched gets an audit entry.
    The successor also serves the school of every moved case and step, so they can see it. The
    leaver is deactivated unless ``deactivate`` is false. The audit entries name ``by`` (the admin on
    the dashboard; nobody from the command line). :class:`UnknownUser`, :class:`NoSuccessor`."""
    async with db() as session:
        async with session.begin():
            leaver = await user_by_email(session, leaver_email)
            successor = await user_by_email(session, successor_email)
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
            outcome = CasesTransferred(cases=[row.id for row in cases], steps=len(steps))

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
                add_audit_entry(
                    session, by, intake_id, CASES_TRANSFERRED, van=leaver.id, naar=successor.id,
                    behandelaar=intake_id in outcome.cases, stappen=moved_steps.get(intake_id, 0),
                )
            if deactivate and leaver.active:
                leaver.active = False
                outcome.deactivated = True
    return outcome
