"""The warning-sign checklist of the crisis net (``wegwijzer/crisis_checklist.yml``) as patterns.

The checklist is data: ten fixed signs (wanting to die, no reason to live, wanting to
disappear, self-harm, being hit now, someone waiting to hurt me, a weapon, sexual abuse, unsafe
at home, grooming), each written out per language. This module turns it into the same shape as the
hand-written patterns (``{taal: {kind: [regex, ...]}}``) so that ``wegwijzer.safety`` applies
both; the file says how a form is written.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from wegwijzer.safety_regex import near

CHECKLIST = Path(__file__).with_name("crisis_checklist.yml")
_WORD = re.compile(r"@(\w+)")


def load(path: Path = CHECKLIST) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _expand(form: str, words: dict[str, str]) -> str:
    """`@name` → the language's word list of that name (lists may use other lists)."""
    for _ in range(5):
        if "@" not in form:
            return form
        form = _WORD.sub(lambda m: words[m.group(1)], form)
    raise ValueError(f"word lists refer to each other without end: {form}")


def form_to_regex(form: Any, words: dict[str, str]) -> str:
    if isinstance(form, str):
        return _expand(form, words)
    if isinstance(form, dict) and set(form) in ({"bij", "binnen"}, {"bij", "binnen", "niet"}) and len(form["bij"]) == 2:
        first, second = (_expand(part, words) for part in form["bij"])
        together = near(first, second, int(form["binnen"]))
        if "niet" in form:  # not in a message that has this anywhere (a trip, a babysitter)
            return rf"^(?!.*(?:{_expand(form['niet'], words)})).*?{together}"
        return together
    raise ValueError(f"not a checklist form: {form!r}")


def patterns(data: dict[str, Any] | None = None) -> dict[str, dict[str, list[str]]]:
    """{taal: {kind: [regex, ...]}} for every sign of the checklist, in the checklist's order."""
    data = data if data is not None else load()
    out: dict[str, dict[str, list[str]]] = {}
    for sign in data["tekens"].values():
        for taal, forms in sign["vormen"].items():
            words = data.get("woorden", {}).get(taal, {})
            per_kind = out.setdefault(taal, {}).setdefault(sign["soort"], [])
            per_kind += [form_to_regex(form, words) for form in forms]
    return out


PATTERNS = patterns()
