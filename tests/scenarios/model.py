"""The scenario format: YAML files in ``tests/scenarios/data/``, read into plain dataclasses.

One file per theme, ``scenarios:`` a list. The format is described in ``README.md`` next to this
file; this module reads it, checks every value against the contract's vocabularies and adds
the expectations that follow from the scenario's facts (``_derive``), so a scenario states
each truth once. Nothing here talks to the bot.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import yaml

from wegwijzer.vocab import AL_ONDERNOMEN, CATEGORIEEN, ROLLEN, ROUTES, SIGNALEN, WENSEN

DATA_DIR = Path(__file__).resolve().parent / "data"
CLAIMS_FILE = Path(__file__).resolve().parent / "claims.yml"

# The former pupil: a role added to the contract this round (INTERFACES.md), whether or not
# the vocabulary of this checkout has it yet.
ROLES = tuple(dict.fromkeys((*ROLLEN, "oud_leerling")))
# Serious matters (contract §5): the vertrouwenspersoon at once, never "talk it out".
SERIOUS = frozenset({"seksuele_intimidatie", "agressie_geweld", "discriminatie",
                     "grensoverschrijdend_gedrag"})
# The slot the bot asks the route choice with, and the pseudo-slot of the consent question.
KEUZE_SLOT = "gekozen_route"
TOESTEMMING = "toestemming"
# Facts every scenario must state: the simulator answers them when asked, the judge derives
# signals from them.
REQUIRED_FACTS = ("examen", "betreft_personeel", "minderjarig", "anoniem")
# The one-year complaint term (art. 7 lid 2), with a margin of a month on either side in
# which both answers are accepted (the person's "about a year ago" is not a date).
TERM_MONTHS = 12
MARGIN_DAYS = 31

Answer = Union[str, "Button"]


class ScenarioError(ValueError):
    """A scenario file that does not follow the format (names the file and the scenario)."""


@dataclass(frozen=True)
class Button:
    """Press the offered button whose title contains ``title`` (case-insensitive); when no such
    button is offered, type ``title``."""

    title: str


@dataclass(frozen=True)
class Interjection:
    """Something the person says at a question instead of answering it: a question in between
    (``expect``: a regex the bot's reply must match) or, with ``stop``, the end of it all."""

    at: str
    say: str
    expect: Optional[str] = None
    stop: bool = False


@dataclass(frozen=True)
class Expected:
    handoff: bool
    rol: tuple[str, ...]  # the acceptable roles; the first is who the person is
    cat_must: tuple[str, ...]  # in the scenario's order: the first is what the person picks
    cat_one_of: tuple[str, ...]
    cat_may: frozenset[str]
    cat_not: frozenset[str]
    sig_must: frozenset[str]
    sig_not: frozenset[str]
    al_ondernomen: tuple[str, ...]
    wens: tuple[str, ...]
    anoniem: Optional[bool]
    first_route: tuple[str, ...]
    routes_must: frozenset[str]
    routes_not: frozenset[str]
    claims_not: tuple[str, ...]
    claims_must: tuple[str, ...]
    text_contains: Mapping[str, str]
    gekozen_route: Optional[str]

    @property
    def cat_allowed(self) -> frozenset[str]:
        return frozenset(self.cat_must) | frozenset(self.cat_one_of) | self.cat_may


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    file: str
    tags: tuple[str, ...]
    who: str
    opening: str
    answers: Mapping[str, tuple[Answer, ...]]
    facts: Mapping[str, Any]
    choice: Optional[str]
    consent: tuple[Answer, ...]
    interjections: tuple[Interjection, ...]
    expected: Expected
    date_spec: Optional[str] = None
    notes: str = ""

    def has_tag(self, tag: str) -> bool:
        return tag in self.tags


# ---------------------------------------------------------------------------------------------
# Dates: "2024", "2024-05", "2024-05-13", or relative to the day of the run: "-2j", "-18m",
# "-3w", "-5d" (jaar, maand, week, dag).
# ---------------------------------------------------------------------------------------------

_RELATIVE = re.compile(r"^-(\d+)([jmwd])$")
_ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def date_range(spec: str, today: date) -> tuple[date, date]:
    """The earliest and latest day a date spec can mean, as of ``today``."""
    spec = str(spec).strip()
    relative = _RELATIVE.match(spec)
    if relative:
        n, unit = int(relative.group(1)), relative.group(2)
        if unit == "j":
            day = _months_back(today, 12 * n)
        elif unit == "m":
            day = _months_back(today, n)
        else:
            day = today - timedelta(days=n * (7 if unit == "w" else 1))
        return day, day
    absolute = _ABSOLUTE.match(spec)
    if not absolute:
        raise ValueError(f"not a date spec: {spec!r}")
    year, month, day_ = absolute.groups()
    if day_:
        d = date(int(year), int(month), int(day_))
        return d, d
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return date(int(year), int(month), 1), date(int(year), int(month), last)
    return date(int(year), 1, 1), date(int(year), 12, 31)


def term_expectation(spec: Optional[str], today: date) -> Optional[bool]:
    """True: certainly more than a year ago (``buiten_termijn`` must be raised); False:
    certainly within the year (must not); None: unknown or too close to the boundary."""
    if spec is None:
        return None
    earliest, latest = date_range(spec, today)
    boundary = _months_back(today, TERM_MONTHS)
    if latest < boundary - timedelta(days=MARGIN_DAYS):
        return True
    if earliest > boundary + timedelta(days=MARGIN_DAYS):
        return False
    return None


# ---------------------------------------------------------------------------------------------
# Named claims (claims.yml): regexes over everything the bot said.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    name: str
    description: str
    patterns: tuple[re.Pattern[str], ...]
    # Only the bot's messages after the role was known (a "je" before that is fine).
    after_role: bool = False
    # Only the bot's answer to the opening message ("at once, before anything else").
    first_reply: bool = False

    def find(self, text: str) -> Optional[str]:
        for pattern in self.patterns:
            match = pattern.search(text)
            if match:
                return match.group(0)
        return None


def load_claims(path: Path = CLAIMS_FILE) -> dict[str, Claim]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    claims = {}
    for name, spec in raw.items():
        claims[name] = Claim(
            name=name,
            description=spec["omschrijving"],
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in spec["patronen"]),
            after_role=bool(spec.get("na_rol", False)),
            first_reply=bool(spec.get("eerste_antwoord", False)),
        )
    return claims


