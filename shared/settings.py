"""Settings that more than one process reads: where the repository's ``var/`` is, the
development keys kept there, and the data keys that encrypt free text at rest
(``WEGWIJZER_DATA_KEYS``: the backend, the action server's outbox and Rasa's tracker store all
need them, through ``shared.crypto``).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, List, Mapping

from cryptography.fernet import Fernet

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"


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
