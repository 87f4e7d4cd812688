"""Plain-Dutch pieces of the conversation that are logic, not Rasa: who is writing (from their
own words), the categories and routes in the person's terms, reading a chosen category or route
back from a button or a typed answer, the per-field summary shown before consent (its changes,
"verander wanneer in: vorige week", are read in :mod:`wegwijzer.summary_changes`), and the
contact person's messages shown to someone who comes back with their receipt code.

No Rasa here: the actions call these functions, and tests/unit check them directly.

In an English conversation (issue 17: ``taal="en"``) the same functions use the English tables
below (``*_EN``); the readers understand both languages, so a Dutch word in an English
conversation (or the reverse) is still read.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Iterable, Mapping, Optional, Sequence

from wegwijzer.advice import aanspreekvorm, route_namen  # noqa: F401  (aanspreekvorm: re-exported)
from wegwijzer.dates import dutch_date, english_date
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.route_texts_en import ROUTE_NAMEN_EN
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
        r"(?:\b(?:mijn|onze|ons|mn)|\bm'n) (zoon|zoontje|dochter|dochtertje|kind|kinderen|kids|stiefzoon|"
        r"stiefdochter|pleegkind|pleegzoon|pleegdochter)\b|\bik ben (de |zijn |haar |hun )?(moeder|vader|ouder|"
        r"verzorger|voogd)\b|\bals (moeder|vader|ouder|verzorger)\b|"
        r"\b(my|our) (son|daughter|child|children|kid|kids|stepson|stepdaughter|foster child)\b|"
        r"\bi(?: am|'m) (a |the |his |her |their )?(mother|father|mum|mom|dad|parent|carer|guardian)\b|"
        r"\b(mother|father|parent) of\b|\bas a (mother|father|parent)\b")),
    ("personeel", re.compile(
        r"\bik (ben|werk als) (een )?(docent|leraar|lerares|leerkracht|juf|meester|mentor|"
        r"conciërge|concierge|onderwijsassistent|teamleider|zorgcoördinator|zorgcoordinator)\b|"
        r"\bik werk (op|bij|aan) (de|deze|onze|een) school\b|\bals (docent|leraar|lerares|"
        r"leerkracht|medewerker)\b|\bmijn (collega|collega's|leidinggevende)\b|"
        r"\ben (één|een) van mijn leerlingen\b|\bmijn leerlingen?\b|\bmijn (klas)?lokaal\b|"
        r"\bi (am|'m|work as) an? (teacher|mentor|teaching assistant|caretaker|team leader)\b|"
        r"\bi work (at|in) (the|this|our|a) school\b|\bmy (students|pupils|colleagues?|class as)\b")),
    ("leerling", re.compile(
        r"\bik zit in (groep|klas|de brugklas|de \d|havo|vwo|vmbo|mavo|gym)\b|"
        r"\bik ben (een )?(leerling|scholier)\b|\bmijn (mentor|klasgeno(o|t)(t|en)|klas|juf|"
        r"meester|leraar|lerares|docent)\b|\bin mijn klas\b|\bbij ons in de klas\b|"
        r"\bi(?: am|'m) (a )?(student|pupil)\b|\bi(?: am|'m) in (year|grade|class|form)\b|"
        r"\bmy (mentor|classmates?|teacher)\b|\bin my class\b")),
)


# Words in quotes are someone else's: a teacher quoting a father's WhatsApp ("'je gaat eraan als
# mijn zoon nog 1x moet nablijven'") is no parent (blind7). Not an apostrophe ('s avonds, m'n).
_CITAAT = re.compile(r"(?:^|(?<=[\s:(]))(?:['‘](?![stn]\b)[^'’\n]{2,200}['’]|[\"“„][^\"”\n]{2,200}[\"”])(?=$|[\s.,!?;:)])")


def zonder_citaten(text: str) -> str:
    """The text with what it quotes between quotation marks left out."""
    return _CITAAT.sub(" ", text)


# A trainee says "mijn mentor" and "de klas" as a pupil does, but may be a student teacher or
# a student on placement: no guess, the role question asks (blind8: a pabo trainee was taken for
# a pupil and told her parents would hear of it).
_STAGIAIR = re.compile(r"\bik (?:ben|loop|doe) (?:hier )?(?:een |de |mijn )?(?:stagiair|stagiaire|stage|lio)\b")


def rol_uit_tekst(text: Optional[str]) -> Optional[str]:
    """The reporter's role from their own words ("mijn zoon wordt gepest" → ``ouder``), or None;
    not from words they quote."""
    if not text:
        return None
    lowered = zonder_citaten(text).lower()
    if _STAGIAIR.search(lowered) and not _ROL_PATRONEN[0][1].search(lowered):
        return None
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
CATEGORIE_OMSCHRIJVING_EN: dict[str, str] = {
    "pesten": "bullying",
    "cyberpesten": "bullying online or on social media",
    "intimidatie": "someone who frightens, threatens or puts pressure on someone",
    "seksuele_intimidatie": "sexual harassment: touching, remarks or images that are not OK",
    "discriminatie": "discrimination",
    "agressie_geweld": "violence or aggression",
    "grensoverschrijdend_gedrag": "someone at school who crosses a line",
    "begeleiding": "the support or care at school",
    "strafmaatregel": "a punishment, like a suspension or expulsion",
    "beoordeling": "a grade or assessment",
    "schoolorganisatie": "how the school arranges things",
    "anders": "something else",
}
CATEGORIE_KNOP_EN: dict[str, str] = {
    "pesten": "Bullying",
    "cyberpesten": "Bullying online",
    "intimidatie": "Frightened or threatened",
    "seksuele_intimidatie": "Sexual harassment",
    "discriminatie": "Discrimination",
    "agressie_geweld": "Violence or aggression",
    "grensoverschrijdend_gedrag": "Someone at school crossed a line",
    "begeleiding": "Support or care",
    "strafmaatregel": "A punishment or suspension",
    "beoordeling": "A grade or assessment",
    "schoolorganisatie": "How the school arranges things",
    "anders": "Something else",
}
assert set(CATEGORIE_OMSCHRIJVING) == set(CATEGORIE_KNOP) == set(CATEGORIEEN)
assert set(CATEGORIE_OMSCHRIJVING_EN) == set(CATEGORIE_KNOP_EN) == set(CATEGORIEEN)


def categorie_knoppen(categorieen: Sequence[str], taal: str = "nl") -> list[dict[str, str]]:
    """Buttons to pick a category; the payload is the title, so typing it reads the same."""
    knop = CATEGORIE_KNOP_EN if taal == "en" else CATEGORIE_KNOP
    return [{"title": knop[c], "payload": knop[c]} for c in categorieen]


def alleen_knoppen(categorieen: Sequence[str], taal: str = "nl") -> list[dict[str, str]]:
    """Beside "klopt dat?" for a guess of two or more categories: one button per category
    ("Alleen: Pesten"), so a half-right guess is put right with one press instead of "nee" and
    the list of all categories. The payload is the category's button, read as a choice."""
    if len(categorieen) < 2:
        return []
    alleen = "Only" if taal == "en" else "Alleen"
    return [{"title": f"{alleen}: {knop['title']}", "payload": knop["payload"]}
            for knop in categorie_knoppen(categorieen, taal)]


