"""The Telegram channel on its own: updates in, Bot API calls out, against the fake Bot API.

No Rasa server here: each test hands updates to the channel as its webhook would, with a stand-in
for Rasa that records the user messages and answers through the channel's output. The Bot API
calls go over real HTTP to ``FakeTelegram`` on loopback; linking a contact person's chat goes
over real HTTP to a real backend (SQLite). The whole stack is in tests/e2e.
"""
from __future__ import annotations

import asyncio
import secrets
from types import SimpleNamespace

import pytest

from backend import keys, migrate, store
from backend.app import create_app
from backend.config import Config
from bot.channels.telegram import (
    BUTTON_EXPIRED, LINK_DONE, LINK_HOW, LINK_INVALID, LINK_UNAVAILABLE, MAX_CALLBACK_DATA,
    PRIVATE_ONLY, START_PAYLOAD, TEXT_ONLY, TelegramInput, TelegramSettings, sender_id_for,
    split_text,
)
from tests.backend.helpers import add_school, add_user
from tests.conftest import free_port
from tests.channels.fake_telegram import FakeTelegram, inline_buttons

CHAT = 424242
LONG_PAYLOAD = '/kiezen{"gekozen_route": "landelijke_klachtencommissie", "toelichting": "lang"}'


@pytest.fixture(scope="module")
def fake():
    with FakeTelegram(token=f"123:{secrets.token_hex(8)}") as fake:
        yield fake


@pytest.fixture
async def channel(fake):
    channel = TelegramInput(
        TelegramSettings(token=fake.token, webhook_secret="s", api_base_url=fake.base_url)
    )
    yield channel
    await channel.bots.shutdown()


class Rasa:
    """Stands in for Rasa: records each user message and answers with `reply`."""

    def __init__(self, reply: dict | None = None) -> None:
        self.received = []
        self.reply = reply or {"text": "Hoi! Wat wil je vertellen?"}

    async def __call__(self, message) -> None:
        self.received.append(message)
        await message.output_channel.send_response(message.sender_id, dict(self.reply))


def text_update(text: str, chat_type: str = "private", **extra) -> dict:
    message = {"message_id": 1, "date": 0, "chat": {"id": CHAT, "type": chat_type}, **extra}
    if text is not None:
        message["text"] = text
    return {"update_id": 1, "message": message}


def sent_since(fake: FakeTelegram, before: int) -> list[dict]:
    return fake.messages[before:]


async def test_start_with_a_slug_greets_and_sends_the_school_with_every_message(fake, channel):
    rasa = Rasa()
    before = len(fake.messages)
    await channel.handle_update(text_update("/start het-lyceum"), rasa, app=None)
    await channel.handle_update(text_update("ik word gepest"), rasa, app=None)

    first, second = rasa.received
    assert first.text == START_PAYLOAD
    assert second.text == "ik word gepest"
    for message in rasa.received:
        assert message.input_channel == "telegram"
        assert message.metadata == {"school": "het-lyceum"}
        assert message.sender_id == sender_id_for(CHAT, fake.token)
    assert [m["text"] for m in sent_since(fake, before)] == ["Hoi! Wat wil je vertellen?"] * 2


async def test_without_a_deep_link_no_school_is_sent(fake, channel):
    rasa = Rasa()
    await channel.handle_update(text_update("/start"), rasa, app=None)
    await channel.handle_update(text_update("hallo"), rasa, app=None)
    assert [m.metadata for m in rasa.received] == [None, None]


async def test_after_a_restart_the_school_is_read_back_from_the_stored_conversation(fake, channel):
    """The channel's memory is gone after a restart; the tracker store still has the deep link."""
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    sender = sender_id_for(CHAT, fake.token)
    stored = DialogueStateTracker.from_events(sender, [
        UserUttered(START_PAYLOAD, metadata={"school": "demo"}),
        UserUttered("hoi", metadata={"school": "demo"}),
    ])

    class Store:
        async def retrieve(self, sender_id):
            return stored if sender_id == sender else None

    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=Store())))
    rasa = Rasa()
    await channel.handle_update(text_update("ik word gepest"), rasa, app=app)
    assert rasa.received[-1].metadata == {"school": "demo"}


