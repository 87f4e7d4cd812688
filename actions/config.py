"""Settings of the action server, read from the environment in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Settings:
    backend_url: str
    service_token: str
    timeout_seconds: float


def get_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Settings for this call; read each time so a test can point the actions elsewhere."""
    port = environ.get("BACKEND_PORT", "8000")
    return Settings(
        backend_url=environ.get("BACKEND_URL", f"http://127.0.0.1:{port}").rstrip("/"),
        service_token=environ.get("WEGWIJZER_SERVICE_TOKEN", "dev-service-token"),
        timeout_seconds=float(environ.get("WEGWIJZER_BACKEND_TIMEOUT", "10")),
    )
