"""Readers of the facts that change the advice, over the person's own words (no Rasa).

Each reader takes the person's text (the story, the answers) and returns what the text makes
clear: ``True`` or ``False`` when it is clear, ``None`` when it is not, so that the bot asks one
short question only then (``actions/feiten.py``). Chat spelling ("mn", "gwn", "gister") is
understood. The facts, and why they matter under the regulation (``scol-klachtenregeling.md``):

- ``lees_datum``: when it happened, as a date (art. 7 lid 2: a complaint within a year after the
  conduct, unless the committee decides otherwise). A span ("in 2024", "vorig schooljaar")
  gives its last day, so an event is only called out of term when the whole span is.
- ``lees_examen``: an exam matter (school exam, PTA, central exam, a grade or decision that counts
  for the diploma) goes to the exam appeal committee, not the complaint regulation (Inleiding).
  An ordinary test or the transition report is not an exam.
- ``lees_personeel`` / ``lees_seksueel`` / ``lees_leerling_betrokken``: behaviour by a staff
  member, whether it is sexual, whether a pupil is the one affected: together they decide the
  vertrouwensinspecteur duty (toelichting art. 15 lid 3), which is for sexual offences only.
- ``lees_strafbaar``: a possible crime (violence, threats, images, theft, sexual assault): the
  police are offered (art. 3 lid 3).
- ``lees_huiselijk_geweld``: violence at home: Veilig Thuis (contract §5).
- ``lees_minderjarig``: a pupil's age from the class or the age they name.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable, Iterable, NamedTuple, Optional

# ---- normalising chat spelling ------------------------------------------------------------

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


def _any(patterns: Iterable[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


# ---- dates ----------------------------------------------------------------------------------

_GETALLEN = {
    "een": 1, "één": 1, "1": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "paar": 2, "aantal": 3,
    "anderhalf": 1.5, "anderhalve": 1.5, "enkele": 3, "meerdere": 3,
    # English (issue 17)
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3, "several": 3,
}
_MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "juli": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "june": 6, "july": 7, "august": 8, "october": 10,
}
_DAGEN = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
_DAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_GETAL = r"(\d+|" + "|".join(sorted(_GETALLEN, key=len, reverse=True)) + r")"
_MAAND = r"(" + "|".join(sorted(_MAANDEN, key=len, reverse=True)) + r")\b"
_DAG = r"(" + "|".join(_DAGEN) + r")"
# A school year runs from 1 August to 31 July.
SCHOOLJAAR_START_MAAND = 8


def _getal(word: str) -> float:
    return float(word) if word.isdigit() else _GETALLEN[word]


def _maand_einde(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _geleden(today: date, n: float, eenheid: str, ruim: bool, half: bool) -> date:
    """The date ``n`` days/weeks/months/years ago, Dutch or English unit ("weken", "months");
    ``ruim`` ("ruim", "more than") adds a month to a span of months or years, ``half`` half a
    year ("twee en een half jaar", "two and a half years")."""
    extra = 1 if ruim else 0
    if eenheid.startswith(("dag", "day")):
        return today - timedelta(days=int(n))
    if eenheid.startswith(("we", "week")):
        return today - timedelta(days=int(round(n * 7)))
    if eenheid.startswith(("maand", "month")):
        return _min_maanden(today, int(round(n)) + extra)
    return _min_maanden(today, int(round(n * 12)) + (6 if half else 0) + extra)


def _min_maanden(today: date, maanden: int) -> date:
    index = today.year * 12 + today.month - 1 - maanden
    year, month = divmod(index, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _schooljaar_start(today: date) -> date:
    year = today.year if today.month >= SCHOOLJAAR_START_MAAND else today.year - 1
    return date(year, SCHOOLJAAR_START_MAAND, 1)


def _laatste_weekdag(today: date, weekdag: int) -> date:
    """The most recent day with that weekday, today included."""
    return today - timedelta(days=(today.weekday() - weekdag) % 7)


def _genoemde_weekdag(today: date, weekdag: int, vorige_week: bool, vorige: bool) -> date:
    """The day named by a weekday: "maandag" the most recent one, today included; "vorige
    maandag" ("last Monday") a week back when that is today; "vorige week maandag" ("last week
    Monday") that day in the week before this one."""
    if vorige_week:
        return today - timedelta(days=today.weekday() + 7) + timedelta(days=weekdag)
    d = _laatste_weekdag(today, weekdag)
    return today - timedelta(days=7) if vorige and d == today else d


