"""Encryption at rest of what people typed: the column type :class:`EncryptedText`.

A column ``Column(EncryptedText, …)`` holds a Fernet token (AES-128-CBC with an HMAC, from the
``cryptography`` library) instead of the text; the ORM encrypts on the way in and decrypts on
the way out, so the rest of the code sees plain text.

Keys come from ``WEGWIJZER_DATA_KEYS``: Fernet keys, comma-separated. The first one encrypts,
every one decrypts (``MultiFernet``), so an operator can put a new key first, run
``wegwijzer keys rotate`` (which re-encrypts every value with it, :func:`rotate_all`) and then
drop the old key. Without the variable a development key is kept in ``var/data_keys``
(``shared.settings.data_keys_from_env``). The keys are process-wide: the column type has no
other way to find them.

The database sees only tokens, which differ every time, even for the same text: a column of
this type cannot be searched, compared or sorted in SQL. Filter in Python instead.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Sequence

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.engine import Connection
from sqlalchemy.types import Text, TypeDecorator

from shared.settings import data_keys_from_env

_keyring: Optional[MultiFernet] = None


class UndecryptableValue(Exception):
    """A stored value that none of the keys opens (a key is missing from the variable)."""

    def __init__(self) -> None:
        super().__init__(
            "a stored value opens with none of the keys in WEGWIJZER_DATA_KEYS "
            "(was a key removed before `wegwijzer keys rotate` ran?)"
        )


def use_keys(keys: Optional[Sequence[str]]) -> None:
    """Use these keys from now on (the first encrypts); ``None``: read the environment again
    at the next use."""
    global _keyring
    _keyring = MultiFernet([Fernet(key) for key in keys]) if keys is not None else None


def keyring() -> MultiFernet:
    """The process's keys, read from the environment on first use (``ValueError`` for a key
    that is not a Fernet key: better at start-up than at the first intake)."""
    if _keyring is None:
        use_keys(data_keys_from_env())
    assert _keyring is not None
    return _keyring


def encrypt(text: str) -> str:
    return keyring().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return keyring().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise UndecryptableValue() from None


def encrypt_if_plain(value: str) -> str:
    """``value`` encrypted, unless it already is a token of these keys (so encrypting the
    existing rows can safely run again)."""
    try:
        decrypt(value)
    except UndecryptableValue:
        return encrypt(value)
    return value


def rotate(token: str) -> str:
    """The same text, encrypted with the first key."""
    try:
        return keyring().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise UndecryptableValue() from None


class EncryptedText(TypeDecorator):
    """Free text stored as a Fernet token (``TEXT`` in the database). ``None`` stays ``NULL``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Optional[str], dialect: Any) -> Optional[str]:
        return None if value is None else encrypt(str(value))

    def process_result_value(self, value: Optional[str], dialect: Any) -> Optional[str]:
        return None if value is None else decrypt(value)


def encrypted_columns(metadata: sa.MetaData) -> Dict[str, List[str]]:
    """``{table: [column, …]}`` of every :class:`EncryptedText` column in the models."""
    found: Dict[str, List[str]] = {}
    for table in metadata.sorted_tables:
        names = [column.name for column in table.columns if isinstance(column.type, EncryptedText)]
        if names:
            found[table.name] = names
    return found


def rewrite_columns(
    connection: Connection,
    table_name: str,
    columns: Sequence[str],
    transform: Callable[[str], str],
    key: str = "id",
) -> int:
    """Replace every non-NULL value of ``columns`` by ``transform(value)``, on the raw stored
    values (no column type in between); returns how many values changed. For migrations
    (``op.get_bind()``) and :func:`rotate_all`; runs in the caller's transaction."""
    table = sa.table(table_name, sa.column(key), *(sa.column(name) for name in columns))
    rows = connection.execute(sa.select(table).order_by(table.c[key])).mappings().all()
    changed = 0
    for row in rows:
        values = {
            name: transform(row[name]) for name in columns if row[name] is not None
        }
        values = {name: value for name, value in values.items() if value != row[name]}
        if values:
            connection.execute(table.update().where(table.c[key] == row[key]).values(**values))
            changed += len(values)
    return changed


def rotate_all(connection: Connection, metadata: sa.MetaData) -> Dict[str, int]:
    """Re-encrypt every encrypted value with the first key: ``{"table.column": n}``. Any value
    no key opens stops it (the caller's transaction rolls back, nothing is half-done)."""
    counts: Dict[str, int] = {}
    for table_name, columns in encrypted_columns(metadata).items():
        key = metadata.tables[table_name].primary_key.columns.values()[0].name
        for name in columns:
            counts[f"{table_name}.{name}"] = rewrite_columns(
                connection, table_name, [name], rotate, key=key
            )
    return counts


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")
