"""A fake Telegram Bot API server on loopback, and a fake Telegram user who talks through it.

``FakeTelegram`` is an aiohttp app in its own thread that answers the Bot API methods the
channel uses (``getMe``, ``sendMessage``, ``sendPhoto``, ``answerCallbackQuery``, ``setWebhook``)
under ``/bot<token>/<method>``, and records every call. Set ``failing`` to an HTTP status to
play a Telegram that is down (every call answers it, and nothing is sent). ``TelegramUser`` plays the Telegram
servers' other half: it posts updates (messages, button presses) to the Rasa server's webhook
with the secret header, as Telegram does, and returns what the bot sent back. Real HTTP both
ways; nothing leaves the machine.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Optional

import requests
from aiohttp import web

from tests.conftest import free_port

BOT_USER = {
    "id": 7000000001, "is_bot": True, "first_name": "Wegwijzer", "username": "wegwijzer_test_bot",
    "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict


class FakeTelegram:
    """The Bot API for one bot token, recording what the bot does."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.port = free_port()
        self.calls: list[Call] = []
        self.messages: list[dict] = []  # every Message the bot sent, as the API returned it
        self.failing: Optional[int] = None  # an HTTP status: every call answers it
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._runner: Optional[web.AppRunner] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL must be (the token is appended, as with the real API)."""
        return f"http://127.0.0.1:{self.port}/bot"

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    # --- the server ---------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await _params(request)
        with self._lock:
            self.calls.append(Call(method, params))
        if self.failing is not None:
            return web.json_response(
                {"ok": False, "error_code": self.failing, "description": "Internal Server Error"},
                status=self.failing,
            )
        if method == "getMe":
            return _ok(BOT_USER)
        if method in ("sendMessage", "sendPhoto"):
            message = {
                "message_id": next(self._ids), "date": int(time.time()), "from": BOT_USER,
                "chat": {"id": int(params["chat_id"]), "type": "private", "first_name": "Sam"},
            }
            if method == "sendMessage":
                message["text"] = params["text"]
            else:
                message["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            with self._lock:
                self.messages.append(message)
            return _ok(message)
        if method in ("answerCallbackQuery", "setWebhook", "deleteWebhook", "editMessageReplyMarkup"):
            return _ok(True)
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found: method not found"}, status=404
        )

    def start(self) -> "FakeTelegram":
        started = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_post("/bot{token}/{method}", self._handle)
            app.router.add_get("/bot{token}/{method}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
            started.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=serve, name="fake-telegram", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the fake Telegram server did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def __enter__(self) -> "FakeTelegram":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


async def _params(request: web.Request) -> dict:
    """The call's parameters: python-telegram-bot posts a form whose values are JSON-encoded."""
    if request.content_type == "application/json":
        return await request.json()
    params: dict = {}
    for key, value in (await request.post()).items():
        if isinstance(value, str) and value[:1] in ("{", "["):
            try:
                value = json.loads(value)
            except ValueError:
                pass
        params[key] = value
    return params


class TelegramUser:
    """One person in a private chat with the bot, as the Telegram servers relay them."""

    _update_ids = itertools.count(1)

    def __init__(self, fake: FakeTelegram, webhook_url: str, secret: str, chat_id: int) -> None:
        self.fake, self.webhook_url, self.secret, self.chat_id = fake, webhook_url, secret, chat_id
        self.person = {"id": chat_id, "is_bot": False, "first_name": "Sam", "language_code": "nl"}

    def post(self, update: dict, secret: Optional[str] = None) -> requests.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.secret if secret is None else secret}
        body = {"update_id": next(self._update_ids), **update}
        return requests.post(self.webhook_url, json=body, headers=headers, timeout=120)

    def _exchange(self, update: dict) -> list[dict]:
        before = len(self.fake.messages)
        response = self.post(update)
        response.raise_for_status()
        return [m for m in self.fake.messages[before:] if m["chat"]["id"] == self.chat_id]

    def send_raw(self, text: str) -> list[dict]:
        """Types a message; returns the Telegram messages the bot sent in reply."""
        message = {
            "message_id": next(self._update_ids), "date": int(time.time()), "from": self.person,
            "chat": {"id": self.chat_id, "type": "private", "first_name": "Sam"}, "text": text,
        }
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._exchange({"message": message})

    def message_with_button(self, data: str) -> dict:
        """The newest message the bot sent this chat that carries a button with this data."""
        for message in reversed(self.fake.messages):
            if message["chat"]["id"] != self.chat_id:
                continue
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                if any(button.get("callback_data") == data for button in row):
                    return message
        raise LookupError(f"no button with callback_data {data!r} in this chat")

    def press_raw(self, data: str) -> list[dict]:
        """Presses the inline button with this callback_data on the newest message that has it."""
        query = {
            "id": str(next(self._update_ids)), "from": self.person, "chat_instance": "1",
            "data": data, "message": self.message_with_button(data),
        }
        return self._exchange({"callback_query": query})

    # The driver's channel interface (tests/e2e/driver.py): messages as text and buttons.
    def send(self, text: str) -> list[dict]:
        return [as_bot_message(m) for m in self.send_raw(text)]

    def press(self, payload: str) -> list[dict]:
        return [as_bot_message(m) for m in self.press_raw(payload)]


def inline_buttons(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def as_bot_message(message: dict) -> dict:
    buttons = [
        {"title": b["text"], "payload": b["callback_data"]}
        for b in inline_buttons(message) if "callback_data" in b
    ]
    return {"text": message.get("text", ""), "buttons": buttons}
