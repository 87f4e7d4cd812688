"""Settings that more than one process reads: where the repository's ``var/`` is, the
development keys kept there, the data keys that encrypt free text at rest
(``WEGWIJZER_DATA_KEYS``: the backend, the action server's outbox and Rasa's tracker store all
need them, through ``shared.crypto``), where the backend is (``BACKEND_URL``,
``WEGWIJZER_PUBLIC_URL``), and the one reader of number settings (:func:`number_from_env`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, List, Mapping, Optional

from cryptography.fernet import Fernet

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"
DEFAULT_BACKEND_PORT = 8000


class SettingsError(ValueError):
    """A setting that is not usable; the message names the variable and says why."""


def number_from_env(
    environ: Mapping[str, str], name: str, default, minimum=0, kind: Callable = int
):
    """The setting ``name`` as a number (``kind``: ``int`` or ``float``), at least ``minimum``;
    ``default`` when it is not set or blank. :class:`SettingsError` otherwise."""
    text = (environ.get(name) or "").strip()
    if not text:
        return default
    try:
        number = kind(text)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {text!r}") from None
    if number < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {number}")
    return number


def backend_url_from_env(environ: Mapping[str, str] = os.environ) -> str:
    """Where the processes reach the backend: ``BACKEND_URL``, or this machine on
    ``BACKEND_PORT`` (8000)."""
    url = (environ.get("BACKEND_URL") or "").strip()
    if not url:
        port = (environ.get("BACKEND_PORT") or "").strip() or DEFAULT_BACKEND_PORT
        url = f"http://127.0.0.1:{port}"
    return url.rstrip("/")


def public_url_from_env(
    environ: Mapping[str, str] = os.environ, fallback: Optional[str] = None
) -> str:
    """The backend as browsers reach it (links in the chat, on a copy, in a notice):
    ``WEGWIJZER_PUBLIC_URL``, else ``fallback`` (``None``: the backend's own address,
    :func:`backend_url_from_env`); without a trailing slash."""
    url = (environ.get("WEGWIJZER_PUBLIC_URL") or "").strip()
    if not url:
        url = backend_url_from_env(environ) if fallback is None else fallback
    return url.rstrip("/")


def check_fernet_key(key: str, variable: str = "WEGWIJZER_SECRET_KEY") -> None:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        raise ValueError(
            f"{variable} is not a Fernet key (urlsafe base64 of 32 bytes). Make one with: "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        ) from None


def data_keys_from_env(environ: Mapping[str, str] = os.environ) -> List[str]:
    """The keys that encrypt free text at rest: ``WEGWIJZER_DATA_KEYS`` (comma-separated, the
    first one encrypts), or the development key in ``var/data_keys``. ``ValueError`` when one
    is not a Fernet key."""
    text = environ.get("WEGWIJZER_DATA_KEYS") or dev_key_file("data_keys")
    keys = [key.strip() for key in text.split(",") if key.strip()]
    if not keys:
        raise ValueError("WEGWIJZER_DATA_KEYS holds no key")
    for number, key in enumerate(keys, start=1):
        check_fernet_key(key, f"WEGWIJZER_DATA_KEYS (key {number})")
    return keys


def new_fernet_key() -> str:
    return Fernet.generate_key().decode("ascii")


def dev_key_file(name: str, generate: Callable[[], str] = new_fernet_key) -> str:
    """The key in ``var/<name>`` (a Fernet key unless ``generate`` makes another kind),
    created (mode 0600) on first use. Written to a temporary file and linked into place, so a
    process starting at the same moment never reads a half-written key: whoever links first
    wins, the other reads the winner's."""
    path = VAR_DIR / name
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        temporary = VAR_DIR / f".{name}.{os.getpid()}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(generate() + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text(encoding="ascii").strip()
