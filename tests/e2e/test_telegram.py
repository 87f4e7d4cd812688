"""End to end over Telegram, and conversations that survive a restart of the Rasa server.

The Rasa server runs the Telegram channel (bot/channels/telegram.py) with its API base URL
pointed at ``FakeTelegram``, a fake Bot API server on loopback; the tests post updates to
Rasa's webhook as Telegram would and read what the bot sent back from the fake. Everything else
is real: the action server, the backend and its database, and Rasa's SQL tracker store, which
the last test relies on when it kills the Rasa server halfway through an intake.

The stack is the session's shared one (tests/e2e/fixtures.py), which runs the Telegram channel
for every e2e module.
"""
from __future__ import annotations

import secrets
import time
import uuid

import psutil
import pytest
import requests

from bot.channels.telegram import sender_id_for
from tests.channels.fake_telegram import FakeTelegram, TelegramUser, inline_buttons
from tests.e2e.driver import ANSWERS, STORY, IntakeDriver, RestChannel
from tests.e2e.fixtures import (
    DEMO_LOGIN,
    TELEGRAM_PUBLIC_WEBHOOK,
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
)
from tests.e2e.stack import Stack, all_intakes, opens

pytestmark = pytest.mark.e2e

TOKEN, SECRET, PUBLIC_WEBHOOK = TELEGRAM_TOKEN, TELEGRAM_SECRET, TELEGRAM_PUBLIC_WEBHOOK


@pytest.fixture
def fake(telegram_fake):
    return telegram_fake


@pytest.fixture
def stack(shared_stack):
    return shared_stack


def new_user(stack: Stack, fake: FakeTelegram) -> TelegramUser:
    chat_id = 10**9 + secrets.randbelow(10**9)
    return TelegramUser(fake, f"{stack.rasa_url}/webhooks/telegram/webhook", SECRET, chat_id)


def sender(user: TelegramUser) -> str:
    return sender_id_for(user.chat_id, TOKEN)


def test_the_webhook_is_registered_with_its_secret_at_start(stack, fake):
    [registered] = fake.calls_to("setWebhook")
    assert registered.params["url"] == PUBLIC_WEBHOOK
    assert registered.params["secret_token"] == SECRET
    assert set(registered.params["allowed_updates"]) == {"message", "callback_query"}


def test_an_update_without_the_secret_is_refused(stack, fake):
    user = new_user(stack, fake)
    before = len(fake.messages)
    for wrong in ("", "niet-het-geheim"):
        response = user.post({"message": {
            "message_id": 1, "date": 0, "chat": {"id": user.chat_id, "type": "private"}, "text": "hoi",
        }}, secret=wrong)
        assert response.status_code == 403
    assert fake.messages[before:] == []


def test_a_deep_link_then_a_message_get_dutch_replies_with_an_inline_keyboard(stack, fake):
    user = new_user(stack, fake)
    greeting = user.send_raw("/start demo")
    assert greeting and "Wegwijzer" in greeting[0]["text"]
    asked = user.send_raw("ik word gepest op school")
    assert asked, "no reply"

    tracker = stack.tracker(sender(user))
    assert tracker["latest_input_channel"] == "telegram"
    said = [e for e in tracker["events"] if e["event"] == "user"]
    assert [e["metadata"].get("school") for e in said] == ["demo", "demo"]
    assert tracker["slots"]["school"] == "demo"  # from the deep link: the bot did not ask
    assert tracker["slots"]["requested_slot"] != "school"

    # What the bot said is what arrived on Telegram, its buttons as inline keyboards.
    uttered = [e for e in tracker["events"] if e["event"] == "bot"]
    arrived = greeting + asked
    assert [e["text"] for e in uttered] == [m["text"] for m in arrived]
    for event, message in zip(uttered, arrived):
        buttons = event["data"].get("buttons") or []
        assert [(b["title"], b["payload"]) for b in buttons] == \
            [(b["text"], b["callback_data"]) for b in inline_buttons(message)]
    assert any(inline_buttons(m) for m in arrived), "no buttons at all: nothing to check"


