"""The fixed vocabularies of the product contract (contract.md §2 and §4).

Every value that crosses a process boundary (bot → backend, backend → dashboard, tests) is one
of these. Keep them in the contract's order; add values only together with the contract.
"""
from __future__ import annotations

import re
import secrets
from typing import Optional

ROLLEN = ("leerling", "ouder", "personeel", "anders", "oud_leerling")

KANALEN = ("web", "telegram", "rest")

# The person's language (slot and record field `taal`, ISO 639-1): Dutch first, the default.
TALEN = ("nl", "en", "tr", "ar", "pl", "uk", "de", "es")

CATEGORIEEN = (
    "pesten",
    "cyberpesten",
    "intimidatie",
    "seksuele_intimidatie",
    "discriminatie",
    "agressie_geweld",
    "grensoverschrijdend_gedrag",
    "begeleiding",
    "strafmaatregel",
    "beoordeling",
    "schoolorganisatie",
    "anders",
)

AL_ONDERNOMEN = (
    "niets",
    "onderling_overleg",
    "mentor",
    "contactpersoon",
    "directeur",
    "bevoegd_gezag",
    "vertrouwenspersoon",
    "klachtencommissie",
    "anders",
)

WENSEN = (
    "gehoord_worden",
    "advies",
    "bemiddeling",
    "stoppen_gedrag",
    "formele_klacht",
    "maatregel",
    "excuses",
    "anders",
)

ROUTES = (
    "onderling_overleg",
    "mentor",
    "contactpersoon",
    "directeur",
    "bevoegd_gezag",
    "klachtencommissie",
    "landelijke_klachtencommissie",
    "vertrouwenspersoon",
    "vertrouwensinspecteur",
    "politie",
    "veilig_thuis",
    "commissie_van_beroep_examens",
)

SIGNALEN = (
    "acuut_gevaar",
    "mogelijk_strafbaar",
    "zedenzaak_personeel",
    "examen",
    "buiten_termijn",
    "minderjarig",
)

STATUSSEN = ("nieuw", "in_behandeling", "doorverwezen", "afgesloten")

# Receipt codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), shown in
# three groups of four ("K7QM-3XDA-9TPW"): 30**12 ≈ 2**59 possibilities, typed in any case,
# with or without dashes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4

# A receipt code as people type it: 12 code characters, in groups of 4 or not, any case.
CODE_IN_TEXT = re.compile(
    rf"(?<![0-9A-Za-z])(?:[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}}[\s-]?){{{CODE_GROUPS - 1}}}"
    rf"[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}}(?![0-9A-Za-z])",
    re.IGNORECASE,
)


def canonical_code(code: str) -> str:
    """``k7qm 3xda9tpw`` → ``K7QM-3XDA-9TPW``: the form the backend issues."""
    raw = re.sub(r"[\s-]", "", code).upper()
    return "-".join(raw[i:i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


CODE_LENGTH = CODE_GROUPS * CODE_GROUP_LENGTH
_CODE_CHARS = frozenset(CODE_ALPHABET)


def generate_code(length: int = CODE_LENGTH) -> str:
    """A fresh receipt code such as ``K7QM-3XDA-9TPW`` (cryptographically random). The action
    server proposes one with each intake and the backend keeps it (``backend.store``); with
    another ``length`` it makes the backend's Telegram link codes."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
    return canonical_code(raw)


def normalise_code(text: str, length: int = CODE_LENGTH) -> Optional[str]:
    """The canonical form of a code the person typed (any case, dashes or spaces optional),
    or ``None`` when it cannot be a code of that length."""
    raw = re.sub(r"[\s\-]", "", text or "").upper()
    if len(raw) != length or not set(raw) <= _CODE_CHARS:
        return None
    return canonical_code(raw)
