"""Settings of the processes that call the backend (the action server, the Telegram channel, the
outbox job), read from the environment in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DEFAULT_OUTBOX_URL = f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'outbox.db'}"


@dataclass(frozen=True)
class Settings:
    backend_url: str
    # Where the person's browser reaches the backend (links in the chat); the same as
    # backend_url unless the backend sits behind a public address.
    public_url: str
    service_token: str
    timeout_seconds: float
    # Where an intake waits when the backend cannot take it now (actions/outbox.py).
    outbox_url: str = DEFAULT_OUTBOX_URL


def get_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Settings for this call; read each time so a test can point the actions elsewhere."""
    port = environ.get("BACKEND_PORT", "8000")
    backend_url = environ.get("BACKEND_URL", f"http://127.0.0.1:{port}").rstrip("/")
    return Settings(
        backend_url=backend_url,
        public_url=environ.get("WEGWIJZER_PUBLIC_URL", backend_url).rstrip("/"),
        service_token=environ.get("WEGWIJZER_SERVICE_TOKEN", "dev-service-token"),
        timeout_seconds=float(environ.get("WEGWIJZER_BACKEND_TIMEOUT", "10")),
        outbox_url=environ.get("WEGWIJZER_OUTBOX_URL") or DEFAULT_OUTBOX_URL,
    )
