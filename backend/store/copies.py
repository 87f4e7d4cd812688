"""Verifiable reporter's copies: the record of each copy made (its code, school, moment, text
hash and signature, ``backend.documents.verification``), stored and found by its code."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload, sessionmaker

from backend.models import CopyVerification
from backend.store.errors import NotFound

log = logging.getLogger(__name__)


async def add_copy_verification(
    db: sessionmaker, *, code: str, school_id: int, created_at: datetime, text_sha256: str,
    signature: str,
) -> bool:
    """Store the record of a copy just made; ``False`` when its code is taken (draw another)."""
    try:
        async with db() as session:
            async with session.begin():
                session.add(CopyVerification(
                    code=code, school_id=school_id, created_at=created_at,
                    text_sha256=text_sha256, signature=signature,
                ))
    except IntegrityError:
        log.warning("verification code collision, drawing a new code")
        return False
    return True


async def get_copy_verification(db: sessionmaker, code: str) -> CopyVerification:
    """The record of the copy with this verification code (canonical form), its school loaded;
    :class:`NotFound` otherwise."""
    async with db() as session:
        result = await session.execute(
            select(CopyVerification)
            .where(CopyVerification.code == code)
            .options(selectinload(CopyVerification.school))
        )
        found = result.scalar_one_or_none()
    if found is None:
        raise NotFound("copy by verification code")
    return found