def claim(name_or_regex: str, claims: Mapping[str, Claim]) -> Claim:
    """A named claim, or an ad-hoc one from a regex written in the scenario."""
    if name_or_regex in claims:
        return claims[name_or_regex]
    return Claim(name=name_or_regex, description=name_or_regex,
                 patterns=(re.compile(name_or_regex, re.IGNORECASE),))


# ---------------------------------------------------------------------------------------------
# Reading and checking
# ---------------------------------------------------------------------------------------------


def _list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _answer(value: Any, where: str) -> Answer:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and set(value) == {"knop"}:
        return Button(str(value["knop"]))
    raise ScenarioError(f"{where}: an answer is a text or {{knop: <title>}}, got {value!r}")


def _check(values: Iterable[str], allowed: Sequence[str], where: str) -> None:
    for v in values:
        if v not in allowed:
            raise ScenarioError(f"{where}: unknown value {v!r}; allowed: {', '.join(allowed)}")


def _groups(spec: Any, keys: Sequence[str], allowed: Sequence[str], where: str) -> dict[str, set]:
    spec = spec or {}
    if not isinstance(spec, Mapping):
        raise ScenarioError(f"{where}: expected a mapping with {', '.join(keys)}")
    unknown = set(spec) - set(keys)
    if unknown:
        raise ScenarioError(f"{where}: unknown keys {sorted(unknown)}")
    out = {}
    for key in keys:
        values = _list(spec.get(key))
        _check(values, allowed, f"{where}.{key}")
        out[key] = set(values)
    return out


def _ordered(spec: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_list(spec.get(key))))


def _put(groups: dict[str, set], value: str, key: str) -> None:
    """A derived expectation, unless the scenario already says something about ``value``."""
    if not any(value in g for g in groups.values()):
        groups[key].add(value)


def _derive(
    facts: Mapping[str, Any], rol: Optional[str], sig: dict[str, set], routes: dict[str, set],
    claims_not: list[str], claims_must: list[str], date_spec: Optional[str], today: date,
    tags: Sequence[str],
) -> None:
    """What follows from the facts (see README, "Derived expectations")."""
    if facts.get("examen") is True:
        _put(sig, "examen", "moet")
        _put(routes, "commissie_van_beroep_examens", "moet")
        claims_must.append("examen_termijn")
    elif facts.get("examen") is False:
        _put(sig, "examen", "niet")
        _put(routes, "commissie_van_beroep_examens", "niet")
    if facts.get("minderjarig") is True and rol == "leerling":
        _put(sig, "minderjarig", "moet")
    elif facts.get("minderjarig") is False or rol != "leerling":
        _put(sig, "minderjarig", "niet")
        claims_not.append("ouders_ingelicht")
    if facts.get("mogelijk_strafbaar") is True:
        _put(sig, "mogelijk_strafbaar", "moet")
        _put(routes, "politie", "moet")
    elif facts.get("mogelijk_strafbaar") is False:
        _put(sig, "mogelijk_strafbaar", "niet")
        _put(routes, "politie", "niet")
    term = term_expectation(date_spec, today)
    if term is True:
        _put(sig, "buiten_termijn", "moet")
        claims_must.append("termijn_jaar")
    elif term is False:
        _put(sig, "buiten_termijn", "niet")
    if "zedenzaak_personeel" in sig["moet"]:
        _put(routes, "vertrouwensinspecteur", "moet")
    elif "zedenzaak_personeel" not in sig["mag"]:
        _put(sig, "zedenzaak_personeel", "niet")
        claims_not.append("plicht_vertrouwensinspecteur")
    _put(sig, "acuut_gevaar", "niet")
    if "onderling_overleg" in routes["niet"]:
        claims_not.append("praat_eerst_zelf")
    if "aarzelend" in tags:
        claims_not.append("niet_begrepen")
    if rol in ("ouder", "personeel", "oud_leerling", "anders"):
        claims_not.append("je_vorm")


