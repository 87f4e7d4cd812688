"""Telegram as a Rasa input channel, on python-telegram-bot 22's async API.

Registered in ``bot/credentials.yml`` by class path (``bot.channels.telegram.TelegramInput``).
Telegram posts each update to ``POST /webhooks/telegram/webhook`` on the Rasa server; the bot's
answers go back through the Bot API (``sendMessage``), buttons as inline keyboards.

Configuration, from the environment (or the same keys in lower case under the channel in
``credentials.yml``):

- ``TELEGRAM_BOT_TOKEN``: the bot's token from BotFather. Without it the channel is off: its
  routes answer 404 and the rest of the Rasa server runs as usual.
- ``TELEGRAM_WEBHOOK_SECRET``: the secret Telegram sends in the ``X-Telegram-Bot-Api-Secret-Token``
  header. Required when the token is set: without it every update is refused (403), because
  anyone who knows the webhook URL could otherwise talk in someone else's conversation.
- ``TELEGRAM_WEBHOOK_URL`` (optional): the public HTTPS address of the webhook; when set, the
  channel registers it with Telegram (``setWebhook``, with the secret) when the server starts.
- ``TELEGRAM_API_BASE_URL`` (optional): the Bot API's address, ``https://api.telegram.org/bot``
  by default; the tests point it at a local fake server.

The school comes from a deep link, ``https://t.me/<bot>?start=<slug>``: Telegram then sends
``/start <slug>``. The channel remembers the slug per conversation and sends it as message
metadata ``{"school": "<slug>"}`` with every message, as the web widget does; without one the
intake form asks for the school.

The Rasa sender id is ``telegram-`` and a keyed hash of the chat id, not the chat id itself: the
conversation id reaches the backend with the intake, and an anonymous report must not carry
the reporter's Telegram account. Nothing a person types is logged.

The same bot sends contact persons their notifications (``backend/jobs/notify.py``). A contact
person links their chat with a one-time code from the dashboard: the deep link
``https://t.me/<bot>?start=koppel-<code>`` (Telegram sends ``/start koppel-<code>``) or a typed
``/koppel <code>``. Such a message is not for the conversation: the channel posts the code and
the chat id to the backend (``POST /api/telegram/link``, found through ``BACKEND_URL`` and
``WEGWIJZER_SERVICE_TOKEN`` like the action server) and says in Dutch whether it worked.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import (
    Any, Awaitable, Callable, Dict, Generic, List, Mapping, Optional, Text, Tuple, TypeVar,
)

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.core.events import UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot, Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from shared import backend_client
from shared.client_settings import get_settings as backend_settings
from wegwijzer.intake import school_slug

logger = logging.getLogger(__name__)

CHANNEL_NAME = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What the bot receives for `/start`: the greeting intent (a deep link's slug goes in metadata).
START_PAYLOAD = "/begroeting"
# Telegram's limits: callback_data of an inline button, and the text of one message.
MAX_CALLBACK_DATA = 64
MAX_MESSAGE_LENGTH = 4096
# Prefix of the short key that stands in for a button payload longer than MAX_CALLBACK_DATA.
LONG_PAYLOAD_PREFIX = "~"
# How many conversations the channel remembers a chat id, a school and long payloads for.
MEMORY_SIZE = 10_000

TEXT_ONLY = "Ik kan alleen getypte tekst lezen. Wil je in woorden typen wat je wilt vertellen?"
PRIVATE_ONLY = (
    "Ik praat alleen in een privégesprek, zodat niemand anders meeleest. "
    "Stuur me een persoonlijk bericht, dan luister ik daar."
)
BUTTON_EXPIRED = "Deze knop werkt niet meer. Typ je antwoord gewoon in het gesprek."

# Linking a contact person's chat for notifications (``/start koppel-<code>``, ``/koppel <code>``).
LINK_COMMAND = "koppel"
LINK_START_PREFIX = "koppel-"
# The deep link's parameter: the prefix and a code of 16 letters and digits (dashes optional),
# so that a school whose slug happens to start with "koppel-" still gets its conversation.
LINK_START = re.compile(rf"{LINK_START_PREFIX}[0-9A-Za-z]{{4}}(?:-?[0-9A-Za-z]{{4}}){{3}}", re.I)
LINK_DONE = (
    "Gelukt: je Telegram is gekoppeld aan Wegwijzer. Je krijgt hier een kort bericht als er "
    "een nieuwe melding is of als een vervolgstap over tijd is. Ontkoppelen kan in Wegwijzer, "
    "op de pagina ‘Je account’."
)
LINK_INVALID = (  # 15 minutes: backend.store.notifications.LINK_CODE_VALID
    "Deze koppelcode werkt niet. Hij klopt niet, is al gebruikt of is verlopen (een code werkt "
    "15 minuten). Maak in Wegwijzer een nieuwe code met ‘Koppel Telegram’ en probeer het opnieuw."
)
LINK_UNAVAILABLE = (
    "Koppelen lukt nu even niet. Probeer het over een paar minuten opnieuw met dezelfde link "
    "of code."
)
LINK_HOW = (
    "Stuur de koppelcode mee, zo: /koppel ABCD-EFGH-JKMN-PQRS. Je vindt de code in Wegwijzer, "
    "op de pagina ‘Je account’."
)

K = TypeVar("K")
V = TypeVar("V")


def sender_id_for(chat_id: int, token: str) -> str:
    """The Rasa sender id of a Telegram chat: stable per bot, without the chat id in it."""
    digest = hmac.new(token.encode(), str(chat_id).encode(), hashlib.sha256).hexdigest()
    return f"{CHANNEL_NAME}-{digest[:24]}"


def command_in(text: str) -> Optional[Tuple[str, str]]:
    """``(command, argument)`` of a typed command (``/Start@bot demo`` → ``("start", "demo")``),
    or None when the text is not one."""
    text = text.strip()
    if not text.startswith("/"):
        return None
    command, _, argument = text[1:].partition(" ")
    return command.split("@", 1)[0].lower(), argument.strip()


def link_code_in(text: str) -> Optional[str]:
    """The code of a link message (``/start koppel-<code>`` or ``/koppel <code>``; "" when the
    command came without one), or None when the text is not a link message."""
    command, argument = command_in(text) or ("", "")
    if command == "start" and LINK_START.fullmatch(argument):
        return argument[len(LINK_START_PREFIX):]
    if command == LINK_COMMAND:
        return argument
    return None


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> List[str]:
    """Text in pieces Telegram accepts, cut between paragraphs or lines where possible."""
    pieces: List[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit))
        cut = cut if cut > 0 else limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


class _Memory(Generic[K, V]):
    """A small least-recently-used map, so that memory stays bounded on a busy bot."""

    def __init__(self, size: int = MEMORY_SIZE) -> None:
        self._items: "OrderedDict[K, V]" = OrderedDict()
        self._size = size

    def get(self, key: K) -> Optional[V]:
        if key not in self._items:
            return None
        self._items.move_to_end(key)
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


@dataclass(frozen=True)
class TelegramSettings:
    token: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_url: Optional[str] = None
    api_base_url: Optional[str] = None

    @classmethod
    def load(
        cls, credentials: Optional[Mapping[str, Any]], environ: Mapping[str, str] = os.environ
    ) -> "TelegramSettings":
        """Each value from credentials.yml when given there, else from the environment."""
        credentials = credentials or {}

        def value(key: str) -> Optional[str]:
            found = credentials.get(key) or environ.get(f"TELEGRAM_{key.upper()}")
            return (str(found).strip() or None) if found else None

        return cls(
            token=value("bot_token"),
            webhook_secret=value("webhook_secret"),
            webhook_url=value("webhook_url"),
            api_base_url=value("api_base_url"),
        )


class _RedactToken(logging.Filter):
    """Keeps the bot token out of the log: httpx logs each request's URL, which holds it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._token in message:
            record.msg, record.args = message.replace(self._token, "<token>"), ()
        return True


