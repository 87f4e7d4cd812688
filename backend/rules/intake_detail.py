"""The JSON of one intake with its casework, for staff: the answer of ``GET /api/intakes/{id}``
and the record in a reporter's privacy export (``backend.store.privacy``). No HTTP here, so both
the API and the store use it without one importing the other.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, Optional

from backend.models import Intake, Message, User
from backend.rules import casework
from backend.rules.schemas import intake_to_json


def _person(user: Optional[User]) -> Optional[str]:
    return user.name if user is not None else None


def message_json(message: Message) -> Dict[str, Any]:
    """A message of the thread with the reporter, for staff (``author``: null for the reporter)."""
    return {
        "id": message.id,
        "van": message.sender,
        "text": message.text,
        "created_at": message.created_at.isoformat(),
        "author": _person(message.user),
    }


def intake_detail_json(intake: Intake, today: date) -> Dict[str, Any]:
    """Contract §4 plus the casework (``store.intakes.get_intake_for_user`` loads all of it)."""
    data = intake_to_json(intake)
    data.update(
        {
            "behandelaar": _person(intake.handler),
            "gedeeld_met_vertrouwenspersoon": intake.shared_at is not None,
            "gedeeld_op": intake.shared_at.isoformat() if intake.shared_at else None,
            "statusgeschiedenis": [
                {
                    "van": change.from_status,
                    "naar": change.to_status,
                    "reden": change.reason,
                    "door": _person(change.user),
                    "op": change.created_at.isoformat(),
                }
                for change in intake.status_changes
            ],
            "notities": [
                {
                    "id": note.id,
                    "tekst": note.text,
                    "door": _person(note.user),
                    "op": note.created_at.isoformat(),
                }
                for note in intake.notes
            ],
            "vervolgstappen": [
                {
                    "id": step.id,
                    "omschrijving": step.description,
                    "deadline": step.due_date.isoformat(),
                    "klaar": step.done_at is not None,
                    "te_laat": casework.step_overdue(
                        step.due_date, step.done_at is not None, today
                    ),
                    "door": _person(step.user),
                    "op": step.created_at.isoformat(),
                }
                for step in intake.steps
            ],
            "messages": [message_json(message) for message in intake.messages],
        }
    )
    return data