def load_scenario(raw: Mapping[str, Any], file: str, today: date) -> Scenario:
    sid = raw.get("id")
    where = f"{file}:{sid}"
    if not sid or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(sid)):
        raise ScenarioError(f"{file}: every scenario needs an id of lower-case letters, digits and '-', got {sid!r}")
    known = {"id", "titel", "tags", "wie", "opening", "antwoorden", "feiten", "keuze",
             "toestemming", "tussendoor", "verwacht", "toelichting"}
    unknown = set(raw) - known
    if unknown:
        raise ScenarioError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("titel", "wie", "opening", "feiten", "verwacht"):
        if not raw.get(key) and raw.get(key) is not False:
            raise ScenarioError(f"{where}: missing {key!r}")

    facts = dict(raw["feiten"])
    missing = [f for f in REQUIRED_FACTS if f not in facts]
    if missing:
        raise ScenarioError(f"{where}: feiten must state {', '.join(missing)}")
    for f in ("examen", "betreft_personeel", "minderjarig", "anoniem", "mogelijk_strafbaar"):
        if f in facts and facts[f] is not None and not isinstance(facts[f], bool):
            raise ScenarioError(f"{where}: feiten.{f} must be true, false or null")
    date_spec = facts.get("datum_gebeurtenis")
    if date_spec is not None:
        try:
            date_range(str(date_spec), today)
        except ValueError as error:
            raise ScenarioError(f"{where}: feiten.datum_gebeurtenis: {error}") from None
        date_spec = str(date_spec)

    answers: dict[str, tuple[Answer, ...]] = {}
    for slot, values in (raw.get("antwoorden") or {}).items():
        items = tuple(_answer(v, f"{where}.antwoorden.{slot}") for v in _list(values))
        if not items:
            raise ScenarioError(f"{where}: antwoorden.{slot} is empty")
        answers[slot] = items
    if facts["anoniem"] is False:
        for slot in ("naam", "contact"):
            if slot not in answers:
                raise ScenarioError(f"{where}: not anonymous, so antwoorden.{slot} is needed")

    choice = raw.get("keuze")
    if choice is not None:
        _check([choice], ROUTES, f"{where}.keuze")
    consent = tuple(_answer(v, f"{where}.toestemming") for v in _list(raw.get("toestemming") or ["ja"]))

    interjections = []
    for i, item in enumerate(_list(raw.get("tussendoor"))):
        if not isinstance(item, Mapping) or not item.get("bij") or not item.get("zeg"):
            raise ScenarioError(f"{where}.tussendoor[{i}]: needs 'bij' and 'zeg'")
        interjections.append(Interjection(
            at=str(item["bij"]), say=str(item["zeg"]), expect=item.get("verwacht"),
            stop=bool(item.get("stop", False)),
        ))
        if item.get("verwacht"):
            re.compile(item["verwacht"])

    exp = raw["verwacht"]
    known_exp = {"overdracht", "rol", "categorieen", "signalen", "al_ondernomen", "wens",
                 "advies", "gezegd", "tekst_bevat"}
    unknown = set(exp) - known_exp
    if unknown:
        raise ScenarioError(f"{where}.verwacht: unknown keys {sorted(unknown)}")
    handoff = bool(exp.get("overdracht", True))
    roles = tuple(_list(exp.get("rol")))
    if not roles:
        raise ScenarioError(f"{where}.verwacht: rol is needed (who is speaking)")
    _check(roles, ROLES, f"{where}.verwacht.rol")
    rol = roles[0]
    cats = _groups(exp.get("categorieen"), ("moet", "een_van", "mag", "niet"), CATEGORIEEN,
                   f"{where}.verwacht.categorieen")
    if not (cats["moet"] or cats["een_van"]):
        # Also without a handoff: the simulated person answers the category question with it.
        raise ScenarioError(f"{where}.verwacht.categorieen: needs 'moet' or 'een_van'")
    sig = _groups(exp.get("signalen"), ("moet", "mag", "niet"), SIGNALEN, f"{where}.verwacht.signalen")
    advice = exp.get("advies") or {}
    unknown = set(advice) - {"eerste", "moet", "niet"}
    if unknown:
        raise ScenarioError(f"{where}.verwacht.advies: unknown keys {sorted(unknown)}")
    first = _list(advice.get("eerste"))
    _check(first, ROUTES, f"{where}.verwacht.advies.eerste")
    if handoff and not first:
        raise ScenarioError(f"{where}.verwacht.advies.eerste: the acceptable first route(s)")
    routes = {"moet": set(_list(advice.get("moet"))), "niet": set(_list(advice.get("niet")))}
    _check(routes["moet"] | routes["niet"], ROUTES, f"{where}.verwacht.advies")
    ondernomen = _list(exp.get("al_ondernomen"))
    _check(ondernomen, AL_ONDERNOMEN, f"{where}.verwacht.al_ondernomen")
    wens = _list(exp.get("wens"))
    _check(wens, WENSEN, f"{where}.verwacht.wens")
    said = exp.get("gezegd") or {}
    claims_not, claims_must = _list(said.get("niet")), _list(said.get("moet"))
    tags = tuple(str(t) for t in _list(raw.get("tags")))

    _derive(facts, rol, sig, routes, claims_not, claims_must, date_spec, today, tags)
    # "Ben je nu in gevaar?" (asked after the help lines): yes exactly when the record must
    # say acute danger, unless the scenario states it.
    facts.setdefault("nu_gevaar", "acuut_gevaar" in sig["moet"])
    overlap = set(first) & routes["niet"]
    if overlap:
        raise ScenarioError(f"{where}.verwacht.advies: {sorted(overlap)} both first and forbidden")
    if cats["moet"] & cats["niet"] or sig["moet"] & sig["niet"] or routes["moet"] & routes["niet"]:
        raise ScenarioError(f"{where}.verwacht: a value is both required and forbidden")

    text_contains = dict(exp.get("tekst_bevat") or {})
    for pattern in text_contains.values():
        re.compile(pattern)
    return Scenario(
        id=str(sid), title=str(raw["titel"]), file=file, tags=tags, who=str(raw["wie"]),
        opening=str(raw["opening"]), answers=answers, facts=facts, choice=choice,
        consent=consent, interjections=tuple(interjections),
        expected=Expected(
            handoff=handoff, rol=roles,
            cat_must=_ordered(exp.get("categorieen") or {}, "moet"),
            cat_one_of=_ordered(exp.get("categorieen") or {}, "een_van"),
            cat_may=frozenset(cats["mag"]), cat_not=frozenset(cats["niet"]),
            sig_must=frozenset(sig["moet"]), sig_not=frozenset(sig["niet"]),
            al_ondernomen=tuple(ondernomen), wens=tuple(wens),
            anoniem=facts.get("anoniem") if handoff else None,
            first_route=tuple(first), routes_must=frozenset(routes["moet"]),
            routes_not=frozenset(routes["niet"]),
            claims_not=tuple(dict.fromkeys(claims_not)), claims_must=tuple(dict.fromkeys(claims_must)),
            text_contains=text_contains, gekozen_route=choice if handoff else None,
        ),
        date_spec=date_spec, notes=str(raw.get("toelichting") or ""),
    )


