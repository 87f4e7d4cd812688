"""Typed application keys (``web.AppKey``), all in one module."""
from __future__ import annotations

import asyncio
from typing import Set

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import sessionmaker

from backend.config import Config

CONFIG = web.AppKey("config", Config)
ENGINE = web.AppKey("engine", AsyncEngine)
# The factory of AsyncSession objects; queries open their own session from it.
DB = web.AppKey("db", sessionmaker)
# Background pushes to Rasa still running ("new message" for the reporter, ``backend.notify``).
PUSHES = web.AppKey("pushes", Set[asyncio.Task])

# Request keys (plain strings: typed request keys arrive only in aiohttp 3.10).
REQUEST_USER = "wegwijzer_user"