def _zomer_einde(today: date) -> date:
    """The end of the summer holiday just past ("vorige zomer", "this summer")."""
    return date(today.year if today.month >= 9 else today.year - 1, 8, 31)


class _Moment(NamedTuple):
    """A moment said in so many words: its Dutch patterns, its English ones, and its day."""
    nl: tuple[str, ...]
    en: tuple[str, ...]
    dag: Callable[[date], date]


# The moments, in Dutch and in English. Each row lists alternatives of which only the first
# that the text names counts ("eergisteren" before "gisteren", "vorig schooljaar" before
# "vorig jaar").
_MOMENTEN: tuple[tuple[_Moment, ...], ...] = (
    (_Moment((r"\b(vandaag|vanochtend|vanmorgen|vanmiddag|vanavond|vannacht|zojuist|net gebeurd)\b",
              r"\b(nog steeds|nog altijd|elke dag|iedere dag|de hele tijd|steeds weer)\b",
              r"\b(deze week|deze maand|dit jaar|dit schooljaar|sinds deze week)\b",
              r"\b(laatste|afgelopen) (\d+|\w+) (dagen|weken)\b"),
             (r"\b(today|this morning|this afternoon|tonight|just now|still|every day|all the time|"
              r"this week|this month|this year|this school year)\b",),
             lambda today: today),),
    (_Moment((r"\beergisteren\b",), (r"\bday before yesterday\b",), lambda today: today - timedelta(days=2)),
     _Moment((r"\bgisteren\w*",), (r"\byesterday\b",), lambda today: today - timedelta(days=1))),
    (_Moment((r"\b(jaren|heel lang|lang) (geleden|terug)\b",), (r"\b(years|a long time) ago\b",),
             lambda today: _min_maanden(today, 24)),),
    (_Moment((r"\b(vorige|afgelopen) week\b(?! \w*dag)",), (r"\blast week\b(?! \w*day)",),
             lambda today: today - timedelta(days=7)),),
    (_Moment((r"\b(vorige|afgelopen) maand\b",), (r"\blast month\b",), lambda today: _min_maanden(today, 1)),),
    (_Moment((r"\b(vorig|afgelopen) schooljaar\b",), (r"\blast school year\b",),
             lambda today: _schooljaar_start(today) - timedelta(days=1)),
     _Moment((r"\b(vorig|afgelopen) jaar\b",), (r"\blast year\b",), lambda today: date(today.year - 1, 12, 31))),
    (_Moment((r"\b(vorige|afgelopen) zomer(vakantie)?\b", r"\bdeze zomer\b"), (r"\b(last|this) summer\b",),
             _zomer_einde),),
)


def _momenten(t: str, today: date, add: Callable[[Optional[date]], None], english: bool) -> None:
    """Add the days of the moments (``_MOMENTEN``) the text names in one language."""
    for row in _MOMENTEN:
        for moment in row:
            if _any(moment.en if english else moment.nl, t):
                add(moment.dag(today))
                break