def load_file(path: Path, today: Optional[date] = None) -> list[Scenario]:
    today = today or date.today()
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, Mapping) or not isinstance(raw.get("scenarios"), list):
        raise ScenarioError(f"{path.name}: expected 'scenarios:' with a list")
    return [load_scenario(item, path.name, today) for item in raw["scenarios"]]


def load_all(data_dir: Path = DATA_DIR, today: Optional[date] = None) -> list[Scenario]:
    scenarios: list[Scenario] = []
    for path in sorted(data_dir.glob("*.yml")):
        scenarios.extend(load_file(path, today))
    ids = [s.id for s in scenarios]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise ScenarioError(f"scenario ids used twice: {', '.join(doubles)}")
    return scenarios


def select(
    scenarios: Sequence[Scenario], tags: Sequence[str] = (), files: Sequence[str] = (),
    ids: Sequence[str] = (),
) -> list[Scenario]:
    """The scenarios with any of ``tags``, in any of ``files`` (name with or without .yml) and
    with any of ``ids`` (each filter only when given)."""
    files = {f if f.endswith(".yml") else f"{f}.yml" for f in files}
    out = []
    for s in scenarios:
        if tags and not any(s.has_tag(t) for t in tags):
            continue
        if files and s.file not in files:
            continue
        if ids and s.id not in ids:
            continue
        out.append(s)
    return out
