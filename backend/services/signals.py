"""Signals (*signalen*: what a contact person noticed without a complaint) as the API and the
dashboard page share them: the refusals in Dutch, and the audit of a read (without content).
"""
from __future__ import annotations

from typing import List

from aiohttp import web

from backend import keys, store
from backend.models import Signal, User

NOT_YOUR_SCHOOL = (
    "Voor deze school kun je geen signalen vastleggen. Kies een school waarvoor jij "
    "contactpersoon bent."
)
NOT_YOUR_ROLE = "Met jouw rol kun je geen signalen vastleggen."


async def audit_signals_read(request: web.Request, user: User, signals: List[Signal],
                             via: str) -> None:
    """One audit entry for the signals just shown (``via``: ``api`` or ``dashboard``)."""
    if signals:
        await store.audit.audit_without_intake(
            request.app[keys.DB], user, store.audit.SIGNALS_READ,
            signalen=[signal.id for signal in signals], via=via,
        )
