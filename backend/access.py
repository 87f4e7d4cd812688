"""Who may see and do what with intakes, by role: the one place that decides it.

- ``contactpersoon``: the intakes of the schools they serve (``user_schools``); every action,
  and only they write to the reporter (``MESSAGE``).
- ``vertrouwenspersoon``: only intakes of their board's schools that a contact person shared
  with them; they may read them (the messages too) and add notes and next steps.
- ``bestuur`` (board reporter) and ``admin``: no intake at all (no free text anywhere).

Queries filter with :func:`intake_clause`, so an intake a user may not see does not exist for
them (404), exactly like one that does not exist.
"""
from __future__ import annotations

from typing import List

from sqlalchemy import false, select
from sqlalchemy.sql.elements import ColumnElement

from backend.models import (
    ROLE_CONTACTPERSOON,
    ROLE_VERTROUWENSPERSOON,
    Intake,
    School,
    User,
    user_schools,
)

READ = "read"
CLAIM = "claim"
STATUS = "status"
NOTE = "note"
STEP = "step"
SHARE = "share"
MESSAGE = "message"  # write to the reporter, who reads it with the receipt code

_ALLOWED = {
    ROLE_CONTACTPERSOON: frozenset({READ, CLAIM, STATUS, NOTE, STEP, SHARE, MESSAGE}),
    ROLE_VERTROUWENSPERSOON: frozenset({READ, NOTE, STEP}),
}


def can(user: User, action: str) -> bool:
    """True when the user's role allows ``action`` on the intakes they can see."""
    return user.active and action in _ALLOWED.get(user.role, frozenset())


def sees_intakes(user: User) -> bool:
    return can(user, READ)


def intake_clause(user: User) -> ColumnElement:
    """A WHERE clause on :class:`Intake`: the intakes this user may see."""
    if not user.active:
        return false()
    if user.role == ROLE_CONTACTPERSOON:
        return Intake.school_id.in_(
            select(user_schools.c.school_id).where(user_schools.c.user_id == user.id)
        )
    if user.role == ROLE_VERTROUWENSPERSOON and user.board_id is not None:
        return Intake.school_id.in_(
            select(School.id).where(School.board_id == user.board_id)
        ) & Intake.shared_at.isnot(None)
    return false()


def served_schools(user: User) -> List[School]:
    """The schools whose intakes the user works with (``user.schools`` and, for a board role,
    ``user.board.schools`` must be loaded, as ``queries.get_user`` does)."""
    if user.role == ROLE_CONTACTPERSOON:
        return list(user.schools)
    if user.role == ROLE_VERTROUWENSPERSOON and user.board is not None:
        return list(user.board.schools)
    return []
