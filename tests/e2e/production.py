"""The production profile (`deploy/prod.py`, what `make run-prod` runs) as the tests start it:
PostgreSQL, Redis, two Rasa servers and two action servers under supervisord, nginx in front,
with its own databases, Redis db, ports and directory next to the shared dev stack.

One profile serves the whole session (``production_profile`` in tests/e2e/fixtures.py): the
end-to-end test of the profile and the perimeter attacks (tests/security) share it.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import uuid
from pathlib import Path

import psutil
import requests
import sqlalchemy as sa

from tests.conftest import REPO_ROOT, free_port
from tests.e2e.stack import wait_until_answering

POSTGRES = os.environ.get("WEGWIJZER_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/test"
REDIS_DB = 2  # the profile's lock store in the tests (db 0 is a developer's)
# Production makes no demo login unless asked by name; its password is printed once.
DEMO_ACCOUNT = "e2e-prod@wegwijzer.test"


def listening(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def missing() -> str:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is not installed (make nginx)"
    if not listening("127.0.0.1", 6379):
        return "no Redis on 127.0.0.1:6379"
    try:
        sa.create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg2://")).connect().close()
    except sa.exc.OperationalError:
        return f"no PostgreSQL at {POSTGRES}"
    return ""


class Profile:
    """One running production profile and what the test needs to know of it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        suffix = uuid.uuid4().hex[:8]
        base = POSTGRES.rsplit("/", 1)[0]
        self.databases = [f"wegwijzer_prod_{suffix}", f"wegwijzer_prod_{suffix}_gesprekken"]
        self.ports = {name: free_port() for name in (
            "public", "WEGWIJZER_INTERNAL_PORT", "BACKEND_PORT", "RASA1_PORT", "RASA2_PORT",
            "ACTIONS1_PORT", "ACTIONS2_PORT")}
        self.rasa_token = secrets.token_hex(8)
        # The action servers' shared secret, as in the multi-machine layout (bot/actions_serve.py).
        self.actions_secret = secrets.token_urlsafe(24)
        from shared.crypto import generate_key
        from backend.documents.verification import generate_private_key

        self.env_file = workdir / "prod.env"
        self.env_file.write_text("\n".join([
            f"DATABASE_URL={base}/{self.databases[0]}",
            f"TRACKER_STORE_URL={base}/{self.databases[1]}",
            f"RASA_AUTH_TOKEN={self.rasa_token}",
            f"WEGWIJZER_SERVICE_TOKEN={secrets.token_hex(8)}",
            f"WEGWIJZER_SECRET_KEY={generate_key()}",
            f"WEGWIJZER_DATA_KEYS={generate_key()}",
            f"WEGWIJZER_SIGNING_KEY={generate_private_key()}",
            f"WEGWIJZER_PUBLIC_LISTEN=127.0.0.1:{self.ports['public']}",
            *(f"{name}={port}" for name, port in self.ports.items() if name != "public"),
            f"REDIS_DB={REDIS_DB}",
            f"WEGWIJZER_PROD_DIR={workdir / 'prod'}",
            # A stopped instance is tried again after two seconds (not ten), to see it come back.
            "WEGWIJZER_FAIL_TIMEOUT=2",
            f"WEGWIJZER_ACTIONS_SECRET={self.actions_secret}",
        ]) + "\n")
        self.log_path = workdir / "prod.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['public']}"

    @property
    def internal_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['WEGWIJZER_INTERNAL_PORT']}"

    @property
    def upstream_log(self) -> Path:
        return self.workdir / "prod" / "nginx" / "logs" / "upstream.log"

    def start(self, timeout: float = 480) -> None:
        self.launch()
        self.wait_until_ready(timeout)

    def launch(self) -> None:
        """Starts the profile's processes and returns at once (``wait_until_ready`` waits)."""
        if self.process is not None:
            return
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(REPO_ROOT / ".venv" / "bin" / "python"), "deploy/prod.py", "run",
                 str(self.env_file), "--demo-account", DEMO_ACCOUNT],
                cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self, timeout: float, names: tuple[str, ...] = ()) -> None:
        checks = {
            "backend": (f"{self.url}/health", {}),
            "rasa1": (f"http://127.0.0.1:{self.ports['RASA1_PORT']}/status", {"token": self.rasa_token}),
            "rasa2": (f"http://127.0.0.1:{self.ports['RASA2_PORT']}/status", {"token": self.rasa_token}),
            "actions1": (f"http://127.0.0.1:{self.ports['ACTIONS1_PORT']}/health", {}),
            "actions2": (f"http://127.0.0.1:{self.ports['ACTIONS2_PORT']}/health", {}),
        }
        wait_until_answering(
            {n: c for n, c in checks.items() if not names or n in names}, timeout,
            lambda: "the profile exited" if self.process.poll() is not None else None,
            self.log_tail,
        )

    def pid(self, program: str) -> int:
        """The process supervisord runs as ``program`` (by its port, so no supervisorctl needed)."""
        port = str(self.ports[f"{program[:-1].upper()}{program[-1]}_PORT"])
        for process in psutil.Process(self.process.pid).children(recursive=True):
            cmdline = process.cmdline()
            if "--port" in cmdline and cmdline[cmdline.index("--port") + 1] == port:
                return process.pid
        raise LookupError(f"no process {program}\n{self.log_tail()}")

    def served_by(self, port_name: str, since: int = 0) -> int:
        """Requests the instance on ``port_name`` answered (2xx), after nginx's ``since``-th log
        line. A line is "time port address[, address…] status seconds"; the last address is
        the one that answered (the ones before it failed)."""
        lines = self.upstream_log.read_text().splitlines()[since:]
        address = f"127.0.0.1:{self.ports[port_name]}"
        return sum(1 for fields in map(str.split, lines)
                   if fields[-3] == address and fields[-2].startswith("2"))

    def log_lines(self) -> int:
        return len(self.upstream_log.read_text().splitlines())

    def tracker(self, sender: str) -> dict:
        response = requests.get(f"{self.internal_url}/conversations/{sender}/tracker",
                                params={"token": self.rasa_token}, timeout=30)
        response.raise_for_status()
        return response.json()

    def demo_login(self) -> tuple[str, str]:
        """The demo account's address and the fresh password the profile printed for it."""
        match = re.search(r"password \(shown only now\): (\S+)", self.log_path.read_text())
        assert match, self.log_tail()
        return DEMO_ACCOUNT, match.group(1)

    def log_tail(self, lines: int = 60) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # supervisord stops every program
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                for child in psutil.Process(self.process.pid).children(recursive=True):
                    child.kill()
                self.process.kill()
        engine = sa.create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg2://"),
                                  isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            for name in self.databases:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