# Words that name a category when someone types instead of pressing a button.
_CATEGORIE_WOORDEN: dict[str, tuple[str, ...]] = {
    "cyberpesten": ("online", "internet", "social media", "whatsapp", "insta", "snap", "tiktok", "cyber"),
    "pesten": ("pest", "gepest", "pesten", "bully", "bulli"),
    "intimidatie": ("bedreig", "bang gemaakt", "onder druk", "intimid", "threat", "frighten"),
    "seksuele_intimidatie": ("seksu", "aanrak", "betast", "naaktfoto", "nudes", "sexual", "harass"),
    "discriminatie": ("discrimin", "racis", "huidskleur", "geloof", "homo"),
    "agressie_geweld": ("geweld", "agressi", "geslagen", "geschopt", "vecht", "violen", "aggress"),
    "grensoverschrijdend_gedrag": ("grens", "over de grens", "crossed a line"),
    "begeleiding": ("begeleiding", "zorg", "ondersteuning", "dyslexie", "passend onderwijs", "support"),
    "strafmaatregel": ("straf", "schorsing", "geschorst", "verwijder", "strafwerk", "punish", "suspen", "expel"),
    "beoordeling": ("cijfer", "beoordeling", "rapport", "toets", "examen", "overgang", "blijven zitten",
                    "grade", "assessment", "exam"),
    "schoolorganisatie": ("rooster", "regel", "organisatie", "lesuitval", "kosten", "ouderbijdrage",
                          "timetable", "arranges"),
    "anders": ("iets anders", "anders", "something else"),
}


