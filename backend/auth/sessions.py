"""Server-side login sessions: the cookie alone no longer keeps someone logged in.

The session cookie is encrypted (``aiohttp_session``) but lives in the browser: before this, a
copy of it stayed valid for its whole ``max_age``, whatever happened on the server. Now each
login gets a random token; the cookie holds it and the table ``login_sessions`` holds its
SHA-256 (migration 0011). A request counts as logged in only while that row exists and has not
expired, and while the account's password is the one it logged in with (a fingerprint of the
hash is in the cookie too). So:

- logout deletes the row: a copied cookie is dead from then on;
- a password change (any path, also the CLI or the database) ends every session of the account;
- :func:`end_all` ends every session of an account at once (deactivation).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import sessionmaker

from backend.models import Base, UTCDateTime, User, utcnow

TOKEN_KEY = "sid"  # in the cookie session
MAX_AGE_SECONDS = 8 * 60 * 60  # a working day; then log in again
PASSWORD_KEY = "pw"


class LoginSession(Base):
    __tablename__ = "login_sessions"

    id = Column(String(64), primary_key=True)  # SHA-256 of the token in the cookie
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def password_fingerprint(user: User) -> str:
    return hashlib.sha256(f"session\n{user.password_hash}".encode("utf-8")).hexdigest()[:32]


async def begin(db: sessionmaker, user: User, max_age_seconds: int = MAX_AGE_SECONDS) -> str:
    """A new session of ``user``; the token goes into the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    async with db() as session:
        async with session.begin():
            await session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
            session.add(LoginSession(
                id=_digest(token), user_id=user.id, created_at=now,
                expires_at=now + timedelta(seconds=max_age_seconds),
            ))
    return token


async def is_open(
    db: sessionmaker, user: User, token: object, fingerprint: object,
    now: Optional[datetime] = None,
) -> bool:
    if not isinstance(token, str) or not token or fingerprint != password_fingerprint(user):
        return False
    async with db() as session:
        found = await session.scalar(
            select(LoginSession.expires_at)
            .where(LoginSession.id == _digest(token), LoginSession.user_id == user.id)
        )
    return found is not None and found > (now or utcnow())


async def end(db: sessionmaker, token: object) -> None:
    if isinstance(token, str) and token:
        async with db() as session:
            async with session.begin():
                await session.execute(delete(LoginSession).where(LoginSession.id == _digest(token)))


async def end_all(db: sessionmaker, user_id: int) -> None:
    async with db() as session:
        async with session.begin():
            await session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
