"""The receipt code is the reporter's alone (issue 15): the backend keeps only a keyed hash.

A receipt code (``K7QM-3XDA-9TPW``) is told once, to the person in the chat. The database holds
``HMAC-SHA256(WEGWIJZER_CODE_KEY, code)`` (:func:`code_hash`), so a dump of the database opens
no copy, status or thread: without the server key the hashes cannot even be tried against
guessed codes. Lookups go by that hash. Staff see the case reference (:func:`referentie`,
``M-2026-0042``), never the code.

The copy is downloaded by a one-time link that expires (:data:`COPY_LINK_VALID`): a random
token (:func:`new_link_token`) of which only the SHA-256 is stored, so the code never stands in
a URL, a browser history or a download name.

Without ``WEGWIJZER_CODE_KEY`` (development) the key is kept in ``var/code_key`` and a warning
is logged; the production profile's ``init`` writes a random one.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Mapping, Optional

log = logging.getLogger(__name__)

KEY_VARIABLE = "WEGWIJZER_CODE_KEY"
COPY_LINK_VALID = timedelta(hours=1)
REFERENTIE_PREFIX = "M"
_REFERENTIE_RE = re.compile(r"^M-(\d{4})-(\d{4,})$")


def _new_key() -> str:
    return secrets.token_urlsafe(32)


def code_key_from_env(environ: Mapping[str, str] = os.environ) -> bytes:
    """The server key of the code hashes: ``WEGWIJZER_CODE_KEY``, or (development) the key in
    ``var/code_key``, made on first use, with a warning."""
    text = (environ.get(KEY_VARIABLE) or "").strip()
    if not text:
        from shared.settings import dev_key_file

        log.warning("%s is not set: using the development key in var/code_key", KEY_VARIABLE)
        text = dev_key_file("code_key", _new_key)
    if len(text) < 16:
        raise ValueError(f"{KEY_VARIABLE} is too short: use at least 16 random characters")
    return text.encode("utf-8")


@lru_cache(maxsize=1)
def _process_key() -> bytes:
    return code_key_from_env()


def code_hash(code: str, key: Optional[bytes] = None) -> str:
    """The stored form of a receipt code (given in canonical form): hex HMAC-SHA256."""
    return hmac.new(key or _process_key(), code.encode("ascii"), hashlib.sha256).hexdigest()


def referentie(year: int, number: int) -> str:
    """The case reference staff see: ``M-2026-0042`` (the 42nd intake of 2026)."""
    return f"{REFERENTIE_PREFIX}-{year:04d}-{number:04d}"


def referentie_number(value: Optional[str]) -> int:
    """The number of a reference (``M-2026-0042`` → 42), 0 for anything else."""
    match = _REFERENTIE_RE.match(value or "")
    return int(match.group(2)) if match else 0


def referentie_year_prefix(moment: datetime) -> str:
    return f"{REFERENTIE_PREFIX}-{moment.year:04d}-"


def new_link_token() -> str:
    """A one-time copy link's token (about 256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def link_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
