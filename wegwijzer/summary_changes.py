"""Changing the summary before consent: "pas aan" and "laat weg" (issue 16/17: Dutch and English).

Reads which field a typed change names ("verander wanneer in: vorige week", "haal de namen
eruit", "change when to: last week"), applies it to the slots, and offers the fields as
buttons; and reads the list answers (what was tried, what is wanted) in the person's words.
Split from :mod:`wegwijzer.conversation`, whose summary it changes. No Rasa here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

from wegwijzer.conversation import VELD_LABELS_EN, has_word, samenvatting_regels, veld_label
from wegwijzer.vocab import AL_ONDERNOMEN, WENSEN


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
    # English (issue 17), after the Dutch
    ("al_ondernomen", ("already done", "already did", "tried")),
    ("contact", ("reach", "phone", "address")),
    ("betrokkenen", ("who was", "who were", "names", "involved", "people")),
    ("naam", ("name",)),
    ("wens", ("would like", "wish", "what i want")),
    ("wanneer", ("when", "date")),
    ("wat_gebeurd", ("what happened", "story")),
)
# Said before the field, not part of it: "ik wil graag de datum aanpassen".
_BEGIN_WEG = re.compile(
    r"^(?:ik wil(?: graag)?|ik zou(?: graag)?|kun je|kan je|kunt u|wil je|wilt u|mag ik|graag|"
    r"alsjeblieft|alstublieft|svp|i want to|i'd like to|i would like to|can you|please)\s+", re.IGNORECASE)
_LIDWOORD = re.compile(r"^(?:de|het|een|mijn|m'n|die|dat|bij|the|my|a)\s+", re.IGNORECASE)

_AANPASSEN_MET_WAARDE = (
    # verander wanneer in: vorige week / wijzig de datum naar vorige week / vervang X door Y
    re.compile(r"^(?:verander|wijzig|vervang)\s+(?P<veld>.+?)\s+(?:in|naar|door)\s*:\s*(?P<waarde>.+)$", re.I | re.S),
    re.compile(r"^(?:verander|wijzig|vervang)\s+(?P<veld>.+?)\s+(?:in|naar|door)\s+(?P<waarde>.+)$", re.I | re.S),
    # pas wanneer aan: vorige week / pas wanneer aan naar vorige week
    re.compile(r"^pas\s+(?P<veld>.+?)\s+aan\s*(?:in|naar|:)\s*:?\s*(?P<waarde>.+)$", re.I | re.S),
    # wanneer moet zijn: vorige week / wanneer moet vorige week zijn
    re.compile(r"^(?P<veld>[^:]+?)\s+moet\s+(?:zijn\s*:?\s*(?P<waarde>.+)|(?P<waarde2>.+?)\s+zijn)$", re.I | re.S),
    # English: change when to: last week / change the date to last week
    re.compile(r"^(?:change|correct|replace)\s+(?P<veld>.+?)\s+(?:to|into|with)\s*:\s*(?P<waarde>.+)$", re.I | re.S),
    re.compile(r"^(?:change|correct|replace)\s+(?P<veld>.+?)\s+(?:to|into|with)\s+(?P<waarde>.+)$", re.I | re.S),
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
    re.compile(r"^(?:leave out|remove|delete|take out)\s+(?P<veld>.+)$", re.I),
    re.compile(r"^(?:leave|take)\s+(?P<veld>.+?)\s+out$", re.I),
)
_SOORT_WOORDEN = {
    AANPASSEN: ("pas aan", "pas iets aan", "pas het aan", "aanpassen", "verander", "veranderen",
                "wijzig", "wijzigen", "anders", "change", "correct"),
    WEGLATEN: ("laat weg", "weglaten", "weg", "eruit", "verwijder", "schrap", "leave out", "remove",
               "delete"),
}
_LAAT_MAAR = ("laat maar", "niets", "niks", "toch niet", "nee", "geen", "klopt wel", "hoeft niet",
              "never mind", "nevermind", "nothing", "no", "leave it")


@dataclass(frozen=True)
class Wijziging:
    """A change the person asked for: its kind (``AANPASSEN`` or ``WEGLATEN``), the field, and
    for a change the new text. What is not known yet is None (the bot asks for it)."""

    soort: Optional[str] = None
    veld: Optional[str] = None
    waarde: Optional[str] = None


def veld_uit_tekst(text: Optional[str]) -> Optional[str]:
    """The field a button title or a few typed words name ("Wanneer", "de namen", "mijn
    e-mailadres"), or None when they name none of the fields that can change."""
    if not text:
        return None
    lowered = _LIDWOORD.sub("", _BEGIN_WEG.sub("", " ".join(text.strip().lower().split())))
    for veld in WIJZIGBARE_VELDEN:
        if lowered in (veld_label(veld, "je").lower(), veld_label(veld, "u").lower(),
                       VELD_LABELS_EN[veld].lower()):
            return veld
    if lowered in ("namen", "de namen", "wie erbij waren"):
        return "betrokkenen"
    for veld, words in _VELD_WOORDEN:
        if any(has_word(lowered, w) for w in words):
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
    if soort != WEGLATEN and _ANDERE_WENS.search(lowered) and lijst_waarden("wens", lowered) != ["anders"]:
        # "wacht, ik wil er toch een officiële klacht van maken": what is wanted, changed.
        return Wijziging(AANPASSEN, "wens", stripped)
    short = len(lowered.split()) <= 7
    for kind, words in _SOORT_WOORDEN.items():
        if any(has_word(lowered, w) for w in words):
            return Wijziging(kind, veld_uit_tekst(lowered) if short else None)
    return Wijziging(soort, veld_uit_tekst(lowered) if soort and short else None)


# Changing one's mind about what is wanted, in the person's words.
_ANDERE_WENS = re.compile(r"\b(?:ik wil|we willen|liever|toch|i want|i'd rather|rather)\b")


def is_laat_maar(text: Optional[str]) -> bool:
    """"Laat maar", "toch niet": no change after all."""
    lowered = " ".join((text or "").lower().strip(" .!").split())
    return lowered in _LAAT_MAAR or lowered.startswith(("laat maar", "toch niet", "nee ", "never mind"))


def wijzigbare_velden(slots: Mapping[str, Any], soort: str) -> list[str]:
    """The fields the summary shows now that can get this change, in the summary's order."""
    shown = {slot for slot, _, _ in samenvatting_regels(slots)}
    return [v for v in WIJZIGBARE_VELDEN if v in shown and not (soort == WEGLATEN and v in NIET_WEG_TE_LATEN)]


def veld_knoppen(slots: Mapping[str, Any], soort: str, vorm: str = "je", taal: str = "nl") -> list[dict[str, str]]:
    """Buttons to pick a field; the payload is the title itself, so typing it reads the same."""
    buttons = [{"title": veld_label(v, vorm, taal), "payload": veld_label(v, vorm, taal)}
               for v in wijzigbare_velden(slots, soort)]
    laat_maar = "Never mind" if taal == "en" else "Laat maar"
    buttons.append({"title": laat_maar, "payload": laat_maar})
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
            changes = {veld: lijst_waarden(veld, waarde, gevonden, slots.get("betrokkenen"))}
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
                              "met de docent", "de docent gemaild", "met die docent", "nee gezegd",
                              # the school itself, the party complained about
                              "de school gemaild", "de school gebeld", "naar de school gemaild",
                              "gemaild naar de school", "gemaild naar het algemene adres", "adres van de school"),
        "mentor": ("mentor", "leerkracht", "juf", "meester", "teamleider", "afdelingsleider", "stagebegeleider",
                   # mbo: the study-career coach is the student's mentor (blind8)
                   "slb", "slb'er", "slber", "slb-er", "studieloopbaanbegeleider", "loopbaanbegeleider",
                   "bpv-begeleider", "studiecoach",
                   "team leader", "class teacher"),
        "contactpersoon": ("contactpersoon", "contact person"),
        "directeur": ("directeur", "directie", "rector", "locatiedirecteur", "locatieleider", "schoolleider",
                      "schoolleiding", "head teacher", "headteacher", "principal"),
        "bevoegd_gezag": ("bestuur", "bevoegd gezag", "school board"),
        "vertrouwenspersoon": ("vertrouwenspersoon", "confidential adviser"),
        "klachtencommissie": ("klachtencommissie", "commissie", "complaints committee"),
    },
    "wens": {
        "gehoord_worden": ("luistert", "luisteren", "gehoord", "listen", "heard"),
        "advies": ("advies", "raad", "advice",
                   # blind9: "ik wil weten welke mogelijkheden ik heb", "of het mag"
                   "mogelijkheden", "opties", "mijn rechten", "wat ik kan doen", "weten of het mag"),
        "bemiddeling": ("bemiddel", "gesprek"),
        "stoppen_gedrag": ("stopt", "stoppen", "stopen", "stop", "ophoudt", "ophouden", "ophoud",
                           "met rust", "afblijf", "niet meer doet", "niet meer doen", "niet meer zeggen",
                           "niet meer zo doet", "niet meer zo doen",
                           "niet meer gebeurt", "normaal doet", "normaal tegen",
                           # blind6: "dat papa niet meer slaat en dat ik veilig ben"
                           "niet meer sla", "niet meer schop", "niet meer pest", "niet meer uitschel",
                           # blind7: "dat hij die woorden niet meer zegt"
                           "niet meer zegt", "niet meer roept", "niet meer noemt", "niet meer stuurt",
                           "niet meer appt", "niet meer aanraakt", "niet meer aankomt",
                           "veilig ben", "veilig voel", "veilig zijn"),
        "formele_klacht": ("klacht", "officieel", "officiële", "official complaint", "formal complaint",
                           # blind7: "dat een onafhankelijke commissie ernaar kijkt"
                           "commissie", "committee"),
        "maatregel": ("maatregel", "straf", "gestraft", "bestraft", "consequenties", "geschorst", "schorsen",
                      "aangepakt", "aanpakt", "optreedt", "consequentie", "sanctie", "ontslag", "ontslagen",
                      # blind6: a teacher threatened by a parent: "een schoolverbod", "dat er aangifte komt"
                      "schoolverbod", "verbod", "aangifte", "nooit meer in de school", "niet meer in de school",
                      # blind7: "dat ze zorgen dat brieven van de dokter veilig zijn"
                      "zorgen dat", "zorgt dat", "ervoor zorgen", "ervoor zorgt",
                      "punish", "measures", "suspended"),
        "excuses": ("excuses", "sorry", "spijt", "apolog"),
    },
}
# A complaint wished away: "geen klacht", "ik wil geen officiële klacht", "no formal complaint".
_GEEN_KLACHT = re.compile(r"\b(?:geen|niet een|niet|no|not an?) (?:officiële |officiele |formele |echte |official |formal )?"
                          r"(?:klacht|complaint|commissie|committee)\b|\bniet officieel\b|\bniemand aanklagen\b")
