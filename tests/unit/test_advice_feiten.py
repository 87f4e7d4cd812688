"""The advice on the facts of issue 16, each rule against the seed regulation
(scol-klachtenregeling.md): exam, the vertrouwensinspecteur duty, possible crime, bullying and
threats, the one-year term and the former pupil."""
from __future__ import annotations

import re
from datetime import date

from wegwijzer.advice import IntakeFacts, aanspreekvorm, advise
from wegwijzer.regulation import seed_profile

TODAY = date(2026, 12, 5)
PLICHT = re.compile(r"(bestuur moet (dit|dat) .{0,40}vertrouwensinspecteur|vertrouwensinspecteur[^.]{0,80}\.\s*dat staat in de wet)", re.I)


def advies(**kw):
    facts = IntakeFacts(**kw)
    return advise(facts, seed_profile(), TODAY, vorm=aanspreekvorm(facts.rol))


def test_exam_goes_to_the_exam_appeal_committee_first_with_its_short_term():
    """Inleiding: a complaint for the commissie van beroep voor examens does not go through the
    complaint regulation."""
    a = advies(rol="ouder", categorieen=["beoordeling"], examen=True, al_ondernomen=["onderling_overleg"])
    assert a.advies_routes[0] == "commissie_van_beroep_examens"
    assert "onderling_overleg" not in a.advies_routes
    assert "examen" in a.signalen
    assert re.search(r"wacht (dan |dus )?niet te lang", a.kort(), re.I)


def test_an_ordinary_grade_is_an_ordinary_complaint():
    a = advies(rol="leerling", categorieen=["beoordeling"], examen=False, minderjarig=True)
    assert "commissie_van_beroep_examens" not in a.advies_routes and "examen" not in a.signalen


def test_a_possible_crime_offers_the_police():
    """Art. 3 lid 3: the vertrouwenspersoon assists with aangifte."""
    a = advies(rol="leerling", categorieen=["agressie_geweld"], mogelijk_strafbaar=True, minderjarig=True)
    assert "politie" in a.advies_routes and "mogelijk_strafbaar" in a.signalen
    assert a.advies_routes[0] == "vertrouwenspersoon"


def test_sexual_behaviour_by_staff_toward_a_pupil_is_a_zedenzaak():
    """Toelichting art. 15 lid 3: the board consults the vertrouwensinspecteur and reports."""
    a = advies(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, seksueel=True, minderjarig=True)
    assert "zedenzaak_personeel" in a.signalen and "mogelijk_strafbaar" in a.signalen
    assert {"vertrouwensinspecteur", "politie"} <= set(a.advies_routes)
    assert PLICHT.search(a.kort())


def test_a_staff_member_reporting_a_colleague_with_a_pupil_raises_it_too():
    a = advies(rol="personeel", categorieen=["grensoverschrijdend_gedrag"], betreft_personeel=True,
               seksueel=True, betreft_leerling=True)
    assert "zedenzaak_personeel" in a.signalen and "vertrouwensinspecteur" in a.advies_routes


def test_a_former_pupil_abused_by_staff_then_raises_it():
    a = advies(rol="oud_leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, seksueel=True,
               datum_gebeurtenis=date(2012, 6, 1))
    assert "zedenzaak_personeel" in a.signalen and "buiten_termijn" in a.signalen


def test_shouting_grabbing_or_discrimination_by_staff_is_no_zedenzaak():
    """The duty is for sexual offences: nothing of it for other behaviour by staff."""
    for cats in (["grensoverschrijdend_gedrag"], ["discriminatie"], ["agressie_geweld", "grensoverschrijdend_gedrag"]):
        a = advies(rol="leerling", categorieen=cats, betreft_personeel=True, seksueel=False, minderjarig=True)
        assert "zedenzaak_personeel" not in a.signalen, cats
        assert "vertrouwensinspecteur" not in a.advies_routes and "politie" not in a.advies_routes
        assert a.advies_routes[0] == "vertrouwenspersoon"
        assert not PLICHT.search(a.tekst())


def test_an_adult_pupil_is_not_a_minor_for_the_duty():
    a = advies(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, seksueel=True, minderjarig=False)
    assert "zedenzaak_personeel" not in a.signalen and "minderjarig" not in a.signalen
    assert a.advies_routes[0] == "vertrouwenspersoon"


def test_a_threatened_or_intimidated_staff_member_is_not_told_to_talk_it_out():
    a = advies(rol="personeel", categorieen=["intimidatie"], betreft_personeel=True)
    assert "onderling_overleg" not in a.advies_routes
    assert not re.search(r"praat (eerst )?zelf met", a.kort(), re.I)


def test_a_grandparent_reporting_bullying_is_not_told_to_talk_it_out():
    a = advies(rol="anders", categorieen=["pesten"])
    assert "onderling_overleg" not in a.advies_routes
    assert a.advies_routes[0] == "contactpersoon"


def test_more_than_a_year_ago_says_the_term_and_its_exception():
    """Art. 7 lid 2: within a year, unless the committee decides otherwise."""
    a = advies(rol="ouder", categorieen=["pesten"], datum_gebeurtenis=date(2024, 12, 31))
    assert "buiten_termijn" in a.signalen
    assert re.search(r"langer dan (1|één|een) jaar", a.kort())
    assert re.search(r"klachtencommissie kan een uitzondering maken en (je|uw) klacht toch behandelen", a.kort())  # the exception, not only "you may file"
    assert "buiten_termijn" not in advies(rol="ouder", categorieen=["pesten"], datum_gebeurtenis=date(2026, 2, 1)).signalen


def test_a_former_pupil_is_an_adult():
    a = advies(rol="oud_leerling", categorieen=["discriminatie"], betreft_personeel=True, seksueel=False)
    assert a.vorm == "u"
    assert "minderjarig" not in a.signalen
    assert not re.search(r"jonger dan 18|\b(jij|jouw)\b", a.kort(), re.I)
    assert "mentor" not in a.advies_routes
