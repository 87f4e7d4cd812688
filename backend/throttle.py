"""Throttles, kept in the database so they hold across restarts and processes.

- Logins: after :data:`MAX_FAILURES` failed logins for one account from one IP address within
  :data:`WINDOW`, further attempts are refused, also with the right password, until the window
  has passed. A successful login clears the count.
- Verification codes of reporters' copies (``/verificatie``): after :data:`CODE_MAX_FAILURES`
  unknown codes from one IP address within :data:`WINDOW`, no code is looked up for that
  address until the window has passed.
- Receipt codes (the reporter's public status, copy and replies): after
  :data:`CODE_MAX_FAILURES` unknown or malformed codes from one requester within
  :data:`CODE_WINDOW`, every code lookup of that requester is refused (429), a known code too:
  otherwise the answers would still tell which codes exist. A known code never counts, and
  nothing clears the count but time (a guesser must not reset it with their own code).
  The requester is the IP address, or the chat conversation when the action server asks on a
  reporter's behalf (see ``backend.api.public``).

- Failed logins from one IP address, whatever the account: :data:`LOGIN_IP` (a guesser who
  tries one password on many accounts never reaches the per-account count).
- Work a public endpoint does for anyone, counted per requester whether it succeeds or not
  (:class:`Limit`, :func:`allow`): reporters' copies (:data:`COPIES`: each one is a new PDF
  and a new verification record) and checks of an uploaded copy at ``/verificatie``
  (:data:`VERIFICATIONS`: each one parses a PDF).

Every kind of failure or attempt are rows in ``login_failures`` (:class:`LoginFailure`); the key is a
SHA-256 of what identifies the attempt, never the values themselves, and the kinds cannot share
a key.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy.orm import sessionmaker

from backend import queries
from backend.models import User, utcnow

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
TOO_MANY_CODES = (
    "Er zijn te vaak codes geprobeerd die we niet kennen. Wacht een kwartier en probeer het "
    "dan opnieuw."
)
# Replies of the reporter, per intake (counted on the messages themselves).
MAX_REPLIES = 20
REPLY_WINDOW = timedelta(hours=1)
REPLY_RETRY_AFTER_SECONDS = int(REPLY_WINDOW.total_seconds())
TOO_MANY_REPLIES = (
    "Er zijn in korte tijd veel berichten gestuurd bij deze melding. Wacht een uur en stuur "
    "het dan opnieuw."
)


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
COPIES = Limit(
    "kopie", 30, timedelta(hours=1),
    "Er zijn in korte tijd veel kopieën gemaakt. Wacht een uur en probeer het dan opnieuw.",
)
VERIFICATIONS = Limit(
    "verificatie", 30, timedelta(minutes=15),
    "Er zijn in korte tijd veel kopieën gecontroleerd. Wacht een kwartier en probeer het dan "
    "opnieuw.",
)


async def refused(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> bool:
    """True when ``requester`` used up ``limit`` within its window."""
    now = now or utcnow()
    count = await queries.count_login_failures(db, limit.key(requester), since=now - limit.window)
    return count >= limit.max_attempts


async def record(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> None:
    await queries.record_login_failure(db, limit.key(requester), now=now)


async def allow(
    db: sessionmaker, limit: Limit, requester: str, now: Optional[datetime] = None
) -> bool:
    """Counts one attempt of ``requester`` and says whether it may go ahead. A refused attempt
    is not counted, so waiting out the window always helps."""
    if await refused(db, limit, requester, now):
        return False
    await record(db, limit, requester, now)
    return True


class TooManyAttempts(Exception):
    """Refused without checking the password: too many recent failures. ``message``: what to
    tell the person."""

    def __init__(self, message: str = TOO_MANY) -> None:
        super().__init__(message)
        self.message = message


def throttle_key(email: str, ip: Optional[str]) -> str:
    raw = f"{(email or '').strip().lower()}\n{ip or '-'}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def code_key(requester: str) -> str:
    """The key of code lookups by ``requester`` (an e-mail address has an ``@``, this has not)."""
    return hashlib.sha256(f"receipt-code\n{requester}".encode("utf-8")).hexdigest()


async def code_lookups_refused(
    db: sessionmaker, key: str, now: Optional[datetime] = None
) -> bool:
    """True when this requester tried too many unknown codes within the window."""
    now = now or utcnow()
    failures = await queries.count_login_failures(db, key, since=now - CODE_WINDOW)
    return failures >= CODE_MAX_FAILURES


async def record_code_failure(db: sessionmaker, key: str, now: Optional[datetime] = None) -> None:
    await queries.record_login_failure(db, key, now=now)


async def login(
    db: sessionmaker, email: str, password: str, ip: Optional[str],
    now: Optional[datetime] = None,
) -> User:
    """The user, or :class:`TooManyAttempts` / ``queries.InvalidCredentials``."""
    now = now or utcnow()
    key = throttle_key(email, ip)
    if await queries.count_login_failures(db, key, since=now - WINDOW) >= MAX_FAILURES:
        raise TooManyAttempts()
    if await refused(db, LOGIN_IP, ip or "-", now):
        raise TooManyAttempts(LOGIN_IP.message)
    try:
        user = await queries.authenticate(db, email, password)
    except queries.InvalidCredentials:
        await queries.record_login_failure(db, key, now=now)
        await record(db, LOGIN_IP, ip or "-", now)
        raise
    await queries.clear_login_failures(db, key)
    return user


# --- made-up verification codes --------------------------------------------------------------

def verification_key(ip: Optional[str]) -> str:
    """The page counts unknown codes per IP address with the receipt-code mechanism above, under
    keys of its own (a copy's verifier and a reporter are different requesters)."""
    return code_key(f"verificatie\nip\n{ip or '-'}")
