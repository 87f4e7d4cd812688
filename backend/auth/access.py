"""Who may see and do what with intakes, by role: the one place that decides it.

- ``contactpersoon``: the intakes of the schools they serve (``user_schools``); every action,
  and only they write to the reporter (``MESSAGE``) and delete an intake on the reporter's
  request (``DELETE``).
- ``vertrouwenspersoon``: only intakes of their board's schools that a contact person shared
  with them; they may read them (the messages too) and add notes and next steps.
- ``bestuur`` (board reporter) and ``admin``: no intake at all (no free text anywhere). An
  ``admin`` hands a leaving contact person's cases over to a successor (:func:`can_transfer_cases`)
  without seeing them.

Queries filter with :func:`intake_clause`, so an intake a user may not see does not exist for
them (404), exactly like one that does not exist.

Signals (``models.Signal``) and the yearly report:

- a ``contactpersoon`` registers and reads the signals of the schools they serve
  (:func:`signal_clause`), and reads the yearly report of each of those schools;
- a ``bestuur`` user reads the yearly report of their board and of each of its schools: counts
  only, never a signal's or an intake's text;
- ``vertrouwenspersoon`` and ``admin``: neither signals nor reports.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from sqlalchemy import false, select
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from backend.models import (
    ROLE_ADMIN,
    ROLE_BESTUUR,
    ROLE_CONTACTPERSOON,
    ROLE_VERTROUWENSPERSOON,
    Board,
    Intake,
    School,
    Signal,
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
DELETE = "delete"  # delete the intake on the reporter's request (``backend.store.privacy``)

_ALLOWED = {
    ROLE_CONTACTPERSOON: frozenset({READ, CLAIM, STATUS, NOTE, STEP, SHARE, MESSAGE, DELETE}),
    ROLE_VERTROUWENSPERSOON: frozenset({READ, NOTE, STEP}),
}


def can(user: User, action: str) -> bool:
    """True when the user's role allows ``action`` on the intakes they can see."""
    return user.active and action in _ALLOWED.get(user.role, frozenset())


def sees_intakes(user: User) -> bool:
    return can(user, READ)


def intake_schools(user: User) -> Optional[Select]:
    """A SELECT of the ids of the schools whose intakes this user may see (some of: a
    vertrouwenspersoon only the shared ones); None when the user sees no intake at all."""
    if not user.active:
        return None
    if user.role == ROLE_CONTACTPERSOON:
        return select(user_schools.c.school_id).where(user_schools.c.user_id == user.id)
    if user.role == ROLE_VERTROUWENSPERSOON and user.board_id is not None:
        # The board's schools, and those that left it since an intake was shared with it.
        shared_here = select(Intake.school_id).where(Intake.shared_board_id == user.board_id)
        return select(School.id).where(
            (School.board_id == user.board_id) | School.id.in_(shared_here)
        )
    return None


def intake_clause(user: User) -> ColumnElement:
    """A WHERE clause on :class:`Intake`: the intakes this user may see."""
    schools = intake_schools(user)
    if schools is None:
        return false()
    clause = Intake.school_id.in_(schools)
    if user.role == ROLE_VERTROUWENSPERSOON:
        # Shared with this board, at the time of sharing: not with whichever board the school
        # belongs to now.
        clause = clause & Intake.shared_at.isnot(None) & (Intake.shared_board_id == user.board_id)
    return clause


def can_transfer_cases(user: User) -> bool:
    """Only an ``admin`` transfers a leaving contact person's cases
    (``store.transfers.transfer_cases``)."""
    return user.active and user.role == ROLE_ADMIN


def served_schools(user: User) -> List[School]:
    """The schools whose intakes the user works with (``user.schools`` and, for a board role,
    ``user.board.schools`` must be loaded, as ``store.accounts.get_user`` does)."""
    if user.role == ROLE_CONTACTPERSOON:
        return list(user.schools)
    if user.role == ROLE_VERTROUWENSPERSOON and user.board is not None:
        return list(user.board.schools)
    return []


# --- signals and yearly reports ----------------------------------------------------------------

def can_register_signals(user: User) -> bool:
    return user.active and user.role == ROLE_CONTACTPERSOON


def signal_clause(user: User) -> ColumnElement:
    """A WHERE clause on :class:`Signal`: the signals this user may see."""
    if not can_register_signals(user):
        return false()
    return Signal.school_id.in_(
        select(user_schools.c.school_id).where(user_schools.c.user_id == user.id)
    )


def report_scopes(user: User) -> Tuple[List[Board], List[School]]:
    """The boards and the schools whose yearly report this user may read (loaded as for
    :func:`served_schools`)."""
    if not user.active:
        return [], []
    if user.role == ROLE_CONTACTPERSOON:
        return [], list(user.schools)
    if user.role == ROLE_BESTUUR and user.board is not None:
        return [user.board], list(user.board.schools)
    return [], []
