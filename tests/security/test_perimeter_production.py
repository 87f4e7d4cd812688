"""Attacks on the perimeter of the production profile (`make run-prod`, deploy/prod.py), played
through its nginx against the real processes: PostgreSQL, Redis, two Rasa servers, two action
servers, the backend: the session's one profile (tests/e2e/production.py), which
tests/e2e/test_production_profile.py uses too.

Every person reaches nginx from their own address: the test's clients bind to different
loopback addresses (127.0.0.x, all of 127/8 is this machine), as people on the internet would
come from different ones. Each test is named after what the attacker tries.
"""
from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
import requests
import sqlalchemy as sa
from requests_toolbelt.adapters.source import SourceAddressAdapter

from tests.conftest import REPO_ROOT
from tests.backend.helpers import intake_body
from tests.e2e.production import POSTGRES, Profile

pytestmark = pytest.mark.e2e  # with the other end-to-end tests, on one worker (tests/conftest.py)

_addresses = (f"127.0.0.{n}" for n in itertools.count(20))
MADE_UP_CODE = "AAAA-BBBB-CCCC"


@pytest.fixture
def profile(production_profile):
    """The session's production profile (tests/e2e/production.py), also the e2e test's."""
    return production_profile


@pytest.fixture
def chat(profile):
    """The profile with both Rasa servers (their model loaded) and both action servers up."""
    profile.wait_until_ready(1200, ("rasa1", "rasa2", "actions1", "actions2"))
    return profile


def person(address: str | None = None) -> requests.Session:
    """A browser on its own address (a fresh one unless named)."""
    session = requests.Session()
    adapter = SourceAddressAdapter(address or next(_addresses))
    session.mount("http://", adapter)
    return session


def login(session: requests.Session, profile: Profile, password: str | None = None,
          email: str | None = None) -> requests.Response:
    account, right = profile.demo_login()
    return session.post(f"{profile.url}/api/auth/login", timeout=30,
                        json={"email": email or account, "password": password or right})


def look_up_code(session: requests.Session, profile: Profile, code: str) -> requests.Response:
    """A reporter's status lookup by code (the one place that knows the route)."""
    return session.post(f"{profile.url}/api/public/status", json={"code": code}, timeout=30)


def setting(profile: Profile, name: str) -> str:
    """A value of the profile's settings file."""
    return dict(line.split("=", 1) for line in profile.env_file.read_text().splitlines()
                if "=" in line and not line.startswith("#"))[name]


def _raw_events(profile: Profile, sender: str) -> list[str]:
    """``events.data`` of the chat as it is in Rasa's database, oldest first."""
    base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://")
    engine = sa.create_engine(f"{base}/{profile.databases[1]}")
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"),
                                  {"s": sender}).scalars().all()
    engine.dispose()
    return list(rows)


def _database(profile: Profile) -> sa.engine.Engine:
    base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://")
    return sa.create_engine(f"{base}/{profile.databases[0]}")


# --- real client addresses ---------------------------------------------------------------------

def test_thirty_wrong_logins_from_one_address_do_not_lock_out_another(profile):
    attacker, colleague = person(), person()
    for attempt in range(30):  # a few guesses on many accounts, the contact person's among them
        email = profile.demo_login()[0] if attempt < 4 else f"gok{attempt // 4}@school.nl"
        assert login(attacker, profile, "geraden-wachtwoord", email).status_code == 401, attempt
    assert login(attacker, profile).status_code == 429  # the attacker's address is locked
    assert login(colleague, profile).status_code == 200  # the contact person's is not


def test_ten_made_up_codes_from_one_address_do_not_block_another_reporters_lookups(profile):
    guesser, reporter = person(), person()
    for attempt in range(10):
        assert look_up_code(guesser, profile, MADE_UP_CODE).status_code == 404, attempt
    assert look_up_code(guesser, profile, MADE_UP_CODE).status_code == 429
    assert look_up_code(reporter, profile, MADE_UP_CODE).status_code == 404  # not 429


def test_a_forged_x_forwarded_for_does_not_buy_a_fresh_address(profile):
    attacker = person()
    for attempt in range(6):
        forged = {"X-Forwarded-For": f"198.51.100.{attempt}", "X-Real-IP": f"198.51.100.{attempt}"}
        response = attacker.post(f"{profile.url}/api/auth/login", headers=forged, timeout=30,
                                 json={"email": profile.demo_login()[0], "password": "raden"})
        assert response.status_code == (401 if attempt < 5 else 429), attempt


