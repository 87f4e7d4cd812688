"""Rasa's REST channel (``POST /webhooks/rest/webhook``), strict about what it accepts.

Rasa 3.6's ``RestInput`` reads ``request.json`` without looking at it: a body that is not a
JSON object, a ``message`` that is not a string or ``metadata`` that is not an object made it
fail deep inside (500, or an empty answer after a logged traceback), a missing ``sender`` put
the message into the one shared conversation ``default``, and a failure logged the person's
text. This subclass keeps Rasa's name ``rest`` (same URL, same ``input_channel``) and:

- answers a malformed request with 400 and a Dutch JSON error ``{"error": "..."}``;
- checks the message with :mod:`bot.channels.input_guard` (too long, empty, characters that
  no store keeps): a message that is not read gets a Dutch bot message saying why;
- never logs what the person typed;
- takes ``input_channel`` from the channel (``rest``), never from the client.

Registered in ``bot/credentials.yml`` by class path. The streaming variant (``?stream=true``)
is Rasa's own, after the same checks.
"""
from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Text, Union

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.channels.input_guard import check_message

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 200

NOT_JSON = "Stuur een JSON-object, bijvoorbeeld {\"sender\": \"...\", \"message\": \"...\"}."
NO_SENDER = "Geef in \"sender\" een naam voor dit gesprek mee (tekst, hoogstens 200 tekens)."
NO_MESSAGE = "Zet het bericht als tekst in \"message\"."
BAD_METADATA = "\"metadata\" moet een JSON-object zijn, bijvoorbeeld {\"school\": \"demo\"}."


class BadRequest(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _error(message: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": message}, status=status, dumps=_dumps)


def _dumps(value: Any, **kwargs: Any) -> str:
    return json.dumps(value, ensure_ascii=False, **kwargs)


def parse_body(raw: bytes) -> Dict[str, Any]:
    """The request body as a JSON object, or :class:`BadRequest`."""
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(NOT_JSON) from None
    if not isinstance(body, dict):
        raise BadRequest(NOT_JSON)
    return body


def parse_request(body: Dict[str, Any]) -> Dict[str, Any]:
    """``sender``, ``message`` and ``metadata`` checked, or :class:`BadRequest`."""
    sender = body.get("sender")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(NO_SENDER)
    message = body.get("message")
    if not isinstance(message, str):
        raise BadRequest(NO_MESSAGE)
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest(BAD_METADATA)
    # ``input_channel`` is the channel's, never the client's (Rasa's RestInput takes the
    # client's word: a REST client could pass for Telegram or the widget). Ignored.
    return {"sender": sender, "message": message, "metadata": metadata}


class WegwijzerRestInput(RestInput):
    """The ``rest`` channel with its input checked (see the module's docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            try:
                fields = parse_request(parse_body(request.body))
            except BadRequest as exc:
                return _error(exc.message)
            sender, metadata = fields["sender"], fields["metadata"]
            checked = check_message(fields["message"])
            if checked.reply is not None:
                return response.json(
                    [{"recipient_id": sender, "text": checked.reply}], dumps=_dumps
                )
            text = checked.text
            input_channel = self.name()
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender, input_channel, metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text, collector, sender, input_channel=input_channel, metadata=metadata
                    )
                )
            except CancelledError:
                logger.error("REST message: handling timed out")
            except Exception as exc:  # Rasa's own channel answers with what it has, too
                # The type only: the exception's text may hold what the person typed.
                logger.error("REST message: handling failed (%s)", type(exc).__name__)
            return response.json(collector.messages, dumps=_dumps)

        return webhook

