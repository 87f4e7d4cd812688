"""HTTP client for the Wegwijzer backend, as the action server (and the Telegram channel, to
link a contact person's chat) uses it.

Each call returns data or raises one of two errors that actions map to honest answers:
``BackendUnavailable`` (could not reach it, or it failed: try again later) and
``BackendRejected`` (it refused the data: retrying will not help).
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Optional

import aiohttp

from shared.client_settings import Settings
from wegwijzer.regulation import RegulationProfile

logger = logging.getLogger(__name__)


class BackendUnavailable(Exception):
    """The backend could not be reached or answered with a server error."""


class BackendRejected(Exception):
    """The backend answered with a client error: the request itself was not accepted."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def _timeout(settings: Settings) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(total=settings.timeout_seconds)


async def _service_post(path: str, body: dict[str, Any], settings: Settings, what: str) -> Any:
    """POST ``body`` with the service token; the JSON answer of a 200 or 201."""
    url = f"{settings.backend_url}{path}"
    headers = {"Authorization": f"Bearer {settings.service_token}"}
    try:
        async with aiohttp.ClientSession(timeout=_timeout(settings)) as session:
            async with session.post(url, json=body, headers=headers) as response:
                if response.status in (200, 201):
                    return await response.json()
                # Status only: the body may echo what the person typed.
                logger.warning("Backend refused %s: HTTP %s", what, response.status)
                if response.status >= 500:
                    raise BackendUnavailable(f"HTTP {response.status}")
                raise BackendRejected(response.status)
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        logger.warning("Backend unreachable for %s: %s", what, type(error).__name__)
        raise BackendUnavailable(type(error).__name__) from error


async def post_intake(record: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Store an intake; returns the backend's record with ``id`` and ``code``.

    Safe to repeat: the backend keeps one record per ``intake_id``; a repeat answers the stored
    record, with ``code`` only when the repeat proposed the same code (the backend keeps only a
    keyed hash of it).
    """
    return await _service_post("/api/intakes", record, settings, "an intake")


async def link_telegram(code: str, chat_id: int, settings: Settings) -> bool:
    """``POST /api/telegram/link``: True when the chat is now linked to the account of this
    one-time code, False when the backend does not accept the code (unknown, used, expired).
    Raises :class:`BackendUnavailable` when it cannot say now."""
    try:
        await _service_post(
            "/api/telegram/link", {"code": code, "chat_id": chat_id}, settings, "a Telegram link"
        )
    except BackendRejected as refused:
        if refused.status in (400, 404):
            return False
        raise BackendUnavailable(str(refused)) from refused  # e.g. a wrong service token
    return True


# A school's profile is read at nearly every turn of an intake (the form checks the school, the
# advice and the FAQ read its regulation): an answer is kept this long, per backend and school,
# so a turn costs no backend round trip and a busy school day no backend load. A changed
# regulation reaches the chat within this time; "unreachable" is never kept.
SCHOOL_CACHE_SECONDS = 60.0
_school_cache: dict[tuple[str, str], tuple[float, int, Optional[dict]]] = {}


async def _get_school(slug: str, settings: Settings) -> tuple[Optional[int], Optional[dict]]:
    """``GET /api/schools/{slug}``: (status, JSON body when 200), or (None, None) if unreachable."""
    key = (settings.backend_url, slug)
    cached = _school_cache.get(key)
    if cached and time.monotonic() - cached[0] < SCHOOL_CACHE_SECONDS:
        return cached[1], cached[2]
    url = f"{settings.backend_url}/api/schools/{slug}"
    try:
        async with aiohttp.ClientSession(timeout=_timeout(settings)) as session:
            async with session.get(url) as response:
                body = await response.json() if response.status == 200 else None
                status = response.status
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return None, None
    if status in (200, 404):
        _school_cache[key] = (time.monotonic(), status, body)
    return status, body


async def school_regulation(slug: str, settings: Settings) -> Optional[RegulationProfile]:
    """The regulation profile of the school's board, or None when unknown or unreachable."""
    _, data = await _get_school(slug, settings)
    if not data or not data.get("regeling"):
        return None
    try:
        return RegulationProfile.from_dict(data["regeling"])
    except (KeyError, ValueError):
        logger.warning("The backend sent a regulation profile that does not validate")
        return None


async def school_exists(slug: str, settings: Settings) -> Optional[bool]:
    """Whether the backend knows this school; None when the backend cannot tell us now."""
    status, _ = await _get_school(slug, settings)
    return {200: True, 404: False}.get(status)


# Names the chat conversation a code lookup is for (with the service token), so the backend
# throttles one person's mistyped codes, not every chat behind the action server's address.
CONVERSATION_HEADER = "X-Wegwijzer-Gesprek"


def _for_conversation(settings: Settings, conversation_id: Optional[str]) -> dict[str, str]:
    if not conversation_id:
        return {}
    return {"Authorization": f"Bearer {settings.service_token}", CONVERSATION_HEADER: conversation_id}


async def _public_post(
    path: str, body: dict[str, Any], settings: Settings, conversation_id: Optional[str]
) -> tuple[int, Any]:
    """POST a reporter's lookup to a public endpoint (the code in the body, never in the URL):
    (status, JSON body or None). Raises :class:`BackendUnavailable` when unreachable."""
    url = f"{settings.backend_url}{path}"
    headers = _for_conversation(settings, conversation_id)
    try:
        async with aiohttp.ClientSession(timeout=_timeout(settings)) as session:
            async with session.post(url, json=body, headers=headers) as response:
                try:
                    data = await response.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError):
                    data = None
                return response.status, data
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        logger.warning("Backend unreachable for %s: %s", path, type(error).__name__)
        raise BackendUnavailable(type(error).__name__) from error