def test_a_button_press_answers_the_callback_and_sends_the_payload(stack, fake):
    user = new_user(stack, fake)
    offered = user.send_raw("/start demo") + user.send_raw("ik wil iets melden")
    [first, *_] = [b["callback_data"] for m in offered for b in inline_buttons(m)]

    answered = len(fake.calls_to("answerCallbackQuery"))
    after_press = user.press_raw(first)
    [answer] = fake.calls_to("answerCallbackQuery")[answered:]
    assert "text" not in answer.params  # a valid button: no "expired" note
    assert after_press, "no reply to the button"

    pressed = [e for e in stack.tracker(sender(user))["events"] if e["event"] == "user"][-1]
    assert pressed["text"] == first
    assert pressed["input_channel"] == "telegram"
    assert pressed["parse_data"]["intent"]["confidence"] == 1.0  # a payload, not words to guess


def test_without_a_deep_link_the_bot_asks_for_the_school(stack, fake):
    user = new_user(stack, fake)
    driver = IntakeDriver(user, tracker=lambda: stack.tracker(sender(user)))
    driver.last = user.send("/start")
    driver.start()
    for _ in range(6):
        slot = driver.requested_slot()
        if stack.tracker(sender(user))["slots"].get("school") or not slot:
            break
        driver.answer(slot)
    assert "school" in driver.asked, driver.describe()
    assert stack.tracker(sender(user))["slots"]["school"] == "demo"


def test_a_whole_intake_over_telegram_reaches_the_backend_as_kanaal_telegram(stack, fake):
    user = new_user(stack, fake)
    # Before the yes, the people involved are left out with the buttons (ANSWERS["wijzig_veld"]).
    driver = IntakeDriver(user, tracker=lambda: stack.tracker(sender(user)), changes=["/weglaten"])
    driver.last = user.send("/start demo")
    code = driver.finish()
    assert "wijzig_veld" in driver.asked, driver.describe()

    demo = stack.login(*DEMO_LOGIN)
    intakes = all_intakes(demo, stack.backend_url)
    [record] = [i for i in intakes if i["conversation_id"] == sender(user)]
    assert record["kanaal"] == "telegram"
    assert record["school"] == "demo"
    assert opens(stack.backend_url, code, record)
    assert record["wat_gebeurd"].startswith(STORY)
    assert record["rol"] == "leerling" and record["anoniem"] is True  # ANSWERS: an anonymous pupil
    assert record["betrokkenen"] == ""  # left out: not in the record
    assert ANSWERS["betrokkenen"].text not in repr(stack.tracker(sender(user))["slots"])
    assert str(user.chat_id) not in record["conversation_id"]
    # Buttons were pressed on the way (not only typed), each answered.
    assert any(said.startswith("[") for said, _ in driver.transcript)
    assert len(fake.calls_to("answerCallbackQuery")) >= 1

    # The contact person writes: the chat hears that there is a message, without its text.
    before = len(fake.messages)
    question = "Kun je dinsdag in de pauze bij mij langskomen?"
    sent = demo.post(f"{stack.backend_url}/api/intakes/{record['id']}/messages", json={"text": question}, timeout=10)
    assert sent.status_code == 201, sent.text
    [push] = wait_for_messages(fake, before)
    assert push["chat"]["id"] == user.chat_id
    assert "nieuw bericht van de contactpersoon" in push["text"] and "code" in push["text"]
    assert question not in push["text"] and "dinsdag" not in push["text"]
    # With the code the message itself is shown.
    assert question in "\n".join(m["text"] for m in user.send(code))

    log = stack.log_path.read_text(errors="replace")
    assert "Rasa server is up and running" in log
    for private in (STORY, "spullen", TOKEN, SECRET, str(user.chat_id), question):
        assert private not in log


