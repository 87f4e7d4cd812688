"""The regulation profile of a school board: which complaint routes exist, its terms and people.

A school board's *klachtenregeling* decides which routes a person has. Every board has its own
variant, so the advice engine (:mod:`wegwijzer.advice`) reads a :class:`RegulationProfile`
instead of hard-coding one regulation. Profiles are immutable and load from a plain dict
(:meth:`RegulationProfile.from_dict`, what a YAML file per board parses into); bad input raises
``ValueError`` naming the field.

:func:`seed_profile` returns the profile of the seed regulation, the *Klachtenregeling Stichting
Confessioneel Onderwijs Leiden* (SCOL, ``shared/seeds/scol-klachtenregeling.md``). Article
references in this module ("art. 7 lid 2") point into that regulation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

from wegwijzer.vocab import ROUTES

# Routes the complaint regulation itself provides: the ladder of the "Klachtprocedure overzicht"
# (stap 1-6) and the vertrouwenspersoon beside it.
REGELING_ROUTES = ROUTES[:ROUTES.index("vertrouwenspersoon") + 1]
assert REGELING_ROUTES[0] == "onderling_overleg" and len(REGELING_ROUTES) == 8  # vocab's order
# Routes outside the regulation (police, Veilig Thuis, the inspectorate, the exam appeals
# committee). A profile may still leave one out, e.g. a primary-school board has no exams.
EXTERNE_ROUTES = tuple(r for r in ROUTES if r not in REGELING_ROUTES)

_PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-()]*[0-9]$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^https?://\S+$")


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instantie:
    """A body or office: a committee, the board's office, the inspectorate."""

    naam: str
    adres: str | None = None
    telefoon: str | None = None
    email: str | None = None
    website: str | None = None

    @classmethod
    def from_dict(cls, d: Any, path: str) -> "Instantie":
        d = _mapping(d, path)
        _no_unknown_keys(d, cls, path)
        return cls(
            naam=_text(d, "naam", path, required=True),
            adres=_text(d, "adres", path),
            telefoon=_phone(d, "telefoon", path),
            email=_email(d, "email", path),
            website=_url(d, "website", path),
        )

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Persoon:
    """A person to contact (vertrouwenspersoon, contactpersoon).

    ``naam`` and the direct details may be unknown (``None``): the seed regulation names no one
    and says the vertrouwenspersoon is reachable *via* the board's office (``bereikbaar_via``).
    A person must be reachable somehow: telefoon, email or bereikbaar_via.
    """

    naam: str | None = None
    telefoon: str | None = None
    email: str | None = None
    bereikbaar_via: Instantie | None = None

    @classmethod
    def from_dict(cls, d: Any, path: str) -> "Persoon":
        d = _mapping(d, path)
        _no_unknown_keys(d, cls, path)
        via = d.get("bereikbaar_via")
        persoon = cls(
            naam=_text(d, "naam", path),
            telefoon=_phone(d, "telefoon", path),
            email=_email(d, "email", path),
            bereikbaar_via=None if via is None else Instantie.from_dict(via, f"{path}.bereikbaar_via"),
        )
        if persoon.telefoon is None and persoon.email is None and persoon.bereikbaar_via is None:
            raise ValueError(
                f"{path}: a person must be reachable; give at least one of "
                "'telefoon', 'email' or 'bereikbaar_via'"
            )
        return persoon

    def to_dict(self) -> dict[str, Any]:
        return {
            "naam": self.naam,
            "telefoon": self.telefoon,
            "email": self.email,
            "bereikbaar_via": None if self.bereikbaar_via is None else self.bereikbaar_via.to_dict(),
        }