def test_the_sender_id_does_not_reveal_the_chat():
    sender = sender_id_for(CHAT, "123:token")
    assert sender.startswith("telegram-") and str(CHAT) not in sender
    assert sender == sender_id_for(CHAT, "123:token") != sender_id_for(CHAT, "456:other")


async def test_typed_commands_are_words_not_intents(channel):
    rasa = Rasa()
    await channel.handle_update(text_update('/informeren{"anoniem": false}'), rasa, app=None)
    await channel.handle_update(text_update("/stop@wegwijzer_test_bot"), rasa, app=None)
    assert [m.text for m in rasa.received] == ['informeren{"anoniem": false}', "stop"]


async def test_buttons_become_an_inline_keyboard_and_a_press_sends_the_payload(fake, channel):
    buttons = [
        {"title": "Ik ben leerling", "payload": '/informeren{"rol": "leerling"}'},
        {"title": "Een lange keuze", "payload": LONG_PAYLOAD},
    ]
    rasa = Rasa({"text": "Wie ben jij?", "buttons": buttons})
    before = len(fake.messages)
    await channel.handle_update(text_update("hoi"), rasa, app=None)
    [asked] = sent_since(fake, before)
    keyboard = inline_buttons(asked)
    assert [b["text"] for b in keyboard] == ["Ik ben leerling", "Een lange keuze"]
    assert keyboard[0]["callback_data"] == '/informeren{"rol": "leerling"}'
    assert len(keyboard[1]["callback_data"].encode()) <= MAX_CALLBACK_DATA  # Telegram's limit

    for button, expected in zip(keyboard, [b["payload"] for b in buttons]):
        answered = len(fake.calls_to("answerCallbackQuery"))
        query = {"id": "q1", "from": {"id": CHAT, "is_bot": False, "first_name": "Sam"},
                 "chat_instance": "1", "data": button["callback_data"], "message": asked}
        await channel.handle_update({"update_id": 2, "callback_query": query}, rasa, app=None)
        assert rasa.received[-1].text == expected
        assert rasa.received[-1].input_channel == "telegram"
        [answer] = fake.calls_to("answerCallbackQuery")[answered:]
        assert answer.params["callback_query_id"] == "q1" and "text" not in answer.params


async def test_a_button_that_is_not_on_the_message_is_refused(fake, channel):
    rasa = Rasa({"text": "Wie ben jij?", "buttons": [{"title": "Ja", "payload": "/bevestigen"}]})
    before = len(fake.messages)
    await channel.handle_update(text_update("hoi"), rasa, app=None)
    [asked] = sent_since(fake, before)
    received = len(rasa.received)
    query = {"id": "q2", "from": {"id": CHAT, "is_bot": False, "first_name": "Sam"},
             "chat_instance": "1", "data": '/informeren{"naam": "iemand anders"}', "message": asked}
    await channel.handle_update({"update_id": 3, "callback_query": query}, rasa, app=None)
    assert len(rasa.received) == received
    assert fake.calls_to("answerCallbackQuery")[-1].params["text"] == BUTTON_EXPIRED


async def test_group_chats_and_stickers_get_a_short_note_and_reach_no_one(fake, channel):
    rasa = Rasa()
    before = len(fake.messages)
    await channel.handle_update(text_update("hoi", chat_type="group"), rasa, app=None)
    await channel.handle_update(text_update(None, sticker={
        "file_id": "f", "file_unique_id": "u", "width": 1, "height": 1, "is_animated": False,
        "is_video": False, "type": "regular"}), rasa, app=None)
    assert rasa.received == []
    assert [m["text"] for m in sent_since(fake, before)] == [PRIVATE_ONLY, TEXT_ONLY]


