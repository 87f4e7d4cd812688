"""The English conversation's pure parts (issue 17): the advice, the summary, the categories and
routes in English, and the readers of English answers (roles, yes/no, "I don't know", dates)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from wegwijzer import route_texts as T
from wegwijzer import route_texts_en as EN
from wegwijzer.advice import IntakeFacts, advise
from wegwijzer.antwoorden import rol_uit_antwoord, stopt_gesprek, vraagt_om_mens, weigert
from wegwijzer.conversation import (
    GEEN_KEUZE, categorie_knoppen, categorieen_uit_tekst, omschrijf_categorieen, route_knoppen,
    route_uit_tekst, samenvatting_tekst,
)
from wegwijzer.summary_changes import veld_uit_tekst
from wegwijzer.feiten import ja_nee, lees_personeel, weet_het_niet
from wegwijzer.wanneer import lees_datum
from wegwijzer.regulation import seed_profile
from wegwijzer.vocab import CATEGORIEEN, ROUTES

TODAY = date(2026, 12, 6)
DUTCH_WORDS = re.compile(r"\b(je|jij|jouw|u|uw|het|een|niet|wat|wil|naar|mijn|advies|klacht)\b", re.I)


def _placeholders(sentences) -> list[set[str]]:
    out = []
    for s in sentences:
        text = s[1] if isinstance(s, tuple) else s
        out.append(set(re.findall(r"{(\w+)}", text)))
    return out


@pytest.mark.parametrize("nl, en", [
    (T.ROUTE_TEKSTEN, EN.ROUTE_TEKSTEN_EN), (T.OPMERKINGEN, EN.OPMERKINGEN_EN),
    (T.OPMERKINGEN_KORT, EN.OPMERKINGEN_KORT_EN), (T.FAQ_BIJ_SCHOOL, EN.FAQ_BIJ_SCHOOL_EN),
])
def test_the_english_texts_say_the_same_sentence_by_sentence(nl, en):
    assert set(nl) == set(en)
    for key in nl:
        assert len(nl[key]) == len(en[key]), key
        assert _placeholders(nl[key]) == _placeholders(en[key]), key
        assert [s[0] if isinstance(s, tuple) else None for s in nl[key]] == \
               [s[0] if isinstance(s, tuple) else None for s in en[key]], key


def test_every_route_has_an_english_name_heading_and_line():
    assert set(EN.ROUTE_NAMEN_EN) == set(EN.ADVIES_KOP_EN) == set(EN.ROUTE_KORT_EN) == set(ROUTES)


@pytest.mark.parametrize("facts", [
    dict(rol="ouder", categorieen=["pesten"], al_ondernomen=["niets"], wens=["stoppen_gedrag"]),
    dict(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, seksueel=True,
         minderjarig=True, acuut=True, anoniem=True),
    dict(rol="ouder", categorieen=["beoordeling"], examen=True, datum_gebeurtenis=date(2024, 1, 5)),
])
def test_the_advice_in_english_has_the_same_routes_and_no_dutch(facts):
    intake = IntakeFacts(**facts)
    nl = advise(intake, seed_profile(), TODAY, vorm="u")
    en = advise(intake, seed_profile(), TODAY, vorm="u", taal="en")
    assert (en.advies_routes, en.signalen, en.redenen) == (nl.advies_routes, nl.signalen, nl.redenen)
    for text in (en.kort(), en.tekst()):
        # The school's own names and addresses stay as the regulation writes them ("het College
        # van Bestuur", "het bestuursbureau van SCOL"); the sentences around them are English.
        text = re.sub(r"het (bestuursbureau van \w+|College van Bestuur)", "", text)
        assert not DUTCH_WORDS.search(text), (DUTCH_WORDS.search(text).group(0), text)
    assert en.kort().startswith(("My advice:", "First this"))


def test_the_advice_refuses_an_unknown_language():
    with pytest.raises(ValueError):
        advise(IntakeFacts(rol="ouder"), seed_profile(), TODAY, taal="tr")


def test_the_summary_in_english():
    slots = {"rol": "ouder", "wat_gebeurd": "They take his things.", "categorieen": ["pesten"],
             "wanneer": "last week", "al_ondernomen": ["niets", "mentor"], "wens": ["stoppen_gedrag"],
             "gekozen_route": GEEN_KEUZE, "naam": "Sarah", "contact": "s@example.org"}
    text = samenvatting_tekst(slots, "u", "en")
    assert text.splitlines() == [
        "- You are: parent or carer", "- What happened: They take his things.",
        "- What it is about: bullying", "- When: last week",
        "- What you have already done: nothing yet and the mentor",
        "- What you would like: that it stops", "- Your choice: not chosen yet",
        "- Your name: Sarah", "- How to reach you: s@example.org",
    ]
    # The Dutch summary is unchanged.
    assert samenvatting_tekst(slots, "u").splitlines()[0] == "- U bent: ouder of verzorger"
    assert "Anonymous: yes, without a name" in samenvatting_tekst({"anoniem": True, "wat_gebeurd": "x"}, "je", "en")
    assert veld_uit_tekst("When") == "wanneer" and veld_uit_tekst("Who was involved") == "betrokkenen"


def test_categories_and_routes_in_english():
    assert omschrijf_categorieen(["cyberpesten", "discriminatie"], "en") == \
        "bullying online or on social media and discrimination"
    knoppen = categorie_knoppen(CATEGORIEEN, "en")
    assert all(categorieen_uit_tekst(k["payload"]) == [c] for k, c in zip(knoppen, CATEGORIEEN))
    assert categorieen_uit_tekst("he is bullied") == ["pesten"]
    buttons = route_knoppen(["mentor", "vertrouwenspersoon"], "en")
    assert [b["title"] for b in buttons] == ["The mentor or team leader", "The confidential adviser", "I don't know yet"]
    assert [route_uit_tekst(b["payload"], ["mentor"]) for b in buttons] == ["mentor", "vertrouwenspersoon", GEEN_KEUZE]
    assert route_uit_tekst("I'd like to go to the police", ["politie"]) == "politie"
    assert route_uit_tekst("not sure yet", ["mentor"]) == GEEN_KEUZE
    assert route_uit_tekst("your advice", ["mentor"]) == "mentor"
    # The Dutch buttons are unchanged.
    assert route_knoppen(["mentor"])[-1]["title"] == "Ik weet het nog niet"


@pytest.mark.parametrize("text, rol", [
    ("I'm a parent", "ouder"), ("I'm his mother", "ouder"), ("mother of a boy in year 2", "ouder"),
    ("my son goes to this school", "ouder"), ("I am the father", "ouder"), ("I'm a teacher", "personeel"),
    ("I work here as a mentor", "personeel"), ("I'm a student", "leerling"), ("I'm in year 9", "leerling"),
    ("I'm 14", "leerling"), ("I'm his grandmother", "anders"), ("I'm a former student", "oud_leerling"),
])
def test_roles_in_english(text, rol):
    assert rol_uit_antwoord(text) == rol


def test_yes_no_and_dont_know_in_english():
    assert [ja_nee(t) for t in ("yes", "yeah sure", "that's right", "no", "not really", "I don't know")] == \
        [True, True, True, False, False, None]
    assert all(weet_het_niet(t) for t in ("I don't know", "not sure", "no idea", "dunno"))
    assert weigert("no, I want to talk to my husband first")
    assert vraagt_om_mens("can I talk to a real person?") and not vraagt_om_mens("talk to his teacher")
    assert stopt_gesprek("never mind") and not stopt_gesprek("I told him to stop")


@pytest.mark.parametrize("text, expected", [
    ("last week", date(2026, 11, 29)), ("two years ago", date(2024, 12, 6)),
    ("in 2024", date(2024, 12, 31)), ("a few months ago", date(2026, 9, 6)),
    ("yesterday", date(2026, 12, 5)), ("last Tuesday", date(2026, 12, 1)),
    ("in March", date(2026, 3, 31)), ("3 weeks ago", date(2026, 11, 15)),
    ("it still happens every day", TODAY), ("last year", date(2025, 12, 31)),
])
def test_dates_in_english(text, expected):
    assert lees_datum(text, TODAY) == expected


def test_staff_and_pupils_named_in_english():
    assert lees_personeel("the maths teacher", None) is True
    assert lees_personeel("two boys from his class", None) is False


def test_changes_of_the_summary_in_english():
    from wegwijzer.summary_changes import AANPASSEN, WEGLATEN, Wijziging, is_laat_maar, parse_wijziging

    assert parse_wijziging("change when to: last week") == Wijziging(AANPASSEN, "wanneer", "last week")
    assert parse_wijziging("leave out the names") == Wijziging(WEGLATEN, "betrokkenen")
    assert parse_wijziging("remove my name") == Wijziging(WEGLATEN, "naam")
    assert is_laat_maar("never mind") and is_laat_maar("Never mind")


def test_answers_to_the_list_questions_in_english():
    from wegwijzer.summary_changes import lijst_waarden

    assert lijst_waarden("al_ondernomen", "nothing yet") == ["niets"]
    assert lijst_waarden("al_ondernomen", "we talked to the head teacher") == ["directeur"]
    assert lijst_waarden("wens", "I want it to stop") == ["stoppen_gedrag"]
    assert lijst_waarden("wens", "an apology") == ["excuses"]


def test_status_and_messages_in_english():
    from wegwijzer.conversation import berichten_tekst

    berichten = [{"van": "contactpersoon", "op": "2026-12-03T14:05:00+00:00", "tekst": "Hello"},
                 {"van": "melder", "op": "2026-12-04T09:00:00+00:00", "tekst": "Thanks"}]
    assert berichten_tekst(berichten, "u", "en") == (
        "Messages:\n\nFrom the contact person, 3 December 2026:\nHello\n\nFrom you, 4 December 2026:\nThanks")
    assert berichten_tekst([], "je", "en") == "There are no messages from the contact person yet."


def test_a_guess_of_two_categories_offers_each_alone_in_english():
    from wegwijzer.conversation import CATEGORIE_KNOP_EN, alleen_knoppen

    buttons = alleen_knoppen(["pesten", "strafmaatregel"], "en")
    assert [b["title"] for b in buttons] == [f"Only: {CATEGORIE_KNOP_EN['pesten']}",
                                              f"Only: {CATEGORIE_KNOP_EN['strafmaatregel']}"]
    assert [b["payload"] for b in buttons] == [CATEGORIE_KNOP_EN["pesten"], CATEGORIE_KNOP_EN["strafmaatregel"]]
    assert alleen_knoppen(["pesten"], "en") == []
