"""End to end, no lost intake: with the backend stopped, 20 people finish their intake and are
told their report is saved, with a code; the backend starts again and the outbox process of the
Procfile delivers every one exactly once, each with the code its person was told.

Its own stack (``separate_backend``: the backend is a process of its own that the test stops
and starts; honcho runs the rest of the Procfile), so it costs one more stack start.
"""
from __future__ import annotations

import re
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.e2e.conftest import DEMO_LOGIN
from tests.e2e.driver import STORY, IntakeDriver, RestChannel, texts
from tests.e2e.stack import Stack, ensure_trained_model

pytestmark = pytest.mark.e2e

PEOPLE = 20
SAVED = "Je verhaal is wel veilig bewaard"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    ensure_trained_model()
    stack = Stack(
        workdir=tmp_path_factory.mktemp("outbox-stack"),
        separate_backend=True,
        # The outbox looks every half second and waits at most two while the backend is away.
        extra_env={"WEGWIJZER_OUTBOX_INTERVAL": "0.5", "WEGWIJZER_OUTBOX_MAX_BACKOFF": "2"},
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.interrupt()


def _hand_off(stack: Stack, sender: str) -> tuple[str, str]:
    """One person's whole intake up to the consented handoff: (the code, what they were told)."""
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender))
    code = driver.finish()
    return code, texts(driver.last)


def _waiting(stack: Stack) -> int:
    with sqlite3.connect(stack.outbox_path) as connection:
        return connection.execute("SELECT count(*) FROM outbox").fetchone()[0]


def test_intakes_made_while_the_backend_is_down_arrive_once_each_with_their_code(stack):
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{stack.backend_url}/health", timeout=2)
    senders = [f"e2e-outbox-{uuid.uuid4().hex[:10]}" for _ in range(PEOPLE)]
    with ThreadPoolExecutor(max_workers=5) as pool:
        told = dict(zip(senders, pool.map(lambda sender: _hand_off(stack, sender), senders)))

    for code, said in told.values():
        assert SAVED in said and f"Je code is alvast: {code}" in said, said
    assert len({code for code, _ in told.values()}) == PEOPLE
    assert _waiting(stack) == PEOPLE
    stored = stack.outbox_path.read_bytes()
    assert STORY.encode() not in stored  # encrypted at rest
    assert not any(code.encode() in stored for code, _ in told.values())

    stack.start_backend()
    demo = stack.login(*DEMO_LOGIN)
    deadline = time.monotonic() + 60
    while True:
        intakes = demo.get(f"{stack.backend_url}/api/intakes", timeout=10).json()
        ours = [i for i in intakes if i["conversation_id"] in told]
        if (len(ours) >= PEOPLE and _waiting(stack) == 0) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert sorted(i["conversation_id"] for i in ours) == sorted(senders)  # 20, no duplicates
    assert {i["conversation_id"]: i["code"] for i in ours} == {s: c for s, (c, _) in told.items()}
    assert all(i["wat_gebeurd"] == STORY for i in ours)
    assert _waiting(stack) == 0

    # The copy the chat promised is there now; and no log line holds a code or the story.
    code = told[senders[0]][0]
    assert requests.get(f"{stack.backend_url}/api/public/kopie/{code}.txt", timeout=10).ok
    log = stack.log_path.read_text(errors="replace")
    assert sum(int(n) for n in re.findall(r"outbox: (\d+) delivered", log)) == PEOPLE
    assert STORY not in log and not any(c in log for c, _ in told.values())
