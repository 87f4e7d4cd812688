"""What a contact person does to an intake that takes more than one query, the same from the
JSON API and the dashboard: a message to the reporter (with the push to their chat) and the
deletion on the reporter's request (with Rasa's copy of the conversation).
"""
from __future__ import annotations

from typing import Tuple

from aiohttp import web

from backend import keys, store
from backend.jobs import chat_push
from backend.models import Message, User
from backend.store import conversations


async def send_message(
    request: web.Request, user: User, intake_id: str, text: str
) -> Tuple[Message, bool]:
    """Store a contact person's message and, where the channel can take it, start the push
    that tells the reporter's chat (in the background). Returns the message and whether a
    push was started."""
    message, intake = await store.messages.add_message(request.app[keys.DB], user, intake_id, text)
    pushed = chat_push.schedule_new_message_push(request.app, intake.kanaal, intake.conversation_id)
    return message, pushed


async def delete_on_request(request: web.Request, user: User, intake_id: str) -> bool:
    """Delete the intake (``store.errors.NotFound``/``Forbidden`` as for casework), then
    Rasa's copy of its conversation; returns whether that copy was wiped too (the intake is
    gone either way, as with ``wegwijzer privacy delete``)."""
    chat = await store.privacy.delete_intake_for_user(request.app[keys.DB], user, intake_id)
    return await conversations.forget([chat])  # only this intake's part of the chat
