"""The yearly report's counting and small-count suppression (``backend.rules.reports``),
table-driven: what is counted where, what shows as "< 5" or "×", and that no line of sums gives a
hidden count back."""
from __future__ import annotations

import random
from datetime import date

import pytest

from backend.rules.reports import (
    BOARD, HIDDEN, SHOWN, SMALL, WITHHELD, IntakeFacts, Reports, SignalFacts, Suppression, count,
    lines,
)
from wegwijzer.vocab import CATEGORIEEN, ROLLEN, ROUTES, STATUSSEN


def intake(school="a", month=3, rol="leerling", cats=("pesten",), status="nieuw",
           advies="contactpersoon", gekozen=None, year=2025) -> IntakeFacts:
    return IntakeFacts(school, date(year, month, 1), cats, rol, advies, gekozen, status)


def shown(report, section, table):
    return {cell["waarde"]: cell["weergave"] for cell in report.to_json()[section][table]}


@pytest.mark.parametrize("records,key,expected", [
    # Several categories per intake count in each; duplicates once.
    ([intake(cats=("pesten", "cyberpesten", "pesten"))], ("a", "meldingen/per_categorie", "pesten"), 1),
    ([intake(cats=("pesten", "cyberpesten"))], ("a", "meldingen/per_categorie", "cyberpesten"), 1),
    # No advice, no choice: counted as "geen".
    ([intake(advies=None)], ("a", "meldingen/per_eerste_advies", "geen"), 1),
    ([intake(gekozen="vertrouwenspersoon")], ("a", "meldingen/per_gekozen_route", "vertrouwenspersoon"), 1),
    ([intake(month=12)], ("a", "meldingen/per_maand", "12"), 1),
    # Another year, another school: not counted; the board counts its schools.
    ([intake(year=2024)], ("a", "meldingen", "aantal"), 0),
    ([intake(school="x")], (BOARD, "meldingen", "aantal"), 0),
    ([intake(), intake(school="b")], (BOARD, "meldingen/per_rol", "leerling"), 2),
    # A value outside the vocabulary falls into the last one (cells still add up).
    ([intake(rol="onbekend")], ("a", "meldingen/per_rol", "anders"), 1),
])
def test_counting(records, key, expected):
    assert count(["a", "b"], records, [], 2025)[key] == expected


def test_signals_count_by_the_day_they_were_noticed():
    signals = [SignalFacts("a", date(2025, 5, 2), ("discriminatie",)),
               SignalFacts("a", date(2026, 1, 1), ("pesten",))]
    counts = count(["a"], [], signals, 2025)
    assert counts[("a", "signalen", "aantal")] == 1
    assert counts[("a", "signalen/per_maand", "05")] == 1
    assert counts[("a", "signalen/per_categorie", "discriminatie")] == 1


@pytest.mark.parametrize("roles,expected", [
    # Nothing small: all shown.
    ({"leerling": 10, "ouder": 6}, {"leerling": "10", "ouder": "6", "personeel": "0"}),
    # One small cell: the total would give it back, so the other one is hidden too.
    ({"leerling": 20, "ouder": 3}, {"leerling": "×", "ouder": "< 5"}),
    # Two small cells whose sum leaves room (2 + 3 = 5 could be 1 + 4): they protect each other.
    ({"leerling": 9, "ouder": 2, "personeel": 3}, {"leerling": "9", "ouder": "< 5", "personeel": "< 5"}),
    # Two 1s: the sum 2 tells both are 1, so a third cell is hidden.
    ({"leerling": 9, "ouder": 1, "personeel": 1}, {"leerling": "×", "ouder": "< 5", "personeel": "< 5"}),
])
def test_small_counts_and_the_cells_that_protect_them(roles, expected):
    records = [intake(rol=rol) for rol, n in roles.items() for _ in range(n)]
    report = Reports(2025, [("a", "A")], records, [], 5).school("a")
    table = shown(report, "meldingen", "per_rol")
    assert {value: table[value] for value in expected} == expected