# An apology already had: "sorry is al gezegd", "ze heeft al sorry gezegd", "excuses hebben we al gehad".
_AL_GEKREGEN = re.compile(r"\b(?:sorry|excuses)\b(?:\s+\S+){0,3}?\s+(?:al|allang)\s+(?:\S+\s+){0,2}?"
                          r"(?:gezegd|gemaakt|aangeboden|gekregen|gehad)\b|"
                          r"\b(?:al|allang)\s+(?:\S+\s+){0,2}?(?:sorry|excuses)\s+(?:\S+\s+){0,2}?"
                          r"(?:gezegd|gemaakt|aangeboden|gekregen|gehad)\b")
# A wish taken back: "eerst dacht ik ..., maar eigenlijk ...", "eerst wilde ik ..., nu ...".
_EERST_GEDACHT = re.compile(r"^.*?\beerst\s+(?:dacht|wilde|wou|leek|vond)\b.*?(?:\bmaar\b|\bnu\b|[.;])")
# In a wish, words that are not the wish, and which value of the model's they take with them
# (None: every value): a change of mind takes what came before it (blind8), an apology already
# had is no wish for one (blind7), "geen klacht" wants no formal complaint (blind4).
_NIET_DE_WENS: tuple[tuple[re.Pattern[str], Optional[str]], ...] = (
    (_EERST_GEDACHT, None), (_AL_GEKREGEN, "excuses"), (_GEEN_KLACHT, "formele_klacht"))
