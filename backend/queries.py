"""All data access of the backend. Views and the CLI call these functions, never the ORM.

Each function opens its own short session from the factory (``app[keys.DB]``); writes run in
``async with session.begin()``. Failures a caller must handle are domain errors
(:class:`NotFound`, :class:`UnknownSchool`, :class:`UnknownBoard`, :class:`InvalidCredentials`),
which views and the CLI map to HTTP errors and messages.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend import security
from backend.models import Board, Intake, School, User, new_uuid, user_schools, utcnow
from backend.schemas import IntakeIn

if TYPE_CHECKING:  # the config module imports the models; only its types are needed here
    from backend.schoolconfig import BoardConfig

log = logging.getLogger(__name__)

# A receipt code collision has odds of about 1 in 2**59 per pair; a few retries are plenty.
_CODE_ATTEMPTS = 5


class NotFound(Exception):
    """The record does not exist, or the user may not see it (callers cannot tell which)."""


class UnknownSchool(Exception):
    def __init__(self, slugs: Sequence[str]) -> None:
        super().__init__(", ".join(slugs))
        self.slugs = list(slugs)


class UnknownBoard(Exception):
    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


class InvalidCredentials(Exception):
    """Unknown e-mail address or wrong password (deliberately not told apart)."""


# --- health ----------------------------------------------------------------------------------

async def ping(db: sessionmaker) -> None:
    """Raise if the database does not answer ``SELECT 1``."""
    async with db() as session:
        await session.execute(text("SELECT 1"))


# --- schools and boards ----------------------------------------------------------------------

async def get_school(db: sessionmaker, slug: str) -> School:
    """The school with its board loaded (``school.board`` is ``None`` when it has none)."""
    async with db() as session:
        result = await session.execute(
            select(School).where(School.slug == slug).options(selectinload(School.board))
        )
        school = result.scalar_one_or_none()
    if school is None:
        raise NotFound(slug)
    return school


@dataclass
class SchoolAdded:
    school: School
    created: bool
    board_changed: bool = False


async def add_school(
    db: sessionmaker, slug: str, name: str, board: Optional[str] = None
) -> SchoolAdded:
    """Create a school, in board ``board`` when given (:class:`UnknownBoard` if it does not
    exist). When the slug exists already, its name stays as it is; a given board is set."""
    async with db() as session:
        async with session.begin():
            board_row = None
            if board is not None:
                board_row = await _board_by_slug(session, board)
                if board_row is None:
                    raise UnknownBoard(board)
            school = await _school_by_slug(session, slug)
            if school is None:
                school = School(
                    slug=slug, name=name, board_id=board_row.id if board_row else None
                )
                session.add(school)
                outcome = SchoolAdded(school, created=True, board_changed=board_row is not None)
            else:
                changed = board_row is not None and school.board_id != board_row.id
                if changed:
                    school.board_id = board_row.id
                outcome = SchoolAdded(school, created=False, board_changed=changed)
    outcome.school = await get_school(db, slug)
    return outcome


async def _school_by_slug(session: AsyncSession, slug: str) -> Optional[School]:
    result = await session.execute(select(School).where(School.slug == slug))
    return result.scalar_one_or_none()


async def get_board(db: sessionmaker, slug: str) -> Board:
    """The board with its schools loaded."""
    async with db() as session:
        result = await session.execute(
            select(Board).where(Board.slug == slug).options(selectinload(Board.schools))
        )
        board = result.scalar_one_or_none()
    if board is None:
        raise NotFound(slug)
    return board


async def _board_by_slug(session: AsyncSession, slug: str) -> Optional[Board]:
    result = await session.execute(select(Board).where(Board.slug == slug))
    return result.scalar_one_or_none()


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class SchoolImported:
    slug: str
    state: str  # CREATED, UPDATED or UNCHANGED
    moved_from: Optional[str] = None  # the board it belonged to before, if another one


@dataclass
class BoardImported:
    slug: str
    state: str
    schools: List[SchoolImported] = field(default_factory=list)
    # Schools of this board in the database that the file does not list (left as they are).
    not_in_file: List[str] = field(default_factory=list)


async def import_board(db: sessionmaker, config: "BoardConfig") -> BoardImported:
    """Create or update a board and its schools from a checked file, in one transaction.

    Idempotent: importing the same file again changes nothing (and says so). Schools are matched
    by slug; one that belonged to another board moves to this one. Schools of the board that the
    file does not list are left alone.
    """
    profile = config.profile.to_dict()
    async with db() as session:
        async with session.begin():
            board = await _board_by_slug(session, config.slug)
            if board is None:
                board = Board(slug=config.slug, name=config.naam, profile=profile)
                session.add(board)
                await session.flush()
                outcome = BoardImported(config.slug, CREATED)
            elif board.name != config.naam or board.profile != profile:
                board.name = config.naam
                board.profile = profile
                board.updated_at = utcnow()
                outcome = BoardImported(config.slug, UPDATED)
            else:
                outcome = BoardImported(config.slug, UNCHANGED)

            slugs = [school.slug for school in config.scholen]
            result = await session.execute(
                select(School)
                .where((School.slug.in_(slugs)) | (School.board_id == board.id))
                .options(selectinload(School.board))
            )
            stored = {school.slug: school for school in result.scalars()}
            for wanted in config.scholen:
                persons = wanted.contactpersonen_json()
                school = stored.get(wanted.slug)
                if school is None:
                    session.add(
                        School(
                            slug=wanted.slug,
                            name=wanted.naam,
                            board_id=board.id,
                            contactpersonen=persons,
                        )
                    )
                    outcome.schools.append(SchoolImported(wanted.slug, CREATED))
                    continue
                moved_from = (
                    school.board.slug
                    if school.board is not None and school.board_id != board.id
                    else None
                )
                if (
                    school.name != wanted.naam
                    or school.board_id != board.id
                    or school.contactpersonen != persons
                ):
                    school.name = wanted.naam
                    school.board_id = board.id
                    school.contactpersonen = persons
                    outcome.schools.append(SchoolImported(wanted.slug, UPDATED, moved_from))
                else:
                    outcome.schools.append(SchoolImported(wanted.slug, UNCHANGED))
            outcome.not_in_file = sorted(
                slug for slug, school in stored.items()
                if school.board_id == board.id and slug not in slugs
            )
    return outcome


# --- users -----------------------------------------------------------------------------------

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
    role: str = "contactpersoon",
) -> UserAdded:
    """Create a contact person serving ``school_slugs``. When the e-mail address exists, only
    the missing schools are added (name, role and password stay as they are)."""
    email = email.strip().lower()
    async with db() as session:
        async with session.begin():
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
                user = User(email=email, name=name, password_hash=password_hash, role=role)
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


async def get_user(db: sessionmaker, user_id: int) -> Optional[User]:
    """The user with their schools loaded, or ``None``."""
    async with db() as session:
        result = await session.execute(
            select(User).where(User.id == user_id).options(selectinload(User.schools))
        )
        return result.scalar_one_or_none()


async def authenticate(db: sessionmaker, email: str, password: str) -> User:
    """The user with this e-mail address and password, or :class:`InvalidCredentials`.

    An unknown address still costs one hash verification, so timing does not tell which
    addresses exist. Hashing runs in a thread: argon2 is slow on purpose.
    """
    email = (email or "").strip().lower()
    async with db() as session:
        result = await session.execute(
            select(User).where(User.email == email).options(selectinload(User.schools))
        )
        user = result.scalar_one_or_none()
    loop = asyncio.get_running_loop()
    stored_hash = user.password_hash if user is not None else None
    ok = await loop.run_in_executor(None, security.verify_password, stored_hash, password)
    if user is None or not ok:
        raise InvalidCredentials()
    if security.needs_rehash(user.password_hash):
        new_hash = await loop.run_in_executor(None, security.hash_password, password)
        async with db() as session:
            async with session.begin():
                stored = await session.get(User, user.id)
                if stored is not None:
                    stored.password_hash = new_hash
    return user


# --- intakes ---------------------------------------------------------------------------------

async def create_intake(db: sessionmaker, record: IntakeIn) -> Tuple[Intake, bool]:
    """Store an intake, idempotent per ``conversation_id``.

    Returns ``(intake, created)``: a repeat of a stored conversation returns the stored record
    unchanged with ``created=False``. Two calls racing for the same conversation are settled by
    the unique constraint: the loser reads the winner's record.
    """
    async with db() as session:
        school = await _school_by_slug(session, record.school)
        if school is None:
            raise UnknownSchool([record.school])
        existing = await _intake_by_conversation(session, record.conversation_id)
    if existing is not None:
        return existing, False

    for _attempt in range(_CODE_ATTEMPTS):
        intake_id = new_uuid()
        try:
            async with db() as session:
                async with session.begin():
                    session.add(
                        Intake(
                            id=intake_id,
                            code=security.generate_code(),
                            school_id=school.id,
                            **record.as_columns(),
                        )
                    )
        except IntegrityError:
            async with db() as session:
                existing = await _intake_by_conversation(session, record.conversation_id)
            if existing is not None:
                log.info("intake for a repeated conversation settled by the unique constraint")
                return existing, False
            log.warning("receipt code collision, drawing a new code")
            continue
        async with db() as session:
            return await _intake_by_id(session, intake_id), True
    raise RuntimeError("could not store the intake: no free receipt code")


async def list_intakes_for_user(db: sessionmaker, user_id: int) -> List[Intake]:
    """The intakes of the schools the user serves, newest first."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.school_id.in_(_school_ids_of(user_id)))
            .options(selectinload(Intake.school))
            .order_by(Intake.created_at.desc(), Intake.id)
        )
        return list(result.scalars())


