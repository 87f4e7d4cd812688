"""All data access of the backend. Views and the CLI call these functions, never the ORM.

Each function opens its own short session from the factory (``app[keys.DB]``); writes run in
``async with session.begin()``. Failures a caller must handle are domain errors
(:class:`NotFound`, :class:`UnknownSchool`, :class:`UnknownBoard`, :class:`InvalidCredentials`,
:class:`AlreadyClaimed`, :class:`NotShareable`, :class:`TooManyMessages` and
``casework.InvalidTransition``), which views
and the CLI map to HTTP errors and messages.

Which intakes a user may see is ``access.intake_clause``; every function that reads or changes
one intake for a user filters with it, and writes an :class:`AuditEntry` (reads: ``audit_read``).
What the reporter reads or writes with their receipt code is audited too, without a user.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import and_, delete, false, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from backend import access, casework, codes, reports, security
from backend.models import (
    CHANNEL_EMAIL,
    CHANNEL_TELEGRAM,
    NOTICE_NEW_INTAKE,
    NOTICE_REMINDER,
    ROLE_CONTACTPERSOON,
    SENDER_CONTACTPERSOON,
    SENDER_MELDER,
    user_schools,
    AuditEntry,
    Board,
    CopyVerification,
    Intake,
    LoginFailure,
    Message,
    NextStep,
    Note,
    Notification,
    School,
    Signal,
    StatusChange,
    TelegramLinkCode,
    User,
    new_uuid,
    utcnow,
)
from backend.schemas import IntakeIn
from backend.signals import SignalIn

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
    """Unknown e-mail address, wrong password or deactivated account (deliberately not told
    apart)."""


class UnknownUser(Exception):
    pass


class AlreadyClaimed(Exception):
    """Someone else already picked this intake up."""


class NotShareable(Exception):
    """The intake's school has no board, so there is no vertrouwenspersoon to share with."""


class Forbidden(Exception):
    """The user may see the intake but their role may not do this with it."""


class TooManyMessages(Exception):
    """The reporter sent the most replies allowed within the window on this intake."""


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
    role: str = ROLE_CONTACTPERSOON,
    board: Optional[str] = None,
) -> UserAdded:
    """Create a user serving ``school_slugs`` (and, for a board role, working for ``board``).
    When the e-mail address exists, only the missing schools are added (name, role, board and
    password stay as they are)."""
    email = email.strip().lower()
    async with db() as session:
        async with session.begin():
            board_row = None
            if board is not None:
                board_row = await _board_by_slug(session, board)
                if board_row is None:
                    raise UnknownBoard(board)
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


def _user_options():
    return (
        selectinload(User.schools),
        selectinload(User.board).selectinload(Board.schools),
    )


async def get_user(db: sessionmaker, user_id: int) -> Optional[User]:
    """The user with their schools and board (with its schools) loaded, or ``None``."""
    async with db() as session:
        result = await session.execute(
            select(User).where(User.id == user_id).options(*_user_options())
        )
        return result.scalar_one_or_none()


async def list_users(db: sessionmaker) -> List[User]:
    """Every user, by e-mail address, with schools and board loaded."""
    async with db() as session:
        result = await session.execute(select(User).options(*_user_options()).order_by(User.email))
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


