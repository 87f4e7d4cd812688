"""``POST /api/telegram/link``: the Telegram channel links a contact person's chat with the
one-time code they got on the dashboard (``/start koppel-<code>`` or ``/koppel <code>``).

Only the Rasa server's Telegram channel calls it, with the service token. A code that is
unknown, used or expired answers 404 with one Dutch message for all three (a caller learns
nothing about which codes exist). Neither the code nor the chat id is logged.
"""
from __future__ import annotations

from aiohttp import web

from backend import keys, store
from backend.api.helpers import require_service_token
from backend.middlewares import json_error, read_json

routes = web.RouteTableDef()

INVALID_CODE = (
    "Deze koppelcode werkt niet: hij klopt niet, is al gebruikt of is verlopen. "
    "Maak in Wegwijzer een nieuwe code."
)
BAD_BODY = "Stuur een JSON-object met een koppelcode (code) en een chat-id (chat_id)."


@routes.post("/api/telegram/link", name="api_telegram_link")
async def link(request: web.Request) -> web.Response:
    require_service_token(request)
    data = await read_json(request)
    code = data.get("code") if isinstance(data, dict) else None
    chat_id = data.get("chat_id") if isinstance(data, dict) else None
    if (
        not isinstance(code, str)
        or not isinstance(chat_id, int)
        or isinstance(chat_id, bool)
        or not -(2**63) <= chat_id < 2**63
    ):
        raise json_error(web.HTTPBadRequest, BAD_BODY)
    try:
        await store.notifications.link_telegram(request.app[keys.DB], code, chat_id)
    except store.errors.InvalidLinkCode:
        raise json_error(web.HTTPNotFound, INVALID_CODE) from None
    return web.json_response({"gekoppeld": True})
