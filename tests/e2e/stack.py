"""Starts the three real processes of `make run` (via the same Procfile and honcho) for tests.

Each stack gets its own free ports, its own SQLite database and its own tokens, so tests never
touch a developer's running `make run`. With ``separate_backend`` honcho runs every process of
the Procfile but the backend, which the test starts and stops itself (``start_backend``,
``stop_backend``: honcho would stop them all when one process ends).
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import psutil
import requests

from tests.conftest import REPO_ROOT, free_port

MODEL_PATH = REPO_ROOT / "models" / "wegwijzer.tar.gz"


def ensure_trained_model() -> Path:
    """Trains through `make train`, which retrains only when the data is newer than the model."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "train"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"make train failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return MODEL_PATH


def all_intakes(session: requests.Session, base_url: str, timeout: float = 10) -> list:
    """Every intake the logged-in user may see, newest first: ``GET /api/intakes`` page by
    page (200 a page), following the ``Link: <...>; rel="next"`` header to the end."""
    intakes: list = []
    url: Optional[str] = f"{base_url}/api/intakes?limit=200"
    while url is not None:
        response = session.get(url, timeout=timeout)
        response.raise_for_status()
        intakes.extend(response.json())
        following = response.links.get("next", {}).get("url")
        url = requests.compat.urljoin(url, following) if following else None
    return intakes


def code_of(base_url: str, code: str, timeout: float = 10) -> Optional[str]:
    """When the intake with this receipt code arrived (``ontvangen_op``), or None when the code
    opens nothing: the reporter's lookup, by POST (staff answers carry no code to compare)."""
    response = requests.post(f"{base_url}/api/public/status", json={"code": code}, timeout=timeout)
    return response.json()["ontvangen_op"] if response.status_code == 200 else None


def opens(base_url: str, code: str, record: dict) -> bool:
    """Whether the receipt code opens this record (staff see ``referentie``, never the code)."""
    return "code" not in record and code_of(base_url, code) == record["created_at"]