def _redact_token_in_http_logs(token: str) -> None:
    for name in ("httpx", "httpcore"):
        http_logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactToken) for f in http_logger.filters):
            http_logger.addFilter(_RedactToken(token))


class _BotHolder:
    """One initialised ``telegram.Bot`` per server process, made on first use in its loop."""

    def __init__(self, settings: TelegramSettings) -> None:
        self._settings = settings
        self._bot: Optional[Bot] = None
        self._lock: Optional[asyncio.Lock] = None

    async def get(self) -> Bot:
        if self._bot is not None:
            return self._bot
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._bot is None:
                kwargs = {"base_url": self._settings.api_base_url} if self._settings.api_base_url else {}
                bot = Bot(self._settings.token, **kwargs)
                try:
                    await bot.initialize()  # getMe: checks the token
                except BaseException:
                    await bot.shutdown()
                    raise
                self._bot = bot
        return self._bot

    async def shutdown(self) -> None:
        if self._bot is not None:
            bot, self._bot = self._bot, None
            await bot.shutdown()


class TelegramOutput(OutputChannel):
    """Sends the bot's messages to one Telegram chat (or, without one, to the sender's chat)."""

    @classmethod
    def name(cls) -> Text:
        return CHANNEL_NAME

    def __init__(self, channel: "TelegramInput", chat_id: Optional[int] = None) -> None:
        self._channel = channel
        self._chat_id = chat_id

    def _chat_for(self, recipient_id: Optional[Text]) -> Optional[int]:
        if self._chat_id is not None:
            return self._chat_id
        return self._channel.chats.get(recipient_id) if recipient_id else None

    async def _send(self, recipient_id: Optional[Text], text: Text, reply_markup: Any = None) -> None:
        chat_id = self._chat_for(recipient_id)
        if chat_id is None:
            logger.warning("Telegram: no chat known for this conversation; message not sent.")
            return
        pieces = split_text(text or "")
        try:
            bot = await self._channel.bots.get()
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                await bot.send_message(chat_id, piece or " ", reply_markup=reply_markup if last else None)
        except TelegramError as error:
            # The error's text may hold what was sent; its type says enough to investigate.
            logger.error("Telegram sendMessage failed: %s", type(error).__name__)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        rows = []
        for button in buttons:
            title = str(button.get("title") or button.get("payload") or "")
            if button.get("url"):
                rows.append([InlineKeyboardButton(title, url=button["url"])])
            elif button.get("payload"):
                data = self._channel.callback_data(str(button["payload"]))
                rows.append([InlineKeyboardButton(title, callback_data=data)])
        await self._send(recipient_id, text, InlineKeyboardMarkup(rows) if rows else None)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        chat_id = self._chat_for(recipient_id)
        if chat_id is None:
            return
        try:
            bot = await self._channel.bots.get()
            await bot.send_photo(chat_id, image)
        except TelegramError as error:
            logger.error("Telegram sendPhoto failed: %s", type(error).__name__)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        """Only a custom message's text has a meaning on Telegram; the rest is the widget's."""
        if isinstance(json_message, dict) and json_message.get("text"):
            await self._send(recipient_id, str(json_message["text"]))


