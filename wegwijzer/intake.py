"""The intake record (contract §4) as the bot builds it from what the person told it.

Pure functions: the action server calls them with the tracker's slots, tests call them with
plain dicts. Nothing here talks to Rasa, the network or a database.
"""
from __future__ import annotations

import re
import uuid
from typing import Any, Iterable, Mapping, Optional

from wegwijzer.conversation import GEEN_KEUZE, is_anoniem
from wegwijzer.vocab import CATEGORIEEN, ROLLEN, TALEN

# Rasa's input channel names → the contract's `kanaal` values.
_KANAAL_BY_CHANNEL = {
    "rest": "rest",
    "socketio": "web",
    "telegram": "telegram",
}

MAX_FREE_TEXT = 5000
MAX_SHORT_TEXT = 200

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def kanaal_for_channel(input_channel: Optional[str]) -> str:
    """The contract's channel value for a Rasa input channel name (unknown → ``rest``)."""
    return _KANAAL_BY_CHANNEL.get((input_channel or "").lower(), "rest")


def school_slug(text: Optional[str]) -> Optional[str]:
    """Normalise what a person typed as a school code into a slug (``"Demo "`` → ``"demo"``)."""
    if not text:
        return None
    slug = _SLUG_RE.sub("-", text.strip().lower()).strip("-")
    return slug or None


def clean_text(value: Any) -> Optional[str]:
    """A stripped string, or None for missing or blank values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def zinnen_samen(*delen: Optional[str]) -> Optional[str]:
    """Parts of one story told in several messages, as one text: each part ends with a full stop
    unless it already ends a sentence; blank parts are left out."""
    out: Optional[str] = None
    for deel in filter(None, (clean_text(d) for d in delen)):
        out = deel if out is None else f"{out}{'' if out[-1] in '.!?' else '.'} {deel}"
    return out


def entity_values(parse: Mapping[str, Any], entity: str, allowed: tuple) -> list[str]:
    """The allowed values of one entity in a parsed message, in order, each once."""
    found: list[str] = []
    for item in parse.get("entities") or []:
        value = item.get("value")
        if item.get("entity") == entity and value in allowed and value not in found:
            found.append(value)
    return found


def found_categories(parse: Mapping[str, Any]) -> list[str]:
    """The contract's categories among a parsed message's ``categorie`` entities."""
    return entity_values(parse, "categorie", CATEGORIEEN)


# What stays in the conversation after a handoff: who is speaking and where, and the code
# (to read back the status). Every other slot belongs to the intake and is cleared, so a second
# report in the same chat starts empty and shows nothing of the first (issue 15).
KEPT_AFTER_HANDOFF = frozenset({
    "code", "overdracht_status", "school", "taal", "gesprekstaal", "taal_welkom", "aanspreekvorm", "rol",
    "session_started_metadata",
})


def new_intake_id() -> str:
    """A fresh intake id (uuid4 hex): one per intake, the key of its one record."""
    return uuid.uuid4().hex


def slots_to_clear(slot_names: Iterable[str]) -> list[str]:
    """The slots of the finished intake, to clear after its handoff."""
    return sorted(name for name in slot_names if name not in KEPT_AFTER_HANDOFF)


def build_intake_record(
    slots: Mapping[str, Any], conversation_id: str, kanaal: str,
    intake_id: Optional[str] = None,
) -> dict[str, Any]:
    """The record to hand to the backend, from the form's slots.

    Only what the person approved in the summary is in it; an anonymous reporter's name and
    contact details are left out even if they were typed earlier. ``intake_id`` (the slot, see
    :func:`new_intake_id`) makes the handoff idempotent per intake, not per conversation.
    """
    rol = slots.get("rol")
    # A person handed over before giving a name (asked for a human mid-intake) is anonymous.
    anoniem = is_anoniem(slots)
    gekozen_route = slots.get("gekozen_route")
    return {
        "intake_id": intake_id or slots.get("intake_id") or new_intake_id(),
        "school": slots.get("school"),
        "kanaal": kanaal,
        "conversation_id": conversation_id,
        "rol": rol if rol in ROLLEN else "anders",
        "categorieen": list(slots.get("categorieen") or []),
        "wat_gebeurd": clean_text(slots.get("wat_gebeurd")) or "",
        "wanneer": clean_text(slots.get("wanneer")) or "",
        "datum_gebeurtenis": slots.get("datum_gebeurtenis"),
        "betrokkenen": clean_text(slots.get("betrokkenen")) or "",
        "al_ondernomen": list(slots.get("al_ondernomen") or []),
        "wens": list(slots.get("wens") or []),
        "advies_routes": list(slots.get("advies_routes") or []),
        "gekozen_route": None if gekozen_route == GEEN_KEUZE else gekozen_route,
        "signalen": list(slots.get("signalen") or []),
        "anoniem": anoniem,
        "naam": None if anoniem else clean_text(slots.get("naam")),
        "contact": None if anoniem else clean_text(slots.get("contact")),
        # The person's language (slot `taal`, issue 17); the answers are in their own words.
        "taal": slots.get("taal") if slots.get("taal") in TALEN else "nl",
        # The language the bot wrote in (nl | en): the copy and the status texts follow it.
        "gesprekstaal": "en" if slots.get("gesprekstaal") == "en" else "nl",
    }