# "ik heb het hem na de les gevraagd", "ik heb hem gemaild": asked the other person themselves.
# "ik heb een keer tegen ze gezegd dat ik het niet leuk vind" (blind5): "ze" only after "tegen".
_ZELF_GEVRAAGD = re.compile(r"\b(?:hem|haar|hen|tegen ze|tegen die twee)\b(?:\s+\S+){0,4}?\s+(?:gemaild|gevraagd|aangesproken|gebeld|geappt|"
                            r"gesproken|gezegd|aangekaart)\b")
# Someone else's words, to the end of the answer: "die zei dat …", "maar hij zegt dat …".
# The speaker stays ("de mentor zei dat hij het oppakt": the mentor was asked).
# To the end of its sentence only: "zij zegt vraag directeur. 3 mail naar directeur" then wrote
# to the director (blind8).
_ZIJ_ZEIDEN = re.compile(r"\b(die|hij|zij|ze|juf|meester|mentor|docent|directeur)\s+(?:zei|zegt|zeiden|zeggen|"
                         r"antwoordde|vond|vindt)\b[^.;!?]*")
# A step named as not taken: "de directeur weet het niet", "(nog) niet met de directeur gepraat".
_STAP_WOORD = r"(?:mentor|juf|meester|teamleider|contactpersoon|directeur|directie|rector|bestuur|vertrouwenspersoon)"
_NIET_GEPROBEERD = re.compile(
    rf"\b(?:de |het |onze |mijn )?{_STAP_WOORD}\s+(?:weet|weten|wist)\s+(?:het |er |dit |ervan |nog )*(?:niet|niks|niets)\b|"
    rf"\b(?:nog )?niet (?:met|naar|bij|tegen) (?:de |het )?{_STAP_WOORD}\b")