@pytest.mark.parametrize("threshold,small", [(5, "< 5"), (10, "< 10")])
def test_the_threshold_is_configurable(threshold, small):
    records = [intake()] * 4 + [intake(rol="ouder")] * 20
    report = Reports(2025, [("a", "A")], records, [], threshold).school("a")
    assert shown(report, "meldingen", "per_rol")["leerling"] == small
    assert report.to_json()["drempel"] == threshold


def test_a_threshold_below_three_is_refused():
    with pytest.raises(ValueError):
        Suppression({}, [], 2)


def random_board(seed: int, schools: int):
    """A board year with a few schools, topics, routes and statuses (deterministic)."""
    rng = random.Random(seed)
    records = [
        intake(school=f"s{i}", month=rng.randint(1, 12), rol=rng.choice(ROLLEN[:3]),
               cats=tuple(rng.sample(CATEGORIEEN[:5], rng.randint(1, 2))),
               status=rng.choice(STATUSSEN), advies=rng.choice(ROUTES[:4] + (None,)),
               gekozen=rng.choice((None, "mentor", "contactpersoon")))
        for i in range(schools) for _ in range(rng.randint(0, 25))
    ]
    return [f"s{i}" for i in range(schools)], records


@pytest.mark.parametrize("slugs,records", [
    # The board total minus the other school's total must not give a small school back.
    (["a", "b"], [intake()] * 20 + [intake(school="b")] * 3),
    (["a", "b"], [intake()] * 7 + [intake(rol="ouder")] * 6 + [intake(school="b", rol="ouder")]),
    # Mixed years where every line is safe on its own, but lines together would pin counts.
    random_board(14, 1),
    random_board(3, 2),
    random_board(20, 2),
], ids=["small-school", "one-parent", "random-14", "random-3", "random-20"])
def test_nothing_published_gives_a_small_count_back(slugs, records):
    suppression = Suppression(count(slugs, records, [], 2025), lines(slugs), 5)
    assert all(suppression.line_is_safe(line) for line in lines(slugs))
    for key, n in suppression.counts.items():
        if 0 < n < 5:
            # Everything published at once (a linear programme) still allows 1 to 4.
            lo, hi = suppression.joint_range(key)
            assert lo <= 1 and hi >= 4, (key, lo, hi)
            assert suppression.state[key] in (SMALL, WITHHELD)
        assert (suppression.shown(key)[0] is None) == (suppression.state[key] != SHOWN)
    assert set(suppression.state.values()) <= {SHOWN, SMALL, HIDDEN, WITHHELD}


def test_a_report_holds_only_labels_and_counts():
    report = Reports(2025, [("a", "A")], [intake()] * 6, [], 5).school("a").to_json()
    assert set(report) == {"jaar", "school", "drempel", "meldingen", "signalen"}
    assert set(report["meldingen"]) == {"aantal", "per_categorie", "per_rol", "per_taal", "per_eerste_advies",
                                        "per_gekozen_route", "per_status", "per_maand"}
    assert set(report["signalen"]) == {"aantal", "per_categorie", "per_maand"}
    cell = report["meldingen"]["per_categorie"][0]
    assert cell == {"waarde": "pesten", "label": "Pesten", "aantal": 6, "weergave": "6"}


def test_intakes_are_counted_by_language_with_small_counts_suppressed():
    """Issue 17: counts by the reporter's language, suppressed like every other table."""
    records = [IntakeFacts("a", date(2025, 3, 1), ("pesten",), "ouder", None, None, "nieuw", taal)
               for taal in ["nl"] * 12 + ["tr"] * 6 + ["pl"] * 2]
    counts = count(["a"], records, [], 2025)
    assert counts[("a", "meldingen/per_taal", "tr")] == 6
    assert counts[("a", "meldingen/per_taal", "uk")] == 0
    table = shown(Reports(2025, [("a", "A")], records, [], 5).school("a"), "meldingen", "per_taal")
    assert table["pl"] == "< 5"                     # two Polish reports: small
    assert "×" in (table["nl"], table["tr"])        # else total minus the others gives it back
    assert table["nl"] in ("12", "×") and table["tr"] in ("6", "×")