# --- atomic throttles --------------------------------------------------------------------------

def test_fifty_parallel_wrong_logins_for_one_account_are_counted_as_fifty(profile):
    from backend.auth import throttle

    address = next(_addresses)
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(
            lambda _: login(person(address), profile, "geraden-wachtwoord").status_code, range(50)))
    assert set(statuses) <= {401, 429}
    assert statuses.count(401) <= throttle.MAX_FAILURES, statuses  # passwords checked
    engine = _database(profile)
    with engine.connect() as connection:
        counted = connection.execute(
            sa.text("SELECT count(*) FROM login_failures WHERE key = :key"),
            {"key": throttle.throttle_key(profile.demo_login()[0], address)},
        ).scalar_one()
    engine.dispose()
    assert counted == 50
    assert login(person(address), profile).status_code == 429  # the right password too


# --- production refuses what development allows ------------------------------------------------

def test_the_published_demo_login_does_not_exist_in_production(profile):
    for email, password in (("demo@wegwijzer.local", "demo-wachtwoord"),
                            (profile.demo_login()[0], "demo-wachtwoord")):
        response = person().post(f"{profile.url}/api/auth/login", timeout=30,
                                 json={"email": email, "password": password})
        assert response.status_code == 401


def test_make_run_prod_asks_for_no_demo_login():
    dry_run = subprocess.run(["make", "-n", "--no-print-directory", "run-prod"], cwd=REPO_ROOT,
                             capture_output=True, text=True)
    command = [line for line in dry_run.stdout.splitlines() if "prod.py run" in line]
    assert command and not any("--demo" in line for line in command), dry_run.stdout
    refused = subprocess.run([sys.executable, "deploy/prod.py", "run", "/nonexistent.env", "--demo"],
                             cwd=REPO_ROOT, capture_output=True, text=True)
    assert refused.returncode == 2 and "--demo-account" in refused.stderr


def _tree(profile: Profile) -> list[psutil.Process]:
    root = psutil.Process(profile.process.pid)
    return [root, *root.children(recursive=True)]


def test_nothing_but_nginx_listens_beyond_loopback(chat):
    profile = chat
    wide = []
    for process in _tree(profile):
        try:
            name, sockets = process.name(), process.connections(kind="inet")
        except psutil.NoSuchProcess:
            continue
        for sock in sockets:
            if sock.status == psutil.CONN_LISTEN and name != "nginx" and sock.laddr.ip not in (
                "127.0.0.1", "::1"
            ):
                wide.append((name, process.cmdline()[:4], sock.laddr))
    assert not wide


def test_no_secret_is_readable_on_a_process_command_line(profile):
    secrets = [line.split("=", 1)[1] for line in profile.env_file.read_text().splitlines()
               if line.split("=", 1)[0] in ("RASA_AUTH_TOKEN", "WEGWIJZER_SERVICE_TOKEN",
                                            "WEGWIJZER_SECRET_KEY", "WEGWIJZER_DATA_KEYS",
                                            "WEGWIJZER_SIGNING_KEY", "WEGWIJZER_ACTIONS_SECRET")]
    assert len(secrets) == 6
    for process in _tree(profile):
        try:
            command = " ".join(process.cmdline())
        except psutil.NoSuchProcess:
            continue
        assert not [secret for secret in secrets if secret in command], command[:80]


def test_a_caller_without_the_shared_secret_cannot_run_the_action_servers_actions(chat):
    """In the multi-machine layout the action servers listen where the proxy reaches them: the
    shared secret, which Rasa sends and they check, is what keeps others from running
    ``action_overdracht`` for any sender id."""
    from bot.actions_serve import HEADER

    profile = chat
    call = {"next_action": "action_overdracht", "sender_id": "iemand-anders", "version": "3.6.2",
            "tracker": {"sender_id": "iemand-anders", "slots": {}, "events": [],
                        "latest_message": {}}, "domain": {}}
    servers = [f"http://127.0.0.1:{profile.ports[name]}" for name in ("ACTIONS1_PORT", "ACTIONS2_PORT")]
    for server in [*servers, profile.internal_url]:  # each server, and through nginx
        for headers in ({}, {HEADER: "geraden"}, {HEADER: ""}):
            refused = person().post(f"{server}/webhook", json=call, headers=headers, timeout=30)
            assert refused.status_code == 401, (server, headers, refused.text[:200])
            if server in servers:  # nginx passes only /webhook on to them
                listed = person().get(f"{server}/actions", headers=headers, timeout=30)
                assert listed.status_code == 401
    for server in servers:
        allowed = person().get(f"{server}/actions", headers={HEADER: profile.actions_secret},
                               timeout=30)
        assert allowed.status_code == 200 and {"name": "action_overdracht"} in allowed.json()
        assert person().get(f"{server}/health", timeout=30).ok  # the health check stays open
    # Rasa's own calls carry the secret: a turn that runs a custom action (it sets intake_id)
    # still works, through nginx, on whichever Rasa and action server take it.
    sender = f"perimeter-{uuid.uuid4().hex[:10]}"
    answer = person().post(f"{profile.url}/webhooks/rest/webhook", timeout=60, json={
        "sender": sender, "message": "ik wil iets melden over pesten"})
    assert answer.ok and answer.json(), answer.text[:200]
    assert profile.tracker(sender)["slots"].get("intake_id"), profile.log_tail()


