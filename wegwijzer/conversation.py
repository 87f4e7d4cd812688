"""Plain-Dutch pieces of the conversation that are logic, not Rasa: who is writing (from their
own words), the categories and routes in the person's terms, reading a chosen category or route
back from a button or a typed answer, the per-field summary shown before consent and its
changes ("verander wanneer in: vorige week", "haal de namen eruit"), and the contact person's
messages shown to someone who comes back with their receipt code.

No Rasa here: the actions call these functions, and tests/unit check them directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping, Optional, Sequence

from wegwijzer.advice import aanspreekvorm  # noqa: F401  (re-exported for the actions)
from wegwijzer.dates import dutch_date
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.vocab import AL_ONDERNOMEN, CATEGORIEEN, ROUTES, WENSEN

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


def alleen_knoppen(categorieen: Sequence[str]) -> list[dict[str, str]]:
    """Beside "klopt dat?" for a guess of two or more categories: one button per category
    ("Alleen: Pesten"), so a half-right guess is put right with one press instead of "nee" and
    the list of all categories. The payload is the category's button title, read as a choice
    like a typed answer."""
    if len(categorieen) < 2:
        return []
    return [{"title": f"Alleen: {CATEGORIE_KNOP[c]}", "payload": CATEGORIE_KNOP[c]}
            for c in categorieen if c in CATEGORIE_KNOP]


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
              "anders": "iemand anders", "oud_leerling": "oud-leerling"}
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


# ---------------------------------------------------------------------------------------------
# Changing the summary before consent: "pas aan" and "laat weg"
# ---------------------------------------------------------------------------------------------

AANPASSEN, WEGLATEN = "aanpassen", "weglaten"
GEEN_VELD = "geen"  # "laat maar": no change after all
# The fields a person may change or leave out, in the summary's order. "Wat er gebeurde" can be
# changed but not left out: without it there is nothing to hand over.
WIJZIGBARE_VELDEN = ("wat_gebeurd", "wanneer", "betrokkenen", "al_ondernomen", "wens", "naam", "contact")
NIET_WEG_TE_LATEN = ("wat_gebeurd",)
_LIJST_VELDEN = {"al_ondernomen": AL_ONDERNOMEN, "wens": WENSEN}

# Words that name a field in a typed change, checked in this order (the most specific first:
# "wat ik al heb gedaan" is not "wat er gebeurde", "de namen" are the people, not one's name).
_VELD_WOORDEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("al_ondernomen", ("al gedaan", "al heb gedaan", "al heeft gedaan", "al hebt gedaan",
                       "geprobeerd", "ondernomen", "gedaan")),
    ("contact", ("bereikt", "bereiken", "contact", "e-mail", "email", "mail", "telefoon",
                 "nummer", "adres")),
    ("betrokkenen", ("wie", "namen", "betrokken", "erbij", "personen", "mensen")),
    ("naam", ("naam",)),
    ("wens", ("graag", "wens", "wat ik wil", "wat je wilt", "wat u wilt", "wat wij willen",
              "wat we willen", "wat jij wilt")),
    ("wanneer", ("wanneer", "datum", "tijd", "moment", "dag")),
    ("wat_gebeurd", ("gebeurd", "gebeurde", "verhaal", "wat er", "het verhaal")),
)
# Said before the field, not part of it: "ik wil graag de datum aanpassen".
_BEGIN_WEG = re.compile(
    r"^(?:ik wil(?: graag)?|ik zou(?: graag)?|kun je|kan je|kunt u|wil je|wilt u|mag ik|graag|"
    r"alsjeblieft|alstublieft|svp)\s+", re.IGNORECASE)
_LIDWOORD = re.compile(r"^(?:de|het|een|mijn|m'n|die|dat|bij)\s+", re.IGNORECASE)

_AANPASSEN_MET_WAARDE = (
    # verander wanneer in: vorige week / wijzig de datum naar vorige week / vervang X door Y
    re.compile(r"^(?:verander|wijzig|vervang)\s+(?P<veld>.+?)\s+(?:in|naar|door)\s*:\s*(?P<waarde>.+)$", re.I | re.S),
    re.compile(r"^(?:verander|wijzig|vervang)\s+(?P<veld>.+?)\s+(?:in|naar|door)\s+(?P<waarde>.+)$", re.I | re.S),
    # pas wanneer aan: vorige week / pas wanneer aan naar vorige week
    re.compile(r"^pas\s+(?P<veld>.+?)\s+aan\s*(?:in|naar|:)\s*:?\s*(?P<waarde>.+)$", re.I | re.S),
    # wanneer moet zijn: vorige week / wanneer moet vorige week zijn
    re.compile(r"^(?P<veld>[^:]+?)\s+moet\s+(?:zijn\s*:?\s*(?P<waarde>.+)|(?P<waarde2>.+?)\s+zijn)$", re.I | re.S),
    # wanneer: vorige week
    re.compile(r"^(?P<veld>[^:]{2,40}):\s*(?P<waarde>.+)$", re.S),
)
_AANPASSEN_ZONDER_WAARDE = (
    re.compile(r"^(?:verander|wijzig|vervang)\s+(?P<veld>.+)$", re.I),
    re.compile(r"^pas\s+(?P<veld>.+?)\s+aan$", re.I),
    re.compile(r"^(?P<veld>.+?)\s+(?:veranderen|aanpassen|wijzigen|anders)$", re.I),
)
_WEGLATEN = (
    re.compile(r"^(?:laat|haal|doe)\s+(?P<veld>.+?)\s+(?:weg|eruit|eraf|uit)$", re.I),
    re.compile(r"^(?:verwijder|schrap|wis)\s+(?P<veld>.+)$", re.I),
    re.compile(r"^(?P<veld>.+?)\s+(?:weglaten|eruit|weg|verwijderen|schrappen|wissen)$", re.I),
    re.compile(r"^zonder\s+(?P<veld>.+)$", re.I),
)
_SOORT_WOORDEN = {
    AANPASSEN: ("pas aan", "pas iets aan", "pas het aan", "aanpassen", "verander", "veranderen",
                "wijzig", "wijzigen", "anders"),
    WEGLATEN: ("laat weg", "weglaten", "weg", "eruit", "verwijder", "schrap"),
}
_LAAT_MAAR = ("laat maar", "niets", "niks", "toch niet", "nee", "geen", "klopt wel", "hoeft niet")


@dataclass(frozen=True)
class Wijziging:
    """A change the person asked for: its kind (``AANPASSEN`` or ``WEGLATEN``), the field, and
    for a change the new text. What is not known yet is None (the bot asks for it)."""

    soort: Optional[str] = None
    veld: Optional[str] = None
    waarde: Optional[str] = None


def veld_label(veld: str, vorm: str = "je") -> str:
    for slot, label_je, label_u in SAMENVATTING_VELDEN:
        if slot == veld:
            return label_u if vorm == "u" else label_je
    raise KeyError(veld)


def veld_uit_tekst(text: Optional[str]) -> Optional[str]:
    """The field a button title or a few typed words name ("Wanneer", "de namen", "mijn
    e-mailadres"), or None when they name none of the fields that can change."""
    if not text:
        return None
    lowered = _LIDWOORD.sub("", _BEGIN_WEG.sub("", " ".join(text.strip().lower().split())))
    for veld in WIJZIGBARE_VELDEN:
        if lowered in (veld_label(veld, "je").lower(), veld_label(veld, "u").lower()):
            return veld
    if lowered in ("namen", "de namen", "wie erbij waren"):
        return "betrokkenen"
    for veld, words in _VELD_WOORDEN:
        if any(_has_word(lowered, w) for w in words):
            return veld
    return None


def parse_wijziging(text: Optional[str], soort: Optional[str] = None) -> Wijziging:
    """Reads a typed change: "verander wanneer in: vorige week" → (aanpassen, wanneer, "vorige
    week"); "haal de namen eruit" → (weglaten, betrokkenen); "pas iets aan" → (aanpassen).
    ``soort`` is the kind the intent or button already told, used when the words do not."""
    if not text or text.startswith("/"):
        return Wijziging(soort=soort)
    stripped = _BEGIN_WEG.sub("", " ".join(text.strip().split()).rstrip(" .!"))
    for pattern in _AANPASSEN_MET_WAARDE:
        match = pattern.match(stripped)
        if match:
            veld = veld_uit_tekst(match.group("veld"))
            waarde = match.groupdict().get("waarde") or match.groupdict().get("waarde2")
            if veld and waarde and waarde.strip():
                return Wijziging(AANPASSEN, veld, waarde.strip())
    for kind, patterns in ((WEGLATEN, _WEGLATEN), (AANPASSEN, _AANPASSEN_ZONDER_WAARDE)):
        for pattern in patterns:
            match = pattern.match(stripped)
            if match:
                veld = veld_uit_tekst(match.group("veld"))
                if veld:
                    return Wijziging(kind, veld)
    lowered = stripped.lower()
    short = len(lowered.split()) <= 7
    for kind, words in _SOORT_WOORDEN.items():
        if any(_has_word(lowered, w) for w in words):
            return Wijziging(kind, veld_uit_tekst(lowered) if short else None)
    return Wijziging(soort, veld_uit_tekst(lowered) if soort and short else None)


def is_laat_maar(text: Optional[str]) -> bool:
    """"Laat maar", "toch niet": no change after all."""
    lowered = " ".join((text or "").lower().strip(" .!").split())
    return lowered in _LAAT_MAAR or lowered.startswith(("laat maar", "toch niet", "nee "))


def wijzigbare_velden(slots: Mapping[str, Any], soort: str) -> list[str]:
    """The fields the summary shows now that can get this change, in the summary's order."""
    shown = {slot for slot, _, _ in samenvatting_regels(slots)}
    return [v for v in WIJZIGBARE_VELDEN if v in shown and not (soort == WEGLATEN and v in NIET_WEG_TE_LATEN)]


def veld_knoppen(slots: Mapping[str, Any], soort: str, vorm: str = "je") -> list[dict[str, str]]:
    """Buttons to pick a field; the payload is the title itself, so typing it reads the same."""
    buttons = [{"title": veld_label(v, vorm), "payload": veld_label(v, vorm)}
               for v in wijzigbare_velden(slots, soort)]
    buttons.append({"title": "Laat maar", "payload": "Laat maar"})
    return buttons


def pas_wijziging_toe(
    slots: Mapping[str, Any], wijziging: Wijziging, gevonden: Sequence[str] = ()
) -> dict[str, Any]:
    """The slot values that carry out a change, to be set on the tracker. Leaving a field out
    empties it, and whatever else holds its words (the first message inside "wat er gebeurde",
    the date read from "wanneer"), so nothing of it stays in the conversation's state.
    ``gevonden`` are the contract values the model found in a new answer for a list field."""
    veld = wijziging.veld
    if veld not in WIJZIGBARE_VELDEN or wijziging.soort not in (AANPASSEN, WEGLATEN):
        return {}
    if wijziging.soort == WEGLATEN:
        if veld in NIET_WEG_TE_LATEN:
            return {}
        changes: dict[str, Any] = {veld: [] if veld in _LIJST_VELDEN else None}
    else:
        waarde = (wijziging.waarde or "").strip()
        if not waarde:
            return {}
        if veld in _LIJST_VELDEN:
            changes = {veld: lijst_waarden(veld, waarde, gevonden)}
        else:
            changes = {veld: waarde}
    if veld == "wat_gebeurd":
        changes["eerste_bericht"] = None
    if veld == "wanneer":
        changes["datum_gebeurtenis"] = None
    if veld in ("naam", "contact") and wijziging.soort == AANPASSEN:
        changes["anoniem"] = False
    return changes


_LIJST_WOORDEN: dict[str, dict[str, tuple[str, ...]]] = {
    "al_ondernomen": {
        "niets": ("niets", "niks", "nog niet", "nee"),
        "onderling_overleg": ("zelf", "met de ander", "met hem", "met haar", "met ze", "tegen hem",
                              "tegen haar", "gezegd dat hij", "gezegd dat ze", "gezegd dat zij",
                              "met de docent", "de docent gemaild", "met die docent", "nee gezegd"),
        "mentor": ("mentor", "leerkracht", "juf", "meester", "teamleider", "afdelingsleider"),
        "contactpersoon": ("contactpersoon",),
        "directeur": ("directeur", "directie", "rector"),
        "bevoegd_gezag": ("bestuur", "bevoegd gezag"),
        "vertrouwenspersoon": ("vertrouwenspersoon",),
        "klachtencommissie": ("klachtencommissie", "commissie"),
    },
    "wens": {
        "gehoord_worden": ("luistert", "luisteren", "gehoord"),
        "advies": ("advies", "raad"),
        "bemiddeling": ("bemiddel", "gesprek"),
        "stoppen_gedrag": ("stopt", "stoppen", "stopen", "stop", "ophoudt", "ophouden", "ophoud",
                           "met rust", "niet meer doet", "niet meer doen", "niet meer zeggen",
                           "niet meer gebeurt", "normaal doet", "normaal tegen"),
        "formele_klacht": ("klacht", "officieel", "officiële"),
        "maatregel": ("maatregel", "straf", "geschorst", "schorsen", "aangepakt", "aanpakt", "optreedt"),
        "excuses": ("excuses", "sorry", "spijt"),
    },
}
# An answer that starts with "nothing" is nothing, whatever it adds ("Niets, ik heb het alleen
# aan mijn therapeut verteld").
_NIETS_EERST = re.compile(r"^(?:nee[, ]+)?(?:nog )?(?:niets|niks|nee|nope|nog niet)\b(?! met\b)")


def lijst_waarden(veld: str, text: str, gevonden: Sequence[str] = ()) -> list[str]:
    """Contract values for a typed answer to a list field: what the model found and what the
    words name ("dat ze ermee stoppen" → stoppen_gedrag, "dat de school maatregelen neemt" →
    maatregel), else ``anders`` (shown as "iets anders": nothing is invented)."""
    allowed = _LIJST_VELDEN[veld]
    lowered = " ".join(text.lower().split())
    if veld == "al_ondernomen" and _NIETS_EERST.search(lowered):
        return ["niets"]
    values = {v for v in allowed if v in gevonden}
    values |= {v for v, words in _LIJST_WOORDEN[veld].items() if any(_has_word(lowered, w) for w in words)}
    if len(values) > 1:
        values -= {"niets", "anders"}
    return [v for v in allowed if v in values] or ["anders"]


# ---------------------------------------------------------------------------------------------
# Coming back with a receipt code: the contact person's messages
# ---------------------------------------------------------------------------------------------

MAX_BERICHT = 5000  # what the backend accepts for one reply


def datum_in_woorden(value: Optional[str]) -> Optional[str]:
    """``2026-12-03T14:05:00+00:00`` → "3 december 2026"; None for a missing or odd value."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return dutch_date(moment)


def berichten_tekst(berichten: Sequence[Mapping[str, Any]], vorm: str = "je") -> str:
    """The messages about a report, oldest first: who wrote (the contact person, never by name,
    or the person themself) and when, in words, then the text."""
    if not berichten:
        return "Er zijn nog geen berichten van de contactpersoon."
    zelf = "u" if vorm == "u" else "jou"
    blocks = []
    for bericht in berichten:
        van = "de contactpersoon" if bericht.get("van") == "contactpersoon" else zelf
        when = datum_in_woorden(bericht.get("op"))
        header = f"Van {van}, {when}:" if when else f"Van {van}:"
        blocks.append(f"{header}\n{(bericht.get('tekst') or '').strip()}")
    return "Berichten:\n\n" + "\n\n".join(blocks)