@dataclass
class Stack:
    workdir: Path
    backend_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    rasa_token: str = field(default_factory=lambda: secrets.token_hex(8))
    service_token: str = field(default_factory=lambda: secrets.token_hex(8))
    # The key of the free text at rest: the same across a restart of the stack.
    data_key: str = field(default_factory=lambda: _fernet_key())
    # The backend's session and signing keys: a restarted backend keeps logins and copies valid.
    secret_key: str = field(default_factory=lambda: _fernet_key())
    signing_key: str = field(default_factory=lambda: _signing_key())
    # The server key of the receipt code hashes (backend.auth.codes): the same across a restart.
    code_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # More environment for the three processes (e.g. the Telegram channel's settings).
    extra_env: dict[str, str] = field(default_factory=dict)
    # The backend as a process of its own, started and stopped by the test (not by start()).
    separate_backend: bool = False
    process: Optional[subprocess.Popen] = None
    backend_process: Optional[subprocess.Popen] = None

    @property
    def backend_url(self) -> str:
        return f"http://127.0.0.1:{self.backend_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "honcho.log"

    @property
    def outbox_path(self) -> Path:
        return self.workdir / "outbox.db"

    def env(self) -> dict[str, str]:
        # A developer's own Telegram bot never takes part in a test.
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        env.update(
            RASA_TELEMETRY_ENABLED="false",
            # Every line reaches the log file at once (tests read it while the stack runs).
            PYTHONUNBUFFERED="1",
            WEGWIJZER_HOST="127.0.0.1",
            BACKEND_HOST="127.0.0.1",
            BACKEND_PORT=str(self.backend_port),
            RASA_PORT=str(self.rasa_port),
            ACTIONS_PORT=str(self.actions_port),
            RASA_AUTH_TOKEN=self.rasa_token,
            WEGWIJZER_SERVICE_TOKEN=self.service_token,
            BACKEND_URL=self.backend_url,
            ACTION_ENDPOINT_URL=f"{self.actions_url}/webhook",
            DATABASE_URL=f"sqlite:///{self.workdir / 'wegwijzer.db'}",
            WEGWIJZER_SECRET_KEY=self.secret_key,
            WEGWIJZER_DATA_KEYS=self.data_key,
            WEGWIJZER_SIGNING_KEY=self.signing_key,
            WEGWIJZER_CODE_KEY=self.code_key,
            # Rasa's conversations, in this stack's directory: they survive a restart of the stack.
            TRACKER_STORE_URL=f"sqlite:///{self.workdir / 'tracker.db'}",
            # Intakes the backend could not take yet (the outbox process delivers them).
            WEGWIJZER_OUTBOX_URL=f"sqlite:///{self.outbox_path}",
        )
        env.update(self.extra_env)
        return env

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        """Runs the `wegwijzer` command against this stack's database."""
        return subprocess.run(
            [str(REPO_ROOT / ".venv" / "bin" / "wegwijzer"), *args],
            input=stdin, text=True, capture_output=True, env=self.env(), cwd=REPO_ROOT,
            check=True,
        )

    def start(self, timeout: float = 600) -> None:  # slow on a shared, busy machine
        self.cli("setup", "--demo")
        log = self.log_path.open("ab")  # a restarted stack adds to the same log
        self.process = subprocess.Popen(
            [str(REPO_ROOT / ".venv" / "bin" / "honcho"), "start", "-f", "Procfile",
             *self.honcho_processes()],
            cwd=REPO_ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
        )
        self.wait_until_ready(timeout, ("actions", "rasa") if self.separate_backend else None)

    def honcho_processes(self) -> list[str]:
        """The Procfile's processes honcho runs: all (no names), or all but the backend."""
        if not self.separate_backend:
            return []
        lines = (REPO_ROOT / "Procfile").read_text().splitlines()
        names = [line.split(":", 1)[0] for line in lines if line and not line.startswith("#")]
        return [name for name in names if name != "backend"]

    def start_backend(self, timeout: float = 60) -> None:
        """The backend of a ``separate_backend`` stack, as the Procfile starts it."""
        assert self.separate_backend and self.backend_process is None
        with self.log_path.open("ab") as log:
            self.backend_process = subprocess.Popen(
                [str(REPO_ROOT / ".venv" / "bin" / "python"), "-m", "backend"],
                cwd=REPO_ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            )
        self.wait_until_ready(timeout, ("backend",))

    def stop_backend(self, timeout: float = 30) -> None:
        process, self.backend_process = self.backend_process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                raise

    def wait_until_ready(self, timeout: float, names: Optional[tuple[str, ...]] = None) -> None:
        checks = {
            "backend": (f"{self.backend_url}/health", {}),
            "actions": (f"{self.actions_url}/health", {}),
            "rasa": (f"{self.rasa_url}/status", {"token": self.rasa_token}),
        }
        pending = {name: check for name, check in checks.items() if names is None or name in names}

        def exited() -> Optional[str]:
            if self.process.poll() is not None:
                return "honcho exited early"
            if self.backend_process is not None and self.backend_process.poll() is not None:
                return "the backend exited early"
            return None

        wait_until_answering(pending, timeout, exited, self.log_tail)

    def processes(self) -> list[psutil.Process]:
        """honcho and every process below it."""
        parent = psutil.Process(self.process.pid)
        return [parent, *parent.children(recursive=True)]

    def rasa_process(self) -> psutil.Process:
        """The Rasa server's process (not the action server's)."""
        for process in self.processes():
            cmdline = process.cmdline()
            if "--enable-api" in cmdline and "run" in cmdline:
                return process
        raise LookupError(f"no Rasa server process:\n{self.log_tail()}")

    def interrupt(self, timeout: float = 30) -> None:
        """What Ctrl-C in a terminal does: SIGINT to honcho, which stops the others (and the
        backend of a ``separate_backend`` stack)."""
        self.stop_backend()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise

    def log_tail(self, lines: int = 60) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    # --- talking to the services -------------------------------------------------------------

    def say(self, sender: str, message: str, school: Optional[str] = "demo") -> list[dict]:
        """One user message over Rasa's REST channel; returns the bot's messages."""
        body = {"sender": sender, "message": message}
        if school is not None:
            body["metadata"] = {"school": school}
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.rasa_token}, timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def login(self, email: str, password: str) -> requests.Session:
        session = requests.Session()
        response = session.post(
            f"{self.backend_url}/api/auth/login",
            json={"email": email, "password": password}, timeout=10,
        )
        response.raise_for_status()
        return session


def wait_until_answering(
    checks: dict[str, tuple[str, dict]], timeout: float,
    exited: Callable[[], Optional[str]], log_tail: Callable[[], str],
) -> None:
    """Polls each ``name: (url, params)`` until it answers 2xx (a Rasa server, a name starting
    with "rasa": with its model loaded); raises when ``exited()`` says why or on the timeout."""
    pending = dict(checks)
    deadline = time.monotonic() + timeout
    while pending:
        why = exited()
        if why:
            raise RuntimeError(f"{why}:\n{log_tail()}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"not ready: {sorted(pending)}\n{log_tail()}")
        for name, (url, params) in list(pending.items()):
            try:
                response = requests.get(url, params=params, timeout=2)
            except requests.RequestException:
                continue
            if response.ok and (not name.startswith("rasa") or response.json().get("model_file")):
                del pending[name]
        time.sleep(0.5)


def _signing_key() -> str:
    from backend.documents.verification import generate_private_key

    return generate_private_key()


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()
