"""When it happened, read from the person's words ("gister", "twee jaar geleden", "oktober 2025,
vorig schooljaar dus"), as the date of the (last) conduct: the one-year term of the regulation
runs from it (art. 7 lid 2: a complaint within a year after the conduct, unless the committee
decides otherwise). A span ("in 2024", "vorig schooljaar") gives its last day, so an event is
only called out of term when the whole span is. No Rasa; the facts are read in ``wegwijzer.feiten``."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable, NamedTuple, Optional

from dateutil.easter import easter

from wegwijzer.chattaal import matches_any as _any, normaliseer

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


def _vorig_schooljaar_einde(today: date) -> date:
    return _schooljaar_start(today) - timedelta(days=1)


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


# School holidays and feasts, as the last day they name in a given year: "in de herfstvakantie",
# "rond Pasen 2025", "de herfstvakantie van vorig schooljaar" (blind8: none was read, and two
# events out of the one-year term were not called so). The holidays' exact weeks differ per
# region and year; the end of the usual week is close enough for a term of a year.
_VAKANTIES: dict[str, Callable[[int], date]] = {
    "herfstvakantie": lambda y: date(y, 10, 31),
    "kerstvakantie": lambda y: date(y, 12, 31),
    "voorjaarsvakantie": lambda y: date(y, 3, 1),
    "krokusvakantie": lambda y: date(y, 3, 1),
    "carnaval": lambda y: easter(y) - timedelta(days=46),
    "paasvakantie": lambda y: easter(y) + timedelta(days=1),
    "pasen": lambda y: easter(y) + timedelta(days=1),
    "meivakantie": lambda y: date(y, 5, 8),
    "pinksteren": lambda y: easter(y) + timedelta(days=50),
    "sinterklaas": lambda y: date(y, 12, 5),
}
_VAKANTIE_NAMEN = "|".join(sorted(_VAKANTIES, key=len, reverse=True))
_VAKANTIE = r"\b(" + _VAKANTIE_NAMEN + r")\b"
_MAAND_OF_VAKANTIE = _VAKANTIE_NAMEN + "|" + "|".join(sorted(_MAANDEN, key=len, reverse=True))


def _vakantie(naam: str, jaar: Optional[str], today: date) -> Optional[date]:
    """The last day of a named holiday: in the year said ("Pasen 2025", "van vorig jaar"), else
    the last one that has begun."""
    dag = _VAKANTIES[naam]
    if jaar and jaar.isdigit():
        return dag(int(jaar)) if 1900 < int(jaar) <= today.year else None
    if jaar:
        return dag(today.year - 1)
    return dag(today.year) if dag(today.year) - timedelta(days=9) <= today else dag(today.year - 1)


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
             _vorig_schooljaar_einde),
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


# A year written alone ("in 2024", "tot 2017"), not part of a date such as 3-5-2024.
_JAAR = re.compile(r"(?<![\d/-])\b(19[5-9]\d|20\d\d)\b(?![\d/-])")


def _enig_jaar(t: str) -> Optional[int]:
    """The year a text names, when it names exactly one."""
    jaren = set(_JAAR.findall(t))
    return int(next(iter(jaren))) if len(jaren) == 1 else None


def _datums(text: str, today: date, enig_jaar: Optional[int] = None) -> list[date]:
    """Every date or span the text names (a span as its last day). ``enig_jaar``: the one year
    the whole answer names, for a part of it that names a month without one."""
    t = normaliseer(text)
    found: list[date] = []

    def add(d: Optional[date]) -> None:
        if d is not None:
            found.append(min(d, today))

    # "in de herfstvakantie", "rond Pasen 2025", "de meivakantie van vorig jaar" (its "vorig
    # jaar" places the holiday, it is not the year's last day)
    for m in re.finditer(_VAKANTIE + r"( (van )?(\d{4}|vorig jaar))?", t):
        add(_vakantie(m.group(1), m.group(4), today))
    # "oktober vorig jaar", "de meivakantie van vorig jaar": "vorig jaar" places the month or
    # the holiday (read below and above); it is not also the last day of that year (blind8).
    _momenten(re.sub(r"\b(?:" + _MAAND_OF_VAKANTIE + r") (?:van )?(?:vorig|vorige|afgelopen) jaar\b", " ", t),
              today, add, english=False)
    # "3 weken geleden", "twee jaar geleden", "een paar maanden terug", "ruim een jaar geleden"
    for m in re.finditer(
        r"\b(ruim |meer dan |bijna |ongeveer |zo'n |een )?" + _GETAL
        + r" (dag|dagen|week|weken|maand|maanden|jaar|jaren|jaartje)( en \w+ (half|maanden))? (geleden|terug)", t
    ):
        add(_geleden(today, _getal(m.group(2)), m.group(3), m.group(1) in ("ruim ", "meer dan "),
                     bool(m.group(4) and "half" in m.group(4))))
    # "twee schooljaren geleden": the last day of that school year, as "vorig schooljaar" (blind5)
    for m in re.finditer(r"\b" + _GETAL + r" (schooljaar|schooljaren) (geleden|terug)\b", t):
        n = int(_getal(m.group(1)))
        if n >= 1:
            einde = _vorig_schooljaar_einde(today)
            add(einde.replace(year=einde.year - (n - 1)))
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
    # One year named in the answer places a month said without one ("rond Pasen 2025, april").
    enig_jaar = enig_jaar or _enig_jaar(t)
    # "in mei", "oktober 2025", "rond de kerst van vorig jaar" (a month without a day)
    for m in re.finditer(r"(?<!\d )\b" + _MAAND + r"( (van )?(\d{4}|vorig jaar|dit jaar))?", t):
        maand = _MAANDEN[m.group(1)]
        if m.group(1) in ("mei",) or len(m.group(1)) > 3 or m.group(2):
            jaar = m.group(4)
            if jaar and jaar.isdigit():
                year = int(jaar)
            elif jaar == "vorig jaar":
                year = today.year - 1
            elif enig_jaar:
                year = enig_jaar
            else:
                year = today.year if maand <= today.month else today.year - 1
            if 1900 < year <= today.year:
                add(_maand_einde(year, maand))
    if re.search(r"\bkerst\w* (van )?vorig jaar\b", t):
        add(date(today.year - 1, 12, 31))
    # "in 2024", "tot 2017", "2012" (a year alone)
    for m in _JAAR.finditer(t):
        year = int(m.group(1))
        if year <= today.year and not re.search("(?:" + _MAAND + "|" + _VAKANTIE + r") (van )?$", t[: m.start()]):
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
            r"verteld|hoorde|hoorden|gehoord|zag ik|zagen we|las ik|opvroeg|opgevraagd|"
            # "Wij weten het sinds gisteren" (blind6): knowing it since, not the conduct
            r"(?:weet|weten|wist|wisten) (?:\w+ ){0,2}het)\b")


def lees_datum(text: str | None, today: date) -> Optional[date]:
    """The date of the (last) conduct the text names, relative to ``today``; None if none.

    Several dates: the most recent counts ("sinds oktober, gisteren nog" → yesterday): the
    complaint term runs from the last conduct (art. 7 lid 2).
    """
    # When the person found out is not when it happened ("in 2021 gestuurd, vorige maand
    # ontdekt"): that is the regulation's exception (art. 7 lid 2), not the date of the conduct.
    t = normaliseer(text)
    # "oktober 2025, vorig schooljaar dus", "in maart, vorig schooljaar": the school year only
    # places the other words; they are read as of its last day, and the school year itself
    # (its last day) counts only when nothing else names a date.
    if re.search(_VORIG_SCHOOLJAAR, t):
        binnen = _datums_gebeurd(re.sub(_VORIG_SCHOOLJAAR, " ", t), _vorig_schooljaar_einde(today))
        if binnen:
            return max(binnen)
    # "twee jaar geleden, in juni", "vorig jaar in maart": a month without a year is read in the
    # year those words name, not in the last twelve months (blind3: June two years ago was taken
    # for last June, and the one-year term was not said).
    jaar = re.search(_JAAR_TERUG, t)
    if jaar and re.search(r"\b" + _MAAND, t) and not re.search(r"\b(19|20)\d\d\b", t):
        terug = int(_getal(jaar.group(1) or "1"))
        binnen = _datums_gebeurd(re.sub(_JAAR_TERUG, " ", t), date(today.year - terug, 12, 31))
        if binnen:
            return max(binnen)
    found = _datums_gebeurd(t, today)
    return max(found) if found else None


_VORIG_SCHOOLJAAR = r"\b(vorig|vorige|afgelopen) schooljaar\b|\blast school year\b"
_JAAR_TERUG = r"\b(?:(een|twee|drie|vier|vijf|1|2|3|4|5) jaar geleden|vorig jaar|vorige jaar)\b"


def _datums_gebeurd(t: str, today: date) -> list[date]:
    """The dates of the conduct in a normalised text: not those of finding out (``_ONTDEKT``)."""
    delen = re.split(r"[,.;!?]|\b(?:maar|en|toen|dat)\b", t)
    gebeurd = [d for d in delen if not re.search(_ONTDEKT, d)]
    jaar = _enig_jaar(t)
    return [d for deel in (gebeurd if "".join(gebeurd).strip() else delen) for d in _datums(deel, today, jaar)]


def datum_uit(wanneer: str | None, verhaal: str | None, today: date) -> Optional[str]:
    """ISO date from the answer to "wanneer?", else from the story; None when neither says."""
    d = lees_datum(wanneer, today) or lees_datum(verhaal, today)
    return d.isoformat() if d else None


def termijn_einde(datum: date, maanden: int) -> date:
    """The last day of a term of ``maanden`` months starting on ``datum``.

    "Binnen een jaar na de gedraging" (art. 7 lid 2): an event on 15 March 2024 may be filed up
    to and including 15 March 2025. A date that does not exist in the end month (29 February)
    becomes that month's last day.
    """
    month_index = datum.month - 1 + maanden
    year, month = datum.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(datum.day, calendar.monthrange(year, month)[1]))
