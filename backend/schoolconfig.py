"""School configuration: one readable YAML file per board, with its schools.

A file looks like ``config/scol.yml``::

    bestuur:
      slug: scol
      naam: Stichting Confessioneel Onderwijs Leiden
      regeling:            # a RegulationProfile dict (wegwijzer.regulation.RegulationProfile.from_dict)
        routes: [...]
        ...
    scholen:
      - slug: demo
        naam: Demoschool De Wegwijzer
        contactpersonen:
          - {naam: ..., email: ..., telefoon: ...}

:func:`load_board_file` reads and checks the whole file and returns a :class:`BoardConfig`, or
raises :class:`ConfigError` holding every problem found, each as ``path: what is wrong``. The
regulation profile and the persons are validated by ``wegwijzer.regulation`` itself (the one
place that knows their shape); this module checks only the file around them.

It also turns a stored school back into its profile (:func:`school_profile`) and into the public
JSON of ``GET /api/schools/{slug}`` (:func:`public_school`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import yaml

from backend.models import School
from backend.rules.schemas import MAX_SLUG, SLUG_RE
from wegwijzer.regulation import Persoon, RegulationProfile

MAX_NAME = 200


@dataclass(frozen=True)
class SchoolConfig:
    slug: str
    naam: str
    contactpersonen: Tuple[Persoon, ...] = ()

    def contactpersonen_json(self) -> List[Dict[str, Any]]:
        return [p.to_dict() for p in self.contactpersonen]


@dataclass(frozen=True)
class BoardConfig:
    slug: str
    naam: str
    profile: RegulationProfile
    scholen: Tuple[SchoolConfig, ...] = ()


class ConfigError(Exception):
    """A configuration file that cannot be used; ``errors`` lists every ``path: problem``."""

    def __init__(self, source: str, errors: List[str]) -> None:
        super().__init__(f"{source}: {'; '.join(errors)}")
        self.source = source
        self.errors = list(errors)

    def report(self) -> str:
        """Multi-line text for the command line."""
        count = "1 fout" if len(self.errors) == 1 else f"{len(self.errors)} fouten"
        lines = [f"{self.source}: {count}, er is niets opgeslagen:"]
        lines += [f"  - {error}" for error in self.errors]
        return "\n".join(lines)


# --- reading ---------------------------------------------------------------------------------

class _StrictLoader(yaml.SafeLoader):
    """``yaml.safe_load`` that refuses a key given twice (YAML would silently keep the last)."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> Dict[Any, Any]:
    seen: Dict[Any, Any] = {}
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def load_board_file(path: Union[str, Path]) -> BoardConfig:
    """Read and check a board file; raise :class:`ConfigError` naming the file."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(source, ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(source, [f"cannot read the file: {exc}"]) from None
    return parse_board_yaml(text, source)


def parse_board_yaml(text: str, source: str = "<yaml>") -> BoardConfig:
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ConfigError(source, [_yaml_problem(exc)]) from None
    return board_from_dict(data, source)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return f"not valid YAML: {where}{problem}"


# --- checking --------------------------------------------------------------------------------

def board_from_dict(data: Any, source: str = "<data>") -> BoardConfig:
    """Check a parsed file. Collects every problem it can before raising :class:`ConfigError`."""
    errors: List[str] = []
    if data is None:
        raise ConfigError(source, ["the file is empty; expected 'bestuur' and 'scholen'"])
    if not isinstance(data, Mapping):
        raise ConfigError(
            source, [f"expected a mapping with 'bestuur' and 'scholen', got {_kind(data)}"]
        )
    unknown = sorted(str(k) for k in data if k not in ("bestuur", "scholen"))
    if unknown:
        errors.append(f"unknown field(s) {', '.join(map(repr, unknown))}; allowed: bestuur, scholen")

    board = _board(data.get("bestuur"), errors)
    scholen = _schools(data.get("scholen"), errors)
    if errors or board is None:
        raise ConfigError(source, errors)
    slug, naam, profile = board
    return BoardConfig(slug=slug, naam=naam, profile=profile, scholen=tuple(scholen))


def _board(value: Any, errors: List[str]) -> Optional[Tuple[str, str, RegulationProfile]]:
    if not _given(value, "bestuur", errors, Mapping, "a mapping (slug, naam, regeling)",
                  " (the school board: slug, naam, regeling)"):
        return None
    unknown = sorted(str(k) for k in value if k not in ("slug", "naam", "regeling"))
    if unknown:
        errors.append(
            f"bestuur: unknown field(s) {', '.join(map(repr, unknown))}; allowed: slug, naam, regeling"
        )
    slug = _slug(value.get("slug"), "bestuur.slug", errors)
    naam = _name(value.get("naam"), "bestuur.naam", errors)
    profile = _profile(value.get("regeling"), naam, errors)
    if slug is None or naam is None or profile is None:
        return None
    return slug, naam, profile


def _profile(value: Any, board_name: Optional[str], errors: List[str]) -> Optional[RegulationProfile]:
    path = "bestuur.regeling"
    if not _given(value, path, errors, Mapping, "a mapping",
                  " (the board's complaint regulation: routes, termijnen, ...)"):
        return None
    if "school" in value:
        errors.append(
            f"{path}.school: not here; a school's contact persons go under "
            "scholen[i].contactpersonen"
        )
        return None
    regeling = dict(value)
    # The board's own entry in the profile (address, phone) takes the board's name by default.
    bestuur = regeling.get("bestuur")
    if bestuur is None:
        regeling["bestuur"] = {"naam": board_name}
    elif isinstance(bestuur, Mapping) and bestuur.get("naam") is None:
        regeling["bestuur"] = {**bestuur, "naam": board_name}
    try:
        return RegulationProfile.from_dict(regeling)
    except ValueError as exc:
        errors.append(_in_profile(str(exc)))
        return None


def _in_profile(message: str) -> str:
    """``RegulationProfile`` names fields from the profile's root; put them under the file's."""
    if message.startswith("profile:"):
        return "bestuur.regeling" + message[len("profile"):]
    return f"bestuur.regeling.{message}"


def _schools(value: Any, errors: List[str]) -> List[SchoolConfig]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(f"scholen: must be a list of schools, got {_kind(value)}")
        return []
    schools: List[SchoolConfig] = []
    first_seen: Dict[str, int] = {}
    for index, item in enumerate(value):
        path = f"scholen[{index}]"
        if not isinstance(item, Mapping):
            errors.append(f"{path}: must be a mapping (slug, naam, contactpersonen), got {_kind(item)}")
            continue
        unknown = sorted(str(k) for k in item if k not in ("slug", "naam", "contactpersonen"))
        if unknown:
            errors.append(
                f"{path}: unknown field(s) {', '.join(map(repr, unknown))}; "
                "allowed: slug, naam, contactpersonen"
            )
        slug = _slug(item.get("slug"), f"{path}.slug", errors)
        naam = _name(item.get("naam"), f"{path}.naam", errors)
        persons = _persons(item.get("contactpersonen"), f"{path}.contactpersonen", errors)
        if slug is not None:
            if slug in first_seen:
                errors.append(f"{path}.slug: {slug!r} is already used by scholen[{first_seen[slug]}]")
                continue
            first_seen[slug] = index
        if slug is not None and naam is not None and persons is not None:
            schools.append(SchoolConfig(slug=slug, naam=naam, contactpersonen=persons))
    return schools


def _persons(value: Any, path: str, errors: List[str]) -> Optional[Tuple[Persoon, ...]]:
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(f"{path}: must be a list of persons, got {_kind(value)}")
        return None
    persons = []
    ok = True
    for index, item in enumerate(value):
        try:
            persons.append(Persoon.from_dict(item, f"{path}[{index}]"))
        except ValueError as exc:
            errors.append(str(exc))
            ok = False
    return tuple(persons) if ok else None


def slug_problem(value: Any) -> Optional[str]:
    """Why ``value`` is not a valid slug, or ``None`` when it is."""
    if not isinstance(value, str) or not value:
        return "must be a short code: lower-case letters, digits and '-' (e.g. 'het-lyceum')"
    if not SLUG_RE.match(value) or len(value) > MAX_SLUG:
        return (
            f"{value!r} is not a valid code: only lower-case letters, digits and '-' "
            f"(e.g. 'het-lyceum'), at most {MAX_SLUG} characters"
        )
    return None


def _slug(value: Any, path: str, errors: List[str]) -> Optional[str]:
    if value is None:
        errors.append(f"{path}: missing")
        return None
    problem = slug_problem(value)
    if problem:
        errors.append(f"{path}: {problem}")
        return None
    return value


def _name(value: Any, path: str, errors: List[str]) -> Optional[str]:
    if not _given(value, path, errors, str, "text"):
        return None
    value = value.strip()
    if not value or len(value) > MAX_NAME:
        errors.append(f"{path}: must be 1 to {MAX_NAME} characters")
        return None
    return value


def _given(
    value: Any, path: str, errors: List[str], kind: type, kind_name: str, what: str = ""
) -> bool:
    """Whether the field at ``path`` is there and a ``kind``; else its error ("missing" with
    ``what`` it is for, or "must be ``kind_name``")."""
    if value is None:
        errors.append(f"{path}: missing{what}")
        return False
    if not isinstance(value, kind):
        errors.append(f"{path}: must be {kind_name}, got {_kind(value)}")
        return False
    return True


def _kind(value: Any) -> str:
    return {
        dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


# --- stored schools --------------------------------------------------------------------------

def school_contactpersonen(school: School) -> Tuple[Persoon, ...]:
    return tuple(
        Persoon.from_dict(item, f"{school.slug}.contactpersonen[{index}]")
        for index, item in enumerate(school.contactpersonen or [])
    )


def school_profile(school: School) -> Optional[RegulationProfile]:
    """The board's profile for this school (``school.board`` must be loaded); ``None`` when the
    school has no board yet."""
    if school.board is None:
        return None
    profile = RegulationProfile.from_dict(school.board.profile)
    return profile.voor_school(school.name, school_contactpersonen(school))


def public_school(school: School) -> Dict[str, Any]:
    """``GET /api/schools/{slug}``: what a school publishes anyway (routes, people, terms)."""
    profile = school_profile(school)
    contactpersonen = [p.to_dict() for p in school_contactpersonen(school)]
    if profile is None:
        return {
            "slug": school.slug,
            "name": school.name,
            "board": None,
            "routes": [],
            "contactpersonen": contactpersonen,
            "vertrouwenspersonen": [],
            "klachtencommissie": None,
            "landelijke_klachtencommissie": None,
            "termijnen": None,
        }
    data = profile.to_dict()
    return {
        "slug": school.slug,
        "name": school.name,
        "board": {
            "slug": school.board.slug,
            "name": school.board.name,
            "korte_naam": profile.bestuur_korte_naam,
            "bevoegd_gezag_naam": profile.bevoegd_gezag_naam,
            "contact": data["bestuur"],
            "regeling_naam": profile.regeling_naam,
        },
        "routes": data["routes"],
        "contactpersonen": contactpersonen,
        "vertrouwenspersonen": data["vertrouwenspersonen"],
        "klachtencommissie": data["klachtencommissie"],
        "landelijke_klachtencommissie": data["landelijke_klachtencommissie"],
        "vertrouwensinspecteur": data["vertrouwensinspecteur"],
        "commissie_van_beroep_examens": data["commissie_van_beroep_examens"],
        "anonieme_klachten_behandeld": profile.anonieme_klachten_behandeld,
        "termijnen": data["termijnen"],
        # The whole profile for this school, as RegulationProfile.from_dict reads it: the bot
        # computes its advice from it.
        "regeling": data,
    }


def json_dumps(value: Any) -> str:
    """JSON with the Dutch characters as they are (``Mariënpoolstraat``, not ``\\u00eb``)."""
    return json.dumps(value, ensure_ascii=False)
