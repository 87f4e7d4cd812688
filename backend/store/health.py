"""Whether the database answers (``GET /health``)."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import sessionmaker


async def ping(db: sessionmaker) -> None:
    """Raise if the database does not answer ``SELECT 1``."""
    async with db() as session:
        await session.execute(text("SELECT 1"))
