"""End to end, the production profile (`deploy/prod.py`, what `make run-prod` runs): PostgreSQL,
Redis, two Rasa servers and two action servers under supervisord, nginx in front.

People talk through nginx only. Halfway through their intakes one Rasa instance and one
action server are stopped (SIGTERM, as a deploy or a failing host would); every turn is still
answered, by the other instances; supervisord brings the stopped ones back, the same
conversations finish on both again, and every intake arrives once.

The session's one profile (tests/e2e/production.py, shared with tests/security), next to the
shared dev stack; skipped, with the reason, where nginx, PostgreSQL or Redis is missing.
"""
from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
import requests

from tests.e2e.driver import STORY, IntakeDriver, RestChannel
from tests.e2e.production import Profile, listening
from tests.e2e.stack import all_intakes, opens

pytestmark = pytest.mark.e2e

PEOPLE = 6


@pytest.fixture
def profile(production_profile):
    return production_profile


def _driver(profile: Profile, sender: str) -> IntakeDriver:
    return IntakeDriver(RestChannel(profile.url, sender), lambda: profile.tracker(sender))


def test_conversations_go_through_nginx_to_both_rasa_instances_and_survive_one_stopping(profile):
    senders = [f"e2e-prod-{uuid.uuid4().hex[:10]}" for _ in range(PEOPLE)]
    drivers = [_driver(profile, sender) for sender in senders]

    def each(turns) -> list:
        with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
            return list(pool.map(turns, drivers))

    each(lambda driver: (driver.start("ik wil iets melden over pesten"), driver.answer_questions(2)))
    # nginx spread the turns over both Rasa servers (and Rasa's calls over both action servers).
    for name in ("RASA1_PORT", "RASA2_PORT", "ACTIONS1_PORT", "ACTIONS2_PORT"):
        assert profile.served_by(name) > 0, (name, profile.upstream_log.read_text())

    # One Rasa server and one action server stop, halfway through everyone's intake.
    stopped = {name: profile.pid(name) for name in ("rasa1", "actions1")}
    processes = [psutil.Process(pid) for pid in stopped.values()]
    for process in processes:
        process.terminate()
    gone, alive = psutil.wait_procs(processes, timeout=60)  # supervisord reaps them
    assert not alive
    # Down now: a Rasa server is back only after loading its model again (tens of seconds).
    assert not listening("127.0.0.1", profile.ports["RASA1_PORT"])
    mark = profile.log_lines()
    each(lambda driver: driver.answer_questions(2))  # the driver raises on any failed turn
    assert profile.served_by("RASA2_PORT", mark) > 0 and profile.served_by("ACTIONS2_PORT", mark) > 0

    # supervisord started both again; the same conversations go on, on both instances again.
    profile.wait_until_ready(240, ("rasa1", "actions1"))
    for name, pid in stopped.items():
        assert profile.pid(name) != pid
    time.sleep(2.5)  # WEGWIJZER_FAIL_TIMEOUT: nginx tries a failed instance again after it
    mark = profile.log_lines()
    codes = dict(zip(senders, each(IntakeDriver.finish)))
    assert profile.served_by("RASA1_PORT", mark) > 0, profile.upstream_log.read_text()
    assert len(set(codes.values())) == PEOPLE

    # Every intake arrived once, with the code its person was told, through nginx.
    session = requests.Session()
    session.post(f"{profile.url}/api/auth/login",
                 json=dict(zip(("email", "password"), profile.demo_login())),
                 timeout=10).raise_for_status()
    intakes = all_intakes(session, profile.url)
    ours = [i for i in intakes if i["conversation_id"] in codes]
    assert all(opens(profile.url, codes[i["conversation_id"]], i) for i in ours)
    assert len(ours) == PEOPLE
    assert all(i["wat_gebeurd"] == STORY for i in ours)


def test_the_chat_answers_in_dutch_when_nginx_refuses_a_message(profile):
    too_long = requests.post(f"{profile.url}/webhooks/rest/webhook", timeout=10,
                             json={"sender": "e2e-prod-long", "message": "a" * 100_000})
    assert too_long.status_code == 413
    assert "te lang" in too_long.json()[0]["text"]
    # Rasa's HTTP API is not public: only the internal address of nginx reaches it.
    assert requests.get(f"{profile.url}/status", params={"token": profile.rasa_token},
                        timeout=10).status_code == 404
    assert requests.get(f"{profile.internal_url}/status", params={"token": profile.rasa_token},
                        timeout=10).ok



def _push_reaches_widget(profile: Profile, widget_on: str, push_via: str) -> list[dict]:
    """A widget's socket on one Rasa instance, the backend's new-message push on the other:
    what the widget received after the push (socket.io's long-polling transport, which needs
    no extra client package)."""
    import queue

    import socketio

    from bot.socketio_channel import conversation_of

    received: queue.Queue = queue.Queue()
    client = socketio.Client(reconnection=False)
    client.on("session_confirm", lambda session_id: received.put(("session", session_id)))
    client.on("bot_uttered", lambda message: received.put(("bot", message)))
    client.connect(f"http://127.0.0.1:{profile.ports[widget_on]}", transports=["polling"],
                   socketio_path="/socket.io")
    try:
        client.emit("session_request", {})
        kind, session_id = received.get(timeout=30)
        assert kind == "session"
        client.emit("user_uttered", {"message": "hoi", "session_id": session_id})
        assert received.get(timeout=60)[0] == "bot"
        time.sleep(3)  # the rest of the greeting
        while not received.empty():
            received.get_nowait()
        # The backend's push (backend/jobs/chat_push.py), landing on the other instance.
        response = requests.post(
            f"http://127.0.0.1:{profile.ports[push_via]}/conversations/{conversation_of(session_id)}/trigger_intent",
            params={"output_channel": "latest", "token": profile.rasa_token},
            json={"name": "EXTERNAL_nieuw_bericht", "entities": {}}, timeout=60,
        )
        assert response.ok, response.text
        messages = []
        try:
            while True:
                messages.append(received.get(timeout=15 if not messages else 2)[1])
        except queue.Empty:
            return messages
    finally:
        client.disconnect()


@pytest.mark.parametrize("widget_on, push_via", [("RASA1_PORT", "RASA2_PORT"), ("RASA2_PORT", "RASA1_PORT")])
def test_the_new_message_push_reaches_a_widget_on_the_other_rasa_instance(profile, widget_on, push_via):
    messages = _push_reaches_widget(profile, widget_on, push_via)
    assert any("nieuw bericht" in (m.get("text") or "") for m in messages), messages