async def authenticate(db: sessionmaker, email: str, password: str) -> User:
    """The user with this e-mail address and password, or :class:`InvalidCredentials`.

    An unknown address still costs one hash verification, so timing does not tell which
    addresses exist. Hashing runs in a thread: argon2 is slow on purpose.
    """
    email = (email or "").strip().lower()
    async with db() as session:
        result = await session.execute(
            select(User).where(User.email == email).options(*_user_options())
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


# --- intakes ---------------------------------------------------------------------------------

STORED = "ontvangen"  # audit action: the action server stored the intake (no user)

async def create_intake(
    db: sessionmaker, record: IntakeIn, notify_channels: Sequence[str] = ()
) -> Tuple[Intake, bool]:
    """Store an intake, idempotent per intake (``record.intake_key``: the bot's ``intake_id``).

    Returns ``(intake, created)``; ``intake.receipt_code`` is the code as stored (in memory
    only: the database keeps its keyed hash, ``backend.codes``). A repeat of a stored intake
    returns the stored record unchanged with ``created=False``, with ``receipt_code`` only when
    the repeat proposed the same code (else None: it was told when the intake was stored). Two
    calls racing for the same intake are settled by the unique constraint: the loser reads the
    winner's record. The receipt code is the one the action server proposed (``record.code``),
    which the person may already have been told while the intake waited in its outbox; when
    another intake has that code (about 2**-59 per pair: negligible), the intake is not refused
    but kept under a fresh code, which the caller returns. Each new intake gets the next case
    reference of its year (``M-2026-0042``). A new intake puts a notice for each of the
    school's contact persons in the outbox, on each of ``notify_channels`` they use, in the
    same transaction: stored means they will hear of it.
    """
    async with db() as session:
        school = await _school_by_slug(session, record.school)
        if school is None:
            raise UnknownSchool([record.school])
        existing = await _intake_by_key(session, record.intake_key)
    if existing is not None:
        return _repeat(existing, record), False

    code = record.code or security.generate_code()
    for _attempt in range(_CODE_ATTEMPTS * 2):
        intake_id = new_uuid()
        now = utcnow()
        try:
            async with db() as session:
                async with session.begin():
                    intake = Intake(
                        id=intake_id, code_hash=codes.code_hash(code), school_id=school.id,
                        referentie=await _next_referentie(session, now), created_at=now,
                        **record.as_columns(),
                    )
                    session.add(intake)
                    await session.flush()  # the intake first: the audit entry refers to it
                    session.add(AuditEntry(user_id=None, intake_id=intake_id, action=STORED))
                    await _enqueue_new_intake(session, intake_id, school.id, notify_channels)
        except IntegrityError:
            async with db() as session:
                existing = await _intake_by_key(session, record.intake_key)
                code_taken = await session.scalar(
                    select(func.count()).select_from(Intake)
                    .where(Intake.code_hash == codes.code_hash(code))
                )
            if existing is not None:
                log.info("intake for a repeated intake id settled by the unique constraint")
                return _repeat(existing, record), False
            if code_taken:
                log.warning("receipt code collision, drawing a new code")
                code = security.generate_code()
            continue  # else two intakes took the same case reference: the next number
        # The stored row is what we sent (the defaults filled in at the flush): no reload.
        set_committed_value(intake, "school", school)
        intake.receipt_code = code
        return intake, True
    raise RuntimeError("could not store the intake: no free receipt code or reference")


def _repeat(existing: Intake, record: IntakeIn) -> Intake:
    proposed = record.code
    same = proposed is not None and codes.code_hash(proposed) == existing.code_hash
    existing.receipt_code = proposed if same else None
    return existing


async def _next_referentie(session: AsyncSession, now: datetime) -> str:
    """The next case reference of this year: one more than the highest so far."""
    prefix = codes.referentie_year_prefix(now)
    taken = await session.scalars(
        select(Intake.referentie).where(Intake.referentie.like(prefix + "%"))
    )
    return codes.referentie(now.year, max(map(codes.referentie_number, taken), default=0) + 1)


INBOX_PAGE = 50  # intakes per page of the inbox (JSON list and dashboard) unless asked
INBOX_PAGE_MAX = 200


def _list_options():
    return (
        selectinload(Intake.school), selectinload(Intake.handler), selectinload(Intake.steps)
    )


async def _visible(session: AsyncSession, user: User, school_slug: Optional[str]):
    """A WHERE clause: the intakes this user may see, optionally of one school.

    Besides ``access.intake_clause`` it names the schools' ids as values (read first): with
    one school, PostgreSQL then reads the page straight from the index on (school_id,
    created_at), backwards, instead of sorting all of the school's intakes for each page."""
    schools = access.intake_schools(user)
    if schools is None:
        return false()
    query = select(School.id).where(School.id.in_(schools))
    if school_slug is not None:
        query = query.where(School.slug == school_slug)
    ids = list((await session.execute(query)).scalars())
    if not ids:
        return false()
    return and_(
        access.intake_clause(user),
        Intake.school_id == ids[0] if len(ids) == 1 else Intake.school_id.in_(ids),
    )


async def list_intakes_for_user(
    db: sessionmaker,
    user: User,
    school_slug: Optional[str] = None,
    limit: Optional[int] = None,
    before: Optional[str] = None,
) -> List[Intake]:
    """The intakes this user may see (``access.intake_clause``), optionally of one school,
    newest first (ties by id); school, handler and next steps loaded.

    Keyset pagination: at most ``limit`` intakes, and with ``before`` (the id of an intake of
    the previous page, normally its last) only those after it in this order. An id the user
    cannot see raises :class:`NotFound`. Only the rows of the page are loaded (and their free
    text decrypted); the index on (school_id, created_at) serves the order."""
    async with db() as session:
        query = (
            select(Intake)
            .where(await _visible(session, user, school_slug))
            .options(*_list_options())
            .order_by(Intake.created_at.desc(), Intake.id)
        )
        if before is not None:
            anchor = (await session.execute(
                select(Intake.created_at, Intake.id)
                .where(Intake.id == before, access.intake_clause(user))
            )).one_or_none()
            if anchor is None:
                raise NotFound("page anchor")
            query = query.where(
                (Intake.created_at < anchor.created_at)
                | and_(Intake.created_at == anchor.created_at, Intake.id > anchor.id)
            )
        if limit is not None:
            query = query.limit(limit)
        result = await session.execute(query)
        return list(result.scalars())


def _full_intake_options():
    return (
        selectinload(Intake.school).selectinload(School.board),
        selectinload(Intake.handler),
        selectinload(Intake.status_changes).selectinload(StatusChange.user),
        selectinload(Intake.notes).selectinload(Note.user),
        selectinload(Intake.steps).selectinload(NextStep.user),
        selectinload(Intake.messages).selectinload(Message.user),
    )


async def get_intake_for_user(db: sessionmaker, user: User, intake_id: str) -> Intake:
    """One intake with its casework loaded, if the user may see it; :class:`NotFound`
    otherwise (callers cannot tell the two apart). Does not write the audit log: the view
    does, with :func:`audit_read`, once it has shown it."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.id == intake_id, access.intake_clause(user))
            .options(*_full_intake_options())
        )
        intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound(intake_id)
    return intake


async def get_intake_by_code(db: sessionmaker, code: str) -> Intake:
    """The intake with this receipt code (canonical form, see ``security.normalise_code``),
    found by its keyed hash (``backend.codes``), its school and the school's board loaded;
    :class:`NotFound` otherwise. The code is the reporter's only key: callers must not say
    whether a code exists."""
    async with db() as session:
        result = await session.execute(
            select(Intake)
            .where(Intake.code_hash == codes.code_hash(code))
            .options(selectinload(Intake.school).selectinload(School.board))
        )
        intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound("intake by code")  # not the code itself: messages end up in logs
    return intake


async def reporter_status(db: sessionmaker, code: str) -> Dict[str, Any]:
    """What the reporter may know of their intake, by its receipt code: its status, when it
    arrived, when a contact person first opened it, when it last changed, and the messages
    with the contact person (oldest first; who wrote each as ``SENDER_*``, never a name). No
    notes. :class:`NotFound` for an unknown code. The read is audited (:data:`READ_BY_REPORTER`)."""
    intake = await get_intake_by_code(db, code)
    async with db() as session:
        async with session.begin():
            opened = await session.scalar(
                select(func.min(AuditEntry.created_at)).where(
                    AuditEntry.intake_id == intake.id,
                    AuditEntry.user_id.isnot(None),
                    AuditEntry.action.in_((READ_PAGE, READ_API)),
                )
            )
            result = await session.execute(
                select(Message.sender, Message.text, Message.created_at)
                .where(Message.intake_id == intake.id)
                .order_by(Message.id)
            )
            messages = [
                {"van": sender, "tekst": text_, "op": created_at}
                for sender, text_, created_at in result
            ]
            _audit(session, None, intake.id, READ_BY_REPORTER)
    return {
        "status": intake.status,
        "ontvangen_op": intake.created_at,
        "geopend_op": opened,
        "laatst_gewijzigd": intake.updated_at,
        "berichten": messages,
    }


async def count_intakes(db: sessionmaker) -> int:
    async with db() as session:
        result = await session.execute(select(func.count()).select_from(Intake))
        return int(result.scalar_one())


async def _intake_by_key(session: AsyncSession, intake_key: str) -> Optional[Intake]:
    result = await session.execute(
        select(Intake)
        .where(Intake.intake_key == intake_key)
        .options(selectinload(Intake.school))
    )
    return result.scalar_one_or_none()


# --- casework: claim, status, notes, next steps, sharing ---------------------------------------

# Audit actions (``AuditEntry.action``).
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


async def _intake_for_change(
    session: AsyncSession, user: User, intake_id: str, action: str
) -> Intake:
    """The intake, if the user may see it and do ``action`` (else :class:`NotFound` or
    :class:`Forbidden`, which roll the transaction back).

    The first statement is a write (it stamps ``updated_at``): PostgreSQL then holds the row
    lock and SQLite the database's write lock until commit, so two changes of one intake never
    interleave (on SQLite a read first would let two writers deadlock)."""
    await session.execute(
        update(Intake)
        .where(Intake.id == intake_id, access.intake_clause(user))
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(
        select(Intake).where(Intake.id == intake_id, access.intake_clause(user))
    )
    intake = result.scalar_one_or_none()
    if intake is None:
        raise NotFound(intake_id)
    if not access.can(user, action):
        raise Forbidden(action)
    return intake


def _audit(session: AsyncSession, user: Optional[User], intake_id: str, action: str,
           **detail: Any) -> None:
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


async def claim_intake(db: sessionmaker, user: User, intake_id: str) -> None:
    """"Ik pak dit op": the user becomes the handler; a new intake goes to ``in_behandeling``
    (with the reason "Opgepakt" in its history). :class:`AlreadyClaimed` when someone else
    handles it already; claiming one's own intake again changes nothing. Of two people
    claiming at the same moment exactly one wins (see :func:`_intake_for_change`)."""
    now = utcnow()
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.CLAIM)
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
            _audit(session, user, intake.id, CLAIMED, **detail)


async def change_status(
    db: sessionmaker, user: User, intake_id: str, status: str, reason: str
) -> None:
    """Move the intake to ``status`` with the (checked) ``reason``; the workflow is
    ``casework.TRANSITIONS`` (``casework.InvalidTransition`` otherwise). Moving a new intake on
    makes the user its handler when it has none."""
    now = utcnow()
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.STATUS)
            casework.check_transition(intake.status, status)
            session.add(
                StatusChange(
                    intake_id=intake.id, user_id=user.id, from_status=intake.status,
                    to_status=status, reason=reason, created_at=now,
                )
            )
            _audit(session, user, intake.id, STATUS_CHANGED, van=intake.status, naar=status)
            intake.status = status
            if intake.handler_id is None:
                intake.handler_id = user.id


async def add_note(db: sessionmaker, user: User, intake_id: str, text_: str) -> Note:
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.NOTE)
            note = Note(intake_id=intake.id, user_id=user.id, text=text_)
            session.add(note)
            await session.flush()
            _audit(session, user, intake.id, NOTE_ADDED, notitie=note.id)
    return note


async def add_step(
    db: sessionmaker, user: User, intake_id: str, description: str, due_date: date
) -> NextStep:
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.STEP)
            step = NextStep(
                intake_id=intake.id, user_id=user.id, description=description, due_date=due_date
            )
            session.add(step)
            await session.flush()
            _audit(session, user, intake.id, STEP_ADDED, stap=step.id,
                   deadline=due_date.isoformat())
    return step


async def complete_step(db: sessionmaker, user: User, intake_id: str, step_id: int) -> None:
    """Mark a next step done (once; doing it again changes nothing)."""
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.STEP)
            step = await session.get(NextStep, step_id)
            if step is None or step.intake_id != intake.id:
                raise NotFound(str(step_id))
            if step.done_at is None:
                step.done_at = utcnow()
                _audit(session, user, intake.id, STEP_DONE, stap=step.id)


async def share_intake(db: sessionmaker, user: User, intake_id: str) -> bool:
    """Let the vertrouwenspersoon of the school's board see the intake. Returns whether it was
    newly shared; :class:`NotShareable` when the school has no board."""
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.SHARE)
            school = await session.get(School, intake.school_id)
            if school is None or school.board_id is None:
                raise NotShareable(intake_id)
            if intake.shared_at is not None:
                return False
            intake.shared_at = utcnow()
            intake.shared_board_id = school.board_id  # pinned (access.intake_clause)
            _audit(session, user, intake.id, SHARED)
    return True


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


# --- messages with the reporter ----------------------------------------------------------------

async def add_message(
    db: sessionmaker, user: User, intake_id: str, text_: str
) -> Tuple[Message, Intake]:
    """A contact person writes to the reporter (``access.MESSAGE``). Returns the message (its
    ``user`` is the sender) and the intake, whose ``kanaal`` and ``conversation_id`` tell
    whether and where the chat can be told."""
    async with db() as session:
        async with session.begin():
            intake = await _intake_for_change(session, user, intake_id, access.MESSAGE)
            message = Message(
                intake_id=intake.id, sender=SENDER_CONTACTPERSOON, user_id=user.id, text=text_
            )
            session.add(message)
            await session.flush()
            _audit(session, user, intake.id, MESSAGE_SENT, bericht=message.id)
    message.user = user
    return message, intake


async def add_reporter_message(
    db: sessionmaker, code: str, text_: str, *, max_per_window: int, window: timedelta,
    now: Optional[datetime] = None,
) -> Message:
    """The reporter answers, with the receipt code as the only key: the message lands on the
    intake, whose ``updated_at`` moves. :class:`NotFound` for an unknown code,
    :class:`TooManyMessages` when the reporter sent ``max_per_window`` replies within
    ``window`` already (checked under the intake's write lock, see :func:`_intake_for_change`)."""
    now = now or utcnow()
    code_hash = codes.code_hash(code)
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(Intake).where(Intake.code_hash == code_hash).values(updated_at=now)
                .execution_options(synchronize_session=False)
            )
            intake_id = await session.scalar(select(Intake.id).where(Intake.code_hash == code_hash))
            if intake_id is None:
                raise NotFound("intake by code")
            recent = await session.scalar(
                select(func.count()).select_from(Message).where(
                    Message.intake_id == intake_id,
                    Message.sender == SENDER_MELDER,
                    Message.created_at >= now - window,
                )
            )
            if recent >= max_per_window:
                raise TooManyMessages(intake_id)
            message = Message(intake_id=intake_id, sender=SENDER_MELDER, text=text_, created_at=now)
            session.add(message)
            await session.flush()
            _audit(session, None, intake_id, REPLY_RECEIVED, bericht=message.id)
    return message


async def audit_reporter_read(db: sessionmaker, intake_id: str, action: str) -> None:
    """Record that the reporter read something of this intake with the receipt code."""
    async with db() as session:
        async with session.begin():
            _audit(session, None, intake_id, action)


async def mark_reporter_messages_read(db: sessionmaker, user: User, intake_id: str) -> None:
    """A contact person opened the intake: the reporter's messages are no longer new. Only a
    user who may answer (``access.MESSAGE``) marks them, so a vertrouwenspersoon reading along
    never hides them from the contact person."""
    if not access.can(user, access.MESSAGE):
        return
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(Message)
                .where(
                    Message.intake_id == intake_id,
                    Message.sender == SENDER_MELDER,
                    Message.read_at.is_(None),
                )
                .values(read_at=utcnow())
                .execution_options(synchronize_session=False)
            )


