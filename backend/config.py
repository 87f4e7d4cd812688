"""Backend settings, read once from the environment into a frozen :class:`Config`.

| variable | default |
|---|---|
| ``DATABASE_URL`` | ``sqlite:///<repo>/var/wegwijzer.db`` |
| ``WEGWIJZER_SERVICE_TOKEN`` | ``dev-service-token`` (bearer token of the action server) |
| ``WEGWIJZER_SECRET_KEY`` | a Fernet key kept in ``<repo>/var/secret_key`` (created on first use) |
| ``BACKEND_HOST`` / ``BACKEND_PORT`` | ``127.0.0.1`` / ``8000`` |
| ``WEGWIJZER_COOKIE_SECURE`` | off (``1``/``true`` in production behind HTTPS) |
| ``WEGWIJZER_RASA_PUBLIC_URL`` | ``http://127.0.0.1:$RASA_PORT`` (Rasa as browsers reach it: the widget) |
| ``WEGWIJZER_SIGNING_KEY`` | an Ed25519 key kept in ``<repo>/var/signing_key`` (signs reporters' copies) |
| ``WEGWIJZER_PUBLIC_URL`` | the address of the request (the backend as browsers reach it: links on a copy) |
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from cryptography.fernet import Fernet

from backend import verification
from backend.db import async_database_url

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"
DEFAULT_SERVICE_TOKEN = "dev-service-token"


@dataclass(frozen=True)
class Config:
    database_url: str
    service_token: str = DEFAULT_SERVICE_TOKEN
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    cookie_secure: bool = False
    rasa_public_url: str = "http://127.0.0.1:5005"
    # Ed25519 private key (base64 of 32 bytes) that signs the reporters' copies.
    signing_key: str = ""
    # The backend as browsers reach it; empty: the address each request came in on.
    public_url: str = ""

    def __post_init__(self) -> None:
        # Normalise here too, so a Config built by hand (tests) behaves like one from the env.
        # Built by hand without keys, it gets random ones (sessions and copies end with the
        # process).
        object.__setattr__(self, "database_url", async_database_url(self.database_url))
        if not self.secret_key:
            object.__setattr__(self, "secret_key", Fernet.generate_key().decode("ascii"))
        _check_fernet_key(self.secret_key)
        if not self.signing_key:
            object.__setattr__(self, "signing_key", verification.generate_private_key())
        verification.load_private_key(self.signing_key)  # ValueError with a hint when wrong
        object.__setattr__(self, "public_url", self.public_url.rstrip("/"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Config":
        port_text = environ.get("BACKEND_PORT", "8000")
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"BACKEND_PORT must be a number, not {port_text!r}") from None
        return cls(
            database_url=database_url_from_env(environ),
            service_token=environ.get("WEGWIJZER_SERVICE_TOKEN") or DEFAULT_SERVICE_TOKEN,
            secret_key=environ.get("WEGWIJZER_SECRET_KEY") or _dev_secret_key(),
            host=environ.get("BACKEND_HOST") or "127.0.0.1",
            port=port,
            cookie_secure=_truthy(environ.get("WEGWIJZER_COOKIE_SECURE", "")),
            rasa_public_url=environ.get("WEGWIJZER_RASA_PUBLIC_URL")
            or f"http://127.0.0.1:{environ.get('RASA_PORT') or 5005}",
            signing_key=environ.get("WEGWIJZER_SIGNING_KEY") or _dev_signing_key(),
            public_url=environ.get("WEGWIJZER_PUBLIC_URL") or "",
        )


def database_url_from_env(environ: Mapping[str, str] = os.environ) -> str:
    """``DATABASE_URL`` normalised to its async driver, or the embedded SQLite file."""
    url = environ.get("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'wegwijzer.db'}"
    return async_database_url(url)


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _check_fernet_key(key: str) -> None:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        raise ValueError(
            "WEGWIJZER_SECRET_KEY is not a Fernet key (urlsafe base64 of 32 bytes). Make one with: "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        ) from None


def _dev_secret_key() -> str:
    """Read ``var/secret_key``, creating it (mode 0600) so dev sessions survive a restart."""
    return _dev_key("secret_key", lambda: Fernet.generate_key().decode("ascii"))


def _dev_signing_key() -> str:
    """Read ``var/signing_key``, creating it (mode 0600) so dev copies stay verifiable."""
    return _dev_key("signing_key", verification.generate_private_key)


def _dev_key(name: str, generate: Callable[[], str]) -> str:
    path = VAR_DIR / name
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        key = generate()
        handle.write(key + "\n")
    return key