def _chat_in_the_raw_store(profile: Profile, sender: str) -> list[str]:
    """Every event of the chat as Rasa's database holds it, opened with the data key."""
    from cryptography.fernet import Fernet

    key = Fernet(setting(profile, "WEGWIJZER_DATA_KEYS").split(",")[0].strip())
    opened = [row if row.lstrip().startswith("{") else key.decrypt(row.encode())
              for row in _raw_events(profile, sender)]
    return [json.dumps(json.loads(event), ensure_ascii=False) for event in opened]


def test_deleting_one_report_of_a_chat_leaves_the_other_reports_conversation(chat):
    """One chat, two reports (a Telegram chat keeps its sender id for ever); the contact person
    deletes the first on the reporter's request. Its part of Rasa's conversation goes, the
    second report's part stays (read from the raw store)."""
    from tests.e2e.driver import STORY, IntakeDriver, RestChannel
    from tests.e2e.stack import all_intakes
    from tests.security.test_records_chat import SECOND_STORY, report_twice

    profile = chat
    sender = f"perimeter-{uuid.uuid4().hex[:10]}"
    driver = IntakeDriver(RestChannel(profile.url, sender), tracker=lambda: profile.tracker(sender))
    first, second, _start = report_twice(
        profile, driver, lambda: driver.send("ik wil nog iets anders melden"))
    stored = _chat_in_the_raw_store(profile, sender)
    assert [e for e in stored if STORY in e] and [e for e in stored if SECOND_STORY in e]

    contact = person()
    assert login(contact, profile).status_code == 200
    records = [r for r in all_intakes(contact, profile.url) if r["conversation_id"] == sender]
    [one] = [r for r in records if r["wat_gebeurd"].startswith(STORY)]
    deleted = contact.delete(f"{profile.url}/api/intakes/{one['id']}", timeout=30)
    assert deleted.status_code == 204 and deleted.headers["X-Gesprek-Gewist"] == "ja"

    left = "\n".join(_chat_in_the_raw_store(profile, sender))
    assert STORY not in left and first not in left  # the first report's story and code: gone
    assert SECOND_STORY in left and second in left  # the second report's conversation: kept
    assert SECOND_STORY in str(profile.tracker(sender))  # and Rasa still reads it
    # The chat goes on: the bot still answers in it.
    assert driver.send("hallo")


# --- logs ---------------------------------------------------------------------------------------

def test_a_one_time_copy_link_opened_through_nginx_leaves_no_token_or_code_in_any_log(profile):
    """Someone who reads the logs (nginx's access log, the backend's log) finds no link token
    and no receipt code to open a reporter's copy with."""
    service = setting(profile, "WEGWIJZER_SERVICE_TOKEN")
    created = person().post(f"{profile.url}/api/intakes", timeout=30,
                            headers={"Authorization": f"Bearer {service}"},
                            json=intake_body(school="demo", intake_id=str(uuid.uuid4())))
    assert created.status_code == 201, created.text[:300]
    code = created.json()["code"]
    before = profile.log_lines()

    reporter = person()
    made = reporter.post(f"{profile.url}/api/public/kopielink", json={"code": code}, timeout=30)
    assert made.status_code == 201, made.text[:300]
    path = made.json()["pad"]
    token = path.rsplit("/", 1)[1]
    page = reporter.get(f"{profile.url}{path}", timeout=30)
    assert page.status_code == 200
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    copy = reporter.post(f"{profile.url}{path}", data={"csrf_token": csrf}, timeout=60)
    assert copy.status_code == 200 and copy.content.startswith(b"%PDF"), copy.text[:300]
    assert reporter.post(f"{profile.url}{path}", data={"csrf_token": csrf}, timeout=30
                         ).status_code == 410  # used once
    # The old code URLs people still type or bookmark: refused or a form, never logged.
    for url in (f"/kopie?code={code}", f"/api/public/kopie/{code}", f"/api/public/status/{code}",
                f"/kopie/{token}?code={code}"):
        reporter.get(f"{profile.url}{url}", timeout=30)

    time.sleep(1)  # nginx writes its access log line after the response
    assert profile.log_lines() >= before + 8  # nginx did log these requests
    logs = {path: path.read_text(errors="replace") for path in (
        *profile.upstream_log.parent.glob("*.log"), profile.log_path)}
    assert profile.log_path in logs and "/kopie" in logs[profile.log_path]  # the backend logged
    for secret in (token, code, code.replace("-", "")):
        leaked = [str(path) for path, text in logs.items() if secret in text]
        assert not leaked, f"{secret[:4]}… in {leaked}"