@dataclass(frozen=True)
class Termijnen:
    """The terms of the regulation. ``None`` means the regulation sets no such term.

    Defaults are the seed regulation's (SCOL):
    - ontvangst_werkdagen: the committee tells complainant, accused and board within 5 working
      days that it investigates the complaint (art. 7 lid 8);
    - hoorzitting_weken: hearing within 4 weeks after receipt of the complaint (art. 11 lid 1);
    - advies_weken: written findings to the board within 4 weeks after the hearing (art. 12 lid 2),
      extendable by advies_verlenging_weken = 4, with reasons given (art. 12 lid 2);
    - besluit_weken: the board's reasoned decision within 4 weeks after receiving the advice
      (art. 15 lid 1), extendable by at most besluit_verlenging_weken = 4 (art. 15 lid 2);
    - herstel_weken: 2 weeks to complete a complaint that lacks name, address, date or
      description (art. 9 lid 4);
    - klachttermijn_maanden: a complaint is filed within one year after the conduct or decision,
      unless the committee decides otherwise (art. 7 lid 2).
    """

    ontvangst_werkdagen: int | None = 5
    hoorzitting_weken: int | None = 4
    advies_weken: int | None = 4
    advies_verlenging_weken: int | None = 4
    besluit_weken: int | None = 4
    besluit_verlenging_weken: int | None = 4
    herstel_weken: int | None = 2
    klachttermijn_maanden: int | None = 12

    @classmethod
    def from_dict(cls, d: Any, path: str) -> "Termijnen":
        d = _mapping(d, path)
        _no_unknown_keys(d, cls, path)
        values = {}
        for f in fields(cls):
            if f.name in d:
                values[f.name] = _positive_int_or_none(d[f.name], f"{path}.{f.name}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def doorlooptijd_weken(self) -> int | None:
        """Weeks from receipt of the complaint to the board's decision, without extensions."""
        parts = (self.hoorzitting_weken, self.advies_weken, self.besluit_weken)
        return None if None in parts else sum(parts)  # type: ignore[arg-type]

    @property
    def doorlooptijd_max_weken(self) -> int | None:
        """The same, with every extension the regulation allows."""
        base = self.doorlooptijd_weken
        if base is None:
            return None
        return base + (self.advies_verlenging_weken or 0) + (self.besluit_verlenging_weken or 0)


# The national committee (Landelijke Klachtencommissie Onderwijs, run by Onderwijsgeschillen).
# Seed, "Adressen": "Onderwijsgeschillen, Postbus 85191, 3508 AD Utrecht, tel.nr. 030-2809590";
# art. 4 footnote 3: www.onderwijsgeschillen.nl.
LANDELIJKE_KLACHTENCOMMISSIE = Instantie(
    naam="Landelijke Klachtencommissie Onderwijs",
    adres="Onderwijsgeschillen, Postbus 85191, 3508 AD Utrecht",
    telefoon="030-280 95 90",
    email="info@onderwijsgeschillen.nl",
    website="https://www.onderwijsgeschillen.nl",
)

# The inspectorate's confidential inspectors (meldpunt vertrouwensinspecteurs).
VERTROUWENSINSPECTEUR = Instantie(
    naam="de vertrouwensinspecteur van de Inspectie van het Onderwijs",
    telefoon="0900-111 3 111",
)


# --------------------------------------------------------------------------------------------
# The profile
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegulationProfile:
    """What the advice engine needs to know about a board's regulation and a school.

    ``routes`` is every route this school can be advised (contract values); the engine never
    advises a route outside it. A board that is not affiliated to the national committee leaves
    out ``landelijke_klachtencommissie``; a board without its own committee leaves out
    ``klachtencommissie`` (it must have one of the two).
    """

    bestuur: Instantie
    regeling_naam: str
    routes: frozenset[str]
    bestuur_korte_naam: str | None = None
    bevoegd_gezag_naam: str | None = None  # e.g. "het College van Bestuur" (art. 1 onder i)
    termijnen: Termijnen = field(default_factory=Termijnen)
    # Toelichting art. 9 lid 4: "Een anonieme klacht wordt niet in behandeling genomen, tenzij de
    # klachtencommissie of het bevoegd gezag anders beslist."
    anonieme_klachten_behandeld: bool = False
    vertrouwenspersonen: tuple[Persoon, ...] = ()
    klachtencommissie: Instantie | None = None
    landelijke_klachtencommissie: Instantie | None = None
    vertrouwensinspecteur: Instantie = VERTROUWENSINSPECTEUR
    commissie_van_beroep_examens: Instantie | None = None
    # Per school (a board's profile is combined with one school's data, see voor_school).
    school_naam: str | None = None
    contactpersonen: tuple[Persoon, ...] = ()

    def __post_init__(self) -> None:
        _check_profile(self)

    def heeft(self, route: str) -> bool:
        """Whether this school can be advised ``route``."""
        return route in self.routes

    @property
    def bestuur_kort(self) -> str:
        return self.bestuur_korte_naam or self.bestuur.naam

    def voor_school(
        self, school_naam: str, contactpersonen: tuple[Persoon, ...] | list[Persoon] = ()
    ) -> "RegulationProfile":
        """This board's profile for one of its schools."""
        return replace(self, school_naam=school_naam, contactpersonen=tuple(contactpersonen))

    # -- loading ----------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, d: Any) -> "RegulationProfile":
        """Build a profile from a plain dict (e.g. parsed YAML). Raises ``ValueError``.

        Keys: ``bestuur`` (naam, adres, telefoon, email, website), ``bestuur_korte_naam``,
        ``bevoegd_gezag_naam``, ``regeling_naam``, ``routes`` (list of contract route values),
        ``termijnen`` (see :class:`Termijnen`; missing keys take the model's values, ``null``
        means no such term), ``anonieme_klachten_behandeld``, ``vertrouwenspersonen`` (list of
        persons: naam, telefoon, email, bereikbaar_via), ``klachtencommissie``,
        ``landelijke_klachtencommissie`` (defaults to the national committee's address when the
        route is listed), ``vertrouwensinspecteur``, ``commissie_van_beroep_examens``,
        ``school`` (naam, contactpersonen).
        """
        path = "profile"
        d = _mapping(d, path)
        allowed = {f.name for f in fields(cls)} - {"school_naam", "contactpersonen"} | {"school"}
        unknown = sorted(set(d) - allowed)
        if unknown:
            raise ValueError(f"{path}: unknown field(s) {', '.join(map(repr, unknown))}")

        if "bestuur" not in d:
            raise ValueError("bestuur: missing (the school board: naam, adres, telefoon, ...)")
        bestuur = Instantie.from_dict(d["bestuur"], "bestuur")

        routes = _routes(d.get("routes"))

        def optional_instantie(key: str, default: Instantie | None = None) -> Instantie | None:
            value = d.get(key)
            return default if value is None else Instantie.from_dict(value, key)

        lkc_default = LANDELIJKE_KLACHTENCOMMISSIE if "landelijke_klachtencommissie" in routes else None
        school = d.get("school")
        school = {} if school is None else _mapping(school, "school")
        unknown = sorted(set(school) - {"naam", "contactpersonen"})
        if unknown:
            raise ValueError(f"school: unknown field(s) {', '.join(map(repr, unknown))}")

        anoniem = d.get("anonieme_klachten_behandeld", False)
        if not isinstance(anoniem, bool):
            raise ValueError(
                f"anonieme_klachten_behandeld: must be true or false, got {anoniem!r}"
            )

        return cls(
            bestuur=bestuur,
            bestuur_korte_naam=_text(d, "bestuur_korte_naam", ""),
            bevoegd_gezag_naam=_text(d, "bevoegd_gezag_naam", ""),
            regeling_naam=_text(d, "regeling_naam", "", required=True),
            routes=routes,
            termijnen=Termijnen() if d.get("termijnen") is None else Termijnen.from_dict(d["termijnen"], "termijnen"),
            anonieme_klachten_behandeld=anoniem,
            vertrouwenspersonen=_persons(d.get("vertrouwenspersonen"), "vertrouwenspersonen"),
            klachtencommissie=optional_instantie("klachtencommissie"),
            landelijke_klachtencommissie=optional_instantie("landelijke_klachtencommissie", lkc_default),
            vertrouwensinspecteur=optional_instantie("vertrouwensinspecteur", VERTROUWENSINSPECTEUR),
            commissie_van_beroep_examens=optional_instantie("commissie_van_beroep_examens"),
            school_naam=_text(school, "naam", "school"),
            contactpersonen=_persons(school.get("contactpersonen"), "school.contactpersonen"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The inverse of :meth:`from_dict` (plain types only, ready for YAML/JSON)."""

        def opt(i: Instantie | None) -> dict[str, Any] | None:
            return None if i is None else i.to_dict()

        return {
            "bestuur": self.bestuur.to_dict(),
            "bestuur_korte_naam": self.bestuur_korte_naam,
            "bevoegd_gezag_naam": self.bevoegd_gezag_naam,
            "regeling_naam": self.regeling_naam,
            "routes": [r for r in ROUTES if r in self.routes],
            "termijnen": self.termijnen.to_dict(),
            "anonieme_klachten_behandeld": self.anonieme_klachten_behandeld,
            "vertrouwenspersonen": [p.to_dict() for p in self.vertrouwenspersonen],
            "klachtencommissie": opt(self.klachtencommissie),
            "landelijke_klachtencommissie": opt(self.landelijke_klachtencommissie),
            "vertrouwensinspecteur": self.vertrouwensinspecteur.to_dict(),
            "commissie_van_beroep_examens": opt(self.commissie_van_beroep_examens),
            "school": {
                "naam": self.school_naam,
                "contactpersonen": [p.to_dict() for p in self.contactpersonen],
            },
        }


def _check_profile(p: RegulationProfile) -> None:
    """Consistency rules between the routes and the data (also for direct construction)."""
    bad = sorted(r for r in p.routes if r not in ROUTES)
    if bad:
        raise ValueError(f"routes: unknown route(s) {', '.join(map(repr, bad))}; allowed: {', '.join(ROUTES)}")
    if "bevoegd_gezag" not in p.routes:
        raise ValueError("routes: 'bevoegd_gezag' is required (every school has a board)")
    if "klachtencommissie" not in p.routes and "landelijke_klachtencommissie" not in p.routes:
        raise ValueError(
            "routes: a board must have its own complaints committee ('klachtencommissie') or be "
            "affiliated to the national one ('landelijke_klachtencommissie')"
        )
    pairs = (
        ("klachtencommissie", p.klachtencommissie),
        ("landelijke_klachtencommissie", p.landelijke_klachtencommissie),
    )
    for route, data in pairs:
        if route in p.routes and data is None:
            raise ValueError(f"{route}: missing, but '{route}' is in routes (give at least its naam)")
        if route not in p.routes and data is not None:
            raise ValueError(f"{route}: given, but '{route}' is not in routes; add the route or remove the data")
    if "vertrouwenspersoon" in p.routes and not p.vertrouwenspersonen:
        raise ValueError(
            "vertrouwenspersonen: empty, but 'vertrouwenspersoon' is in routes "
            "(art. 3 lid 1: the board has at least one vertrouwenspersoon)"
        )
    if not p.regeling_naam.strip():
        raise ValueError("regeling_naam: must not be empty")


# --------------------------------------------------------------------------------------------
# The seed regulation
# --------------------------------------------------------------------------------------------

# "De Interne Klachtencommissie en de vertrouwenspersoon zijn bereikbaar via het bestuursbureau
# van SCOL, Mariënpoolstraat 4, 2334 CZ Leiden, tel.nr. 071-5175551." (seed, "Adressen")
_SCOL_BESTUURSBUREAU = {
    "naam": "het bestuursbureau van SCOL",
    "adres": "Mariënpoolstraat 4, 2334 CZ Leiden",
    "telefoon": "071-5175551",
}

SEED_PROFILE_DICT: dict[str, Any] = {
    # The board's office is where the College van Bestuur (art. 1 onder i) sits; the seed gives
    # its address under "Adressen".
    "bestuur": {"naam": "Stichting Confessioneel Onderwijs Leiden", **{k: v for k, v in _SCOL_BESTUURSBUREAU.items() if k != "naam"}},
    "bestuur_korte_naam": "SCOL",
    "bevoegd_gezag_naam": "het College van Bestuur",  # art. 1 onder i
    "regeling_naam": "Klachtenregeling Stichting Confessioneel Onderwijs Leiden",  # art. 19 lid 3
    "routes": list(ROUTES),  # own committee (art. 4 lid 1) and the national one (art. 4 lid 2)
    "termijnen": {
        "ontvangst_werkdagen": 5,  # art. 7 lid 8
        "hoorzitting_weken": 4,  # art. 11 lid 1
        "advies_weken": 4,  # art. 12 lid 2
        "advies_verlenging_weken": 4,  # art. 12 lid 2
        "besluit_weken": 4,  # art. 15 lid 1
        "besluit_verlenging_weken": 4,  # art. 15 lid 2 ("ten hoogste vier weken")
        "herstel_weken": 2,  # art. 9 lid 4
        "klachttermijn_maanden": 12,  # art. 7 lid 2 ("binnen een jaar")
    },
    "anonieme_klachten_behandeld": False,  # toelichting art. 9 lid 4
    # Art. 3 lid 1: at least one; the seed names no one, only how to reach them.
    "vertrouwenspersonen": [{"naam": None, "bereikbaar_via": dict(_SCOL_BESTUURSBUREAU)}],
    "klachtencommissie": {"naam": "de Interne Klachtencommissie van SCOL", **{k: v for k, v in _SCOL_BESTUURSBUREAU.items() if k != "naam"}},
    "landelijke_klachtencommissie": LANDELIJKE_KLACHTENCOMMISSIE.to_dict(),
    "vertrouwensinspecteur": VERTROUWENSINSPECTEUR.to_dict(),
    "commissie_van_beroep_examens": None,  # the seed only says it exists (Inleiding)
    "school": {"naam": None, "contactpersonen": []},  # art. 2: per school; the seed names none
}


def seed_profile() -> RegulationProfile:
    """The profile of the seed regulation (SCOL), with no school-specific contact persons."""
    return RegulationProfile.from_dict(SEED_PROFILE_DICT)


# --------------------------------------------------------------------------------------------
# Parsing helpers: every error names the field.
# --------------------------------------------------------------------------------------------


def _mapping(d: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(d, Mapping):
        raise ValueError(f"{path}: must be a mapping, got {type(d).__name__}")
    bad = [k for k in d if not isinstance(k, str)]
    if bad:
        raise ValueError(f"{path}: keys must be strings, got {bad[0]!r}")
    return d


def _no_unknown_keys(d: Mapping[str, Any], cls: type, path: str) -> None:
    unknown = sorted(set(d) - {f.name for f in fields(cls)})
    if unknown:
        raise ValueError(f"{path}: unknown field(s) {', '.join(map(repr, unknown))}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _text(d: Mapping[str, Any], key: str, path: str, required: bool = False) -> str | None:
    value = d.get(key)
    where = _join(path, key)
    if value is None:
        if required:
            raise ValueError(f"{where}: missing")
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: must be text, got {type(value).__name__}")
    value = value.strip()
    if not value:
        if required:
            raise ValueError(f"{where}: must not be empty")
        return None
    return value


def _phone(d: Mapping[str, Any], key: str, path: str) -> str | None:
    value = d.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(
            f"{_join(path, key)}: write the phone number as text in quotes (a number loses its leading 0)"
        )
    value = _text(d, key, path)
    if value is not None and (not _PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 3):
        raise ValueError(f"{_join(path, key)}: not a phone number: {value!r}")
    return value


def _email(d: Mapping[str, Any], key: str, path: str) -> str | None:
    value = _text(d, key, path)
    if value is not None and not _EMAIL_RE.match(value):
        raise ValueError(f"{_join(path, key)}: not an e-mail address: {value!r}")
    return value


def _url(d: Mapping[str, Any], key: str, path: str) -> str | None:
    value = _text(d, key, path)
    if value is not None and not _URL_RE.match(value):
        raise ValueError(f"{_join(path, key)}: not an http(s) address: {value!r}")
    return value


def _positive_int_or_none(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where}: must be a positive whole number or null, got {value!r}")
    return value


def _routes(value: Any) -> frozenset[str]:
    if value is None:
        raise ValueError("routes: missing (list the routes this school can be advised)")
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValueError(f"routes: must be a list of route names, got {type(value).__name__}")
    seen: list[str] = []
    for item in value:
        if not isinstance(item, str) or item not in ROUTES:
            raise ValueError(f"routes: unknown route {item!r}; allowed: {', '.join(ROUTES)}")
        if item in seen:
            raise ValueError(f"routes: {item!r} listed twice")
        seen.append(item)
    return frozenset(seen)


def _persons(value: Any, path: str) -> tuple[Persoon, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{path}: must be a list of persons, got {type(value).__name__}")
    return tuple(Persoon.from_dict(item, f"{path}[{i}]") for i, item in enumerate(value))