def _datums(text: str, today: date) -> list[date]:
    """Every date or span the text names (a span as its last day)."""
    t = normaliseer(text)
    found: list[date] = []

    def add(d: Optional[date]) -> None:
        if d is not None:
            found.append(min(d, today))

    _momenten(t, today, add, english=False)
    # "3 weken geleden", "twee jaar geleden", "een paar maanden terug", "ruim een jaar geleden"
    for m in re.finditer(
        r"\b(ruim |meer dan |bijna |ongeveer |zo'n |een )?" + _GETAL
        + r" (dag|dagen|week|weken|maand|maanden|jaar|jaren|jaartje)( en \w+ (half|maanden))? (geleden|terug)", t
    ):
        add(_geleden(today, _getal(m.group(2)), m.group(3), m.group(1) in ("ruim ", "meer dan "),
                     bool(m.group(4) and "half" in m.group(4))))
    _english_dates(t, today, add)
    # "vorige week maandag", "maandag", "afgelopen donderdag", "zondagavond"
    for m in re.finditer(r"\b(vorige week |vorige |afgelopen )?" + _DAG + r"(avond|ochtend|middag|nacht)?\b", t):
        add(_genoemde_weekdag(today, _DAGEN[m.group(2)], m.group(1) == "vorige week ", m.group(1) == "vorige "))
    # "13 mei 2024", "13 mei", "13-5-2024", "13/5"
    for m in re.finditer(r"\b(\d{1,2}) " + _MAAND + r"( (\d{4}))?", t):
        year = int(m.group(4)) if m.group(4) else None
        add(_dag_in_maand(today, int(m.group(1)), _MAANDEN[m.group(2)], year))
    for m in re.finditer(r"\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?\b", t):
        year = m.group(3)
        y = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        add(_dag_in_maand(today, int(m.group(1)), int(m.group(2)), y))
    # "in mei", "oktober 2025", "rond de kerst van vorig jaar" (a month without a day)
    for m in re.finditer(r"(?<!\d )\b" + _MAAND + r"( (van )?(\d{4}|vorig jaar|dit jaar))?", t):
        maand = _MAANDEN[m.group(1)]
        if m.group(1) in ("mei",) or len(m.group(1)) > 3 or m.group(2):
            jaar = m.group(4)
            if jaar and jaar.isdigit():
                year = int(jaar)
            elif jaar == "vorig jaar":
                year = today.year - 1
            else:
                year = today.year if maand <= today.month else today.year - 1
            if 1900 < year <= today.year:
                add(_maand_einde(year, maand))
    if re.search(r"\bkerst\w* (van )?vorig jaar\b", t):
        add(date(today.year - 1, 12, 31))
    # "in 2024", "tot 2017", "2012" (a year alone)
    for m in re.finditer(r"(?<![\d/-])\b(19[5-9]\d|20\d\d)\b(?![\d/-])", t):
        year = int(m.group(1))
        if year <= today.year and not re.search(_MAAND + r" (van )?$", t[: m.start()]):
            add(date(year, 12, 31))
    return found


def _english_dates(t: str, today: date, add) -> None:
    """The English ways to say when (issue 17): "today", "yesterday", "last week", "last
    Tuesday", "two years ago", "a few months ago" ("in March", "3 May 2024" and "in 2024" are
    read with the Dutch ones: the month table has the English names)."""
    _momenten(t, today, add, english=True)
    for m in re.finditer(
        r"\b(over |more than |almost |about |around )?(?:a )?" + _GETAL
        + r" (day|days|week|weeks|month|months|year|years)( and a half)? ago\b", t
    ):
        add(_geleden(today, _getal(m.group(2)), m.group(3), m.group(1) in ("over ", "more than "),
                     bool(m.group(4))))
    for m in re.finditer(r"\b(last week |last |this |on )?(" + "|".join(_DAYS) + r")\b", t):
        add(_genoemde_weekdag(today, _DAYS[m.group(2)], m.group(1) == "last week ", m.group(1) == "last "))


def _dag_in_maand(today: date, dag: int, maand: int, year: Optional[int]) -> Optional[date]:
    if not 1 <= maand <= 12 or not 1 <= dag <= calendar.monthrange(2024, maand)[1]:
        return None
    if year is None:
        year = today.year if (maand, dag) <= (today.month, today.day) else today.year - 1
    try:
        return date(year, maand, dag)
    except ValueError:
        return None


_ONTDEKT = (r"\b(ontdekt|ontdekte|achter ?gekomen|kwam (ik|we|hij|zij) (er )?(pas )?achter|erachter|vertelde|"
            r"verteld|hoorde|hoorden|gehoord|zag ik|zagen we|las ik|opvroeg|opgevraagd)\b")


