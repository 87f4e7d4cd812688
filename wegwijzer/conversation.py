"""Plain-Dutch pieces of the conversation that are logic, not Rasa: who is writing (from their
own words), the categories and routes in the person's terms, reading a chosen category or route
back from a button or a typed answer, and the per-field summary shown before consent.

No Rasa here: the actions call these functions, and tests/unit check them directly.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional, Sequence

from wegwijzer.advice import aanspreekvorm  # noqa: F401  (re-exported for the actions)
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.vocab import CATEGORIEEN, ROUTES

# ---------------------------------------------------------------------------------------------
# Who is writing
# ---------------------------------------------------------------------------------------------

# Patterns on the lower-cased message, checked in this order; the first that matches decides.
# Parents speak of "mijn zoon/dochter/kind"; staff of "mijn leerling/klas" as a teacher or
# "ik werk/ben docent"; pupils of "mijn mentor/klasgenoot", "ik zit in …". Kept narrow on
# purpose: a wrong guess sets the wrong tone, no guess only means one more question.
_ROL_PATRONEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ouder", re.compile(
        r"\b(mijn|onze|ons) (zoon|zoontje|dochter|dochtertje|kind|kinderen|kids|stiefzoon|"
        r"stiefdochter|pleegkind|pleegzoon|pleegdochter)\b|\bik ben (de |zijn |haar |hun )?(moeder|vader|ouder|"
        r"verzorger|voogd)\b|\bals (moeder|vader|ouder|verzorger)\b")),
    ("personeel", re.compile(
        r"\bik (ben|werk als) (een )?(docent|leraar|lerares|leerkracht|juf|meester|mentor|"
        r"conciërge|concierge|onderwijsassistent|teamleider|zorgcoördinator|zorgcoordinator)\b|"
        r"\bik werk (op|bij|aan) (de|deze|onze|een) school\b|\bals (docent|leraar|lerares|"
        r"leerkracht|medewerker)\b|\bmijn (collega|collega's|leidinggevende)\b|"
        r"\ben (één|een) van mijn leerlingen\b|\bmijn leerlingen?\b")),
    ("leerling", re.compile(
        r"\bik zit in (groep|klas|de brugklas|de \d|havo|vwo|vmbo|mavo|gym)\b|"
        r"\bik ben (een )?(leerling|scholier)\b|\bmijn (mentor|klasgeno(o|t)(t|en)|klas|juf|"
        r"meester|leraar|lerares|docent)\b|\bin mijn klas\b|\bbij ons in de klas\b")),
)


def rol_uit_tekst(text: Optional[str]) -> Optional[str]:
    """The reporter's role from their own words ("mijn zoon wordt gepest" → ``ouder``), or None."""
    if not text:
        return None
    lowered = text.lower()
    for rol, pattern in _ROL_PATRONEN:
        if pattern.search(lowered):
            return rol
    return None


# ---------------------------------------------------------------------------------------------
# Categories in the person's terms
# ---------------------------------------------------------------------------------------------

# How the bot names a category back to the person ("Het klinkt alsof het gaat om …"), and the
# button title to pick it. Same for je and u: no pronoun in them.
CATEGORIE_OMSCHRIJVING: dict[str, str] = {
    "pesten": "pesten",
    "cyberpesten": "pesten via internet of social media",
    "intimidatie": "iemand die bang maakt, bedreigt of onder druk zet",
    "seksuele_intimidatie": "seksuele intimidatie: aanraken, opmerkingen of beelden die niet oké zijn",
    "discriminatie": "discriminatie",
    "agressie_geweld": "geweld of agressie",
    "grensoverschrijdend_gedrag": "iemand van school die over een grens gaat",
    "begeleiding": "de begeleiding of zorg op school",
    "strafmaatregel": "een straf, zoals een schorsing of verwijdering",
    "beoordeling": "een cijfer of beoordeling",
    "schoolorganisatie": "hoe de school dingen regelt",
    "anders": "iets anders",
}
CATEGORIE_KNOP: dict[str, str] = {
    "pesten": "Pesten",
    "cyberpesten": "Pesten online",
    "intimidatie": "Bang gemaakt of bedreigd",
    "seksuele_intimidatie": "Seksuele intimidatie",
    "discriminatie": "Discriminatie",
    "agressie_geweld": "Geweld of agressie",
    "grensoverschrijdend_gedrag": "Iemand van school ging over een grens",
    "begeleiding": "Begeleiding of zorg",
    "strafmaatregel": "Een straf of schorsing",
    "beoordeling": "Een cijfer of beoordeling",
    "schoolorganisatie": "Hoe de school het regelt",
    "anders": "Iets anders",
}
assert set(CATEGORIE_OMSCHRIJVING) == set(CATEGORIE_KNOP) == set(CATEGORIEEN)