async def reporter_status(
    code: str, settings: Settings, conversation_id: Optional[str] = None
) -> Optional[dict[str, Any]]:
    """``POST /api/public/status`` with ``{"code"}``: how the report is doing and the messages
    about it (``berichten``), or None for an unknown code. Raises :class:`BackendUnavailable`
    when the backend cannot answer now (throttled included: trying later is the answer)."""
    status, data = await _public_post(
        "/api/public/status", {"code": code}, settings, conversation_id
    )
    if status == 404:
        return None
    if status != 200 or not isinstance(data, dict):
        raise BackendUnavailable(f"HTTP {status}")
    return data


async def copy_link(
    code: str, settings: Settings, conversation_id: Optional[str] = None
) -> Optional[str]:
    """``POST /api/public/kopielink``: a short-lived one-time link to the reporter's copy (the
    code is not in it), as the person's browser reaches it; None when it cannot be made now."""
    try:
        status, data = await _public_post(
            "/api/public/kopielink", {"code": code}, settings, conversation_id
        )
    except BackendUnavailable:
        return None
    if status != 201 or not isinstance(data, dict) or not isinstance(data.get("pad"), str):
        return None
    return f"{settings.public_url}{data['pad']}"


def copy_page(settings: Settings) -> str:
    """The page where a reporter gets their copy by typing the code (when no link can be made)."""
    return f"{settings.public_url}/kopie"


async def post_reply(
    code: str, tekst: str, settings: Settings, conversation_id: Optional[str] = None
) -> Optional[dict[str, Any]]:
    """``POST /api/public/status/berichten`` with ``{"code", "tekst"}``: the person's reply to
    the contact person. Returns the backend's answer (``{"ok": true, "op": ...}``), or None for
    an unknown code. Raises :class:`BackendRejected` with the backend's Dutch reason when it
    refuses the text or throttles (400, 429), and :class:`BackendUnavailable` when it cannot
    answer now."""
    status, data = await _public_post(
        "/api/public/status/berichten", {"code": code, "tekst": tekst}, settings, conversation_id
    )
    if status in (200, 201):
        return data
    if status == 404:
        return None
    logger.warning("Backend refused a reply: HTTP %s", status)
    if status >= 500:
        raise BackendUnavailable(f"HTTP {status}")
    raise BackendRejected(_error_text(data))


def _error_text(body: Any) -> str:
    """The backend's Dutch ``{"error": ...}`` for the person, or '' when there is none."""
    error = body.get("error") if isinstance(body, dict) else None
    return error.strip() if isinstance(error, str) else ""