def lees_datum(text: str | None, today: date) -> Optional[date]:
    """The date of the (last) conduct the text names, relative to ``today``; None if none.

    Several dates: the most recent counts ("sinds oktober, gisteren nog" → yesterday): the
    complaint term runs from the last conduct (art. 7 lid 2).
    """
    # When the person found out is not when it happened ("in 2021 gestuurd, vorige maand
    # ontdekt"): that is the regulation's exception (art. 7 lid 2), not the date of the conduct.
    delen = re.split(r"[,.;!?]|\b(?:maar|en|toen|dat)\b", normaliseer(text))
    gebeurd = [d for d in delen if not re.search(_ONTDEKT, d)]
    found = [d for deel in (gebeurd if "".join(gebeurd).strip() else delen) for d in _datums(deel, today)]
    return max(found) if found else None


def datum_uit(wanneer: str | None, verhaal: str | None, today: date) -> Optional[str]:
    """ISO date from the answer to "wanneer?", else from the story; None when neither says."""
    d = lees_datum(wanneer, today) or lees_datum(verhaal, today)
    return d.isoformat() if d else None


# ---- exam -----------------------------------------------------------------------------------

_EXAMEN_JA = (
    r"\bschool ?examen", r"\bse'?s?\b", r"\bpta\b", r"\bcentra(al|le) examen", r"\bce\b",
    r"\beind ?examen", r"\bexamen", r"\bherexamen", r"\bprofielwerkstuk", r"\bpws\b",
    r"\b(telt|tellen|telde|meetelt|meetellen) (\w+ ){0,2}(mee )?voor (\w+ )?(diploma|examen|schoolexamen|se|eindcijfer)",
    r"\bdiploma\b", r"\bgezakt\b", r"\bgeslaagd\b(?! (deze|vorige|afgelopen) )", r"\bzakken voor\b",
    r"\bcombinatiecijfer", r"\b(examen)?uitslag\b",
)
# A test, the transition report, the school advice of group 8: not an exam (an ordinary
# complaint about a grade).
_EXAMEN_NEE = (
    r"\bovergang", r"\bblijven zitten\b", r"\bblijf (\w+ )?zitten\b", r"\bbleef zitten\b",
    r"\bzittenblijven\b", r"\bproefwerk", r"\btoets", r"\bschooladvies", r"\brapport\b",
    r"\btest\b", r"\boverhoring", r"\bso\b", r"\bcito\b", r"\bdoorstroomtoets",
    r"\bcijfer", r"\bbeoordeel", r"\bbeoordeling", r"\bnagekeken\b",
)


def lees_examen(text: str | None) -> Optional[bool]:
    """An exam matter: True (exam words), False (only words of an ordinary grade), None."""
    t = normaliseer(text)
    # "ik ben deze zomer geslaagd" says who is speaking, not what the complaint is about.
    t = re.sub(r"\b(ik ben|ben ik) (\w+ ){0,2}geslaagd\b", " ", t)
    if _any(_EXAMEN_JA, t):
        return True
    if _any(_EXAMEN_NEE, t):
        return False
    return None


# ---- staff, the nature of the behaviour, the pupil -----------------------------------------

