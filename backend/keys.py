"""Typed application keys (``web.AppKey``), all in one module."""
from __future__ import annotations

import asyncio
from typing import Set

from aiohttp import web
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import sessionmaker

from backend.config import Config

CONFIG = web.AppKey("config", Config)
ENGINE = web.AppKey("engine", AsyncEngine)
# The factory of AsyncSession objects; the store's functions (``backend.store``) open their own
# session from it.
DB = web.AppKey("db", sessionmaker)
# Background pushes to Rasa still running ("new message" for the reporter,
# ``backend.jobs.chat_push``).
PUSHES = web.AppKey("pushes", Set[asyncio.Task])
# The key that signs reporters' copies (``Config.signing_key``, parsed once).
SIGNING_KEY = web.AppKey("signing_key", Ed25519PrivateKey)

# Request keys (plain strings: typed request keys arrive only in aiohttp 3.10).
REQUEST_USER = "wegwijzer_user"
