"""Chat spelling spelled out ("mn", "gwn", "gister"), so that the readers of the person's words
(``wegwijzer.feiten``, ``wegwijzer.wanneer``) match one spelling."""
from __future__ import annotations

import re
from typing import Iterable

_CHAT = {
    "mn": "mijn", "m'n": "mijn", "me": "me", "zn": "zijn", "z'n": "zijn", "gwn": "gewoon",
    "gister": "gisteren", "gistere": "gisteren", "ff": "even", "idd": "inderdaad", "wnr": "wanneer",
    "vd": "van de", "wk": "week", "wkn": "weken", "mnd": "maand", "mndn": "maanden", "jr": "jaar",
    "maandn": "maanden", "wekn": "weken", "dr": "der",
}


def normaliseer(text: str | None) -> str:
    """Lower case, chat spelling spelled out, one space between words."""
    lowered = (text or "").lower().replace("’", "'")
    words = re.findall(r"[\w'/-]+|[^\w\s]", lowered)
    return " ".join(_CHAT.get(w, w) for w in words)


def matches_any(patterns: Iterable[str], text: str) -> bool:
    """Whether any of the regular expressions is found in the text."""
    return any(re.search(p, text) for p in patterns)