_PERSONEEL = (
    r"\b(de |een |mijn |mn |onze |haar |zijn |die )?(docent|leraar|lerares|leerkracht|juf|juffrouw|meester|meneer|mevrouw|mentor|mentrix|"
    r"directeur|directrice|adjunct|conci[eë]rge|teamleider|afdelingsleider|gymleraar|gymleerkracht|gymdocent|"
    r"surveillant|onderwijsassistent|assistent|begeleider|co[oö]rdinator|zorgco[oö]rdinator|stageco[oö]rdinator|"
    r"decaan|invaller|invalkracht|stagiair|stagiaire|examensecretaris|examencommissie|rector|conrector|"
    r"intern begeleider|ib'er|personeelslid|collega|schoolleiding|overblijfjuf|overblijfmoeder|oppas|trainer)s?\b",
    r"\b(teacher|head teacher|headteacher|principal|caretaker|teaching assistant|team leader|staff member|"
    r"member of staff|school staff|pe teacher|gym teacher|coach|substitute teacher|intern)s?\b",
)
_LEERLINGEN = (
    r"\b(jongen|jongens|meisje|meisjes|klasgeno\w+|klasgenoot|leerling|leerlingen|kinderen|kind|"
    r"vriend|vrienden|vriendin|vriendinnen|gasten|een groep|groepje|ouder|ouders|vader|moeder)\b",
    r"\b(boy|boys|girl|girls|classmates?|students?|pupils?|children|child|kids?|friends?|a group|"
    r"parents?|father|mother)\b",
)
_SEKSUEEL = (
    r"\bseks", r"\bseksu", r"\baangeraakt\b", r"\braakte? (\w+ ){0,2}aan\b", r"\baanraakt?\b", r"\baanraken\b", r"\bbetast", r"\bbetastte",
    r"\bzat aan (me|mij|mijn|haar|hem)\b", r"\bzit aan (me|mij|mijn|haar)\b", r"\bzitten aan\b",
    r"\bbillen\b", r"\bborsten\b", r"\bkont\b", r"\bkruis\b", r"\bbovenbeen\b", r"\bgezoend\b", r"\bzoende\b",
    r"\bzoenen\b", r"\bkus(sen|te)?\b", r"\bnaakt", r"\bnudes?\b", r"\bdickpics?\b", r"\bonder (mijn|haar|de) rok\b",
    r"\bonderbroek\b", r"\bomkleden\b", r"\bomkleedde\b", r"\bmisbruik", r"\bverkracht", r"\baangerand",
    r"\bflirt", r"\b(zo |heel )?(mooi|knap|sexy|lekker) (ben|bent|is|vindt)\b", r"\bzegt dat ik (zo |heel )?(mooi|knap|sexy|bijzonder)\b",
    r"\bvolwassen voor (mijn|je|haar|zijn) leeftijd\b", r"\bons geheim", r"\bgeheimpje\b",
    r"\baan niemand (mag|mogen) (zeggen|vertellen)\b", r"\bfoto'?s (wil|moet|sturen|te sturen)\b",
    r"\bwil afspreken\b", r"\bafspreken in het weekend\b", r"\bte dicht(bij)?\b", r"\bcadeautjes?\b",
    r"\bopmerkingen over (mijn|haar|zijn) (lichaam|uiterlijk|borsten|kont)\b", r"\bintiem",
    r"\bgrensoverschrijdend\b(?=.*\b(aanr|seks|lichaam))",
)


def lees_personeel(betrokkenen: str | None, verhaal: str | None) -> Optional[bool]:
    """Is the complaint about a staff member? True when the answer "wie?" names one; False when it
    names only pupils or parents, or nobody of the staff appears at all; None when only the story
    names staff (they may be the ones who helped)."""
    b = normaliseer(betrokkenen)
    if _any(_PERSONEEL, b):
        return True
    if b and _any(_LEERLINGEN, b):
        return False
    return None if _any(_PERSONEEL, normaliseer(verhaal)) else False


def lees_seksueel(text: str | None) -> bool:
    """Sexual behaviour or sexual approach (touching, kissing, images, grooming)."""
    return _any(_SEKSUEEL, normaliseer(text))


def lees_leerling_betrokken(text: str | None) -> bool:
    """Whether a pupil (a child) is the one affected, in a story told by staff or another adult."""
    return _any((r"\bleerling", r"\b(meisje|jongen|kind) (van|uit)\b", r"\buit (de |mijn |zijn |haar )?klas\b",
                 r"\b(klas|groep) \d", r"\b\d ?(havo|vwo|vmbo|mavo|gym)\b", r"\bvan (1[0-7]|[4-9])( jaar)?\b"),
                normaliseer(text))


# ---- possible crime, violence at home ---------------------------------------------------------

