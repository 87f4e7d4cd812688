"""Telling the reporter in the chat that the contact person wrote to them.

After a contact person sends a message, the backend asks Rasa to trigger the intent
:data:`INTENT` in the reporter's conversation (``POST /conversations/{id}/trigger_intent`` on
Rasa's HTTP API, with ``output_channel=latest``); the bot then says there is a new message and
shows it on request. The push never carries the message's text: a shared phone's notification
preview must not show it. Only the channels that can receive a push (:data:`PUSH_CHANNELS`);
the REST channel cannot.

The push runs in the background with a short timeout, so it never slows down or fails the
contact person's request; a failure is logged without anything personal (no conversation id,
no text, no token) and the message stays readable with the receipt code. The tasks are kept on
the app (``keys.PUSHES``) and awaited briefly when the app stops.
"""
from __future__ import annotations

import asyncio
import logging
from typing import AsyncIterator
from urllib.parse import quote

import aiohttp
from aiohttp import web

from backend import keys

log = logging.getLogger(__name__)

INTENT = "EXTERNAL_nieuw_bericht"
PUSH_CHANNELS = frozenset({"telegram", "web"})
TIMEOUT_SECONDS = 5.0


def schedule_new_message_push(app: web.Application, kanaal: str, conversation_id: str) -> bool:
    """Start the push for a new message in this conversation; False when there is none to
    make (a channel without pushes, or no Rasa configured)."""
    config = app[keys.CONFIG]
    if not config.rasa_url or kanaal not in PUSH_CHANNELS:
        return False
    task = asyncio.create_task(push_new_message(config.rasa_url, config.rasa_token, conversation_id))
    pending = app[keys.PUSHES]
    pending.add(task)
    task.add_done_callback(pending.discard)
    return True


async def push_new_message(rasa_url: str, token: str, conversation_id: str) -> bool:
    """One push; True when Rasa took it. Never raises."""
    url = f"{rasa_url.rstrip('/')}/conversations/{quote(conversation_id, safe='')}/trigger_intent"
    try:
        async with aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
        ) as session:
            async with session.post(
                url,
                params={"output_channel": "latest", "token": token},
                json={"name": INTENT, "entities": {}},
            ) as response:
                if response.status >= 400:
                    log.warning("Rasa did not take a new-message push: HTTP %s", response.status)
                    return False
                return True
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        # Not the exception's text: it may name the URL, with the conversation and the token.
        log.warning("new-message push to Rasa failed (%s)", type(exc).__name__)
        return False


async def pending_pushes(app: web.Application) -> AsyncIterator[None]:
    """``cleanup_ctx``: a set for the running pushes; at shutdown wait for them a moment."""
    app[keys.PUSHES] = set()
    yield
    pending = set(app[keys.PUSHES])
    if pending:
        _done, late = await asyncio.wait(pending, timeout=TIMEOUT_SECONDS)
        for task in late:
            task.cancel()