async def intakes_with_unread_messages(db: sessionmaker, intake_ids: Iterable[str]) -> Set[str]:
    """Which of these intakes have a message of the reporter no contact person has seen yet."""
    ids = list(intake_ids)
    if not ids:
        return set()
    async with db() as session:
        result = await session.execute(
            select(Message.intake_id)
            .where(
                Message.intake_id.in_(ids),
                Message.sender == SENDER_MELDER,
                Message.read_at.is_(None),
            )
            .distinct()
        )
        return set(result.scalars())


# --- login throttle --------------------------------------------------------------------------

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


# --- verifiable reporter's copies ------------------------------------------------------------

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


# --- signals and yearly reports ----------------------------------------------------------------

# Audit actions without an intake (``AuditEntry.intake_id`` is NULL; the detail holds no content).
SIGNAL_CREATED = "signaal_vastgelegd"
SIGNALS_READ = "signalen_bekeken"
REPORT_READ = "rapportage_bekeken"


def _signal_options():
    return (selectinload(Signal.school), selectinload(Signal.created_by))


async def create_signal(db: sessionmaker, user: User, record: SignalIn) -> Signal:
    """Register a signal for a school the user serves. :class:`Forbidden` for a role that may
    not; :class:`UnknownSchool` for a school they do not serve (or that does not exist: the
    caller cannot tell which)."""
    if not access.can_register_signals(user):
        raise Forbidden("signal")
    async with db() as session:
        async with session.begin():
            school = await session.scalar(
                select(School).where(
                    School.slug == record.school,
                    School.id.in_(
                        select(user_schools.c.school_id).where(user_schools.c.user_id == user.id)
                    ),
                )
            )
            if school is None:
                raise UnknownSchool([record.school])
            signal = Signal(
                school_id=school.id,
                noticed_on=record.noticed_on,
                categorieen=list(record.categorieen),
                rol=record.rol,
                description=record.description,
                created_by_id=user.id,
            )
            session.add(signal)
            await session.flush()
            session.add(AuditEntry(
                user_id=user.id, intake_id=None, action=SIGNAL_CREATED,
                detail={"signaal": signal.id},
            ))
    return await get_signal_for_user(db, user, signal.id)