# Clear: a crime is possible, the police are offered.
_STRAFBAAR_JA = (
    r"\bin elkaar (ge)?(slagen|geslagen|getrapt|geschopt|sloegen)\b", r"\bgebroken\b", r"\bmishandel",
    r"\bmes(sen)?\b", r"\bwapen", r"\bsteken\b", r"\bneergestoken\b", r"\b(maak|maken) (je|jou|me|mij) (dood|kapot)\b",
    r"\b(me|mij|je) kapot (maken|slaan)\b", r"\bvermoord", r"\bweet waar (je|jij|ik|hij) (woont|woon|auto)",
    r"\bweet waar je auto staat\b", r"\bnaaktfoto", r"\bnaakt", r"\bnudes?\b", r"\bdickpics?\b",
    r"\bonder (mijn|haar|de) rok\b", r"\bgefilmd (\w+ ){0,3}(kleedkamer|omkleden|wc|douche)",
    r"\b(kleedkamer|omkleedde|omkleden|onderbroek)\b.*\bgefilmd\b|\bgefilmd\b.*\b(kleedkamer|omkleedde|onderbroek)\b",
    r"\bfoto'?s (wil|moet|te) ?(sturen)?", r"\bbetast", r"\baangerand", r"\bverkracht", r"\bmisbruik",
    r"\bzat aan (me|mij|mijn|haar)\b", r"\bgehackt\b", r"\bwachtwoord", r"\bgestolen\b", r"\bdiefstal\b",
    r"\bsteelt\b", r"\bafpers", r"\b(geld|zakgeld) (moet )?(af)?geven\b", r"\bafgeven aan\b",
    r"\bvapes? verkopen\b", r"\bdrugs\b", r"\bdealen\b", r"\bsloegen (me|mij|hem|haar)\b",
    r"\bgeslagen (met|door)\b", r"\bslaat (me|mij|hem|haar)\b", r"\bmet (zijn|haar|een) riem\b",
    r"\bzeggen dat ze (mijn|zijn|haar) \w+ (pakken|kapot)", r"\bklappen krijgt\b",
    r"\baanraakt\b.*\bgeheim|\bgeheim.*\baanraakt\b", r"\bhand op (haar|mijn|zijn) (bovenbeen|been|billen)\b",
    r"\bvolwassen voor (mijn|je|haar|zijn) leeftijd\b", r"\baan niemand (mag|mogen) (zeggen|vertellen)\b",
    r"\bbedreigd door\b", r"\bbedreigt (me|mij)\b", r"\bgeweld\b",
    r"\bknife\b", r"\bweapon", r"\bstolen\b", r"\bstole\b", r"\bbeaten up\b", r"\bsexual abuse\b",
    r"\bnude (photo|picture)s?\b", r"\bthreaten(ed|s)? to kill\b",
)
# Maybe: ask the person.
_STRAFBAAR_MISSCHIEN = (
    r"\bslaan\b", r"\bsloeg\b", r"\bgeslagen\b", r"\bschop", r"\bgeschopt\b", r"\bduw", r"\bgeduwd\b",
    r"\bdreig", r"\bbedreig", r"\bpijn gedaan\b", r"\bblauwe plek", r"\bkras (over|op)\b",
    r"\bgefilmd\b", r"\bfilmpje\b", r"\bknijp", r"\bgrijp",
    r"\bgegrepen\b", r"\baanraakt?\b", r"\baangeraakt\b",
    r"\bhit\b", r"\bhits\b", r"\bkick(ed|s)?\b", r"\bpush(ed|es)?\b", r"\bthreat", r"\bhurt\b",
    r"\bgrabbed\b", r"\btouched\b",
)


def lees_strafbaar(text: str | None) -> Optional[bool]:
    """A possible crime: True (clear), None (violence or threats of unclear weight: ask), False."""
    t = normaliseer(text)
    if _any(_STRAFBAAR_JA, t):
        return True
    if _any(_STRAFBAAR_MISSCHIEN, t):
        return None
    return False


_THUIS = (
    r"\b(mijn|mn) (vader|moeder|stiefvader|stiefmoeder|papa|mama|broer|oom|vriend van mijn moeder) "
    r"(slaat|schopt|sloeg|mishandelt|misbruikt|bedreigt|knijpt)",
    r"\bthuis (\w+ ){0,4}(geslagen|geschopt|mishandeld|misbruikt|niet veilig|onveilig|geweld)",
    r"\b(slaat|schopt|sloeg) (me|mij|hem|haar) thuis\b", r"\bhuiselijk geweld\b", r"\bdurf niet naar huis\b",
    r"\bwil niet naar huis\b.*\b(slaat|geslagen|bang)\b|\b(slaat|geslagen|bang)\b.*\bwil niet naar huis\b",
)


def lees_huiselijk_geweld(text: str | None) -> bool:
    """Violence or abuse at home."""
    return _any(_THUIS, normaliseer(text))


# ---- age ------------------------------------------------------------------------------------

