"""Schools and boards: read one, add one, import a board's file (``wegwijzer schools``), list
them with their numbers of users and intakes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker

from backend.models import Board, Intake, School, user_schools, utcnow
from backend.store.errors import NotFound, UnknownBoard

if TYPE_CHECKING:  # the config module imports the models; only its types are needed here
    from backend.schoolconfig import BoardConfig


async def _by_slug(db: sessionmaker, model: Any, slug: str, related: Any) -> Any:
    """The school or board with that slug, ``related`` loaded; :class:`NotFound` otherwise."""
    async with db() as session:
        result = await session.execute(
            select(model).where(model.slug == slug).options(selectinload(related))
        )
        row = result.scalar_one_or_none()
    if row is None:
        raise NotFound(slug)
    return row


async def get_school(db: sessionmaker, slug: str) -> School:
    """The school with its board loaded (``school.board`` is ``None`` when it has none)."""
    return await _by_slug(db, School, slug, School.board)


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
            board_row = await given_board(session, board)
            school = await school_by_slug(session, slug)
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


async def school_by_slug(session: AsyncSession, slug: str) -> Optional[School]:
    result = await session.execute(select(School).where(School.slug == slug))
    return result.scalar_one_or_none()


async def get_board(db: sessionmaker, slug: str) -> Board:
    """The board with its schools loaded."""
    return await _by_slug(db, Board, slug, Board.schools)


async def board_by_slug(session: AsyncSession, slug: str) -> Optional[Board]:
    result = await session.execute(select(Board).where(Board.slug == slug))
    return result.scalar_one_or_none()


async def given_board(session: AsyncSession, slug: Optional[str]) -> Optional[Board]:
    """The board named ``slug``; None when no board is given, :class:`UnknownBoard` when it
    does not exist."""
    if slug is None:
        return None
    board = await board_by_slug(session, slug)
    if board is None:
        raise UnknownBoard(slug)
    return board


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
            board = await board_by_slug(session, config.slug)
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


async def list_schools(db: sessionmaker) -> List[Tuple[School, int, int]]:
    """Every school by slug with its board loaded, its number of users and of intakes."""
    users = (
        select(func.count())
        .select_from(user_schools)
        .where(user_schools.c.school_id == School.id)
        .scalar_subquery()
    )
    intakes = (
        select(func.count()).select_from(Intake).where(Intake.school_id == School.id)
        .scalar_subquery()
    )
    async with db() as session:
        result = await session.execute(
            select(School, users, intakes).options(selectinload(School.board)).order_by(School.slug)
        )
        return [(school, int(n_users), int(n_intakes)) for school, n_users, n_intakes in result]