async def list_signals_for_user(db: sessionmaker, user: User) -> List[Signal]:
    """The signals this user may see (``access.signal_clause``), newest first."""
    async with db() as session:
        result = await session.execute(
            select(Signal)
            .where(access.signal_clause(user))
            .options(*_signal_options())
            .order_by(Signal.noticed_on.desc(), Signal.id.desc())
        )
        return list(result.scalars())


async def get_signal_for_user(db: sessionmaker, user: User, signal_id: int) -> Signal:
    """One signal, if the user may see it; :class:`NotFound` otherwise."""
    async with db() as session:
        signal = await session.scalar(
            select(Signal)
            .where(Signal.id == signal_id, access.signal_clause(user))
            .options(*_signal_options())
        )
    if signal is None:
        raise NotFound(str(signal_id))
    return signal


async def audit_without_intake(
    db: sessionmaker, user: User, action: str, **detail: Any
) -> None:
    """An audit entry about no single intake: signals read, a report read (never content)."""
    async with db() as session:
        async with session.begin():
            session.add(
                AuditEntry(user_id=user.id, intake_id=None, action=action, detail=detail)
            )


async def yearly_reports(
    db: sessionmaker, year: int, threshold: int, *, board_id: Optional[int] = None,
    school_id: Optional[int] = None,
) -> reports.Reports:
    """The yearly reports of a board and all its schools, suppressed together: for
    ``board_id``, or for the board of ``school_id`` (a school without a board on its own).
    Only vocabulary columns and dates are read, never free text."""
    start = datetime(year, 1, 1, tzinfo=casework.LOCAL_TZ)
    end = datetime(year + 1, 1, 1, tzinfo=casework.LOCAL_TZ)
    async with db() as session:
        if board_id is None:
            school = await session.get(School, school_id)
            if school is None:
                raise NotFound(str(school_id))
            board_id = school.board_id
        board = await session.get(Board, board_id) if board_id is not None else None
        group = School.board_id == board_id if board_id is not None else School.id == school_id
        schools = (await session.execute(
            select(School.id, School.slug, School.name).where(group).order_by(School.slug)
        )).all()
        school_ids = [row[0] for row in schools]
        slug_of = {school_id: slug for school_id, slug, _name in schools}
        intake_rows = (await session.execute(
            select(
                Intake.school_id, Intake.created_at, Intake.categorieen, Intake.rol,
                Intake.advies_routes, Intake.gekozen_route, Intake.status, Intake.taal,
            ).where(
                Intake.school_id.in_(school_ids),
                Intake.created_at >= start, Intake.created_at < end,
            )
        )).all()
        signal_rows = (await session.execute(
            select(Signal.school_id, Signal.noticed_on, Signal.categorieen).where(
                Signal.school_id.in_(school_ids),
                Signal.noticed_on >= date(year, 1, 1), Signal.noticed_on < date(year + 1, 1, 1),
            )
        )).all()
    intakes = [
        reports.IntakeFacts(
            school=slug_of[school_id],
            day=created_at.astimezone(casework.LOCAL_TZ).date(),
            categorieen=tuple(categorieen or ()),
            rol=rol,
            eerste_advies=advies[0] if advies else None,
            gekozen_route=gekozen,
            status=status,
            taal=taal,
        )
        for school_id, created_at, categorieen, rol, advies, gekozen, status, taal in intake_rows
    ]
    signals = [
        reports.SignalFacts(slug_of[school_id], noticed_on, tuple(categorieen or ()))
        for school_id, noticed_on, categorieen in signal_rows
    ]
    # Suppression solves linear programmes (CPU, up to seconds): off the event loop.
    return await asyncio.to_thread(
        reports.Reports,
        year,
        [(slug, name) for _id, slug, name in schools],
        intakes,
        signals,
        threshold,
        board=(board.slug, board.name) if board is not None else None,
    )