_OUD_LEERLING = (
    r"\boud[- ]?leerling", r"\bex[- ]?leerling", r"\bik zat (daar |hier )?vroeger\b", r"\bvroeger (les|op (deze|die|jullie) school)\b",
    r"\bik zat (daar |hier )?tot (19|20)\d\d\b", r"\bik zit niet meer op\b", r"\bik ben (deze zomer |vorig jaar |in \w+ )?geslaagd\b",
    r"\btoen ik (daar |nog )?(op school|leerling) (zat|was)\b", r"\bik ben van school af\b",
)


def lees_oud_leerling(text: str | None) -> bool:
    """A former pupil speaking ("ik ben oud-leerling", "ik zat daar vroeger", "ik ben geslaagd")."""
    return _any(_OUD_LEERLING, normaliseer(text))


def lees_minderjarig(text: str | None) -> Optional[bool]:
    """A pupil's age from their words: True (primary school, lower classes, an age under 18),
    False (an age of 18 or more), None (upper classes, where pupils can be 17 or 18, or unsaid)."""
    t = normaliseer(text)
    m = re.search(r"\b(ik ben|ben|ik ben al|ik ben nu|nu je toch|nu ik|sinds ik) (\d{1,2})( jaar)?\b", t)
    if m and 6 <= int(m.group(2)) <= 40:
        return int(m.group(2)) < 18
    if re.search(r"\b(meerderjarig|volwassen ben)\b", t):
        return False
    if re.search(r"\b(groep [1-8]|brugklas|brugger|basisschool|[123] ?(havo|vwo|vmbo|mavo|gym|atheneum|gymnasium|tl|kb|bb|kader)|"
                 r"(klas|leerjaar) [123]|4 ?(vmbo|tl|kb|bb|mavo|havo|vwo|gym)|(havo|vwo|vmbo|mavo)[- ]?[1234])\b", t):
        return True
    return None


# ---- the answer to a fact question, and the facts together --------------------------------

WEET_NIET = "weet_niet"
# The fact questions, in the order they are asked (slot names, INTERFACES.md).
FEIT_VRAGEN = ("examen", "betreft_personeel", "mogelijk_strafbaar", "minderjarig")
# Categories whose complaint can be about an exam grade or decision.
_EXAMEN_CATEGORIEEN = {"beoordeling", "strafmaatregel", "begeleiding", "schoolorganisatie", "anders"}
_ERNSTIG = {"seksuele_intimidatie", "agressie_geweld", "discriminatie", "grensoverschrijdend_gedrag"}


def weet_het_niet(text: str | None) -> bool:
    """"weet ik niet", "geen idee", "misschien": the person does not know."""
    return bool(re.match(r"^(ik )?(weet (ik )?(het )?niet|geen idee|misschien|twijfel|idk|geen flauw idee)\b|"
                         r"^(i )?(don'?t|do not) know\b|^dunno\b|^not sure\b|^no idea\b|^maybe\b|^i'?m not sure\b",
                         normaliseer(text).strip(" .!")))


def ja_nee(text: str | None) -> Optional[bool]:
    """"ja" → True, "nee" → False, anything else (also "weet ik niet") → None."""
    t = normaliseer(text).strip(" .!")
    if weet_het_niet(t):
        return None
    if re.match(r"^(ja+|jep|jup|jawel|yes|klopt|zeker|inderdaad|dat klopt|ja hoor|jazeker|yep|ok[eé]?|ya|"
                r"yeah|sure|right|correct|that'?s right|of course|definitely)\b", t):
        return True
    if re.match(r"^(nee+|neen|nope|no|niet|nee hoor|zeker niet|helemaal niet|klopt niet|nah|"
                r"not really|not at all|definitely not)\b", t):
        return False
    return None


def _antwoord(value: object) -> Optional[bool]:
    return value if isinstance(value, bool) else None