def wait_for_messages(fake: FakeTelegram, before: int, timeout: float = 20) -> list[dict]:
    """The messages the bot sent on its own (a push) after the first `before`; waits for at
    least one, polling, as the push runs in the backend's background."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(fake.messages) > before:
            return fake.messages[before:]
        time.sleep(0.1)
    raise AssertionError("no push arrived")


def test_the_telegram_health_route_answers(stack):
    assert requests.get(f"{stack.rasa_url}/webhooks/telegram/", timeout=5).json() == {"status": "ok"}


def test_a_session_lasts_an_hour_and_keeps_its_slots(stack):
    domain = requests.get(
        f"{stack.rasa_url}/domain", params={"token": stack.rasa_token},
        headers={"Accept": "application/json"}, timeout=30,
    ).json()
    assert domain["session_config"] == {
        "session_expiration_time": 60, "carry_over_slots_to_new_session": True,
    }


def _in_the_form(driver: IntakeDriver, tracker: dict) -> dict:
    """The parts of a tracker that must survive a restart: the form, its question, the answers."""
    assert tracker["active_loop"].get("name") == "intake_form", driver.describe()
    assert tracker["slots"]["requested_slot"], driver.describe()
    return {
        "form": tracker["active_loop"]["name"],
        "slots": {name: value for name, value in tracker["slots"].items() if value is not None},
        "sessions": sum(e["event"] == "session_started" for e in tracker["events"]),
    }


@pytest.mark.stops_stack
def test_half_finished_intakes_continue_after_the_rasa_server_is_killed(stack, fake):
    """Runs at the end of the session (see conftest): it restarts the stack."""
    user = new_user(stack, fake)
    over_telegram = IntakeDriver(user, tracker=lambda: stack.tracker(sender(user)))
    over_telegram.last = user.send("/start demo")
    over_telegram.start()
    over_telegram.answer_questions(3)
    rest_sender = f"e2e-{uuid.uuid4().hex[:12]}"
    over_rest = IntakeDriver(RestChannel(stack.rasa_url, rest_sender), lambda: stack.tracker(rest_sender))
    over_rest.start()
    over_rest.answer_questions(2)
    before = {
        "telegram": _in_the_form(over_telegram, stack.tracker(sender(user))),
        "rest": _in_the_form(over_rest, stack.tracker(rest_sender)),
    }
    assert "wat_gebeurd" in before["telegram"]["slots"] or len(before["telegram"]["slots"]) > 4

    # A crash, not a clean stop: SIGKILL to the Rasa server; honcho then stops the others.
    processes = stack.processes()
    stack.rasa_process().kill()
    psutil.wait_procs(processes, timeout=60)
    assert stack.process.poll() is not None
    stack.start()  # same ports, same databases, same tracker store

    after = {
        "telegram": _in_the_form(over_telegram, stack.tracker(sender(user))),
        "rest": _in_the_form(over_rest, stack.tracker(rest_sender)),
    }
    assert after == before  # same form, same question, every answer kept, no new session

    # The Telegram user goes on where they were (the channel's memory of the deep link is gone,
    # the stored conversation still has it) and finishes; the REST sender answers one more.
    code = over_telegram.finish()
    intakes = all_intakes(stack.login(*DEMO_LOGIN), stack.backend_url)
    [record] = [i for i in intakes if i["conversation_id"] == sender(user)]
    assert opens(stack.backend_url, code, record)
    assert record["kanaal"] == "telegram" and record["school"] == "demo"
    assert record["wat_gebeurd"].startswith(STORY)
    finished = stack.tracker(sender(user))
    assert sum(e["event"] == "session_started" for e in finished["events"]) == before["telegram"]["sessions"]

    asked = before["rest"]["slots"]["requested_slot"]
    over_rest.answer(asked)
    assert stack.tracker(rest_sender)["slots"].get(asked) is not None, over_rest.describe()