class TelegramInput(InputChannel):
    """Receives Telegram updates on a webhook and hands them to Rasa as user messages."""

    @classmethod
    def name(cls) -> Text:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(TelegramSettings.load(credentials))

    def __init__(self, settings: TelegramSettings) -> None:
        self.settings = settings
        self.bots = _BotHolder(settings)
        self.chats: _Memory[str, int] = _Memory()
        # The school of a conversation; "" once it is known that there is none.
        self._schools: _Memory[str, str] = _Memory()
        self._long_payloads: _Memory[str, str] = _Memory()
        if self.enabled:
            _redact_token_in_http_logs(settings.token)
        if not self.enabled:
            logger.info("Telegram channel off: TELEGRAM_BOT_TOKEN is not set.")
        elif not settings.webhook_secret:
            logger.error(
                "Telegram channel refuses every update: set TELEGRAM_WEBHOOK_SECRET "
                "(and register it with the webhook)."
            )

    @property
    def enabled(self) -> bool:
        return bool(self.settings.token)

    def sender_id(self, chat_id: int) -> str:
        return sender_id_for(chat_id, self.settings.token or "")

    def get_output_channel(self) -> Optional[OutputChannel]:
        """For messages Rasa sends on its own (e.g. ``trigger_intent``) to a known chat."""
        return TelegramOutput(self) if self.enabled else None

    # --- buttons ---------------------------------------------------------------------------

    def callback_data(self, payload: str) -> str:
        """The button's callback_data: the payload itself, or a short key when it is too long."""
        if len(payload.encode()) <= MAX_CALLBACK_DATA:
            return payload
        key = LONG_PAYLOAD_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._long_payloads.put(key, payload)
        return key

    def pressed_payload(self, data: Optional[str], message: Any) -> Optional[str]:
        """The payload of the button pressed, when it is one of the buttons on that message."""
        markup = getattr(message, "reply_markup", None) if isinstance(message, Message) else None
        buttons = [b for row in markup.inline_keyboard for b in row] if markup else []
        pressed = next((b for b in buttons if data and b.callback_data == data), None)
        if pressed is None:
            return None
        if data.startswith(LONG_PAYLOAD_PREFIX):
            # Forgotten after a restart: the button's title is still a fair answer.
            return self._long_payloads.get(data) or pressed.text
        return data

    # --- incoming updates ------------------------------------------------------------------

    def user_text(self, sender_id: str, text: str) -> Optional[str]:
        """What Rasa receives for what the person typed; notes a deep link's school."""
        parsed = command_in(text)
        if parsed is None:
            return text.strip() or None
        command, argument = parsed
        if command == "start":
            slug = school_slug(argument)
            if slug:
                self._schools.put(sender_id, slug)
            return START_PAYLOAD
        # A typed command like /stop or /hulp is a word for the NLU, never an intent payload:
        # only the bot's own buttons send those.
        return f"{command} {argument}".strip() or None

    async def metadata_for(self, sender_id: str, app: Any) -> Optional[Dict[str, Any]]:
        school = self._schools.get(sender_id)
        if school is None:
            # Not seen since this server started: the deep link may be in the stored conversation.
            school = await self._school_from_tracker(sender_id, app) or ""
            self._schools.put(sender_id, school)
        return {"school": school} if school else None

    @staticmethod
    async def _school_from_tracker(sender_id: str, app: Any) -> Optional[str]:
        agent = getattr(getattr(app, "ctx", None), "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return None
        try:
            tracker = await store.retrieve(sender_id)
        except Exception as error:  # the store logs its own errors
            logger.debug("Telegram: no stored conversation to read the school from: %s", type(error).__name__)
            return None
        if tracker is None:
            return None
        for event in reversed(tracker.events):
            if isinstance(event, UserUttered) and isinstance(event.metadata, dict):
                slug = event.metadata.get("school")
                if slug:
                    return str(slug)
        return None

    async def handle_update(
        self, data: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]], app: Any
    ) -> None:
        bot = await self.bots.get()
        update = Update.de_json(data, bot)
        if update.callback_query is not None:
            await self._on_button(bot, update, on_new_message, app)
        elif update.message is not None:
            await self._on_message(update.message, on_new_message, app)
        # Anything else (edited messages, channel posts, ...) is not for this bot.

    async def _on_message(
        self, message: Message, on_new_message: Callable[[UserMessage], Awaitable[Any]], app: Any
    ) -> None:
        output = TelegramOutput(self, message.chat.id)
        if message.chat.type != Chat.PRIVATE:
            await output.send_text_message("", PRIVATE_ONLY)
            return
        if not message.text:
            await output.send_text_message("", TEXT_ONLY)
            return
        code = link_code_in(message.text)
        if code is not None:  # a contact person linking their chat: not for the conversation
            await output.send_text_message("", await self.link_chat(message.chat.id, code))
            return
        sender_id = self.sender_id(message.chat.id)
        self.chats.put(sender_id, message.chat.id)
        text = self.user_text(sender_id, message.text)
        if text is None:
            return
        metadata = await self.metadata_for(sender_id, app)
        await on_new_message(
            UserMessage(text, output, sender_id, input_channel=self.name(), metadata=metadata)
        )

    @staticmethod
    async def link_chat(chat_id: int, code: str) -> str:
        """Ask the backend to link this chat with the code; the answer for the person."""
        if not code:
            return LINK_HOW
        try:
            linked = await backend_client.link_telegram(code, chat_id, backend_settings())
        except backend_client.BackendUnavailable:
            return LINK_UNAVAILABLE
        logger.info("Telegram: a chat was %s.", "linked to an account" if linked else "not linked")
        return LINK_DONE if linked else LINK_INVALID

    async def _on_button(
        self, bot: Bot, update: Update, on_new_message: Callable[[UserMessage], Awaitable[Any]], app: Any
    ) -> None:
        query = update.callback_query
        message = query.message if isinstance(query.message, Message) else None
        private = message is not None and message.chat.type == Chat.PRIVATE
        payload = self.pressed_payload(query.data, message) if private else None
        try:
            # Stops the button's spinner in the app; says so when the button is no longer valid.
            await bot.answer_callback_query(query.id, text=None if payload else BUTTON_EXPIRED)
        except TelegramError as error:
            logger.warning("Telegram answerCallbackQuery failed: %s", type(error).__name__)
        if payload is None:
            return
        sender_id = self.sender_id(message.chat.id)
        self.chats.put(sender_id, message.chat.id)
        metadata = await self.metadata_for(sender_id, app)
        await on_new_message(
            UserMessage(
                payload, TelegramOutput(self, message.chat.id), sender_id,
                input_channel=self.name(), metadata=metadata,
            )
        )

    def _authorised(self, request: Request) -> bool:
        secret = self.settings.webhook_secret
        given = request.headers.get(SECRET_HEADER, "")
        return bool(secret) and hmac.compare_digest(given.encode(), secret.encode())

    async def register_webhook(self) -> None:
        """Tells Telegram where to post updates, with the secret it must send along."""
        try:
            bot = await self.bots.get()
            await bot.set_webhook(
                url=self.settings.webhook_url,
                secret_token=self.settings.webhook_secret,
                allowed_updates=["message", "callback_query"],
            )
            logger.info("Telegram webhook registered.")
        except TelegramError as error:
            logger.error("Telegram webhook could not be registered: %s", type(error).__name__)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("wegwijzer_telegram", __name__)
        not_configured = {"error": "Telegram is not configured on this server (TELEGRAM_BOT_TOKEN)."}

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json(not_configured, status=404)
            return response.json({"status": "ok"})

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json(not_configured, status=404)
            if not self._authorised(request):
                logger.warning("Telegram webhook: update refused (secret token missing or wrong).")
                return response.json({"error": "forbidden"}, status=403)
            try:
                data = request.json
            except Exception:
                data = None
            if not isinstance(data, dict):
                return response.json({"error": "an update is a JSON object"}, status=400)
            try:
                await self.handle_update(data, on_new_message, request.app)
            except Exception as error:
                # Telegram retries an update that gets an error status; one failed update
                # must not be handled again and again, so it is logged and acknowledged.
                logger.error("Telegram update could not be handled: %s", type(error).__name__)
                logger.debug("Telegram update failure", exc_info=True)
            return response.json({"status": "ok"})

        if self.enabled and self.settings.webhook_url:

            @telegram.listener("after_server_start")
            async def register(_app: Any, _loop: Any) -> None:
                await self.register_webhook()

        @telegram.listener("before_server_stop")
        async def close(_app: Any, _loop: Any) -> None:
            await self.bots.shutdown()

        return telegram
