"""Throttles, kept in the database so they hold across restarts and processes: every one is a
:class:`Limit` (at most so many attempts per requester within a window), counted with
:func:`attempt`.

An attempt is counted *before* the work it guards (a password check, a code lookup): one
INSERT, committed, then the count of the requester's rows in the window decides. Parallel
attempts cannot slip through together: of the attempts that go ahead, the last one to count
sees every other one's row, so no more than ``max_attempts`` go ahead, on SQLite and on
PostgreSQL alike. What succeeded can take its attempt back (:meth:`Attempt.forget`): a
known code, a right password.

- Logins (:func:`login`): :data:`LOGIN_ACCOUNT`, at most 5 per account and client address in a
  quarter of an hour (a success clears it), and :data:`LOGIN_IP`, 30 failures per address
  whatever the account (a guesser who tries one password on many accounts). Refused logins
  count too: a guesser who keeps trying stays locked out; nobody else is.
- Receipt codes (the reporter's status, copy and replies, ``backend.api.public``):
  :data:`RECEIPT_CODES`, 10 unknown or malformed codes per requester in a quarter of an hour,
  then every lookup of that requester is refused (429), a known code too: otherwise the
  answers would still tell which codes exist. The requester is the client address, or the
  chat conversation when the action server asks on a reporter's behalf.
- Verification codes of copies (``/verificatie``): :data:`VERIFICATION_CODES`, the same per
  client address.
- Work a public endpoint does for anyone, counted whether it succeeds or not (:func:`allow`):
  :data:`COPIES` (each copy is a new PDF) and :data:`VERIFICATIONS` (each check parses one).

The client address is the real one behind nginx (``backend.middlewares.client_address``).
Rows are in ``login_failures`` (:class:`LoginFailure`); the key is a SHA-256 of the limit's name
and the requester, never the values themselves, so limits cannot share a key.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import sessionmaker

from backend import store
from backend.documents.reporter_texts import DUTCH
from backend.models import LoginFailure, User, utcnow

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
TOO_MANY = (
    "Je hebt te vaak een verkeerd wachtwoord ingevuld. Wacht een kwartier en probeer het dan "
    "opnieuw."
)
RETRY_AFTER_SECONDS = int(WINDOW.total_seconds())

CODE_MAX_FAILURES = 10
CODE_WINDOW = timedelta(minutes=15)
CODE_RETRY_AFTER_SECONDS = int(CODE_WINDOW.total_seconds())
# The reporter's refusals are in backend.documents.reporter_texts (Dutch here; English for a
# conversation held in English, chosen by backend.api.public).
TOO_MANY_CODES = DUTCH.say("public.too_many_codes")
# Replies of the reporter, per intake (counted on the messages themselves).
MAX_REPLIES = 20
REPLY_WINDOW = timedelta(hours=1)
REPLY_RETRY_AFTER_SECONDS = int(REPLY_WINDOW.total_seconds())
TOO_MANY_REPLIES = DUTCH.say("public.too_many_replies")


@dataclass(frozen=True)
class Limit:
    """At most ``max_attempts`` per requester within ``window``; then ``message`` (Dutch) and
    ``Retry-After``. ``name`` keeps the keys of different limits apart."""

    name: str
    max_attempts: int
    window: timedelta
    message: str

    @property
    def retry_after_seconds(self) -> int:
        return int(self.window.total_seconds())

    def key(self, requester: str) -> str:
        return hashlib.sha256(f"limit\n{self.name}\n{requester}".encode("utf-8")).hexdigest()


LOGIN_IP = Limit(
    "login-ip", 30, WINDOW,
    "Er is vanaf dit adres te vaak een verkeerd wachtwoord ingevuld. Wacht een kwartier en "
    "probeer het dan opnieuw.",
)
COPIES = Limit("kopie", 30, timedelta(hours=1), DUTCH.say("public.too_many_copies"))
VERIFICATIONS = Limit(
    "verificatie", 30, timedelta(minutes=15),
    "Er zijn in korte tijd veel kopieën gecontroleerd. Wacht een kwartier en probeer het dan "
    "opnieuw.",
)


LOGIN_ACCOUNT = Limit("login", MAX_FAILURES, WINDOW, TOO_MANY)
RECEIPT_CODES = Limit("receipt-code", CODE_MAX_FAILURES, CODE_WINDOW, TOO_MANY_CODES)
VERIFICATION_CODES = Limit("verification-code", CODE_MAX_FAILURES, CODE_WINDOW, TOO_MANY_CODES)
# Rows older than this (of any limit) are removed on the way: longer than every window.
KEEP = timedelta(days=1)


@dataclass
class Attempt:
    """One counted attempt: ``allowed`` says whether it may go ahead."""

    db: sessionmaker
    row_id: int
    allowed: bool

    async def forget(self) -> None:
        """Take this attempt back (it succeeded, or was refused and must not count)."""
        async with self.db() as session:
            async with session.begin():
                await session.execute(delete(LoginFailure).where(LoginFailure.id == self.row_id))


async def attempt(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> Attempt:
    """Counts one attempt of ``requester`` (committed before anything else happens), then
    whether it is within ``limit``: the count includes this attempt and every earlier one."""
    now = now or utcnow()
    key = limit.key(requester)
    async with db() as session:
        async with session.begin():
            await session.execute(delete(LoginFailure).where(LoginFailure.created_at < now - KEEP))
            row = LoginFailure(key=key, created_at=now)
            session.add(row)
            await session.flush()
            row_id = row.id
    count = await _count(db, key, since=now - limit.window)
    return Attempt(db, row_id, count <= limit.max_attempts)


async def _count(db: sessionmaker, key: str, since: datetime) -> int:
    async with db() as session:
        result = await session.execute(
            select(func.count()).select_from(LoginFailure)
            .where(LoginFailure.key == key, LoginFailure.created_at >= since)
        )
        return int(result.scalar_one())


async def refused(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> bool:
    """True when ``requester`` used up ``limit`` within its window (counts nothing)."""
    now = now or utcnow()
    return await _count(db, limit.key(requester), since=now - limit.window) >= limit.max_attempts


async def record(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> None:
    """Counts one attempt, whatever the outcome."""
    await attempt(db, limit, requester, now)


async def clear(db: sessionmaker, limit: Limit, requester: str) -> None:
    async with db() as session:
        async with session.begin():
            await session.execute(delete(LoginFailure).where(LoginFailure.key == limit.key(requester)))


async def allow(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> bool:
    """Counts one attempt of ``requester`` and says whether it may go ahead. A refused attempt
    is taken back, so waiting out the window always helps."""
    counted = await attempt(db, limit, requester, now)
    if not counted.allowed:
        await counted.forget()
    return counted.allowed


class TooManyAttempts(Exception):
    """Refused without checking the password: too many recent attempts. ``message``: what to
    tell the person."""

    def __init__(self, message: str = TOO_MANY) -> None:
        super().__init__(message)
        self.message = message


def _account(email: str, ip: Optional[str]) -> str:
    return f"{(email or '').strip().lower()}\n{ip or '-'}"


def throttle_key(email: str, ip: Optional[str]) -> str:
    """The key of ``email``'s logins from ``ip`` (:data:`LOGIN_ACCOUNT`)."""
    return LOGIN_ACCOUNT.key(_account(email, ip))


