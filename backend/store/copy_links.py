"""One-time links to a reporter's copy (issue 15): the chat shows such a link, never one with
the receipt code. A link is made for a code (:func:`new_link`), valid for
``codes.COPY_LINK_VALID`` and used once (:func:`use_link`); only the token's SHA-256 is stored.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional, Tuple

from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload, sessionmaker

from backend.auth import codes
from backend.models import CopyLink, Intake, School, utcnow
from backend.store import audit, errors


async def new_link(
    db: sessionmaker, intake: Intake, now: Optional[datetime] = None
) -> Tuple[str, datetime]:
    """A fresh link token for this intake and when it expires; expired links of anyone are
    removed on the way."""
    now = now or utcnow()
    token = codes.new_link_token()
    expires_at = now + codes.COPY_LINK_VALID
    async with db() as session:
        async with session.begin():
            await session.execute(
                delete(CopyLink).where(CopyLink.expires_at < now)
                .execution_options(synchronize_session=False)
            )
            session.add(CopyLink(
                token_hash=codes.link_token_hash(token), intake_id=intake.id,
                created_at=now, expires_at=expires_at,
            ))
    return token, expires_at


async def link_valid(db: sessionmaker, token: str, now: Optional[datetime] = None) -> bool:
    """Whether the link can still be used (unknown, used and expired are not told apart)."""
    now = now or utcnow()
    async with db() as session:
        found = await session.scalar(
            select(CopyLink.id).where(
                CopyLink.token_hash == codes.link_token_hash(token),
                CopyLink.used_at.is_(None), CopyLink.expires_at >= now,
            )
        )
    return found is not None


async def use_link(db: sessionmaker, token: str, now: Optional[datetime] = None) -> Intake:
    """Use the link up and return its intake (school and board loaded); of two uses at the
    same moment one wins. ``errors.NotFound`` for an unknown, used or expired link."""
    now = now or utcnow()
    token_hash = codes.link_token_hash(token)
    async with db() as session:
        async with session.begin():
            used = await session.execute(
                update(CopyLink)
                .where(CopyLink.token_hash == token_hash, CopyLink.used_at.is_(None),
                       CopyLink.expires_at >= now)
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
            if used.rowcount != 1:
                raise errors.NotFound("copy link")
            intake_id = await session.scalar(
                select(CopyLink.intake_id).where(CopyLink.token_hash == token_hash)
            )
            result = await session.execute(
                select(Intake).where(Intake.id == intake_id)
                .options(selectinload(Intake.school).selectinload(School.board))
            )
            intake = result.scalar_one()
    await audit.audit_reporter_read(db, intake.id, audit.COPY_BY_REPORTER)
    return intake
