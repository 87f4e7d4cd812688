"""Rasa's socket.io channel with its session persistence working on python-socketio 5.10+.

Rasa 3.6's ``SocketIOInput`` answers ``session_request`` with ``sio.enter_room(sid, session_id)``
without ``await``. Since python-socketio 5.10, ``AsyncServer.enter_room`` is a coroutine, so
the browser's socket never joins the room named after its session id; with
``session_persistence`` (which the widget needs to continue a conversation after a reload or a
reconnection) every bot message is sent to that empty room and never reaches the widget.

This subclass replaces that one handler, awaiting the room join, and puts every message through
the input checks of ``bot.channels.input_guard`` (too long, empty). Everything else (the
events, the ``metadata`` key, the output channel) is Rasa's own, and the channel keeps Rasa's
name ``socketio`` (the input channel the intake record maps to ``kanaal: web``).
"""
from __future__ import annotations

import inspect
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.channels.input_guard import guarded

logger = logging.getLogger(__name__)


class WegwijzerSocketIOInput(SocketIOInput):
    """``socketio`` channel whose ``session_request`` really joins the session's room."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Every message passes the input checks first (too long, empty, unstorable characters).
        socketio_webhook = super().blueprint(guarded(on_new_message))
        sio = self.sio
        assert sio is not None  # set by the parent's blueprint()

        # Registering the same event again replaces the parent's handler.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # python-socketio >= 5.10
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug("socket.io session confirmed")

        return socketio_webhook
