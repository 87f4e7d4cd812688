"""Backend settings, read once from the environment into a frozen :class:`Config`.

| variable | default |
|---|---|
| ``DATABASE_URL`` | ``sqlite:///<repo>/var/wegwijzer.db`` |
| ``WEGWIJZER_SERVICE_TOKEN`` | ``dev-service-token`` (bearer token of the action server) |
| ``WEGWIJZER_SECRET_KEY`` | a Fernet key kept in ``<repo>/var/secret_key`` (created on first use) |
| ``BACKEND_HOST`` / ``BACKEND_PORT`` | ``127.0.0.1`` / ``8000`` |
| ``WEGWIJZER_COOKIE_SECURE`` | off (``1``/``true`` in production behind HTTPS) |
| ``WEGWIJZER_RASA_PUBLIC_URL`` | ``http://127.0.0.1:$RASA_PORT`` (Rasa as browsers reach it: the widget) |
| ``WEGWIJZER_RASA_URL`` | ``http://127.0.0.1:$RASA_PORT`` (Rasa as the backend reaches it: "new message" pushes) |
| ``RASA_AUTH_TOKEN`` | ``dev-rasa-token`` (token of Rasa's HTTP API) |

A ``Config`` built by hand has no ``rasa_url``: no pushes (the tests set one when they want them).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from cryptography.fernet import Fernet

from backend.db import async_database_url

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"
DEFAULT_SERVICE_TOKEN = "dev-service-token"
DEFAULT_RASA_TOKEN = "dev-rasa-token"


@dataclass(frozen=True)
class Config:
    database_url: str
    service_token: str = DEFAULT_SERVICE_TOKEN
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    cookie_secure: bool = False
    rasa_public_url: str = "http://127.0.0.1:5005"
    # Where the backend asks Rasa to tell a reporter about a new message; None: never.
    rasa_url: Optional[str] = None
    rasa_token: str = DEFAULT_RASA_TOKEN

    def __post_init__(self) -> None:
        # Normalise here too, so a Config built by hand (tests) behaves like one from the env.
        # Built by hand without a secret key, it gets a random one (sessions end with the process).
        object.__setattr__(self, "database_url", async_database_url(self.database_url))
        if not self.secret_key:
            object.__setattr__(self, "secret_key", Fernet.generate_key().decode("ascii"))
        _check_fernet_key(self.secret_key)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Config":
        port_text = environ.get("BACKEND_PORT", "8000")
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"BACKEND_PORT must be a number, not {port_text!r}") from None
        rasa_port = environ.get("RASA_PORT") or 5005
        return cls(
            database_url=database_url_from_env(environ),
            service_token=environ.get("WEGWIJZER_SERVICE_TOKEN") or DEFAULT_SERVICE_TOKEN,
            secret_key=environ.get("WEGWIJZER_SECRET_KEY") or _dev_secret_key(),
            host=environ.get("BACKEND_HOST") or "127.0.0.1",
            port=port,
            cookie_secure=_truthy(environ.get("WEGWIJZER_COOKIE_SECURE", "")),
            rasa_public_url=environ.get("WEGWIJZER_RASA_PUBLIC_URL")
            or f"http://127.0.0.1:{rasa_port}",
            rasa_url=environ.get("WEGWIJZER_RASA_URL") or f"http://127.0.0.1:{rasa_port}",
            rasa_token=environ.get("RASA_AUTH_TOKEN") or DEFAULT_RASA_TOKEN,
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
    path = VAR_DIR / "secret_key"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        key = Fernet.generate_key().decode("ascii")
        handle.write(key + "\n")
    return key