# --- notifications: Telegram link codes and the outbox ---------------------------------------

# Audit actions of an account (no intake): where its notices go changed.
TELEGRAM_LINKED = "telegram_gekoppeld"
TELEGRAM_UNLINKED = "telegram_ontkoppeld"

LINK_CODE_VALID = timedelta(minutes=15)


class InvalidLinkCode(Exception):
    """The link code is unknown, used, expired, or its user is deactivated (not told apart)."""


async def new_telegram_link_code(db: sessionmaker, user: User, now: Optional[datetime] = None) -> str:
    """A fresh one-time code for ``user`` (canonical form), valid for :data:`LINK_CODE_VALID`.
    It replaces the user's earlier code; expired codes of anyone are removed on the way."""
    now = now or utcnow()
    code = security.generate_code(security.LINK_CODE_LENGTH)
    async with db() as session:
        async with session.begin():
            await session.execute(
                delete(TelegramLinkCode).where(
                    (TelegramLinkCode.user_id == user.id) | (TelegramLinkCode.expires_at < now)
                )
            )
            session.add(
                TelegramLinkCode(
                    user_id=user.id, code_hash=security.link_code_hash(code),
                    created_at=now, expires_at=now + LINK_CODE_VALID,
                )
            )
    return code


async def link_telegram(
    db: sessionmaker, code: str, chat_id: int, now: Optional[datetime] = None
) -> None:
    """Link the Telegram chat to the user whose valid code this is, and use the code up.
    :class:`InvalidLinkCode` otherwise. Of two uses of one code at the same moment, one wins."""
    now = now or utcnow()
    canonical = security.normalise_code(code, security.LINK_CODE_LENGTH)
    if canonical is None:
        raise InvalidLinkCode()
    code_hash = security.link_code_hash(canonical)
    async with db() as session:
        async with session.begin():
            # A write first (see _intake_for_change): of two uses at once, one finds it unused.
            used = await session.execute(
                update(TelegramLinkCode)
                .where(
                    TelegramLinkCode.code_hash == code_hash,
                    TelegramLinkCode.used_at.is_(None),
                    TelegramLinkCode.expires_at >= now,
                )
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
            if used.rowcount != 1:
                raise InvalidLinkCode()
            user_id = await session.scalar(
                select(TelegramLinkCode.user_id).where(TelegramLinkCode.code_hash == code_hash)
            )
            user = await session.get(User, user_id)
            if user is None or not user.active:
                raise InvalidLinkCode()  # rolls the use back
            user.telegram_chat_id = chat_id
            session.add(AuditEntry(user_id=user.id, action=TELEGRAM_LINKED))


async def unlink_telegram(db: sessionmaker, user: User) -> bool:
    """Forget the user's Telegram chat; returns whether one was linked. Pending Telegram
    notices of theirs are given up when their turn comes (the sender checks)."""
    async with db() as session:
        async with session.begin():
            row = await session.get(User, user.id)
            if row is None or row.telegram_chat_id is None:
                return False
            row.telegram_chat_id = None
            session.add(AuditEntry(user_id=user.id, action=TELEGRAM_UNLINKED))
    return True


async def set_notify_email(db: sessionmaker, user: User, wanted: bool) -> None:
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(User).where(User.id == user.id).values(notify_email=wanted)
            )