# --- sessions ----------------------------------------------------------------------------------

def test_a_copied_session_cookie_is_dead_after_logout(profile):
    browser = person()
    assert login(browser, profile).status_code == 200
    stolen = dict(browser.cookies)
    assert person().get(f"{profile.url}/api/auth/me", cookies=stolen, timeout=30).status_code == 200
    assert browser.post(f"{profile.url}/api/auth/logout", timeout=30).ok
    assert person().get(f"{profile.url}/api/auth/me", cookies=stolen, timeout=30).status_code == 401


# --- the chat ----------------------------------------------------------------------------------

def test_a_rest_client_cannot_pass_for_the_telegram_channel(chat):
    profile = chat
    sender = f"perimeter-{uuid.uuid4().hex[:10]}"
    answer = person().post(f"{profile.url}/webhooks/rest/webhook", timeout=60, json={
        "sender": sender, "message": "hallo", "input_channel": "telegram"})
    assert answer.ok
    users = [e for e in profile.tracker(sender)["events"] if e["event"] == "user"]
    assert users and {e["input_channel"] for e in users} == {"rest"}


def test_a_socketio_client_cannot_join_another_persons_room(chat):
    import socketio

    profile = chat

    def connect() -> tuple[socketio.Client, list, list]:
        client, confirmed, received = socketio.Client(), [], []
        client.on("session_confirm", confirmed.append)
        client.on("bot_uttered", received.append)
        client.connect(profile.url, transports=["polling"], socketio_path="socket.io")
        return client, confirmed, received

    def wait(items: list, what: str) -> None:
        deadline = time.monotonic() + 60
        while not items:
            assert time.monotonic() < deadline, what
            time.sleep(0.2)

    child, child_session, child_heard = connect()
    child.emit("session_request", {"session_id": None})
    wait(child_session, "no session for the child")
    conversation = child_session[0][:32]  # what staff and the databases see of it
    spy, spy_session, spy_heard = connect()
    try:
        # The spy names the child's conversation as its session, and speaks in it.
        spy.emit("session_request", {"session_id": conversation})
        wait(spy_session, "no session for the spy")
        assert spy_session[0][:32] != conversation
        spy.emit("user_uttered", {"message": "ik ben het kind", "session_id": conversation})
        spy.emit("user_uttered", {"message": "ik ben het kind", "session_id": child_session[0]})
        child.emit("user_uttered", {"message": "hallo", "session_id": child_session[0]})
        wait(child_heard, "the child got no answer")
        time.sleep(1)
        assert not spy_heard  # nothing of the child's chat reached the spy
        said = [e.get("text") for e in profile.tracker(conversation)["events"]
                if e["event"] == "user"]
        assert "ik ben het kind" not in said and "hallo" in said
    finally:
        child.disconnect()
        spy.disconnect()


def test_a_dump_of_rasas_database_holds_no_story(chat):
    profile = chat
    sender = f"perimeter-{uuid.uuid4().hex[:10]}"
    story = "Mijn mentor Kees Jansen pest mij elke gymles"
    for text in ("ik wil iets melden over pesten", story):
        assert person().post(f"{profile.url}/webhooks/rest/webhook", timeout=60,
                             json={"sender": sender, "message": text}).ok
    assert story in str(profile.tracker(sender))  # Rasa itself still reads it
    rows = _raw_events(profile, sender)
    assert rows and not [row for row in rows
                         if "Kees Jansen" in row or "melden over pesten" in row]
