"""Login throttling: after :data:`MAX_FAILURES` failed logins for one account from one IP
address within :data:`WINDOW`, further attempts are refused, also with the right password,
until the window has passed. A successful login clears the count.

Failures are kept in the database (``login_failures``), so the throttle holds across restarts
and processes; the key is a SHA-256 of e-mail address and IP address, not the values.
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
