"""End to end, no lost intake: with the backend stopped, 20 people finish their intake and are
told their report is saved, with a code; the backend starts again and the outbox process of the
Procfile delivers every one exactly once, each with the code its person was told.

It runs on the shared stack, whose backend is a process of its own (``separate_backend``):
the test stops it and starts it again (same port, database and keys), which costs seconds, not
a stack start. Marked ``stops_stack`` so that it runs after the tests that need the backend;
the backend is up again when it ends, also when it fails.
"""
from __future__ import annotations

import re
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.e2e.fixtures import DEMO_LOGIN
from tests.e2e.driver import STORY, IntakeDriver, RestChannel, texts
from tests.e2e.stack import Stack, all_intakes, opens

pytestmark = pytest.mark.e2e

PEOPLE = 20
SAVED = "Je verhaal is wel veilig bewaard"


@pytest.fixture
def stack(shared_stack):
    """The shared stack with its backend stopped; started again after the test in any case."""
    shared_stack.stop_backend()
    try:
        yield shared_stack
    finally:
        if shared_stack.backend_process is None:
            shared_stack.start_backend()


def _hand_off(stack: Stack, sender: str) -> tuple[str, str]:
    """One person's whole intake up to the consented handoff: (the code, what they were told)."""
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender))
    code = driver.finish()
    return code, texts(driver.last)


def _waiting(stack: Stack) -> int:
    with sqlite3.connect(stack.outbox_path) as connection:
        return connection.execute("SELECT count(*) FROM outbox").fetchone()[0]


@pytest.mark.stops_stack
def test_intakes_made_while_the_backend_is_down_arrive_once_each_with_their_code(stack):
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{stack.backend_url}/health", timeout=2)
    log_start = stack.log_path.stat().st_size  # the shared log: what this test adds to it
    senders = [f"e2e-outbox-{uuid.uuid4().hex[:10]}" for _ in range(PEOPLE)]
    with ThreadPoolExecutor(max_workers=5) as pool:
        told = dict(zip(senders, pool.map(lambda sender: _hand_off(stack, sender), senders)))

    for code, said in told.values():
        assert SAVED in said and f"Je code is: {code}" in said, said
    assert len({code for code, _ in told.values()}) == PEOPLE
    assert _waiting(stack) == PEOPLE
    stored = stack.outbox_path.read_bytes()
    assert STORY.encode() not in stored  # encrypted at rest
    assert not any(code.encode() in stored for code, _ in told.values())

    stack.start_backend()
    demo = stack.login(*DEMO_LOGIN)
    deadline = time.monotonic() + 60
    while True:
        intakes = all_intakes(demo, stack.backend_url)
        ours = [i for i in intakes if i["conversation_id"] in told]
        if (len(ours) >= PEOPLE and _waiting(stack) == 0) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert sorted(i["conversation_id"] for i in ours) == sorted(senders)  # 20, no duplicates
    assert all(opens(stack.backend_url, told[i["conversation_id"]][0], i) for i in ours)
    assert all(i["wat_gebeurd"] == STORY for i in ours)
    assert _waiting(stack) == 0

    # The copy the chat promised is there now; and no log line holds a code or the story.
    code = told[senders[0]][0]
    copy = requests.post(f"{stack.backend_url}/api/public/kopie",
                         json={"code": code, "formaat": "tekst"}, timeout=10)
    assert copy.ok and STORY in copy.text
    log = stack.log_path.read_text(errors="replace")
    delivered = stack.log_path.read_bytes()[log_start:].decode(errors="replace")
    assert sum(int(n) for n in re.findall(r"outbox: (\d+) delivered", delivered)) == PEOPLE
    assert STORY not in log and not any(c in log for c, _ in told.values())