def _channels_of(user: User, channels: Sequence[str]) -> List[str]:
    """The channels (of those the deployment has) on which this user takes notices."""
    use = {CHANNEL_TELEGRAM: user.telegram_chat_id is not None, CHANNEL_EMAIL: user.notify_email}
    return [channel for channel in channels if use.get(channel)]


def _school_contact_persons(school_id: Any):
    return select(User).where(
        User.active.is_(True),
        User.role == ROLE_CONTACTPERSOON,
        User.id.in_(
            select(user_schools.c.user_id).where(user_schools.c.school_id == school_id)
        ),
    )


async def _enqueue(session: AsyncSession, rows: List[Dict[str, Any]]) -> int:
    """Insert outbox rows; one whose ``dedupe_key`` is there already is skipped (also when a
    second sender process enqueues the same at the same moment). Returns how many were new."""
    if not rows:
        return 0
    dialect = session.bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = await session.execute(
        insert(Notification).values(rows).on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    return max(result.rowcount, 0)


def _notice(user: User, channel: str, kind: str, intake_id: str, key: str,
            step_id: Optional[int] = None, now: Optional[datetime] = None) -> Dict[str, Any]:
    now = now or utcnow()
    return {
        "user_id": user.id, "channel": channel, "kind": kind, "intake_id": intake_id,
        "step_id": step_id, "dedupe_key": f"{key}:{user.id}:{channel}",
        "created_at": now, "next_attempt_at": now, "attempts": 0,
    }


async def _enqueue_new_intake(
    session: AsyncSession, intake_id: str, school_id: int, channels: Sequence[str]
) -> None:
    if not channels:
        return
    users = (await session.execute(_school_contact_persons(school_id))).scalars()
    await _enqueue(session, [
        _notice(user, channel, NOTICE_NEW_INTAKE, intake_id, f"{NOTICE_NEW_INTAKE}:{intake_id}")
        for user in users
        for channel in _channels_of(user, channels)
    ])


async def enqueue_reminders(
    db: sessionmaker, today: date, channels: Sequence[str], now: Optional[datetime] = None
) -> int:
    """Put a reminder in the outbox for each overdue next step of an open intake (due before
    ``today``, not done), once per step, day, user and channel. It goes to the step's author
    and the intake's handler, as far as they are active and may still see the intake; when
    neither is, to the school's contact persons. They are due at ``now``. Returns how many
    rows were new."""
    if not channels:
        return 0
    rows: List[Dict[str, Any]] = []
    # Reads first, in a session of their own; then one short write (see _intake_for_change on
    # SQLite's locks: a read that turns into a write would make intakes wait).
    async with db() as session:
        overdue = (await session.execute(
            select(NextStep, Intake)
            .join(Intake, Intake.id == NextStep.intake_id)
            .where(
                NextStep.done_at.is_(None),
                NextStep.due_date < today,
                Intake.status != casework.AFGESLOTEN,
            )
            .order_by(NextStep.id)
        )).all()
        school_people: Dict[int, List[User]] = {}
        for step, intake in overdue:
            people = []
            for user_id in dict.fromkeys(i for i in (step.user_id, intake.handler_id) if i):
                user = await session.get(User, user_id)  # once per user: the identity map
                if user is not None and await session.scalar(
                    select(func.count()).select_from(Intake)
                    .where(Intake.id == intake.id, access.intake_clause(user))
                ):
                    people.append(user)
            if not people:
                if intake.school_id not in school_people:
                    school_people[intake.school_id] = list((await session.execute(
                        _school_contact_persons(intake.school_id))).scalars())
                people = school_people[intake.school_id]
            key = f"{NOTICE_REMINDER}:{step.id}:{today.isoformat()}"
            rows.extend(
                _notice(user, channel, NOTICE_REMINDER, intake.id, key, step.id, now)
                for user in people
                for channel in _channels_of(user, channels)
            )
    async with db() as session:
        async with session.begin():
            return await _enqueue(session, rows)


def _pending_clause(channels: Sequence[str], now: datetime):
    return and_(
        Notification.sent_at.is_(None),
        Notification.given_up_at.is_(None),
        Notification.next_attempt_at <= now,
        Notification.channel.in_(list(channels)),
    )


async def due_notifications(
    db: sessionmaker, channels: Sequence[str], now: datetime, limit: int = 100
) -> List[Notification]:
    """Notices whose turn has come on these channels, oldest first, with their user and the
    intake's school loaded."""
    async with db() as session:
        result = await session.execute(
            select(Notification)
            .where(_pending_clause(channels, now))
            .options(
                selectinload(Notification.user),
                selectinload(Notification.intake).selectinload(Intake.school),
            )
            .order_by(Notification.next_attempt_at, Notification.id)
            .limit(limit)
        )
        return list(result.scalars())


async def claim_notification(
    db: sessionmaker, notification_id: int, now: datetime, lease_until: datetime
) -> bool:
    """Take a notice to send it: its next attempt moves to ``lease_until`` (when this process
    dies while sending, another tries again then) and its attempts go up by one. False when
    another sender took it first."""
    async with db() as session:
        async with session.begin():
            result = await session.execute(
                update(Notification)
                .where(Notification.id == notification_id, Notification.next_attempt_at <= now,
                       Notification.sent_at.is_(None), Notification.given_up_at.is_(None))
                .values(next_attempt_at=lease_until, attempts=Notification.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount == 1


async def finish_notification(
    db: sessionmaker,
    notification_id: int,
    now: datetime,
    *,
    error: Optional[str] = None,
    retry_at: Optional[datetime] = None,
) -> None:
    """Record how a send went: sent (no ``error``); failed, tried again at ``retry_at``; or
    failed for good (``error`` without ``retry_at``)."""
    if error is None:
        values: Dict[str, Any] = {"sent_at": now, "last_error": None}
    elif retry_at is not None:
        values = {"next_attempt_at": retry_at, "last_error": error[:60]}
    else:
        values = {"given_up_at": now, "last_error": error[:60]}
    async with db() as session:
        async with session.begin():
            await session.execute(
                update(Notification).where(Notification.id == notification_id).values(**values)
                .execution_options(synchronize_session=False)
            )


async def count_pending_notifications(db: sessionmaker, channels: Sequence[str]) -> int:
    """Notices not sent yet and not given up (also those waiting for a retry)."""
    async with db() as session:
        return int(await session.scalar(
            select(func.count()).select_from(Notification).where(
                Notification.sent_at.is_(None), Notification.given_up_at.is_(None),
                Notification.channel.in_(list(channels)),
            )
        ))
