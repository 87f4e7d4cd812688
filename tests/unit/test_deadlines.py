"""The due dates of an intake (wegwijzer.deadlines): the regulation's terms for the chosen
route, the first answer to the reporter and the contact person's own steps."""
from __future__ import annotations

from datetime import date

from wegwijzer import deadlines as D

MONDAY = date(2026, 11, 2)


def test_working_days_skip_the_weekend():
    assert D.add_workdays(MONDAY, 5) == date(2026, 11, 9)
    assert D.add_workdays(date(2026, 11, 6), 1) == date(2026, 11, 9)  # Friday → Monday


def test_the_committee_route_gets_the_regulations_terms_in_order():
    terms = D.intake_deadlines(MONDAY, "doorverwezen", "klachtencommissie")
    assert [(t.due, t.source) for t in terms] == [
        (date(2026, 11, 9), "klachtenregeling art. 7.8"),
        (date(2026, 11, 30), "klachtenregeling art. 11.1"),
        (date(2026, 12, 28), "klachtenregeling art. 12.2"),
        (date(2027, 1, 25), "klachtenregeling art. 15.1"),
    ]
    assert all(t.estimated for t in terms)


def test_an_informal_route_has_no_regulation_terms():
    assert D.intake_deadlines(MONDAY, "in_behandeling", "mentor") == []


def test_a_formal_route_must_be_filed_within_a_year_of_the_event():
    terms = D.intake_deadlines(MONDAY, "in_behandeling", "bevoegd_gezag", event=date(2026, 3, 1))
    assert [(t.due, t.source) for t in terms] == [(date(2027, 3, 1), "klachtenregeling art. 7.2")]
    # A year already passed when the intake came in is no due date (it is the signal buiten_termijn).
    assert D.intake_deadlines(MONDAY, "in_behandeling", "bevoegd_gezag", event=date(2025, 3, 1)) == []


def test_a_new_intake_asks_for_a_first_answer_and_acute_danger_for_today():
    normal = D.intake_deadlines(MONDAY, "nieuw")
    assert [(t.due, t.kind) for t in normal] == [(date(2026, 11, 9), D.EERSTE_CONTACT)]
    acute = D.intake_deadlines(MONDAY, "nieuw", signalen=["acuut_gevaar"])
    assert acute[0].due == MONDAY and "acuut gevaar" in acute[0].what
    assert acute[0].overdue(date(2026, 11, 3)) and not acute[0].overdue(MONDAY)


def test_own_steps_count_until_done_and_a_closed_intake_has_nothing_overdue():
    steps = [("Moeder bellen", date(2026, 11, 4), False), ("Mentor spreken", date(2026, 11, 3), True)]
    found = D.intake_deadlines(MONDAY, "in_behandeling", steps=steps)
    today = date(2026, 11, 10)
    assert D.any_overdue(found, today)
    assert D.next_deadline(found).what == "Moeder bellen"
    closed = D.intake_deadlines(MONDAY, "afgesloten", "klachtencommissie", steps=steps)
    assert not D.any_overdue(closed, today) and D.next_deadline(closed) is None


def test_labels_say_how_near_a_date_is_and_how_old_an_intake_is():
    assert [D.due_label(date(2026, 11, d), MONDAY) for d in (2, 3, 5, 1)] == [
        "vandaag", "morgen", "over 3 dagen", "1 dag te laat"]
    assert D.due_label(date(2026, 10, 30), MONDAY) == "3 dagen te laat"
    assert [D.age_label(MONDAY, date(2026, 11, d)) for d in (2, 3, 5)] == ["vandaag", "gisteren", "3 dagen"]
    assert D.age_label(MONDAY, date(2026, 12, 1)) == "4 weken"
    assert D.age_label(MONDAY, date(2027, 4, 1)) == "5 maanden"
    assert D.age_label(MONDAY, date(2028, 1, 1)) == "1 jaar"


def test_a_boards_own_terms_replace_the_seeds_and_a_missing_term_is_left_out():
    terms = D.intake_deadlines(MONDAY, "doorverwezen", "klachtencommissie",
                               terms={"hoorzitting_weken": 6, "besluit_weken": None})
    assert [(t.due, t.source) for t in terms] == [
        (date(2026, 11, 9), "klachtenregeling art. 7.8"),
        (date(2026, 12, 14), "klachtenregeling art. 11.1"),
        (date(2027, 1, 11), "klachtenregeling art. 12.2"),
    ]
    six_months = D.intake_deadlines(MONDAY, "nieuw", "bevoegd_gezag", event=date(2026, 8, 31),
                                    terms={"klachttermijn_maanden": 6})
    assert date(2027, 2, 28) in [t.due for t in six_months]