# An answer that starts with "nothing" or "nobody" is nothing tried, whatever it adds ("Niets,
# ik heb het alleen aan mijn therapeut verteld", "Niemand, ik durf het niet tegen mama").
# "Niks officieel, ik heb het wel tegen ze gezegd" tried something: nothing *formal* (blind5).
_NIETS_EERST = re.compile(r"^(?:nee[, ]+)?(?:nog )?(?:(?:met |aan |tegen )?niemand|niets|niks|nee|nope|nog niet)\b"
                          r"(?! met\b)(?! (?:officieels?|formeels?|officieel|formeel|echts?|groots?)\b)|"
                          r"^(?:no[, ]+)?(?:nothing|not yet|no|none|nobody|no one)\b(?! with\b)")


# "ik heb gezegd dat ik het niet was": said to the other person, when no one else is named as
# the listener ("ik heb tegen mijn moeder gezegd" names one).
_ZELF_GEZEGD = re.compile(r"^(?:ik )?(?:heb (?:het |ook |wel |al )?gezegd|zei) dat\b(?!.*\btegen\b)")
# Whom the person spoke to, wrote or phoned: "met mevrouw jansen gepraat", "de juf gemaild".
# Up to three words after the preposition, or the one before the verb: "met de juf", "met
# mevrouw jansen", "heb de juf gemaild", "De juf gebeld, ze zou het doorgeven" (blind5: the
# title words "juf" and "meester" are the person, not a prefix to skip).
# Also a title and name right after the verb ("Ik heb mevrouw Kramer gebeld": blind7), and the
# other party who answered with an apology ("Juf heeft sorry gezegd op het plein": blind7).
_AANGESPROKEN = re.compile(
    r"\b(?:met|tegen|aan|naar|bij)\s+(\w+(?:\s+\w+){0,2})|"
    r"(?:\b(?:heb|had|heeft|hebben|hadden)\s+(?:ik\s+|we\s+|hij\s+|ze\s+)?|^)(?:de|het|die)\s+(\w+)\s+(?:\w+\s+){0,2}?"
    r"(?:gemaild|gebeld|gesproken|gevraagd|geappt|aangesproken)\b|"
    r"\b(?:heb|had|hebben|hadden)\s+(?:ik\s+|we\s+)?((?:mevrouw|meneer|juf|meester|mevr|dhr|mw)\.?\s+\w+)\s+(?:\w+\s+){0,2}?"
    r"(?:gemaild|gebeld|gesproken|gevraagd|geappt|aangesproken|geschreven)\b|"
    r"(?:^|\bde\s+)(\w+)\s+(?:\w+\s+){0,1}(?:heeft|had|hebben)\s+(?:\w+\s+){0,3}?(?:sorry|excuses|zich verontschuldigd)\b")
