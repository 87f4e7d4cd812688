"""The rules of handling an intake, without I/O: the status workflow, checks on what a user
types (reasons, notes, next steps, messages to and from the reporter) and the Dutch labels the
dashboard shows.

Queries enforce the workflow inside their transaction; views use the same checks to answer
with a message next to the field.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Dict, Iterable, Optional

from wegwijzer.dates import LOCAL_TZ
from wegwijzer.vocab import SIGNALEN, STATUSSEN, TALEN

NIEUW, IN_BEHANDELING, DOORVERWEZEN, AFGESLOTEN = STATUSSEN



def today() -> date:
    """Today in the Netherlands (due dates are Dutch calendar days)."""
    return datetime.now(LOCAL_TZ).date()

# nieuw → in_behandeling → doorverwezen → afgesloten; a referred case can come back, a closed
# one can be reopened. Every change needs a reason.
TRANSITIONS: Dict[str, tuple] = {
    NIEUW: (IN_BEHANDELING, DOORVERWEZEN, AFGESLOTEN),
    IN_BEHANDELING: (DOORVERWEZEN, AFGESLOTEN),
    DOORVERWEZEN: (IN_BEHANDELING, AFGESLOTEN),
    AFGESLOTEN: (IN_BEHANDELING,),
}

STATUS_LABELS = {
    NIEUW: "Nieuw",
    IN_BEHANDELING: "In behandeling",
    DOORVERWEZEN: "Doorverwezen",
    AFGESLOTEN: "Afgesloten",
}

# The advice flags on an intake (record field `signalen`; not the signals without a
# complaint, `models.Signal`: docs/architecture.md, "Words").
FLAG_LABELS = {
    "acuut_gevaar": "Acuut gevaar",
    "mogelijk_strafbaar": "Mogelijk strafbaar",
    "zedenzaak_personeel": "Zedenzaak personeel",
    "examen": "Examen",
    "buiten_termijn": "Buiten termijn",
    "minderjarig": "Minderjarig",
}
assert set(FLAG_LABELS) == set(SIGNALEN)

# The reporter's language (record field `taal`, issue 17).
TAAL_LABELS = {
    "nl": "Nederlands",
    "en": "Engels",
    "tr": "Turks",
    "ar": "Arabisch",
    "pl": "Pools",
    "uk": "Oekraïens",
    "de": "Duits",
    "es": "Spaans",
}
assert set(TAAL_LABELS) == set(TALEN)

# Flags that put an intake on top of the inbox, most urgent first.
URGENT_FLAGS = ("acuut_gevaar", "mogelijk_strafbaar")

MAX_REASON = 2_000
MAX_NOTE = 10_000
MAX_STEP = 1_000
MAX_MESSAGE = 5_000  # a message to or from the reporter

CLAIM_REASON = "Opgepakt"


class InputError(Exception):
    """What the user typed cannot be used; ``field`` is the form field, ``message`` Dutch."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field)
        self.field = field
        self.message = message


class InvalidTransition(Exception):
    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(f"{current} -> {wanted}")
        self.current = current
        self.wanted = wanted
        self.message = (
            f"Van “{STATUS_LABELS.get(current, current)}” kan een melding niet naar "
            f"“{STATUS_LABELS.get(wanted, wanted)}”."
        )


def allowed_next(status: str) -> tuple:
    return TRANSITIONS.get(status, ())


def check_transition(current: str, wanted: str) -> None:
    if wanted not in allowed_next(current):
        raise InvalidTransition(current, wanted)


# C0/C1 controls except tab and line feed, and the bidirectional overrides and isolates
# (which can make text read differently from what it is).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_control_chars(text: str) -> str:
    """Text safe to show: control characters (except tab and newlines) and bidirectional
    overrides are dropped, line ends become ``\\n``; escaping HTML is the template's job."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def clean_text(value: object, field: str, max_length: int, what: str) -> str:
    """A required free text from a form or JSON body, or :class:`InputError`."""
    if not isinstance(value, str):
        raise InputError(field, f"Vul {what} in.")
    text = unicodedata.normalize("NFC", without_control_chars(value)).strip()
    if not text:
        raise InputError(field, f"Vul {what} in.")
    if len(text) > max_length:
        raise InputError(field, f"Dit is te lang: hooguit {max_length} tekens.")
    return text


def clean_reason(value: object) -> str:
    return clean_text(value, "reden", MAX_REASON, "een reden")


def clean_note(value: object) -> str:
    return clean_text(value, "tekst", MAX_NOTE, "een notitie")


def clean_step(value: object) -> str:
    return clean_text(value, "omschrijving", MAX_STEP, "wat er moet gebeuren")


def clean_message(value: object, field: str = "tekst") -> str:
    """A message to or from the reporter; ``field`` names it in the form or JSON body."""
    return clean_text(value, field, MAX_MESSAGE, "een bericht")


def clean_status(value: object) -> str:
    if not isinstance(value, str) or value not in STATUSSEN:
        raise InputError("status", "Kies een nieuwe status.")
    return value


def clean_due_date(value: object, today: Optional[date] = None) -> date:
    """A due date as ``JJJJ-MM-DD`` (what ``<input type=date>`` sends), not in the past."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("deadline", "Kies een datum.")
    try:
        due = date.fromisoformat(value.strip())
    except ValueError:
        raise InputError("deadline", "Vul een datum in als JJJJ-MM-DD.") from None
    if today is not None and due < today:
        raise InputError("deadline", "Kies vandaag of een datum in de toekomst.")
    return due


def urgency(flags: Iterable[str]) -> int:
    """0 for acute danger, 1 for possibly criminal, 2 for the rest (sort key of the inbox)."""
    found = set(flags)
    for rank, flag in enumerate(URGENT_FLAGS):
        if flag in found:
            return rank
    return len(URGENT_FLAGS)


def step_overdue(due_date: date, done: bool, today: date) -> bool:
    return not done and due_date < today