async def get_intake_for_user(db: sessionmaker, user_id: int, intake_id: str) -> Intake:
    """One intake if the user serves its school; :class:`NotFound` otherwise."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.id == intake_id, Intake.school_id.in_(_school_ids_of(user_id)))
            .options(selectinload(Intake.school))
        )
        intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound(intake_id)
    return intake


async def get_intake_by_code(db: sessionmaker, code: str) -> Intake:
    """The intake with this receipt code (canonical form, see ``security.normalise_code``), its
    school and the school's board loaded; :class:`NotFound` otherwise. The code is the
    reporter's only key: callers must not say whether a code exists."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.code == code)
            .options(selectinload(Intake.school).selectinload(School.board))
        )
        intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound("intake by code")  # not the code itself: messages end up in logs
    return intake


async def count_intakes(db: sessionmaker) -> int:
    async with db() as session:
        result = await session.execute(select(func.count()).select_from(Intake))
        return int(result.scalar_one())


def _school_ids_of(user_id: int):
    return select(user_schools.c.school_id).where(user_schools.c.user_id == user_id)


async def _intake_by_conversation(
    session: AsyncSession, conversation_id: str
) -> Optional[Intake]:
    result = await session.execute(
        select(Intake)
        .where(Intake.conversation_id == conversation_id)
        .options(selectinload(Intake.school))
    )
    return result.scalar_one_or_none()


async def _intake_by_id(session: AsyncSession, intake_id: str) -> Intake:
    result = await session.execute(
        select(Intake).where(Intake.id == intake_id).options(selectinload(Intake.school))
    )
    return result.scalar_one()