_GEEN_PERSOON = {"school", "klas", "les", "mail", "telefoon", "email", "e-mail", "app", "brief", "ander",
                 "anderen", "iemand", "niemand", "hem", "haar", "ze", "mijn", "mn", "moeder", "vader",
                 "het", "een", "die", "van", "zijn", "onze", "mevrouw", "meneer", "mevr", "dat", "deze",
                 "uit", "bij", "met", "aan", "voor", "over", "ook", "wel", "nog", "niet", "groep", "jaar",
                 "en", "leerling", "leerlingen", "kind", "kinderen", "ouder", "ouders"}


def spreekt_betrokkene(lowered: str, betrokkenen: str) -> bool:
    """Whether whom the answer says was spoken to is among those
    involved ("met mevrouw jansen gepraat" where "mevrouw Jansen van duits" is involved; "heb de
    juf gemaild" where the complaint is about "juf Marieke"): talking it over with the other."""
    involved = set(re.findall(r"\w+", betrokkenen.lower()))
    for match in _AANGESPROKEN.finditer(lowered):
        for word in " ".join(g for g in match.groups() if g).split():
            if len(word) >= 3 and word not in _GEEN_PERSOON and word in involved:
                return True
    return False


# A name the person tied to a step of the ladder ("Marjan, de contactpersoon", "contactpersoon
# Marjan", "met Marjan gepraat, zij is de contactpersoon"): the name alone in the answer to "wat
# heb je al gedaan?" ("daarna met Marjan") names that step (blind7, blind9). Capitalised names only.
_STAP_VAN = {"contactpersoon": "contactpersoon", "vertrouwenspersoon": "vertrouwenspersoon", "mentor": "mentor",
             "mentrix": "mentor", "teamleider": "mentor", "directeur": "directeur", "directrice": "directeur"}
_STAP_NAAM = "|".join(_STAP_VAN)
_NAAM_STAP = re.compile(
    rf"\b([A-Z][a-zà-ÿ]{{2,}})\b[,:]?\s+(?:(?:\w+[,:]?\s+){{0,2}}(?:zij|hij|die) is\s+)?(?:de|onze|ons)\s+({_STAP_NAAM})\b|"
    rf"\b({_STAP_NAAM})[,:]?\s+(?:mevrouw\s+|meneer\s+|juf\s+|meester\s+)?([A-Z][a-zà-ÿ]{{2,}})\b")


