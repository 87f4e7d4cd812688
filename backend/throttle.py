"""Login throttling: after :data:`MAX_FAILURES` failed logins for one account from one IP
address within :data:`WINDOW`, further attempts are refused, also with the right password,
until the window has passed. A successful login clears the count.

Failures are kept in the database (``login_failures``), so the throttle holds across restarts
and processes; the key is a SHA-256 of e-mail address and IP address, not the values.

The same mechanism limits made-up verification codes (``/verificatie``): after
:data:`MAX_UNKNOWN_CODES` unknown codes from one IP address within :data:`WINDOW`, no code is
looked up for that address until the window has passed.
"""
from __future__ import annotations

import hashlib
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


class TooManyAttempts(Exception):
    """Refused without checking the password: too many recent failures."""


def throttle_key(email: str, ip: Optional[str]) -> str:
    raw = f"{(email or '').strip().lower()}\n{ip or '-'}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


async def login(
    db: sessionmaker, email: str, password: str, ip: Optional[str],
    now: Optional[datetime] = None,
) -> User:
    """The user, or :class:`TooManyAttempts` / ``queries.InvalidCredentials``."""
    now = now or utcnow()
    key = throttle_key(email, ip)
    if await queries.count_login_failures(db, key, since=now - WINDOW) >= MAX_FAILURES:
        raise TooManyAttempts()
    try:
        user = await queries.authenticate(db, email, password)
    except queries.InvalidCredentials:
        await queries.record_login_failure(db, key, now=now)
        raise
    await queries.clear_login_failures(db, key)
    return user


# --- made-up verification codes --------------------------------------------------------------

MAX_UNKNOWN_CODES = 10
TOO_MANY_CODES = (
    "Je hebt te vaak een verificatiecode geprobeerd die niet bestaat. Wacht een kwartier en "
    "probeer het dan opnieuw."
)
_VERIFICATION = "#verificatie"  # in place of an e-mail address: no account has this one


async def unknown_codes_refused(
    db: sessionmaker, ip: Optional[str], now: Optional[datetime] = None
) -> bool:
    """True while this IP address has had too many unknown verification codes."""
    now = now or utcnow()
    key = throttle_key(_VERIFICATION, ip)
    return await queries.count_login_failures(db, key, since=now - WINDOW) >= MAX_UNKNOWN_CODES


async def record_unknown_code(
    db: sessionmaker, ip: Optional[str], now: Optional[datetime] = None
) -> None:
    await queries.record_login_failure(db, throttle_key(_VERIFICATION, ip), now=now)
