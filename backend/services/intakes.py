"""What a contact person does to an intake, the same from the JSON API and the dashboard:
claim, share, a status change, a note or a next step read from the submitted fields (the JSON
body and the form use the same names), a message to the reporter (with the push to their chat)
and the deletion on the reporter's request (with Rasa's copy of the conversation).
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Mapping, Tuple

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from backend import keys, store
from backend.jobs import chat_push
from backend.models import Message, User
from backend.rules import casework
from backend.store import conversations

# A change to one intake as the API and the dashboard run it: ``change(db, user, intake_id,
# fields)``, the submitted fields by the names both use; the functions below are changes.
Change = Callable[[sessionmaker, User, str, Mapping[str, Any]], Awaitable[Any]]


async def claim(db: sessionmaker, user: User, intake_id: str, _fields: Mapping[str, Any]) -> None:
    """Make the user the intake's handler."""
    await store.casework.claim_intake(db, user, intake_id)


async def share(db: sessionmaker, user: User, intake_id: str, _fields: Mapping[str, Any]) -> None:
    """Let the board's confidential adviser see the intake."""
    await store.casework.share_intake(db, user, intake_id)


async def change_status(
    db: sessionmaker, user: User, intake_id: str, fields: Mapping[str, Any]
) -> str:
    """Set the status (``status``) with its reason (``reden``); returns the new status.
    A bad value raises ``casework.InputError``, a forbidden step ``InvalidTransition``."""
    status = casework.clean_status(fields.get("status"))
    reason = casework.clean_reason(fields.get("reden"))
    await store.casework.change_status(db, user, intake_id, status, reason)
    return status


async def add_note(
    db: sessionmaker, user: User, intake_id: str, fields: Mapping[str, Any]
) -> None:
    """Add the note ``tekst`` to the intake."""
    await store.casework.add_note(db, user, intake_id, casework.clean_note(fields.get("tekst")))


async def add_step(
    db: sessionmaker, user: User, intake_id: str, fields: Mapping[str, Any]
) -> None:
    """Add the next step ``omschrijving``, due on ``deadline`` (optional)."""
    description = casework.clean_step(fields.get("omschrijving"))
    due = casework.clean_due_date(fields.get("deadline"), casework.today())
    await store.casework.add_step(db, user, intake_id, description, due)


def complete_step(step_id: int) -> Change:
    """The change that marks the next step ``step_id`` (from the URL) as done."""
    async def change(db: sessionmaker, user: User, intake_id: str, _fields: Mapping[str, Any]) -> None:
        await store.casework.complete_step(db, user, intake_id, step_id)
    return change


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