def stappen_bij_naam(text: Optional[str]) -> dict[str, str]:
    """The names the person tied to a step of the ladder (lowercased) and that step."""
    found: dict[str, str] = {}
    for m in _NAAM_STAP.finditer(text or ""):
        naam, stap = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if naam.lower() not in _GEEN_PERSOON and naam.lower() not in _NIET_EEN_NAAM:
            found.setdefault(naam.lower(), _STAP_VAN[stap])
    return found


_NIET_EEN_NAAM = {"ik", "wij", "zij", "hij", "toen", "daarna", "eerst", "nu", "dus", "maar", "want", "dan", "ja", "nee",
                  "gesprek", "gepraat", "gezegd", "gemaild", "gebeld", "meester", "juf", "de", "wie"}


def _noemt(lowered: str, veld: str, waarde: str) -> bool:
    """Whether the words of an answer name this value of a list field."""
    return any(has_word(lowered, w) for w in _LIJST_WOORDEN[veld].get(waarde, ()))


def lijst_waarden(veld: str, text: str, gevonden: Sequence[str] = (), betrokkenen: Optional[str] = None,
                  namen: Optional[dict[str, str]] = None) -> list[str]:
    """Contract values for a typed answer to a list field: what the model found and what the
    words name ("dat ze ermee stoppen" → stoppen_gedrag, "dat de school maatregelen neemt" →
    maatregel), else ``anders`` (shown as "iets anders": nothing is invented). ``betrokkenen``
    (the answer to "wie waren erbij betrokken?") tells whether whom the person spoke to is the
    other party; ``namen`` (``stappen_bij_naam``) which step a name stands for."""
    allowed = _LIJST_VELDEN[veld]
    lowered = " ".join(text.lower().split())
    if veld == "al_ondernomen":
        if _NIETS_EERST.search(lowered):
            return ["niets"]
        # What someone else said is not a step taken: "ik heb het de juf gevraagd, die zei dat
        # het de beslissing van de directeur is" tried the teacher, not the director.
        eigen = _ZIJ_ZEIDEN.sub(r"\1", lowered)
        # "De directeur weet het niet denk ik", "nog niet met de directeur": not tried (blind7).
        eigen = _NIET_GEPROBEERD.sub(" ", eigen)
        alleen_gezegd = {v for v in allowed if _noemt(lowered, veld, v) and not _noemt(eigen, veld, v)}
        gevonden, lowered = [v for v in gevonden if v not in alleen_gezegd], eigen
    if veld == "wens":
        # Words that are not the wish are left out, and with them the model's reading of them
        # (``_NIET_DE_WENS``): kept only when the rest of the answer still names it.
        for woorden, waarde in _NIET_DE_WENS:
            if woorden.search(lowered):
                lowered = woorden.sub(" ", lowered)
                gevonden = [v for v in gevonden if (waarde is not None and v != waarde) or _noemt(lowered, veld, v)]
    genoemd = {v for v in _LIJST_WOORDEN[veld] if _noemt(lowered, veld, v)}
    if veld == "al_ondernomen" and genoemd - {"niets", "anders"}:
        # The words name the step taken: a step the model adds that no word names is its guess
        # ("Tegen de teamleider gezegd" with the entity "directeur" skipped the director's step).
        gevonden = [v for v in gevonden if v in genoemd]
    values = {v for v in allowed if v in gevonden}
    values |= genoemd
    if veld == "al_ondernomen":
        values |= {stap for naam, stap in (namen or {}).items() if has_word(lowered, naam)}
    if veld == "al_ondernomen" and (_ZELF_GEVRAAGD.search(lowered) or _ZELF_GEZEGD.search(lowered)):
        values.add("onderling_overleg")
    if veld == "al_ondernomen" and betrokkenen and spreekt_betrokkene(lowered, betrokkenen):
        # Beside the step it also is: the teamleider who gave the suspension was asked.
        values.add("onderling_overleg")
    if len(values) > 1:
        values -= {"niets", "anders"}
    return [v for v in allowed if v in values] or ["anders"]