# Words that name a category when someone types instead of pressing a button.
_CATEGORIE_WOORDEN: dict[str, tuple[str, ...]] = {
    "cyberpesten": ("online", "internet", "social media", "whatsapp", "insta", "snap", "tiktok", "cyber"),
    "pesten": ("pest", "gepest", "pesten"),
    "intimidatie": ("bedreig", "bang gemaakt", "onder druk", "intimid"),
    "seksuele_intimidatie": ("seksu", "aanrak", "betast", "naaktfoto", "nudes"),
    "discriminatie": ("discrimin", "racis", "huidskleur", "geloof", "homo"),
    "agressie_geweld": ("geweld", "agressi", "geslagen", "geschopt", "vecht"),
    "grensoverschrijdend_gedrag": ("grens", "over de grens"),
    "begeleiding": ("begeleiding", "zorg", "ondersteuning", "dyslexie", "passend onderwijs"),
    "strafmaatregel": ("straf", "schorsing", "geschorst", "verwijder", "strafwerk"),
    "beoordeling": ("cijfer", "beoordeling", "rapport", "toets", "examen", "overgang", "blijven zitten"),
    "schoolorganisatie": ("rooster", "regel", "organisatie", "lesuitval", "kosten", "ouderbijdrage"),
    "anders": ("iets anders", "anders"),
}


def omschrijf_categorieen(categorieen: Sequence[str]) -> str:
    """"pesten via internet of social media en pesten" — the categories, in the person's terms."""
    parts = [CATEGORIE_OMSCHRIJVING[c] for c in categorieen if c in CATEGORIE_OMSCHRIJVING]
    if not parts:
        return CATEGORIE_OMSCHRIJVING["anders"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def categorieen_uit_tekst(text: Optional[str]) -> list[str]:
    """The categories a button title or a short typed answer names, in contract order."""
    if not text:
        return []
    lowered = text.strip().lower()
    for categorie, knop in CATEGORIE_KNOP.items():
        if lowered == knop.lower():
            return [categorie]
    found = [c for c, words in _CATEGORIE_WOORDEN.items() if any(w in lowered for w in words)]
    if "cyberpesten" in found and "pesten" in found:
        found.remove("pesten")  # "online gepest" is one thing, not two
    if len(found) > 1 and "anders" in found:
        found.remove("anders")
    return [c for c in CATEGORIEEN if c in found]


# ---------------------------------------------------------------------------------------------
# The person's choice of route
# ---------------------------------------------------------------------------------------------

GEEN_KEUZE = "geen"  # "weet ik nog niet": kept in the slot, null in the intake record
GEEN_KEUZE_KNOP = "Ik weet het nog niet"

_ROUTE_WOORDEN: dict[str, tuple[str, ...]] = {
    "onderling_overleg": ("zelf praten", "met de ander", "zelf met", "zelf"),
    "mentor": ("mentor", "teamleider", "leerkracht", "juf", "meester"),
    "contactpersoon": ("contactpersoon",),
    "directeur": ("directeur", "directie", "rector"),
    "bevoegd_gezag": ("schoolbestuur", "bestuur", "bevoegd gezag"),
    "klachtencommissie": ("klachtencommissie", "commissie"),
    "landelijke_klachtencommissie": ("landelijke", "lkc"),
    "vertrouwenspersoon": ("vertrouwenspersoon",),
    "vertrouwensinspecteur": ("vertrouwensinspecteur", "inspecteur", "inspectie"),
    "politie": ("politie", "aangifte"),
    "veilig_thuis": ("veilig thuis",),
    "commissie_van_beroep_examens": ("beroep", "examen"),
}
_GEEN_KEUZE_WOORDEN = ("weet ik niet", "weet het niet", "weet ik nog niet", "weet het nog niet",
                       "geen idee", "idk", "nog niet", "geen", "niks", "niets", "twijfel")
_EERSTE_WOORDEN = ("de eerste", "eerste", "jouw advies", "je advies", "uw advies", "het advies",
                   "die eerste", "wat je aanraadt", "wat jij aanraadt")


def route_knoppen(advies_routes: Sequence[str]) -> list[dict[str, str]]:
    """Buttons for the choice: the advised routes in order, then "weet ik nog niet".
    The payload is the title itself, so a typed answer and a pressed button read the same."""
    buttons = [{"title": ROUTE_NAMEN[r], "payload": ROUTE_NAMEN[r]} for r in advies_routes]
    buttons.append({"title": GEEN_KEUZE_KNOP, "payload": GEEN_KEUZE_KNOP})
    return buttons


def route_uit_tekst(text: Optional[str], advies_routes: Sequence[str]) -> Optional[str]:
    """The route a button title or typed answer picks, ``GEEN_KEUZE`` for "weet ik nog niet",
    or None when the answer names no route (or several, so the bot asks again)."""
    if not text:
        return None
    lowered = " ".join(text.strip().lower().split())
    for route in ROUTES:
        if lowered == ROUTE_NAMEN[route].lower():
            return route
    if lowered == GEEN_KEUZE_KNOP.lower():
        return GEEN_KEUZE
    named = {r for r, words in _ROUTE_WOORDEN.items() if any(_has_word(lowered, w) for w in words)}
    if "landelijke_klachtencommissie" in named:
        named.discard("klachtencommissie")
    if "vertrouwensinspecteur" in named:
        named.discard("vertrouwenspersoon")
    if len(named) > 1:
        # "zelf" often rides along ("ik ga zelf naar de mentor"): the other route is the choice.
        named.discard("onderling_overleg")
    if len(named) == 1:
        return named.pop()
    if named:
        return None
    if any(_has_word(lowered, w) for w in _GEEN_KEUZE_WOORDEN):
        return GEEN_KEUZE
    if advies_routes and any(_has_word(lowered, w) for w in _EERSTE_WOORDEN):
        return advies_routes[0]
    return None


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}", text) is not None