async def login(
    db: sessionmaker, email: str, password: str, ip: Optional[str],
    now: Optional[datetime] = None,
) -> User:
    """The user, or :class:`TooManyAttempts` / ``store.errors.InvalidCredentials``. Both limits
    count this attempt before the password is checked; a right password takes them back."""
    now = now or utcnow()
    account = await attempt(db, LOGIN_ACCOUNT, _account(email, ip), now)
    address = await attempt(db, LOGIN_IP, ip or "-", now)
    if not account.allowed:
        raise TooManyAttempts()
    if not address.allowed:
        raise TooManyAttempts(LOGIN_IP.message)
    user = await store.accounts.authenticate(db, email, password)  # a wrong one: both stay counted
    await clear(db, LOGIN_ACCOUNT, _account(email, ip))
    await address.forget()
    return user


# --- receipt and verification codes ----------------------------------------------------------
# Callers count an attempt with ``attempt(db, RECEIPT_CODES, requester)`` and ``forget()`` it
# when the code was known. The three helpers below are the older spelling of the same limit,
# kept for callers that check and record in two steps.

def code_key(requester: str) -> str:
    return RECEIPT_CODES.key(requester)


async def code_lookups_refused(db: sessionmaker, key: str, now: Optional[datetime] = None) -> bool:
    now = now or utcnow()
    return await _count(db, key, since=now - CODE_WINDOW) >= CODE_MAX_FAILURES


async def record_code_failure(db: sessionmaker, key: str, now: Optional[datetime] = None) -> None:
    await store.accounts.record_login_failure(db, key, now=now)


def verification_requester(ip: Optional[str]) -> str:
    """Who counts for :data:`VERIFICATION_CODES` and :data:`VERIFICATIONS`."""
    return f"ip\n{ip or '-'}"
