"""What every command group of the ``wegwijzer`` tool shares: exit codes, the usage error
:class:`CommandError`, a short-lived database session, password and receipt-code input, JSON
output."""
from __future__ import annotations

import asyncio
import getpass
import json
import re
import sys
from typing import Awaitable, Callable, TypeVar

from sqlalchemy.orm import sessionmaker

from backend import store
from backend.auth import security
from backend.config import database_url_from_env
from backend.db import create_engine, create_session_factory
from shared import crypto

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")

T = TypeVar("T")


class CommandError(Exception):
    """A clear message for the developer and an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def database_url() -> str:
    try:
        return database_url_from_env()
    except ValueError as exc:  # an unsupported DATABASE_URL
        raise CommandError(str(exc)) from None


def run_db(work: Callable[[sessionmaker], Awaitable[T]]) -> T:
    """Run ``work(session_factory)`` on a short-lived engine for DATABASE_URL."""
    load_data_keys()

    async def runner() -> T:
        engine = create_engine(database_url())
        try:
            return await work(create_session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(runner())


def load_data_keys() -> None:
    """Load the data keys first: a bad key is a clear usage error, not a database error."""
    try:
        crypto.keyring()
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def read_password() -> str:
    if sys.stdin is None:
        raise CommandError("Geen standaardinvoer om het wachtwoord uit te lezen.")
    if sys.stdin.isatty():
        return getpass.getpass("Wachtwoord: ")
    text = sys.stdin.read()
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    return text


def check_password(password: str) -> None:
    if not password:
        raise CommandError("Het wachtwoord is leeg. Geef het via standaardinvoer.")
    if "\n" in password or "\r" in password:
        raise CommandError("Het wachtwoord mag geen regeleinde bevatten.")
    if len(password) < security.MIN_PASSWORD_LENGTH:
        raise CommandError(
            f"Het wachtwoord is te kort: minstens {security.MIN_PASSWORD_LENGTH} tekens."
        )


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def counted(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"


def receipt_code(text: str) -> str:
    code = security.normalise_code(text)
    if code is None:
        raise CommandError("Dit is geen ontvangstcode: die ziet eruit als K7QM-3XDA-9TPW.")
    return code


def by_code(query, code: str):
    """``query(db, code)`` against the database, or the Dutch error of an unknown code."""

    async def work(db: sessionmaker):
        try:
            return await query(db, code)
        except store.errors.NotFound:
            raise CommandError("Er is geen melding met deze ontvangstcode (meer).") from None

    return run_db(work)


def confirmed(prompt: str) -> bool:
    print(prompt, end="", flush=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.strip().lower() == "ja"