def omschrijf_categorieen(categorieen: Sequence[str], taal: str = "nl") -> str:
    """"pesten via internet of social media en pesten" — the categories, in the person's terms."""
    omschrijving = CATEGORIE_OMSCHRIJVING_EN if taal == "en" else CATEGORIE_OMSCHRIJVING
    parts = [omschrijving[c] for c in categorieen if c in omschrijving]
    if not parts:
        return omschrijving["anders"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + (" and " if taal == "en" else " en ") + parts[-1]


def categorieen_uit_tekst(text: Optional[str]) -> list[str]:
    """The categories a button title or a short typed answer names, in contract order."""
    if not text:
        return []
    lowered = text.strip().lower()
    for categorie in CATEGORIEEN:
        if lowered in (CATEGORIE_KNOP[categorie].lower(), CATEGORIE_KNOP_EN[categorie].lower()):
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
GEEN_KEUZE_KNOP_EN = "I don't know yet"

_ROUTE_WOORDEN: dict[str, tuple[str, ...]] = {
    "onderling_overleg": ("zelf praten", "met de ander", "zelf met", "zelf", "talk to the other",
                          "myself"),
    "mentor": ("mentor", "teamleider", "leerkracht", "juf", "meester", "team leader"),
    "contactpersoon": ("contactpersoon", "contact person"),
    "directeur": ("directeur", "directie", "rector", "head teacher", "headteacher", "principal"),
    "bevoegd_gezag": ("schoolbestuur", "bestuur", "bevoegd gezag", "school board", "board"),
    "klachtencommissie": ("klachtencommissie", "commissie", "complaints committee", "committee"),
    "landelijke_klachtencommissie": ("landelijke", "lkc", "national"),
    "vertrouwenspersoon": ("vertrouwenspersoon", "confidential adviser", "confidential advisor"),
    "vertrouwensinspecteur": ("vertrouwensinspecteur", "inspecteur", "inspectie", "inspector"),
    "politie": ("politie", "aangifte", "police"),
    "veilig_thuis": ("veilig thuis",),
    "commissie_van_beroep_examens": ("beroep", "examen", "appeal", "exam"),
}
_GEEN_KEUZE_WOORDEN = ("weet ik niet", "weet het niet", "weet ik nog niet", "weet het nog niet",
                       "geen idee", "idk", "nog niet", "geen", "niks", "niets", "twijfel",
                       "don't know", "dont know", "do not know", "not yet", "not sure", "no idea")
_EERSTE_WOORDEN = ("de eerste", "eerste", "jouw advies", "je advies", "uw advies", "het advies",
                   "die eerste", "wat je aanraadt", "wat jij aanraadt", "the first", "first one",
                   "your advice", "what you advise")


def route_knoppen(advies_routes: Sequence[str], taal: str = "nl") -> list[dict[str, str]]:
    """Buttons for the choice: the advised routes in order, then "weet ik nog niet".
    The payload is the title itself, so a typed answer and a pressed button read the same."""
    namen = route_namen(taal)
    geen = GEEN_KEUZE_KNOP_EN if taal == "en" else GEEN_KEUZE_KNOP
    buttons = [{"title": namen[r], "payload": namen[r]} for r in advies_routes]
    buttons.append({"title": geen, "payload": geen})
    return buttons


def route_uit_tekst(text: Optional[str], advies_routes: Sequence[str]) -> Optional[str]:
    """The route a button title or typed answer picks, ``GEEN_KEUZE`` for "weet ik nog niet",
    or None when the answer names no route (or several, so the bot asks again)."""
    if not text:
        return None
    lowered = " ".join(text.strip().lower().split())
    for route in ROUTES:
        if lowered in (ROUTE_NAMEN[route].lower(), ROUTE_NAMEN_EN[route].lower()):
            return route
    if lowered in (GEEN_KEUZE_KNOP.lower(), GEEN_KEUZE_KNOP_EN.lower()):
        return GEEN_KEUZE
    named = {r for r, words in _ROUTE_WOORDEN.items() if any(has_word(lowered, w) for w in words)}
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
    if any(has_word(lowered, w) for w in _GEEN_KEUZE_WOORDEN):
        return GEEN_KEUZE
    if advies_routes and any(has_word(lowered, w) for w in _EERSTE_WOORDEN):
        return advies_routes[0]
    return None


def has_word(text: str, phrase: str) -> bool:
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


# The same in English (one form of address).
_ROL_LABEL_EN = {"leerling": "student", "ouder": "parent or carer", "personeel": "staff member of the school",
                 "anders": "someone else", "oud_leerling": "former student"}
_ONDERNOMEN_LABEL_EN = {
    "niets": "nothing yet", "onderling_overleg": "talked to the other person", "mentor": "the mentor",
    "contactpersoon": "the contact person", "directeur": "the head teacher",
    "bevoegd_gezag": "the school board", "vertrouwenspersoon": "the confidential adviser",
    "klachtencommissie": "the complaints committee", "anders": "something else",
}
_WENS_LABEL_EN = {
    "gehoord_worden": "that someone listens", "advies": "advice", "bemiddeling": "a good talk with help",
    "stoppen_gedrag": "that it stops", "formele_klacht": "an official complaint",
    "maatregel": "that measures are taken", "excuses": "an apology", "anders": "something else",
}
VELD_LABELS_EN: dict[str, str] = {
    "rol": "You are", "wat_gebeurd": "What happened", "categorieen": "What it is about",
    "wanneer": "When", "betrokkenen": "Who was involved", "al_ondernomen": "What you have already done",
    "wens": "What you would like", "gekozen_route": "Your choice", "naam": "Your name",
    "contact": "How to reach you",
}
assert set(VELD_LABELS_EN) == {slot for slot, _, _ in SAMENVATTING_VELDEN}


def samenvatting_regels(
    slots: Mapping[str, Any], vorm: str = "je", taal: str = "nl"
) -> list[tuple[str, str, str]]:
    """The summary as (slot, label, value) lines, only for what is known. The record handed over
    holds exactly these values (see ``wegwijzer.intake.build_intake_record``)."""
    anoniem = is_anoniem(slots)
    lines = []
    for slot, _, _ in SAMENVATTING_VELDEN:
        if anoniem and slot in ("naam", "contact"):
            continue
        value = _weergave(slot, slots.get(slot), taal)
        if value:
            lines.append((slot, veld_label(slot, vorm, taal), value))
    if anoniem:
        lines.append(("anoniem", "Anonymous", "yes, without a name") if taal == "en"
                     else ("anoniem", "Anoniem", "ja, zonder naam"))
    return lines


def samenvatting_tekst(slots: Mapping[str, Any], vorm: str = "je", taal: str = "nl") -> str:
    return "\n".join(f"- {label}: {value}" for _, label, value in samenvatting_regels(slots, vorm, taal))


def is_anoniem(slots: Mapping[str, Any]) -> bool:
    """Anonymous when the person said so, or when they gave neither a name nor contact details."""
    if slots.get("anoniem") is True:
        return True
    return not (_text(slots.get("naam")) or _text(slots.get("contact")))


def _weergave(slot: str, value: Any, taal: str = "nl") -> Optional[str]:
    if value is None or value == [] or value == "":
        return None
    en = taal == "en"
    if slot == "rol":
        return (_ROL_LABEL_EN if en else _ROL_LABEL).get(value)
    if slot == "categorieen":
        return omschrijf_categorieen(value, taal)
    if slot == "al_ondernomen":
        labels = _ONDERNOMEN_LABEL_EN if en else _ONDERNOMEN_LABEL
        return _opsomming((labels.get(v, v) for v in value), taal)
    if slot == "wens":
        labels = _WENS_LABEL_EN if en else _WENS_LABEL
        return _opsomming((labels.get(v, v) for v in value), taal)
    if slot == "gekozen_route":
        if value == GEEN_KEUZE:
            return "not chosen yet" if en else "nog niet gekozen"
        return route_namen(taal).get(value, value).lower()
    return _text(value)


def _opsomming(items: Iterable[str], taal: str = "nl") -> str:
    items = list(items)
    en = " and " if taal == "en" else " en "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + en + items[-1]


def _text(value: Any) -> Optional[str]:
    return value.strip() if isinstance(value, str) and value.strip() else None


def veld_label(veld: str, vorm: str = "je", taal: str = "nl") -> str:
    if taal == "en":
        return VELD_LABELS_EN[veld]
    for slot, label_je, label_u in SAMENVATTING_VELDEN:
        if slot == veld:
            return label_u if vorm == "u" else label_je
    raise KeyError(veld)


# ---------------------------------------------------------------------------------------------
# Coming back with a receipt code: the contact person's messages
# ---------------------------------------------------------------------------------------------

MAX_BERICHT = 5000  # what the backend accepts for one reply


def datum_in_woorden(value: Optional[str], taal: str = "nl") -> Optional[str]:
    """``2026-12-03T14:05:00+00:00`` → "3 december 2026" ("3 December 2026" in English); None
    for a missing or odd value."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return english_date(moment) if taal == "en" else dutch_date(moment)


def berichten_tekst(berichten: Sequence[Mapping[str, Any]], vorm: str = "je", taal: str = "nl") -> str:
    """The messages about a report, oldest first: who wrote (the contact person, never by name,
    or the person themself) and when, in words, then the text."""
    en = taal == "en"
    if not berichten:
        return "There are no messages from the contact person yet." if en \
            else "Er zijn nog geen berichten van de contactpersoon."
    zelf = "you" if en else "u" if vorm == "u" else "jou"
    blocks = []
    for bericht in berichten:
        contactpersoon = "the contact person" if en else "de contactpersoon"
        van = contactpersoon if bericht.get("van") == "contactpersoon" else zelf
        when = datum_in_woorden(bericht.get("op"), taal)
        header = f"{'From' if en else 'Van'} {van}, {when}:" if when else f"{'From' if en else 'Van'} {van}:"
        blocks.append(f"{header}\n{(bericht.get('tekst') or '').strip()}")
    return ("Messages:" if en else "Berichten:") + "\n\n" + "\n\n".join(blocks)