# ---------------------------------------------------------------------------------------------
# The summary before consent
# ---------------------------------------------------------------------------------------------

_ROL_LABEL = {"leerling": "leerling", "ouder": "ouder of verzorger", "personeel": "medewerker van de school",
              "anders": "iemand anders"}
_ONDERNOMEN_LABEL = {
    "niets": "nog niets", "onderling_overleg": "zelf gepraat met de ander", "mentor": "de mentor",
    "contactpersoon": "de contactpersoon", "directeur": "de directeur",
    "bevoegd_gezag": "het schoolbestuur", "vertrouwenspersoon": "de vertrouwenspersoon",
    "klachtencommissie": "de klachtencommissie", "anders": "iets anders",
}
_WENS_LABEL = {
    "gehoord_worden": "dat iemand luistert", "advies": "advies", "bemiddeling": "een goed gesprek met hulp",
    "stoppen_gedrag": "dat het stopt", "formele_klacht": "een officiële klacht",
    "maatregel": "dat er een maatregel komt", "excuses": "excuses", "anders": "iets anders",
}
# (slot, label for "je", label for "u")
SAMENVATTING_VELDEN: tuple[tuple[str, str, str], ...] = (
    ("rol", "Jij bent", "U bent"),
    ("wat_gebeurd", "Wat er gebeurde", "Wat er gebeurde"),
    ("categorieen", "Waar het over gaat", "Waar het over gaat"),
    ("wanneer", "Wanneer", "Wanneer"),
    ("betrokkenen", "Wie erbij waren", "Wie erbij waren"),
    ("al_ondernomen", "Wat je al hebt gedaan", "Wat u al heeft gedaan"),
    ("wens", "Wat je graag wilt", "Wat u graag wilt"),
    ("gekozen_route", "Je keuze", "Uw keuze"),
    ("naam", "Je naam", "Uw naam"),
    ("contact", "Zo kun je bereikt worden", "Zo kunt u bereikt worden"),
)


def samenvatting_regels(slots: Mapping[str, Any], vorm: str = "je") -> list[tuple[str, str, str]]:
    """The summary as (slot, label, value) lines, only for what is known. The record handed over
    holds exactly these values (see ``wegwijzer.intake.build_intake_record``)."""
    anoniem = is_anoniem(slots)
    lines = []
    for slot, label_je, label_u in SAMENVATTING_VELDEN:
        if anoniem and slot in ("naam", "contact"):
            continue
        value = _weergave(slot, slots.get(slot))
        if value:
            lines.append((slot, label_u if vorm == "u" else label_je, value))
    if anoniem:
        lines.append(("anoniem", "Anoniem", "ja, zonder naam"))
    return lines


def samenvatting_tekst(slots: Mapping[str, Any], vorm: str = "je") -> str:
    return "\n".join(f"- {label}: {value}" for _, label, value in samenvatting_regels(slots, vorm))


def is_anoniem(slots: Mapping[str, Any]) -> bool:
    """Anonymous when the person said so, or when they gave neither a name nor contact details."""
    if slots.get("anoniem") is True:
        return True
    return not (_text(slots.get("naam")) or _text(slots.get("contact")))


def _weergave(slot: str, value: Any) -> Optional[str]:
    if value is None or value == [] or value == "":
        return None
    if slot == "rol":
        return _ROL_LABEL.get(value)
    if slot == "categorieen":
        return omschrijf_categorieen(value)
    if slot == "al_ondernomen":
        return _opsomming(_ONDERNOMEN_LABEL.get(v, v) for v in value)
    if slot == "wens":
        return _opsomming(_WENS_LABEL.get(v, v) for v in value)
    if slot == "gekozen_route":
        return "nog niet gekozen" if value == GEEN_KEUZE else ROUTE_NAMEN.get(value, value).lower()
    return _text(value)


def _opsomming(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _text(value: Any) -> Optional[str]:
    return value.strip() if isinstance(value, str) and value.strip() else None
