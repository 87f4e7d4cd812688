"""A signal (*signaal*) as a contact person registers it, checked without I/O: the same rules for
the dashboard's form and for ``POST /api/signals``, with one Dutch message per field.

Whether the user serves the school is the query's business (``store.signals.create_signal``).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Optional, Sequence, Tuple

from backend.rules.casework import without_control_chars
from backend.rules.schemas import SLUG_RE
from wegwijzer.vocab import CATEGORIEEN, ROLLEN

MAX_DESCRIPTION = 10_000
EARLIEST = date(2000, 1, 1)


class SignalInvalid(Exception):
    """``fields`` maps each wrong field to a Dutch message."""

    def __init__(self, fields: Dict[str, str]) -> None:
        super().__init__("invalid signal")
        self.fields = fields
        self.message = "Niet alles is goed ingevuld. Kijk naar de velden met een melding."


@dataclass(frozen=True)
class SignalIn:
    school: str
    noticed_on: date
    categorieen: Tuple[str, ...]
    rol: str
    description: Optional[str]


def parse_signal(
    *,
    school: Any,
    datum: Any,
    categorieen: Sequence[Any],
    rol: Any,
    omschrijving: Any,
    today: date,
) -> SignalIn:
    """Check the fields (form values or a JSON body's); raise :class:`SignalInvalid`."""
    errors: Dict[str, str] = {}

    slug = school.strip().lower() if isinstance(school, str) else ""
    if not SLUG_RE.match(slug):
        errors["school"] = "Kies de school."

    noticed_on = None
    if not isinstance(datum, str) or not datum.strip():
        errors["datum"] = "Vul de datum in waarop je het merkte."
    else:
        try:
            noticed_on = date.fromisoformat(datum.strip())
        except ValueError:
            errors["datum"] = "Vul een datum in als JJJJ-MM-DD."
        else:
            if noticed_on > today:
                errors["datum"] = "Deze datum ligt in de toekomst."
            elif noticed_on < EARLIEST:
                errors["datum"] = "Deze datum ligt te ver terug."

    chosen: List[str] = []
    if not isinstance(categorieen, (list, tuple)) or not categorieen:
        errors["categorieen"] = "Kies minstens één onderwerp."
    elif any(not isinstance(c, str) or c not in CATEGORIEEN for c in categorieen):
        errors["categorieen"] = "Kies onderwerpen uit de lijst."
    else:
        chosen = list(dict.fromkeys(categorieen))

    if not isinstance(rol, str) or rol not in ROLLEN:
        errors["rol"] = "Kies om wie het gaat of van wie je het hoorde."

    description: Optional[str] = None
    if omschrijving is not None and not isinstance(omschrijving, str):
        errors["omschrijving"] = "Dit moet tekst zijn."
    elif omschrijving:
        text = unicodedata.normalize("NFC", without_control_chars(omschrijving)).strip()
        if len(text) > MAX_DESCRIPTION:
            errors["omschrijving"] = f"Dit is te lang: hooguit {MAX_DESCRIPTION} tekens."
        description = text or None

    if errors:
        raise SignalInvalid(errors)
    assert noticed_on is not None
    return SignalIn(slug, noticed_on, tuple(chosen), rol, description)