async def test_a_contact_person_links_their_chat_with_the_code_and_the_conversation_never_sees_it(
    fake, channel, tmp_path, aiohttp_server, monkeypatch
):
    url = f"sqlite:///{tmp_path / 'wegwijzer.db'}"
    await asyncio.to_thread(migrate.upgrade, url)  # Alembic runs its own event loop
    server = await aiohttp_server(create_app(Config(database_url=url, service_token="t")))
    monkeypatch.setenv("BACKEND_URL", str(server.make_url("")).rstrip("/"))
    monkeypatch.setenv("WEGWIJZER_SERVICE_TOKEN", "t")
    db = server.app[keys.DB]
    await add_school(db, "noord")
    jet = await add_user(db, "jet@school.nl", "noord")
    code = await store.notifications.new_telegram_link_code(db, jet)
    rasa = Rasa()

    async def answer(text: str) -> str:
        before = len(fake.messages)
        await channel.handle_update(text_update(text), rasa, app=None)
        [sent] = sent_since(fake, before)
        assert sent["chat"]["id"] == CHAT
        return sent["text"]

    assert await answer("/koppel") == LINK_HOW
    assert await answer("/koppel ABCD-EFGH-JKMN-PQRS") == LINK_INVALID
    # The backend is unreachable: a calm answer, and the code still works afterwards.
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")
    assert await answer(f"/start koppel-{code}") == LINK_UNAVAILABLE
    monkeypatch.setenv("BACKEND_URL", str(server.make_url("")).rstrip("/"))
    assert await answer(f"/start koppel-{code}") == LINK_DONE  # the dashboard's deep link
    assert (await store.accounts.get_user(db, jet.id)).telegram_chat_id == CHAT
    assert await answer(f"/koppel@wegwijzer_test_bot {code.lower()}") == LINK_INVALID  # used
    assert rasa.received == []  # none of it reached the conversation
    await channel.handle_update(text_update("/start koppel-college"), rasa, app=None)
    assert [m.metadata for m in rasa.received] == [{"school": "koppel-college"}]  # a slug
    for text in (LINK_DONE, LINK_INVALID, LINK_UNAVAILABLE, LINK_HOW):
        assert " u " not in f" {text} "  # staff: je, as on the dashboard


def test_long_texts_are_split_between_paragraphs():
    text = ("Een zin. " * 300 + "\n\n") * 3
    pieces = split_text(text)
    assert len(pieces) > 1 and all(len(p) <= 4096 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_settings_come_from_the_environment_and_a_missing_token_turns_the_channel_off():
    settings = TelegramSettings.load(None, {"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_WEBHOOK_SECRET": "s"})
    assert settings.token == "1:a" and settings.webhook_secret == "s" and settings.api_base_url is None
    assert TelegramInput(settings).enabled
    off = TelegramInput(TelegramSettings.load(None, {"TELEGRAM_BOT_TOKEN": " "}))
    assert not off.enabled and off.get_output_channel() is None


def _route(channel: TelegramInput, uri: str):
    blueprint = channel.blueprint(Rasa())
    return next(route.handler for route in blueprint._future_routes if route.uri == uri)


async def test_without_a_token_the_webhook_answers_404_and_the_log_says_why(caplog):
    with caplog.at_level("INFO", logger="bot.channels.telegram"):
        channel = TelegramInput(TelegramSettings.load({}, {}))
    assert "Telegram channel off: TELEGRAM_BOT_TOKEN is not set." in caplog.text
    request = SimpleNamespace(headers={}, json={"update_id": 1}, app=None)
    answer = await _route(channel, "/webhook")(request)
    assert answer.status == 404 and b"TELEGRAM_BOT_TOKEN" in answer.body


async def test_with_a_token_but_no_secret_every_update_is_refused(caplog):
    with caplog.at_level("ERROR", logger="bot.channels.telegram"):
        channel = TelegramInput(TelegramSettings(token="1:a"))
    assert "TELEGRAM_WEBHOOK_SECRET" in caplog.text
    request = SimpleNamespace(headers={"X-Telegram-Bot-Api-Secret-Token": ""}, json={}, app=None)
    assert (await _route(channel, "/webhook")(request)).status == 403
