"""Validation of the incoming intake record (contract §4) and its JSON form on the way out.

Every value is checked against ``wegwijzer.vocab``; messages are Dutch, one per field, so the
action server's developers (and logs) see exactly what was wrong. Unknown extra fields are
ignored (the contract allows more fields); ``id``, ``status`` and ``created_at`` are assigned by
the backend and ignored when sent. ``code`` may be sent: the receipt code the action server
already told the person (it may have kept the intake in its outbox first); it must be a
well-formed code, and the backend keeps (the keyed hash of) it unless another intake has it
(``backend.store.intakes.create_intake``). ``intake_id`` is the bot's id of the intake: one record
per intake (records without it, from older action servers or outboxes, are keyed by their
``conversation_id``). The JSON for staff (:func:`intake_to_json`) carries ``referentie``, never
the code: the code is the reporter's alone (issue 15). ``gesprekstaal`` is the language the
bot wrote in (``nl`` or ``en``): the reporter's copy and status texts follow it; a record
without it is English when the reporter's ``taal`` is, else Dutch (:func:`conversation_language`).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Dict, List, Mapping, Optional, Sequence

from wegwijzer.vocab import (
    AL_ONDERNOMEN,
    CATEGORIEEN,
    KANALEN,
    ROLLEN,
    ROUTES,
    SIGNALEN,
    TALEN,
    WENSEN,
    normalise_code,
)
from wegwijzer.taal import GESPREKSTALEN

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 64
MAX_FREE_TEXT = 10_000  # wat_gebeurd, wanneer, betrokkenen
MAX_CONVERSATION_ID = 255
INTAKE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_NAAM = 200
MAX_CONTACT = 500


class ValidationError(Exception):
    """The record has invalid fields; ``fields`` maps each field name to a Dutch message."""

    def __init__(
        self, fields: Dict[str, str], message: str = "Niet alle velden van de intake kloppen."
    ) -> None:
        super().__init__("invalid intake record")
        self.fields = fields
        self.message = message


@dataclass(frozen=True)
class IntakeIn:
    school: str
    kanaal: str
    conversation_id: str
    rol: str
    categorieen: List[str]
    wat_gebeurd: str
    wanneer: str
    datum_gebeurtenis: Optional[date]
    betrokkenen: str
    al_ondernomen: List[str]
    wens: List[str]
    advies_routes: List[str]
    gekozen_route: Optional[str]
    signalen: List[str]
    anoniem: bool
    naam: Optional[str]
    contact: Optional[str]
    # The receipt code the action server proposes (canonical form); None: the backend draws one.
    code: Optional[str] = None
    # The reporter's language (ISO 639-1); absent in records made before issue 17: Dutch.
    taal: str = "nl"
    # The language the bot wrote in (nl | en): the copy and the status texts follow it.
    gesprekstaal: str = "nl"
    # The bot's intake_id; None in older records: the conversation id keys them.
    intake_id: Optional[str] = None

    @property
    def intake_key(self) -> str:
        return self.intake_id or self.conversation_id

    def as_columns(self) -> Dict[str, Any]:
        """The values for the ``Intake`` model (without ``school``, which becomes an id, and
        ``code``, which the backend settles)."""
        values = asdict(self)
        del values["school"], values["code"], values["intake_id"]
        values["intake_key"] = self.intake_key
        return values


_MISSING = object()


class _Checker:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.errors: Dict[str, str] = {}

    def _get(self, name: str, *, nullable: bool) -> Any:
        value = self.data.get(name, None if nullable else _MISSING)
        if value is _MISSING:
            self.errors[name] = "Dit veld ontbreekt."
        elif value is None and not nullable:
            self.errors[name] = "Dit veld mag niet leeg (null) zijn."
            return _MISSING
        return value

    def text(
        self, name: str, max_length: int, *, required: bool = False, nullable: bool = False
    ) -> Any:
        value = self._get(name, nullable=nullable)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, str):
            self.errors[name] = "Dit veld moet tekst zijn."
            return None
        value = value.strip()
        if "\x00" in value:
            self.errors[name] = "Deze tekst bevat een ongeldig teken."
        elif len(value) > max_length:
            self.errors[name] = f"Deze tekst is te lang: hooguit {max_length} tekens."
        elif required and not value:
            self.errors[name] = "Dit veld mag niet leeg zijn."
        elif nullable and not value:
            return None
        return value

    def choice(self, name: str, allowed: Sequence[str], *, nullable: bool = False) -> Any:
        value = self._get(name, nullable=nullable)
        if value is _MISSING or value is None:
            return None
        if value not in allowed or not isinstance(value, str):
            self.errors[name] = (
                f"Onbekende waarde {_show(value)}. Kies uit: {', '.join(allowed)}."
            )
            return None
        return value

    def choices(self, name: str, allowed: Sequence[str]) -> List[str]:
        value = self._get(name, nullable=False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.errors[name] = "Dit veld moet een lijst zijn."
            return []
        unknown = [item for item in value if not isinstance(item, str) or item not in allowed]
        if unknown:
            shown = ", ".join(_show(item) for item in unknown)
            self.errors[name] = f"Onbekende waarde(n) {shown}. Kies uit: {', '.join(allowed)}."
            return []
        return list(dict.fromkeys(value))  # drop duplicates, keep order

    def boolean(self, name: str) -> bool:
        value = self._get(name, nullable=False)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.errors[name] = "Dit veld moet true of false zijn."
            return False
        return value

    def iso_date(self, name: str) -> Optional[date]:
        value = self._get(name, nullable=True)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.errors[name] = "Dit moet een datum zijn als JJJJ-MM-DD, of null."
            return None

    def receipt_code(self, name: str) -> Optional[str]:
        value = self._get(name, nullable=True)
        if value is _MISSING or value is None:
            return None
        code = normalise_code(value) if isinstance(value, str) else None
        if code is None:
            self.errors[name] = (
                "Dit is geen geldige code: 12 tekens, zoals K7QM-3XDA-9TPW, of null."
            )
        return code

    def intake_id(self, name: str) -> Optional[str]:
        value = self._get(name, nullable=True)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, str) or not INTAKE_ID_RE.match(value):
            self.errors[name] = "Dit is geen geldige intake-id: 8 tot 64 letters, cijfers, - of _."
            return None
        return value

    def slug(self, name: str) -> Optional[str]:
        value = self.text(name, MAX_SLUG, required=True)
        value = value.lower() if isinstance(value, str) else value
        if value and name not in self.errors and not SLUG_RE.match(value):
            self.errors[name] = "Dit is geen geldige schoolcode (kleine letters, cijfers en -)."
        return value


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def conversation_language(gesprekstaal: Any, taal: Any) -> str:
    """The language the reporter was written to in: ``gesprekstaal`` when sent, else English
    for an English-speaking reporter (``taal``), else Dutch."""
    if gesprekstaal in GESPREKSTALEN:
        return gesprekstaal
    return "en" if taal == "en" else "nl"


def parse_intake(data: Any) -> IntakeIn:
    """Validate the JSON body of ``POST /api/intakes``; raise :class:`ValidationError`."""
    if not isinstance(data, dict):
        raise ValidationError({}, "Stuur een JSON-object met de velden van de intake.")
    check = _Checker(data)
    anoniem = check.boolean("anoniem")
    naam = check.text("naam", MAX_NAAM, nullable=True)
    contact = check.text("contact", MAX_CONTACT, nullable=True)
    if anoniem:
        # Anonymous means anonymous: whatever came along is not stored.
        naam = contact = None
        check.errors.pop("naam", None)
        check.errors.pop("contact", None)
    record = IntakeIn(
        school=check.slug("school") or "",
        kanaal=check.choice("kanaal", KANALEN),
        conversation_id=check.text("conversation_id", MAX_CONVERSATION_ID, required=True),
        rol=check.choice("rol", ROLLEN),
        categorieen=check.choices("categorieen", CATEGORIEEN),
        wat_gebeurd=check.text("wat_gebeurd", MAX_FREE_TEXT, required=True),
        wanneer=check.text("wanneer", MAX_FREE_TEXT) or "",
        datum_gebeurtenis=check.iso_date("datum_gebeurtenis"),
        betrokkenen=check.text("betrokkenen", MAX_FREE_TEXT) or "",
        al_ondernomen=check.choices("al_ondernomen", AL_ONDERNOMEN),
        wens=check.choices("wens", WENSEN),
        advies_routes=check.choices("advies_routes", ROUTES),
        gekozen_route=check.choice("gekozen_route", ROUTES, nullable=True),
        signalen=check.choices("signalen", SIGNALEN),
        anoniem=anoniem,
        naam=naam,
        contact=contact,
        code=check.receipt_code("code"),
        taal=check.choice("taal", TALEN, nullable=True) or "nl",
        gesprekstaal=conversation_language(
            check.choice("gesprekstaal", GESPREKSTALEN, nullable=True), data.get("taal")
        ),
        intake_id=check.intake_id("intake_id"),
    )
    if check.errors:
        raise ValidationError(check.errors)
    return record


def intake_to_json(intake: Any) -> Dict[str, Any]:
    """The contract §4 form of an ``Intake`` (its ``school`` relationship must be loaded), as
    staff read it: the case reference, never the receipt code."""
    return {
        "id": intake.id,
        "referentie": intake.referentie,
        "school": intake.school.slug,
        "kanaal": intake.kanaal,
        "conversation_id": intake.conversation_id,
        "rol": intake.rol,
        "categorieen": list(intake.categorieen),
        "wat_gebeurd": intake.wat_gebeurd,
        "wanneer": intake.wanneer,
        "datum_gebeurtenis": (
            intake.datum_gebeurtenis.isoformat() if intake.datum_gebeurtenis else None
        ),
        "betrokkenen": intake.betrokkenen,
        "al_ondernomen": list(intake.al_ondernomen),
        "wens": list(intake.wens),
        "advies_routes": list(intake.advies_routes),
        "gekozen_route": intake.gekozen_route,
        "signalen": list(intake.signalen),
        "anoniem": intake.anoniem,
        "naam": intake.naam,
        "contact": intake.contact,
        "status": intake.status,
        "created_at": intake.created_at.isoformat(),
        "taal": intake.taal,
        "gesprekstaal": intake.gesprekstaal,
    }
