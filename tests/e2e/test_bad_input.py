"""Bad input on the bot's REST channel, on the shared e2e stack (real Rasa, actions, backend).

Hypothesis draws messages no intake test sends: 100,000 characters, nothing, whitespace,
control characters and lone surrogates, emoji only, HTML and script, other languages (English,
Arabic, Turkish, Polish, Chinese), random Unicode; and request bodies of every JSON shape
(no sender, a message that is no string, metadata that is no object, no JSON at all). Every
answer must be below 500; every text message gets at least one bot message, in Dutch; a
malformed request gets a Dutch JSON error. Afterwards Rasa and the action server still run and
a normal conversation still works.

Bounded for ``make test`` (about a minute): ``WEGWIJZER_FUZZ_EXAMPLES`` (default 12) drawn
messages and shapes besides the fixed examples.
"""
from __future__ import annotations

import json
import os
import uuid

import pytest
import requests
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.channels.input_guard import MAX_MESSAGE_CHARS
from tests.dutch import looks_dutch
from wegwijzer.taal import detecteer

pytestmark = pytest.mark.e2e

EXAMPLES = int(os.environ.get("WEGWIJZER_FUZZ_EXAMPLES") or 12)
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, database=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
)

OTHER_LANGUAGES = [
    "Hello, my son is being bullied at school. What can I do?",
    "مرحبا، ابني يتعرض للتنمر في المدرسة",
    "Merhaba, oğluma okulda zorbalık yapılıyor. Ne yapabilirim?",
    "Dzień dobry, mój syn jest prześladowany w szkole.",
    "你好，我的儿子在学校被欺负了。",
]
ODD_MESSAGES = [
    "x" * 100_000,
    "Ik word gepest. " * 300,  # just under the limit: read, not refused
    "",
    "   \n\t  ",
    "\x00\x01\x02\x1b[31m\x7f",
    "\ud800 hallo \udfff",
    "😀😀😀🙈",
    "<script>alert('x')</script><b>hoi</b>",
    "' OR 1=1; DROP TABLE events; --",
    "/intent_dat_niet_bestaat{\"x\": [1, 2",
]


@pytest.fixture
def stack(shared_stack):
    return shared_stack


def post(stack, body: bytes, content_type: str = "application/json") -> requests.Response:
    return requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook", data=body,
        headers={"Content-Type": content_type}, timeout=120,
    )


def new_sender() -> str:
    return f"fuzz-{uuid.uuid4().hex[:12]}"


def assert_dutch_answer(response: requests.Response, said: str) -> list:
    assert response.status_code == 200, (said[:80], response.status_code, response.text[:300])
    messages = response.json()
    # A first answer in the person's own language (issue 17) is the one with the Nederlands /
    # English buttons; the rest of the reply is Dutch.
    words = " ".join(m.get("text") or "" for m in messages if not any(
        "/taal_kiezen" in (b.get("payload") or "") for b in m.get("buttons") or []))
    assert words.strip(), f"no answer to {said[:80]!r}: {messages}"
    if detecteer(said).taal == "en":
        # Someone who writes English is answered in English (issue 17, tests/e2e/test_english.py).
        assert not looks_dutch(words), f"Dutch, to English {said[:80]!r}: {words[:300]!r}"
    else:
        assert looks_dutch(words), f"not Dutch, to {said[:80]!r}: {words[:300]!r}"
    return messages


_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=50),
    st.sampled_from(OTHER_LANGUAGES),
    st.binary(max_size=200).map(lambda raw: raw.decode("utf-8", "replace")),
)


@FUZZ_SETTINGS
@given(text=_TEXT)
@example(text=OTHER_LANGUAGES[0])
@example(text=OTHER_LANGUAGES[1])
@example(text=OTHER_LANGUAGES[2])
@example(text=OTHER_LANGUAGES[3])
@example(text=OTHER_LANGUAGES[4])
@example(text=ODD_MESSAGES[0])
@example(text=ODD_MESSAGES[1])
@example(text=ODD_MESSAGES[2])
@example(text=ODD_MESSAGES[3])
@example(text=ODD_MESSAGES[4])
@example(text=ODD_MESSAGES[5])
@example(text=ODD_MESSAGES[6])
@example(text=ODD_MESSAGES[7])
@example(text=ODD_MESSAGES[8])
@example(text=ODD_MESSAGES[9])
def test_every_text_message_gets_a_dutch_answer(stack, text):
    body = json.dumps({"sender": new_sender(), "message": text, "metadata": {"school": "demo"}})
    assert_dutch_answer(post(stack, body.encode()), text)


def test_a_too_long_message_is_not_read_and_the_person_hears_why(stack):
    sender = new_sender()
    body = {"sender": sender, "message": "a" * (MAX_MESSAGE_CHARS + 1)}
    messages = assert_dutch_answer(post(stack, json.dumps(body).encode()), "long")
    text = " ".join(m["text"] for m in messages)
    assert "te lang" in text and "kortere stukken" in text and "5.000" in text
    # Not read: nothing of it is in the conversation.
    events = stack.tracker(sender)["events"]
    assert not [e for e in events if e.get("event") == "user"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_SHAPES = st.one_of(
    _JSON.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries(
        {}, optional={"sender": _JSON, "message": _JSON, "metadata": _JSON, "input_channel": _JSON}
    ).map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=100),
)


@FUZZ_SETTINGS
@given(body=_SHAPES)
@example(body=b"\xff\xfe\x00niet utf-8")
@example(body=b'{"sender": "x", "message": "hoi"')
@example(body=b'["hoi"]')
@example(body=b'{"message": "hoi"}')
@example(body=b'{"sender": "x", "message": 12}')
@example(body=b'{"sender": "x", "message": "hoi", "metadata": ["demo"]}')
@example(body=b'{"sender": "x", "message": "hoi", "metadata": {"school": [1, {"a": null}]}}')
@example(body=b'{"sender": {"id": 1}, "message": "hoi"}')
def test_every_request_shape_gets_a_dutch_answer_or_a_dutch_error(stack, body):
    response = post(stack, body)
    assert response.status_code < 500, (body[:100], response.status_code, response.text[:300])
    if response.status_code == 200:
        messages = response.json()
        words = " ".join(m.get("text") or "" for m in messages)
        assert words.strip() and looks_dutch(words), (body[:100], messages)
    else:
        assert response.status_code == 400, (body[:100], response.status_code)
        error = response.json()["error"]
        assert looks_dutch(error), error


def test_after_all_that_every_process_runs_and_a_conversation_works(stack):
    assert all(process.is_running() for process in stack.processes())
    assert stack.rasa_process().is_running()
    assert requests.get(f"{stack.actions_url}/health", timeout=5).status_code == 200
    assert requests.get(f"{stack.backend_url}/health", timeout=5).status_code == 200
    sender = new_sender()
    answer = " ".join(m.get("text", "") for m in stack.say(sender, "hoi"))
    assert "Wegwijzer" in answer
    answer = " ".join(
        m.get("text", "") for m in stack.say(sender, "ik word gepest in de klas")
    )
    assert looks_dutch(answer) and stack.tracker(sender)["slots"].get("requested_slot")
