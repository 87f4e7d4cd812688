"""Rasa's socket.io channel with its session persistence working on python-socketio 5.10+.

Rasa 3.6's ``SocketIOInput`` answers ``session_request`` with ``sio.enter_room(sid, session_id)``
without ``await``. Since python-socketio 5.10, ``AsyncServer.enter_room`` is a coroutine, so
the browser's socket never joins the room named after its session id; with
``session_persistence`` (which the widget needs to continue a conversation after a reload or a
reconnection) every bot message is sent to that empty room and never reaches the widget.

This subclass replaces that one handler, awaiting the room join, and puts every message through
the input checks of ``bot.channels.input_guard`` (too long, empty).

A socket joins only its own room. Rasa trusts whatever ``session_id`` a client names, in
``session_request`` (its room: every bot message of that conversation) and in
``user_uttered`` (the conversation it speaks in): anyone who learnt another person's session id
could read and write their chat. Here the server issues every session id, signed
(:func:`new_session_id`); a ``session_request`` may resume only a signed one (a reload, a
reconnection), anything else gets a fresh id, and a message counts only for the session its
socket was confirmed for. The conversation (Rasa's sender id, the room, the intake's
``conversation_id``) is the id without its signature (:func:`conversation_of`): whoever sees
a conversation id (staff, a database) still cannot resume that chat. Everything else (the
events, the ``metadata`` key, the output channel) is Rasa's own, and the channel keeps Rasa's
name ``socketio`` (the input channel the intake record maps to ``kanaal: web``).

Several Rasa instances (the production profile) share one Redis message queue
(python-socketio's ``AsyncRedisManager``, on the Redis of Rasa's lock store: ``REDIS_HOST``,
``REDIS_PORT``, ``REDIS_DB``): a bot message emitted on one instance (a contact person's new
message that the backend's call delivered to the other instance) reaches a widget connected to
any of them. Without ``REDIS_HOST`` (``make run``, one process) the rooms stay in memory.
"""
from __future__ import annotations

import hashlib
import hmac
import inspect
import logging
import os
import secrets
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint
from socketio import AsyncRedisManager

from bot.channels.input_guard import guarded

logger = logging.getLogger(__name__)

_SIGNATURE_CHARS = 16


def _key() -> bytes:
    """The key that signs session ids: from Rasa's API token, so every Rasa instance of one
    deployment accepts the others' ids; random (per process) without one."""
    token = os.environ.get("RASA_AUTH_TOKEN") or ""
    return hashlib.sha256(b"wegwijzer socket.io session\n" + token.encode()).digest() if token \
        else _RANDOM_KEY


_RANDOM_KEY = secrets.token_bytes(32)


def _signature(token: str) -> str:
    return hmac.new(_key(), token.encode(), hashlib.sha256).hexdigest()[:_SIGNATURE_CHARS]


def new_session_id() -> str:
    token = secrets.token_hex(16)
    return token + _signature(token)


def conversation_of(session_id: str) -> str:
    """The conversation of a signed session id: Rasa's sender id and the socket.io room."""
    return session_id[:32]


def is_issued(session_id: object) -> bool:
    """Whether this server (or another instance with the same key) issued ``session_id``."""
    if not isinstance(session_id, str) or len(session_id) != 32 + _SIGNATURE_CHARS:
        return False
    token, signature = session_id[:32], session_id[32:]
    return hmac.compare_digest(signature, _signature(token))


def shared_queue() -> Optional[AsyncRedisManager]:
    """The Redis message queue between Rasa instances, when the deployment has Redis."""
    host = os.environ.get("REDIS_HOST")
    if not host:
        return None
    url = f"redis://{host}:{os.environ.get('REDIS_PORT') or 6379}/{os.environ.get('REDIS_DB') or 0}"
    return AsyncRedisManager(url, channel="wegwijzer-socketio")


class WegwijzerSocketIOInput(SocketIOInput):
    """``socketio`` channel whose ``session_request`` really joins the session's room."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Every message passes the input checks first (too long, empty, unstorable characters).
        socketio_webhook = super().blueprint(guarded(on_new_message))
        sio = self.sio
        assert sio is not None  # set by the parent's blueprint()
        queue = shared_queue()
        if queue is not None:  # before the first connection, which initialises the manager
            sio.manager = queue
            queue.set_server(sio)

        handlers = sio.handlers.get(self.namespace or "/", {})
        rasa_user_uttered = handlers[self.user_message_evt]
        rasa_disconnect = handlers.get("disconnect")
        confirmed: Dict[str, str] = {}  # socket id -> its session id

        # Registering the same event again replaces the parent's handler.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = data.get("session_id")
            if not is_issued(session_id):
                session_id = new_session_id()  # never a room somebody else named
            if self.session_persistence:
                room = conversation_of(session_id)
                joined = sio.enter_room(sid, room, namespace=self.namespace)
                if inspect.isawaitable(joined):  # python-socketio >= 5.10
                    await joined
            confirmed[sid] = session_id
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug("socket.io session confirmed")

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def user_uttered(sid: Text, data: Any) -> None:
            if self.session_persistence and (
                not isinstance(data, dict) or data.get("session_id") != confirmed.get(sid)
                or data.get("session_id") is None
            ):
                logger.warning("socket.io message for a session this socket was not given: ignored")
                return
            if self.session_persistence:
                data = {**data, "session_id": conversation_of(data["session_id"])}
            await rasa_user_uttered(sid, data)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text, *args: Any) -> None:
            confirmed.pop(sid, None)
            if rasa_disconnect is not None:
                result = rasa_disconnect(sid)
                if inspect.isawaitable(result):
                    await result

        return socketio_webhook
