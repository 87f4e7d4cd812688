"""Attacks on the backend process itself (``python -m backend``, as the Procfile runs it, on an
SQLite database of its own): throttles that can be raced or dodged, and uploads that would
stall every other request. Each test is named after what the attacker tries; the production
profile's attacks through nginx are in ``test_perimeter_production.py``."""
from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from requests_toolbelt.adapters.source import SourceAddressAdapter

from tests.conftest import REPO_ROOT, free_port
from tests.e2e.stack import wait_until_answering

EMAIL, PASSWORD = "cp@perimeter.test", "een-lang-wachtwoord"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PROXY = "127.0.0.2"  # the one address the backend believes (WEGWIJZER_TRUSTED_PROXIES)


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    from shared.crypto import generate_key
    from backend.documents.verification import generate_private_key

    workdir = tmp_path_factory.mktemp("perimeter-backend")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEGWIJZER_"))},
        "DATABASE_URL": f"sqlite:///{workdir / 'wegwijzer.db'}",
        "BACKEND_HOST": "127.0.0.1", "BACKEND_PORT": str(port),
        "WEGWIJZER_SECRET_KEY": generate_key(), "WEGWIJZER_DATA_KEYS": generate_key(),
        "WEGWIJZER_SIGNING_KEY": generate_private_key(),
        "WEGWIJZER_DEMO_EMAIL": EMAIL, "WEGWIJZER_DEMO_PASSWORD": PASSWORD,
        "WEGWIJZER_TRUSTED_PROXIES": PROXY, "WEGWIJZER_NOTIFY_INTERVAL": "0",
    }
    python = str(REPO_ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "-m", "cli", "setup", "--demo"], env=env, cwd=REPO_ROOT,
                   check=True, capture_output=True)
    log = (workdir / "backend.log").open("wb")
    process = subprocess.Popen([python, "-m", "backend"], env=env, cwd=REPO_ROOT, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(
            {"backend": (f"{url}/health", {})}, 60,
            lambda: "the backend exited" if process.poll() is not None else None,
            lambda: (workdir / "backend.log").read_text(errors="replace")[-3000:],
        )
        yield url, workdir / "wegwijzer.db"
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def _from(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", SourceAddressAdapter(address))
    return session


def _login(session: requests.Session, url: str, password: str, **headers: str) -> int:
    return session.post(f"{url}/api/auth/login", json={"email": EMAIL, "password": password},
                        headers=headers, timeout=60).status_code


def test_fifty_parallel_wrong_logins_for_one_account_are_counted_as_fifty(backend):
    from backend.auth import throttle

    url, database = backend
    address = "127.0.0.5"
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda _: _login(_from(address), url, "raden"), range(50)))
    assert set(statuses) <= {401, 429}
    assert statuses.count(401) <= throttle.MAX_FAILURES, statuses  # passwords checked
    with sqlite3.connect(database) as connection:
        (counted,) = connection.execute(
            "SELECT count(*) FROM login_failures WHERE key = ?",
            (throttle.throttle_key(EMAIL, address),)).fetchone()
    assert counted == 50
    assert _login(_from(address), url, PASSWORD) == 429  # the right password too


def test_a_client_naming_another_address_in_x_forwarded_for_is_not_believed(backend):
    url, _ = backend
    attacker = _from("127.0.0.6")  # not the proxy: its headers are its own words
    for attempt in range(6):
        forged = {"X-Forwarded-For": f"203.0.113.{attempt}", "X-Real-IP": f"203.0.113.{attempt}"}
        assert _login(attacker, url, "raden", **forged) == (401 if attempt < 5 else 429), attempt


def test_one_client_behind_the_trusted_proxy_does_not_lock_out_the_next(backend):
    url, _ = backend
    proxy = _from(PROXY)
    for attempt in range(6):
        assert _login(proxy, url, "raden", **{"X-Forwarded-For": "198.51.100.7"}) in (401, 429)
    assert _login(proxy, url, PASSWORD, **{"X-Forwarded-For": "198.51.100.7"}) == 429
    assert _login(proxy, url, PASSWORD, **{"X-Forwarded-For": "198.51.100.8"}) == 200


def _pdf(pages: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("upload", [
    pytest.param(lambda: _pdf(200), id="200-page-pdf"),
    pytest.param(lambda: b"%PDF-1.4\n" + b"0" * 900_000, id="900-kB-pdf"),
])
def test_an_oversized_pdf_at_verificatie_is_refused_unread(backend, upload):
    url, _ = backend
    browser = _from("127.0.0.7")
    token = CSRF.search(browser.get(f"{url}/verificatie", timeout=30).text).group(1)
    answer = browser.post(f"{url}/verificatie", data={"csrf_token": token},
                          files={"bestand": ("kopie.pdf", upload(), "application/pdf")}, timeout=60)
    assert answer.status_code == 400
    assert "Dit bestand kunnen we niet lezen" in answer.text
