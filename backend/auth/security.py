"""Security helpers: password hashing (argon2), receipt codes, Telegram link codes and CSRF
tokens.

Pure functions without I/O, so they are easy to test and to reuse from the CLI.
"""
from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from wegwijzer.vocab import CODE_LENGTH, generate_code, normalise_code  # noqa: F401

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 8


# --- passwords -----------------------------------------------------------------------------

def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: Optional[str], password: str) -> bool:
    """True when ``password`` matches. With ``password_hash=None`` (unknown user) a dummy hash
    is verified anyway, so an unknown e-mail address takes about as long as a wrong password."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


# --- receipt codes ---------------------------------------------------------------------------

# ``CODE_LENGTH``, ``generate_code`` and ``normalise_code`` live in ``wegwijzer.vocab`` (imported
# above): one generator for both sides, as the action server proposes each intake's code.


# --- Telegram link codes ---------------------------------------------------------------------

# A contact person links their Telegram account with a one-time code from the dashboard:
# 16 characters of the receipt alphabet (about 78 bits), so guessing one in its 15 minutes is
# hopeless. Only its SHA-256 is stored; a fast hash is enough for a random secret this long.
LINK_CODE_LENGTH = 16


def link_code_hash(code: str) -> str:
    """The stored form of a link code (given in canonical form)."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


# --- CSRF ----------------------------------------------------------------------------------

CSRF_SESSION_KEY = "csrf_token"
CSRF_FIELD = "csrf_token"


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_tokens_match(expected: Optional[str], submitted: Optional[str]) -> bool:
    """Constant-time comparison; a missing token on either side never matches."""
    if not expected or not submitted or not isinstance(submitted, str):
        return False
    return secrets.compare_digest(expected.encode("utf-8"), submitted.encode("utf-8"))
