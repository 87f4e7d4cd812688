"""Staff accounts: add, read, list, (de)activate, log in (the password check, and the failed
logins the throttle counts, ``backend.auth.throttle``)."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import List, Optional, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend.auth import security
from backend.models import ROLE_CONTACTPERSOON, Board, LoginFailure, School, User, utcnow
from backend.store.errors import InvalidCredentials, UnknownSchool, UnknownUser
from backend.store.schools import given_board


@dataclass
class UserAdded:
    user: User
    created: bool
    schools_added: List[str] = field(default_factory=list)


async def add_user(
    db: sessionmaker,
    *,
    email: str,
    name: str,
    password_hash: str,
    school_slugs: Sequence[str],
    role: str = ROLE_CONTACTPERSOON,
    board: Optional[str] = None,
) -> UserAdded:
    """Create a user serving ``school_slugs`` (and, for a board role, working for ``board``).
    When the e-mail address exists, only the missing schools are added (name, role, board and
    password stay as they are)."""
    email = email.strip().lower()
    async with db() as session:
        async with session.begin():
            board_row = await given_board(session, board)
            result = await session.execute(select(School).where(School.slug.in_(school_slugs)))
            schools = {school.slug: school for school in result.scalars()}
            missing = [slug for slug in school_slugs if slug not in schools]
            if missing:
                raise UnknownSchool(missing)
            result = await session.execute(
                select(User).where(User.email == email).options(selectinload(User.schools))
            )
            user = result.scalar_one_or_none()
            if user is None:
                user = User(
                    email=email, name=name, password_hash=password_hash, role=role,
                    board_id=board_row.id if board_row is not None else None,
                )
                user.schools = list(schools.values())
                session.add(user)
                outcome = UserAdded(user, created=True, schools_added=sorted(schools))
            else:
                have = {school.slug for school in user.schools}
                new = [schools[slug] for slug in sorted(schools) if slug not in have]
                user.schools.extend(new)
                outcome = UserAdded(user, created=False, schools_added=[s.slug for s in new])
    return await _reload_user(db, outcome)


async def _reload_user(db: sessionmaker, outcome: UserAdded) -> UserAdded:
    user = await get_user(db, outcome.user.id)
    assert user is not None
    outcome.user = user
    return outcome


def user_options():
    return (
        selectinload(User.schools),
        selectinload(User.board).selectinload(Board.schools),
    )


async def get_user(db: sessionmaker, user_id: int) -> Optional[User]:
    """The user with their schools and board (with its schools) loaded, or ``None``."""
    async with db() as session:
        result = await session.execute(
            select(User).where(User.id == user_id).options(*user_options())
        )
        return result.scalar_one_or_none()


async def list_users(db: sessionmaker) -> List[User]:
    """Every user, by e-mail address, with schools and board loaded."""
    async with db() as session:
        result = await session.execute(select(User).options(*user_options()).order_by(User.email))
        return list(result.scalars())


async def set_user_active(db: sessionmaker, email: str, active: bool) -> bool:
    """(De)activate the user with this e-mail address; :class:`UnknownUser` if there is none.
    Returns whether anything changed."""
    email = email.strip().lower()
    async with db() as session:
        async with session.begin():
            result = await session.execute(select(User).where(User.email == email))
            user = result.scalar_one_or_none()
            if user is None:
                raise UnknownUser(email)
            changed = user.active != active
            user.active = active
    return changed


async def authenticate(db: sessionmaker, email: str, password: str) -> User:
    """The user with this e-mail address and password, or :class:`InvalidCredentials`.

    An unknown address still costs one hash verification, so timing does not tell which
    addresses exist. Hashing runs in a thread: argon2 is slow on purpose.
    """
    email = (email or "").strip().lower()
    async with db() as session:
        result = await session.execute(
            select(User).where(User.email == email).options(*user_options())
        )
        user = result.scalar_one_or_none()
    loop = asyncio.get_running_loop()
    stored_hash = user.password_hash if user is not None else None
    ok = await loop.run_in_executor(None, security.verify_password, stored_hash, password)
    if user is None or not ok or not user.active:
        raise InvalidCredentials()
    if security.needs_rehash(user.password_hash):
        new_hash = await loop.run_in_executor(None, security.hash_password, password)
        async with db() as session:
            async with session.begin():
                stored = await session.get(User, user.id)
                if stored is not None:
                    stored.password_hash = new_hash
    return user


async def count_login_failures(db: sessionmaker, key: str, since: datetime) -> int:
    async with db() as session:
        result = await session.execute(
            select(func.count())
            .select_from(LoginFailure)
            .where(LoginFailure.key == key, LoginFailure.created_at >= since)
        )
        return int(result.scalar_one())


async def record_login_failure(
    db: sessionmaker, key: str, now: Optional[datetime] = None, keep: timedelta = timedelta(days=1)
) -> None:
    """Store one failure; failures older than ``keep`` (for any key) are removed on the way."""
    now = now or utcnow()
    async with db() as session:
        async with session.begin():
            await session.execute(delete(LoginFailure).where(LoginFailure.created_at < now - keep))
            session.add(LoginFailure(key=key, created_at=now))


async def clear_login_failures(db: sessionmaker, key: str) -> None:
    async with db() as session:
        async with session.begin():
            await session.execute(delete(LoginFailure).where(LoginFailure.key == key))


async def user_by_email(session: AsyncSession, email: str) -> User:
    """The user with this e-mail address, schools and board loaded; :class:`UnknownUser`
    otherwise."""
    result = await session.execute(
        select(User)
        .where(User.email == email.strip().lower())
        .options(selectinload(User.schools), selectinload(User.board))
    )
    user = result.scalar_one_or_none()
    if user is None:
        raise UnknownUser(email)
    return user