def bepaal_feiten(
    *,
    rol: Optional[str],
    categorieen: Iterable[str],
    verhaal: str | None,
    wanneer: str | None = None,
    betrokkenen: str | None = None,
    alle_tekst: str | None = None,
    antwoorden: Optional[dict] = None,
    today: date,
) -> dict:
    """The facts for the advice, from the person's words and their answers to fact questions.

    ``antwoorden`` maps a fact slot to True, False or ``WEET_NIET``. A fact in
    ``FEIT_VRAGEN`` that is ``None`` in the result is uncertain and changes the route: ask it
    (once). Anything answered is kept; "weet ik niet" falls back to the careful default.
    """
    antwoorden = antwoorden or {}
    cats = set(categorieen or [])
    tekst = " ".join(t for t in (verhaal, betrokkenen) if t)
    alles = " ".join(t for t in (alle_tekst, tekst) if t)
    f: dict = {}

    # exam: only where a complaint can be about a grade or decision (not behind a serious matter)
    gelezen = lees_examen(tekst)
    if gelezen is not True and lees_examen(alles) is True:
        # An exam named elsewhere in the conversation (a first message the bot could not
        # place, "mn se cijfer staat verkeerd in magister"), not in the story: ask, don't guess.
        gelezen = None
    if "examen" in antwoorden:
        f["examen"] = _antwoord(antwoorden["examen"])
        if f["examen"] is None:
            f["examen"] = gelezen is True and bool(cats & {"beoordeling", "strafmaatregel"})
    elif cats & _ERNSTIG or not cats & _EXAMEN_CATEGORIEEN:
        f["examen"] = False
    elif gelezen is True:
        f["examen"] = True if cats & {"beoordeling", "strafmaatregel"} else None
    elif gelezen is None and "beoordeling" in cats:
        f["examen"] = None
    else:
        f["examen"] = False

    # the nature of the behaviour and who did it: the zedenzaak decision
    f["seksueel"] = lees_seksueel(tekst) or "seksuele_intimidatie" in cats
    personeel = lees_personeel(betrokkenen, verhaal)
    if "betreft_personeel" in antwoorden:
        f["betreft_personeel"] = _antwoord(antwoorden["betreft_personeel"])
        if f["betreft_personeel"] is None:
            f["betreft_personeel"] = bool(personeel)
    elif personeel is None and not f["seksueel"]:
        f["betreft_personeel"] = False  # does not change the route: not asked
    else:
        f["betreft_personeel"] = personeel
    f["betreft_leerling"] = None if rol in ("leerling", "ouder", "oud_leerling") else lees_leerling_betrokken(tekst)

    # a possible crime
    if "mogelijk_strafbaar" in antwoorden:
        f["mogelijk_strafbaar"] = _antwoord(antwoorden["mogelijk_strafbaar"])
        if f["mogelijk_strafbaar"] is None:
            f["mogelijk_strafbaar"] = lees_strafbaar(tekst) is True
    else:
        f["mogelijk_strafbaar"] = lees_strafbaar(tekst)
    f["huiselijk_geweld"] = lees_huiselijk_geweld(tekst)

    # A "pupil" who says they are a former pupil is advised as one: an adult.
    f["oud_leerling"] = rol == "oud_leerling" or (rol == "leerling" and lees_oud_leerling(alles))

    # a pupil's age: asked only where pupils can be 18 (upper classes, mbo, the exam year)
    if rol != "leerling" or f["oud_leerling"]:
        f["minderjarig"] = False
    elif "minderjarig" in antwoorden:
        f["minderjarig"] = _antwoord(antwoorden["minderjarig"])
        if f["minderjarig"] is None:
            f["minderjarig"] = True  # the careful default: the minors' notice
    else:
        leeftijd = lees_minderjarig(alles)
        bovenbouw = re.search(r"\b([56] ?(havo|vwo|gym|atheneum)|(havo|vwo)[- ]?[56]|mbo|examenklas|examenjaar|eindexamen)\b",
                              normaliseer(alles))
        if leeftijd is None and not (bovenbouw or f["examen"]):
            leeftijd = True  # assumed (primary or lower secondary school): not asked
        f["minderjarig"] = leeftijd

    f["datum_gebeurtenis"] = datum_uit(wanneer, verhaal, today)
    return f


def te_vragen(feiten: dict) -> list[str]:
    """The fact questions still to ask: uncertain facts that change the route."""
    return [slot for slot in FEIT_VRAGEN if slot in feiten and feiten[slot] is None]
