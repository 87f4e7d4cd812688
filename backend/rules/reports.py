"""The yearly anonymised report of a school and of a board: counting and suppression, no I/O.

What is counted, for one calendar year (Dutch local dates):

- intakes, by the day they arrived: by category (an intake can have several, so these do not
  add up to the total), by who reported (role), by the advised first step, by the chosen route,
  by status (as it is now) and by month;
- signals (``models.Signal``), by the day they were noticed: by category and by month.

The input is :class:`IntakeFacts` and :class:`SignalFacts`: vocabulary values and dates only.
Free text, names, receipt codes and ids never reach this module, so no report can show them.

**Small counts.** A count from 1 to ``threshold - 1`` (``WEGWIJZER_REPORT_MIN_COUNT``, default 5)
shows as ``< 5``. On its own that is not enough: the cells of a table by role add up to the
number of intakes, a school's cells add up to the board's, the schools' totals to the board's
total. With the other numbers of such a *line* a hidden cell could be computed back (a total of
23 with 20 visible leaves 3). Rounding the totals would not help: a table without small cells
(by status, say) gives the exact total again. So the report hides more cells (*secondary
suppression*, shown as ``×``) until every small count could still be anything from 1 to
``threshold - 1``:

1. line by line (fast interval reasoning): in each line every hidden number must keep at least
   ``threshold - 1`` possible values; the cell hidden next is the one that makes the line safe
   while unsettling the fewest other lines, not a total if it can be helped;
2. then all lines at once: for each small count the smallest and largest value it can have
   given everything published (the other shown counts, "< 5" meaning 1 to 4, "×" meaning 5 or
   more) is solved as a linear programme (scipy's HiGHS); where that range is narrower, the
   nearest shown count that widens it most is hidden too, and where nothing is left to hide,
   everything connected to it is (also zeros), so nothing pins it.

The lines are: each table of a school and of the board where every intake counts once (its
cells against its total), each cell across the board's schools against the board's cell, and
the schools' totals against the board's total. A school's report is always suppressed together
with its board's other schools, so what a contact person and a board reporter see of a school
is the same, and no difference between reports gives a count back. The linear programme is the
relaxation of the integer problem: in rare tables integer reasoning could narrow a hidden count
a little further than the check sees.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from backend.rules.casework import STATUS_LABELS, TAAL_LABELS
from wegwijzer.conversation import CATEGORIE_KNOP
from wegwijzer.dates import MONTHS
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.vocab import CATEGORIEEN, ROLLEN, ROUTES, STATUSSEN, TALEN

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3  # with 2, "< 2" would say "1": nothing hidden at all

GEEN = "geen"  # no advice given / no route chosen (yet)
HIDDEN_TEXT = "×"

ROL_LABELS = {
    "leerling": "Leerling",
    "ouder": "Ouder of verzorger",
    "personeel": "Personeel",
    "anders": "Iemand anders",
    "oud_leerling": "Oud-leerling",
}
assert set(ROL_LABELS) == set(ROLLEN)


@dataclass(frozen=True)
class IntakeFacts:
    """What the report may know of one intake."""

    school: str
    day: date  # the Dutch calendar day it arrived
    categorieen: Tuple[str, ...]
    rol: str
    eerste_advies: Optional[str]  # the first advised route, if any
    gekozen_route: Optional[str]
    status: str
    taal: str = "nl"


@dataclass(frozen=True)
class SignalFacts:
    """What the report may know of one signal."""

    school: str
    day: date  # the day it was noticed
    categorieen: Tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    values: Tuple[str, ...]
    labels: Mapping[str, str]
    # ``of`` gives the values one record counts under; in a partition exactly one (a value
    # outside ``values`` counts as the last one), so the cells add up to the total.
    of: Callable[[object], Iterable[str]]
    partition: bool


MONTH_VALUES = tuple(f"{month:02d}" for month in range(1, 13))
MONTH_LABELS = {value: MONTHS[i] for i, value in enumerate(MONTH_VALUES)}
_ROUTE_LABELS_ADVIES = {**ROUTE_NAMEN, GEEN: "Geen advies"}
_ROUTE_LABELS_KEUZE = {**ROUTE_NAMEN, GEEN: "Nog niet gekozen"}


def _month(facts) -> Tuple[str, ...]:
    return (f"{facts.day.month:02d}",)


def _categories(facts) -> Tuple[str, ...]:
    return tuple(dict.fromkeys(c for c in facts.categorieen if c in CATEGORIEEN))


_BY_CATEGORY = Dimension(
    "per_categorie", "Onderwerp", CATEGORIEEN, CATEGORIE_KNOP, _categories, partition=False
)
_BY_MONTH = Dimension("per_maand", "Maand", MONTH_VALUES, MONTH_LABELS, _month, partition=True)

INTAKE_DIMENSIONS: Tuple[Dimension, ...] = (
    _BY_CATEGORY,
    # An unknown role counts as "anders" (not as the last value: oud_leerling came after it).
    Dimension("per_rol", "Wie meldde", ROLLEN, ROL_LABELS,
              lambda f: (f.rol if f.rol in ROLLEN else "anders",), partition=True),
    Dimension("per_taal", "Taal van de melder", TALEN, TAAL_LABELS, lambda f: (f.taal,), partition=True),
    Dimension(
        "per_eerste_advies", "Geadviseerde eerste stap", ROUTES + (GEEN,), _ROUTE_LABELS_ADVIES,
        lambda f: (f.eerste_advies or GEEN,), partition=True,
    ),
    Dimension(
        "per_gekozen_route", "Gekozen route", ROUTES + (GEEN,), _ROUTE_LABELS_KEUZE,
        lambda f: (f.gekozen_route or GEEN,), partition=True,
    ),
    Dimension(
        "per_status", "Status nu", STATUSSEN, STATUS_LABELS, lambda f: (f.status,),
        partition=True,
    ),
    _BY_MONTH,
)
SIGNAL_DIMENSIONS: Tuple[Dimension, ...] = (_BY_CATEGORY, _BY_MONTH)

SECTIONS = (
    ("meldingen", "Meldingen", INTAKE_DIMENSIONS),
    ("signalen", "Signalen zonder klacht", SIGNAL_DIMENSIONS),
)
TOTAL = "aantal"
BOARD = ""  # the scope of the board's own cells in a grid


# --- counting --------------------------------------------------------------------------------

Key = Tuple[str, str, str]  # (scope: school slug or BOARD, section/dimension, value)


def _values_of(dimension: Dimension, facts) -> Iterable[str]:
    values = list(dimension.of(facts))
    if dimension.partition:
        value = values[0] if values else dimension.values[-1]
        return (value if value in dimension.values else dimension.values[-1],)
    return values


def count(
    schools: Sequence[str], intakes: Iterable[IntakeFacts], signals: Iterable[SignalFacts],
    year: int,
) -> Dict[Key, int]:
    """Every count of the report of these schools and of their board (scope ``BOARD``), for
    ``year``: ``(scope, section, "aantal")`` and ``(scope, "section/dimension", value)``."""
    scopes = list(schools) + [BOARD]
    counts: Dict[Key, int] = {}
    for section, _title, dimensions in SECTIONS:
        for scope in scopes:
            counts[(scope, section, TOTAL)] = 0
            for dimension in dimensions:
                for value in dimension.values:
                    counts[(scope, f"{section}/{dimension.key}", value)] = 0
    records = {"meldingen": intakes, "signalen": signals}
    for section, _title, dimensions in SECTIONS:
        for facts in records[section]:
            if facts.day.year != year or facts.school not in schools:
                continue
            for scope in (facts.school, BOARD):
                counts[(scope, section, TOTAL)] += 1
                for dimension in dimensions:
                    for value in _values_of(dimension, facts):
                        counts[(scope, f"{section}/{dimension.key}", value)] += 1
    return counts


def lines(schools: Sequence[str]) -> List[Tuple[Tuple[Key, ...], Tuple[Key, ...]]]:
    """The sums a reader can check, as ``(parts, whole)``: ``sum(parts) == sum(whole)``."""
    result = []
    scopes = list(schools) + [BOARD]
    for section, _title, dimensions in SECTIONS:
        result.append((
            tuple((school, section, TOTAL) for school in schools), ((BOARD, section, TOTAL),),
        ))
        for dimension in dimensions:
            name = f"{section}/{dimension.key}"
            for value in dimension.values:
                result.append((
                    tuple((school, name, value) for school in schools), ((BOARD, name, value),),
                ))
            if dimension.partition:
                for scope in scopes:
                    result.append((
                        tuple((scope, name, value) for value in dimension.values),
                        ((scope, section, TOTAL),),
                    ))
    return result


# --- suppression -----------------------------------------------------------------------------

SHOWN, SMALL, HIDDEN, WITHHELD = "shown", "small", "hidden", "withheld"
_TOLERANCE = 1e-6  # the linear programmes' answers are floating point
Line = Tuple[Tuple[Key, ...], Tuple[Key, ...]]


class Suppression:
    """Which counts are shown: small ones as ``< threshold``, others hidden to protect them
    (see the module docstring). ``state[key]`` is SHOWN, SMALL, HIDDEN or WITHHELD."""

    def __init__(
        self, counts: Mapping[Key, int], sums: Sequence[Line], threshold: int = DEFAULT_THRESHOLD
    ) -> None:
        if threshold < MIN_THRESHOLD:
            raise ValueError(f"the threshold must be at least {MIN_THRESHOLD}")
        self.counts = counts
        self.threshold = threshold
        self.state: Dict[Key, str] = {
            key: SMALL if 0 < n < threshold else SHOWN for key, n in counts.items()
        }
        self._lines = list(sums)
        self._lines_of: Dict[Key, List[Line]] = {}
        for line in self._lines:
            for key in line[0] + line[1]:
                self._lines_of.setdefault(key, []).append(line)
        self._build_system()
        self._protect()
        self._check_jointly()

    # What a reader knows of a count from how it is published: the smallest and largest value.
    def _range(self, key: Key) -> Tuple[float, float]:
        state = self.state[key]
        if state == SHOWN:
            return self.counts[key], self.counts[key]
        if state == SMALL:
            return 1, self.threshold - 1
        if state == HIDDEN:  # a hidden cell that is not small
            return self.threshold, math.inf
        return 0, math.inf

    def _possible_values(self, key: Key, line: Line) -> float:
        """How many values ``key`` could have, given its own label and this one line."""
        parts, whole = line
        same, other = (parts, whole) if key in parts else (whole, parts)
        others = [k for k in same if k != key]
        lo = sum(self._range(k)[0] for k in other) - sum(self._range(k)[1] for k in others)
        hi = sum(self._range(k)[1] for k in other) - sum(self._range(k)[0] for k in others)
        own_lo, own_hi = self._range(key)
        lo, hi = max(lo, own_lo), min(hi, own_hi)
        return hi - lo + 1 if hi >= lo else 0

    def line_is_safe(self, line: Line) -> bool:
        need = self.threshold - 1
        return all(
            self._possible_values(key, line) >= need
            for key in line[0] + line[1] if self.state[key] != SHOWN
        )

    def _candidate(self, line: Line) -> Optional[Key]:
        """The shown count to hide next: preferably one that makes this line safe, that
        leaves the fewest other lines unsafe, is not a total, and is small (when it alone
        cannot make the line safe: a large one, which leaves the most room)."""
        best: Optional[Tuple[tuple, Key]] = None
        for key in line[0] + line[1]:
            if self.state[key] != SHOWN or self.counts[key] == 0:
                continue
            others = [other for other in self._lines_of[key] if other is not line]
            before = [self.line_is_safe(other) for other in others]
            self.state[key] = HIDDEN
            safe = self.line_is_safe(line)
            broken = sum(
                was and not self.line_is_safe(other) for was, other in zip(before, others)
            )
            self.state[key] = SHOWN
            count_ = self.counts[key]
            rank = (not safe, broken, key[2] == TOTAL, count_ if safe else -count_)
            if best is None or rank < best[0]:
                best = (rank, key)
        return best[1] if best is not None else None

    def _protect(self) -> None:
        """Hide counts until every line is safe on its own (fast; see :meth:`_check_jointly`)."""
        changed = True
        while changed:
            changed = False
            for line in self._lines:
                while not self.line_is_safe(line):
                    key = self._candidate(line)
                    if key is not None:
                        self.state[key] = HIDDEN
                    elif not self._withhold(line[0] + line[1]):
                        break
                    changed = True

    def _withhold(self, keys: Iterable[Key]) -> bool:
        """Hide these counts without a label; False when that changes nothing."""
        todo = [key for key in keys if self.state[key] != WITHHELD]
        for key in todo:
            self.state[key] = WITHHELD
        return bool(todo)

    # --- all lines at once ------------------------------------------------------------------

    def _build_system(self) -> None:
        """Every line as one row of ``sum(parts) - sum(whole) = 0`` over all counts; what is
        shown enters :meth:`joint_range` as a bound (a fixed value), not as a constant."""
        self._column = {key: i for i, key in enumerate(self.counts)}
        rows: List[int] = []
        cols: List[int] = []
        coefficients: List[int] = []
        for row, (parts, whole) in enumerate(self._lines):
            entries: Dict[int, int] = {}
            for sign, keys in ((1, parts), (-1, whole)):
                for key in keys:
                    entries[self._column[key]] = entries.get(self._column[key], 0) + sign
            for col, value in entries.items():
                if value:
                    rows.append(row)
                    cols.append(col)
                    coefficients.append(value)
        self._matrix = csr_matrix(
            (coefficients, (rows, cols)), shape=(len(self._lines), len(self.counts))
        )

    def joint_range(self, key: Key) -> Tuple[float, float]:
        """The smallest and largest value ``key`` can have given everything published, every
        line at once: a linear programme (scipy's HiGHS)."""
        if self.state[key] == SHOWN:
            return self.counts[key], self.counts[key]
        bounds = [
            (lo, None if hi == math.inf else hi)
            for lo, hi in (self._range(k) for k in self.counts)
        ]
        objective = np.zeros(len(self.counts))
        result = []
        for sign in (1, -1):
            objective[self._column[key]] = sign
            answer = linprog(
                objective, A_eq=self._matrix, b_eq=np.zeros(len(self._lines)), bounds=bounds,
                method="highs", options={"presolve": False},
            )
            if answer.status == 3:  # unbounded
                result.append(-sign * math.inf)
            elif answer.status == 0:
                result.append(sign * answer.fun)
            else:  # the solver gave up: count it as pinned, so more is hidden (fail safe)
                return self.counts[key], self.counts[key]
        return result[0], result[1]

    def _covers(self, lo: float, hi: float) -> bool:
        """Does ``[lo, hi]`` hold every small value, 1 to ``threshold - 1`` (within the
        solver's tolerance)?"""
        return lo <= 1 + _TOLERANCE and hi >= self.threshold - 1 - _TOLERANCE

    def _jointly_safe(self, key: Key) -> bool:
        return self._covers(*self.joint_range(key))

    def _check_jointly(self) -> None:
        """Every small count must still be anything from 1 to ``threshold - 1`` when all lines
        are combined; hide more around one that is not, until it is."""
        pending = [key for key, n in self.counts.items() if 0 < n < self.threshold]
        while pending:
            key = pending[-1]
            if self._jointly_safe(key) or not self._repair(key):
                pending.pop()  # hiding more later only widens what it could be
                continue
            self._protect()

    def _repair(self, key: Key) -> bool:
        """Hide one more count as near to ``key`` as possible (over the lines, step by step):
        the one that widens it most, a small one when several make it safe. Where no count is
        left to hide, withhold everything connected to it. False when nothing changed."""
        seen = {key}
        frontier = {key}
        while frontier:
            near = {k for n in frontier for line in self._lines_of.get(n, [])
                    for k in line[0] + line[1]}
            candidates = sorted(k for k in near if self.state[k] == SHOWN and self.counts[k] > 0)
            if candidates:
                self.state[self._widest(key, candidates)] = HIDDEN
                return True
            frontier = near - seen
            seen |= near
        # Nothing shown is connected to it: all its numbers are unknown, so nothing pins it.
        return self._withhold(seen)

    def _widest(self, key: Key, candidates: Sequence[Key]) -> Key:
        """The first of ``candidates`` (not a total, small first) whose hiding makes ``key``
        safe; else the one that widens it most."""
        widest: Optional[Tuple[float, Key]] = None
        for candidate in sorted(candidates, key=lambda k: (k[2] == TOTAL, self.counts[k])):
            self.state[candidate] = HIDDEN
            lo, hi = self.joint_range(key)
            self.state[candidate] = SHOWN
            if self._covers(lo, hi):
                return candidate
            if widest is None or hi - lo >= widest[0]:
                widest = (hi - lo, candidate)
        assert widest is not None
        return widest[1]

    def shown(self, key: Key) -> Tuple[Optional[int], str]:
        """``(count, text)``: the count when it is shown (else ``None``) and how it reads."""
        state = self.state[key]
        if state == SHOWN:
            return self.counts[key], str(self.counts[key])
        if state == SMALL:
            return None, f"< {self.threshold}"
        return None, HIDDEN_TEXT


# --- the report ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    value: str
    label: str
    count: Optional[int]  # None: not shown
    text: str  # "12", "< 5" or "×"

    def to_json(self) -> Dict[str, object]:
        return {"waarde": self.value, "label": self.label, "aantal": self.count,
                "weergave": self.text}


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    cells: Tuple[Cell, ...]
    adds_up: bool  # the cells add up to the section's total

    @property
    def largest(self) -> int:
        return max([cell.count or 0 for cell in self.cells] + [1])


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    total: Cell
    tables: Tuple[Table, ...]


@dataclass(frozen=True)
class Report:
    year: int
    kind: str  # "school" or "bestuur"
    slug: str
    name: str
    threshold: int
    sections: Tuple[Section, ...]

    def to_json(self) -> Dict[str, object]:
        data: Dict[str, object] = {
            "jaar": self.year,
            self.kind: {"slug": self.slug, "naam": self.name},
            "drempel": self.threshold,
        }
        for section in self.sections:
            part: Dict[str, object] = {"aantal": section.total.to_json()}
            for table in section.tables:
                part[table.key] = [cell.to_json() for cell in table.cells]
            data[section.key] = part
        return data


@lru_cache(maxsize=32)
def _suppression(
    year: int, schools: Tuple[str, ...], intakes: FrozenSet[Tuple[IntakeFacts, int]],
    signals: FrozenSet[Tuple[SignalFacts, int]], threshold: int,
) -> Suppression:
    """The suppression of one board's year, computed once for the same facts (it solves a few
    hundred small linear programmes: a second or two for a board of a few schools)."""
    def expand(counted):
        return [facts for facts, n in counted for _ in range(n)]

    return Suppression(
        count(schools, expand(intakes), expand(signals), year), lines(schools), threshold
    )


class Reports:
    """The reports of one board (or of a school without a board) and each of its schools for
    one year, suppressed together."""

    def __init__(
        self,
        year: int,
        schools: Sequence[Tuple[str, str]],
        intakes: Iterable[IntakeFacts],
        signals: Iterable[SignalFacts],
        threshold: int = DEFAULT_THRESHOLD,
        board: Optional[Tuple[str, str]] = None,
    ) -> None:
        self.year = year
        self.board = board
        self.school_names = dict(schools)
        self.suppression = _suppression(
            year, tuple(self.school_names), frozenset(Counter(intakes).items()),
            frozenset(Counter(signals).items()), threshold,
        )

    def _report(self, kind: str, slug: str, name: str, scope: str) -> Report:
        shown = self.suppression.shown
        sections = []
        for section, title, dimensions in SECTIONS:
            tables = []
            for dimension in dimensions:
                name_ = f"{section}/{dimension.key}"
                cells = tuple(
                    Cell(value, dimension.labels[value], *shown((scope, name_, value)))
                    for value in dimension.values
                )
                tables.append(Table(dimension.key, dimension.title, cells, dimension.partition))
            total = Cell(TOTAL, title, *shown((scope, section, TOTAL)))
            sections.append(Section(section, title, total, tuple(tables)))
        return Report(
            self.year, kind, slug, name, self.suppression.threshold, tuple(sections)
        )

    def school(self, slug: str) -> Report:
        return self._report("school", slug, self.school_names[slug], slug)

    def for_board(self) -> Report:
        if self.board is None:
            raise ValueError("these schools have no board")
        slug, name = self.board
        return self._report("bestuur", slug, name, BOARD)
