"""The advice texts in both forms of address ("je" for pupils, "u" for everyone else) and the
chat-sized advice (``Advice.kort``).
"""
from __future__ import annotations

import re
from datetime import date
from string import Formatter
from typing import Any, Iterator

import pytest

from tests.unit.test_advice import RULES, TODAY, profiel
from wegwijzer import route_texts as T
from wegwijzer.advice import ROLLEN_ADVIES, Advice, IntakeFacts, _context, aanspreekvorm, advise
from wegwijzer.regulation import SEED_PROFILE_DICT, seed_profile
from wegwijzer.vocab import ROLLEN, ROUTES

# Words that address the reader informally. The "u" texts must not contain any of them; there
# are no exceptions (no allow-list needed): every "u" text was written without them.
JE_WOORDEN = re.compile(r"\b(je|jij|jou|jouw|jouwe|jullie|jezelf|jijzelf)\b", re.IGNORECASE)
# And the other way round: the "je" texts never slip into "u".
U_WOORDEN = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)

# The chat-sized advice of a typical intake (2-4 routes, at most 2 notes, no acute danger):
# "about 900 characters". Measured: median about 630, the longest about 920 (a minor pupil who
# wants mediation: the vertrouwenspersoon's whole explanation, 3 other routes, the note for minors).
KORT_MAX = 950
# Any intake, however heavy (a sexual offence by staff against a minor: 7 routes, 2 notes; or
# acute danger, where the helplines come first).
KORT_MAX_ALTIJD = 1300


def _placeholders(sentence: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(sentence) if name)


def _shape(sentences: tuple[T.Sentence, ...]) -> list[tuple[str | None, frozenset[str]]]:
    """Per sentence: its condition and its placeholders."""
    out = []
    for s in sentences:
        condition, text = s if isinstance(s, tuple) else (None, s)
        out.append((condition, _placeholders(text)))
    return out


def _all_strings(t: T.Teksten) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of one form."""
    for group in ("route_teksten", "opmerkingen", "opmerkingen_kort"):
        for key, sentences in getattr(t, group).items():
            for s in sentences:
                yield f"{group}[{key}]", s[1] if isinstance(s, tuple) else s
    for group in ("hulplijnen", "mentor_wie", "advies_kop", "route_kort"):
        for key, text in getattr(t, group).items():
            yield f"{group}[{key}]", text
    for name in ("spoed_intro", "spoed_outro", "andere_wegen"):
        yield name, getattr(t, name)


# ---- the texts: both forms, same structure ---------------------------------------------------


def test_both_forms_exist() -> None:
    assert T.VORMEN == ("je", "u")
    assert set(T.TEKSTEN) == set(T.VORMEN)
    # The module-level names are the "je" form (existing imports keep working).
    assert T.TEKSTEN["je"].route_teksten is T.ROUTE_TEKSTEN
    assert T.TEKSTEN["je"].opmerkingen is T.OPMERKINGEN
    assert T.TEKSTEN["je"].hulplijnen is T.HULPLIJNEN


@pytest.mark.parametrize("group", ["route_teksten", "opmerkingen", "opmerkingen_kort"])
def test_sentence_texts_have_the_same_conditions_and_placeholders(group: str) -> None:
    je, u = getattr(T.TEKSTEN["je"], group), getattr(T.TEKSTEN["u"], group)
    assert set(je) == set(u)
    for key in je:
        assert _shape(je[key]) == _shape(u[key]), (group, key)


@pytest.mark.parametrize("group", ["hulplijnen", "mentor_wie", "advies_kop", "route_kort"])
def test_single_texts_have_the_same_placeholders(group: str) -> None:
    je, u = getattr(T.TEKSTEN["je"], group), getattr(T.TEKSTEN["u"], group)
    assert set(je) == set(u)
    for key in je:
        assert _placeholders(je[key]) == _placeholders(u[key]), (group, key)
    for name in ("spoed_intro", "spoed_outro", "andere_wegen"):
        assert _placeholders(getattr(T.TEKSTEN["je"], name)) == _placeholders(getattr(T.TEKSTEN["u"], name))


@pytest.mark.parametrize("vorm", T.VORMEN)
def test_every_route_role_and_note_has_its_texts(vorm: str) -> None:
    t = T.TEKSTEN[vorm]
    assert set(t.route_teksten) == set(t.route_kort) == set(t.advies_kop) == set(ROUTES)
    assert set(t.mentor_wie) == set(ROLLEN_ADVIES)
    assert set(t.opmerkingen_kort) == set(t.opmerkingen)
    assert set(t.hulplijnen) == {"112", "113", "kindertelefoon", "veilig_thuis"}


@pytest.mark.parametrize("vorm", T.VORMEN)
def test_route_kort_is_one_short_sentence_after_a_colon(vorm: str) -> None:
    for route, text in T.TEKSTEN[vorm].route_kort.items():
        assert text[0].islower() and text.endswith("."), route  # follows "Name: "
        assert ". " not in text and "?" not in text and "{" not in text, route
        assert len(text) <= 70, route


def test_u_form_never_says_je() -> None:
    for where, text in _all_strings(T.TEKSTEN["u"]):
        assert not JE_WOORDEN.search(text), (where, text)


def test_je_form_never_says_u() -> None:
    for where, text in _all_strings(T.TEKSTEN["je"]):
        assert not U_WOORDEN.search(text), (where, text)


def test_the_forms_differ_where_they_address_the_reader() -> None:
    je, u = T.TEKSTEN["je"], T.TEKSTEN["u"]
    assert u.route_teksten["onderling_overleg"][3] == "Vindt u dat spannend? Neem dan iemand mee die u vertrouwt."
    assert je.route_teksten["onderling_overleg"][3] == "Vind je dat spannend? Neem dan iemand mee die je vertrouwt."
    assert u.mentor_wie["ouder"] == "de mentor of teamleider van uw kind"
    assert u.hulplijnen["112"] == "Bent u of is iemand anders nu in gevaar? Bel dan meteen 112."


@pytest.mark.parametrize("vorm", T.VORMEN)
@pytest.mark.parametrize("volledig", [True, False], ids=["volledig", "kort"])
def test_every_text_renders_in_both_forms(vorm: str, volledig: bool) -> None:
    """Like test_advice's render test, for both forms and for the chat version (no detail)."""
    sparse = profiel(
        termijnen={k: None for k in SEED_PROFILE_DICT["termijnen"]},
        vertrouwenspersonen=[{"email": "vp@example.nl"}],
        klachtencommissie={"naam": "de klachtencommissie"},
        bevoegd_gezag_naam=None, bestuur_korte_naam=None,
    )
    t = T.TEKSTEN[vorm]
    for p in (seed_profile(), sparse):
        for rol in ROLLEN:
            ctx = {**_context(IntakeFacts(rol=rol, anoniem=True), p, buiten=True, vorm=vorm), "volledig": volledig}
            for sentences in [*t.route_teksten.values(), *t.opmerkingen.values(), *t.opmerkingen_kort.values()]:
                text = T.render(sentences, ctx)
                assert text and "{" not in text and "None" not in text
                if vorm == "u":
                    assert not JE_WOORDEN.search(text), text


# ---- the form of address ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "rol, vorm",
    [("leerling", "je"), ("ouder", "u"), ("personeel", "u"), ("anders", "u"), (None, "je"), ("onbekend", "je")],
)
def test_aanspreekvorm(rol: str | None, vorm: str) -> None:
    assert aanspreekvorm(rol) == vorm


def test_every_role_has_a_form() -> None:
    assert {aanspreekvorm(r) for r in ROLLEN} == set(T.VORMEN)


def test_default_form_is_je() -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["pesten"], anoniem=True, acuut=True)
    assert advise(intake, seed_profile(), TODAY) == advise(intake, seed_profile(), TODAY, vorm="je")
    assert advise(intake, seed_profile(), TODAY).vorm == "je"


def test_unknown_form_is_refused() -> None:
    with pytest.raises(ValueError, match="^vorm:"):
        advise(IntakeFacts(rol="ouder"), seed_profile(), TODAY, vorm="jij")


def _advise_both(rule: Any) -> tuple[Advice, Advice]:
    intake = IntakeFacts(**rule.intake)
    p = profiel(**rule.profiel)
    return advise(intake, p, rule.today, vorm="je"), advise(intake, p, rule.today, vorm="u")


@pytest.mark.parametrize("rule", RULES)
def test_u_form_changes_the_words_not_the_advice(rule: Any) -> None:
    je, u = _advise_both(rule)
    assert u.vorm == "u"
    assert u.advies_routes == je.advies_routes
    assert u.signalen == je.signalen
    assert u.redenen == je.redenen
    assert u.hulplijnen == je.hulplijnen
    assert set(u.uitleg) == set(je.uitleg) and set(u.opmerkingen) == set(je.opmerkingen)
    assert (u.spoed is None) is (je.spoed is None)
    assert u.tekst() != je.tekst() and u.kort() != je.kort()
    for text in (u.tekst(), u.kort()):
        assert not JE_WOORDEN.search(text), JE_WOORDEN.search(text)
    for text in (je.tekst(), je.kort()):
        assert not U_WOORDEN.search(text), U_WOORDEN.search(text)


def test_u_form_of_the_committee_keeps_the_terms() -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["begeleiding"], al_ondernomen=["bevoegd_gezag"])
    text = advise(intake, seed_profile(), TODAY, vorm="u").uitleg["klachtencommissie"]
    assert "Binnen 5 werkdagen hoort u" in text
    assert "Binnen 4 weken na uw klacht is er een gesprek" in text
    assert "ongeveer 12 weken" in text and "071-5175551" in text


def test_u_form_names_the_mentor_of_the_child() -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["pesten"], al_ondernomen=["onderling_overleg"])
    assert "Vertel het aan de mentor of teamleider van uw kind." in advise(intake, seed_profile(), TODAY, vorm="u").uitleg["mentor"]
    assert "Vertel het aan de mentor of teamleider van je kind." in advise(intake, seed_profile(), TODAY).uitleg["mentor"]


# ---- the chat-sized advice -------------------------------------------------------------------

# Realistic intakes, most of them typical (2-4 routes, at most 2 notes).
GEVALLEN = [
    dict(rol="leerling", categorieen=["pesten"], leeftijd=12),
    dict(rol="leerling", categorieen=["cyberpesten"], leeftijd=15, al_ondernomen=["onderling_overleg"]),
    dict(rol="leerling", categorieen=["beoordeling"], leeftijd=17, examen=True),
    dict(rol="leerling", categorieen=["strafmaatregel"], leeftijd=16, al_ondernomen=["mentor"], anoniem=True),
    dict(rol="leerling", categorieen=["pesten"], leeftijd=13, wens=["bemiddeling"]),
    dict(rol="ouder", categorieen=["pesten"], al_ondernomen=["mentor"]),
    dict(rol="ouder", categorieen=["begeleiding"], wens=["formele_klacht"]),
    dict(rol="ouder", categorieen=["strafmaatregel"], anoniem=True, al_ondernomen=["onderling_overleg"]),
    dict(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["directeur", "bevoegd_gezag"]),
    dict(rol="ouder", categorieen=["begeleiding"], al_ondernomen=["bevoegd_gezag"], datum_gebeurtenis=date(2023, 6, 1)),
    dict(rol="ouder", categorieen=["pesten"], wens=["bemiddeling", "excuses"]),
    dict(rol="ouder", categorieen=["pesten"], anoniem=True, al_ondernomen=["mentor", "directeur", "bevoegd_gezag"]),
    dict(rol="personeel", categorieen=["schoolorganisatie"]),
    dict(rol="personeel", categorieen=["intimidatie"], al_ondernomen=["onderling_overleg", "contactpersoon"]),
    dict(rol="anders", categorieen=["schoolorganisatie"], al_ondernomen=["onderling_overleg"]),
    dict(rol="ouder", categorieen=["anders"], mogelijk_strafbaar=True),
    # Heavier ones: serious matters (5-7 routes), acute danger.
    dict(rol="leerling", categorieen=["discriminatie"], leeftijd=14),
    dict(rol="ouder", categorieen=["agressie_geweld"], al_ondernomen=["vertrouwenspersoon"]),
    dict(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, leeftijd=13),
    dict(rol="leerling", categorieen=["anders"], huiselijk_geweld=True, acuut=True, leeftijd=12),
    dict(rol="ouder", categorieen=["pesten"], acuut=True),
]


def _typisch(a: Advice) -> bool:
    return 2 <= len(a.advies_routes) <= 4 and len(a.opmerkingen) <= 2 and a.spoed is None


def _alle_adviezen() -> Iterator[Advice]:
    for vorm in T.VORMEN:
        for g in GEVALLEN:
            yield advise(IntakeFacts(**g), seed_profile(), TODAY, vorm=vorm)
        for param in RULES:
            rule = param.values[0]
            yield advise(IntakeFacts(**rule.intake), profiel(**rule.profiel), rule.today, vorm=vorm)


def test_kort_fits_a_chat_message() -> None:
    adviezen = list(_alle_adviezen())
    typisch = [a for a in adviezen if _typisch(a)]
    assert len(typisch) >= 40  # the bound below is measured over many cases, in both forms
    assert {a.vorm for a in typisch} == {"je", "u"}
    for a in typisch:
        assert len(a.kort()) <= KORT_MAX, (len(a.kort()), a.advies_routes, a.kort())
    for a in adviezen:
        assert len(a.kort()) <= KORT_MAX_ALTIJD, (len(a.kort()), a.advies_routes)
        if len(a.advies_routes) > 1 or a.opmerkingen:
            assert len(a.kort()) < len(a.tekst())
        assert "{" not in a.kort() and "None" not in a.kort()


@pytest.mark.parametrize("vorm", T.VORMEN)
def test_kort_starts_with_urgent_help(vorm: str) -> None:
    for g in GEVALLEN:
        a = advise(IntakeFacts(**g), seed_profile(), TODAY, vorm=vorm)
        kort = a.kort()
        if g.get("acuut"):
            assert kort.startswith(a.spoed + "\n\n")
            assert kort.index("112") < kort.index(T.ADVIES_KOP[a.advies_routes[0]])
        else:
            assert a.spoed is None and kort.startswith("Mijn advies: ")


@pytest.mark.parametrize("vorm", T.VORMEN)
def test_kort_names_the_first_step_first_then_the_others_in_order(vorm: str) -> None:
    t = T.TEKSTEN[vorm]
    for a in _alle_adviezen():
        if a.vorm != vorm:
            continue
        blocks = a.kort().split("\n\n")
        if a.spoed:
            assert blocks.pop(0) == a.spoed
        eerste = a.advies_routes[0]
        kop, uitleg = blocks.pop(0).split("\n", 1)
        assert kop == t.advies_kop[eerste]
        assert uitleg == a.uitleg_kort[eerste]
        andere = a.advies_routes[1:]
        if andere:
            lines = blocks.pop(0).split("\n")
            assert lines[0] == t.andere_wegen
            assert lines[1:] == [f"- {T.ROUTE_NAMEN[r]}: {t.route_kort[r]}" for r in andere]
        # The rest are the notes, in short.
        assert all(b in a.opmerkingen_kort.values() for b in blocks), blocks


def test_kort_leaves_out_detail_but_keeps_what_to_do() -> None:
    """The committee's step-by-step terms are in the whole advice only."""
    intake = IntakeFacts(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["mentor", "directeur", "bevoegd_gezag"])
    a = advise(intake, seed_profile(), TODAY, vorm="u")
    assert a.advies_routes[0] == "klachtencommissie"
    assert "Binnen 5 werkdagen" in a.tekst() and "Binnen 5 werkdagen" not in a.kort()
    for needed in ("Mijn advies: dien een klacht in bij de klachtencommissie.", "Schrijf uw klacht op",
                   "ongeveer 12 weken", "071-5175551"):
        assert needed in a.kort()


def test_kort_explains_mediation_only_to_who_asks_for_it() -> None:
    zin = "kijkt eerst of het probleem kan worden opgelost door met iedereen te praten"
    wil = advise(IntakeFacts(rol="ouder", categorieen=["pesten"], wens=["bemiddeling"], al_ondernomen=["mentor"]),
                 seed_profile(), TODAY, vorm="u")
    assert wil.advies_routes[0] == "vertrouwenspersoon" and zin in wil.kort()
    ernstig = advise(IntakeFacts(rol="ouder", categorieen=["discriminatie"]), seed_profile(), TODAY, vorm="u")
    assert ernstig.advies_routes[0] == "vertrouwenspersoon"
    assert zin not in ernstig.kort() and zin in ernstig.tekst()


def test_kort_gives_a_phone_number_not_a_postal_address_for_people() -> None:
    a = advise(IntakeFacts(rol="ouder", categorieen=["discriminatie"]), seed_profile(), TODAY, vorm="u")
    assert "U bereikt de vertrouwenspersoon via het bestuursbureau van SCOL, telefoon 071-5175551." in a.kort()
    assert "Mariënpoolstraat 4" in a.uitleg["vertrouwenspersoon"]
    # A committee or board gets letters: its address stays.
    a = advise(IntakeFacts(rol="ouder", categorieen=["schoolorganisatie"], wens=["formele_klacht"]), seed_profile(), TODAY)
    assert a.advies_routes[0] == "bevoegd_gezag" and "Mariënpoolstraat 4" in a.kort()


def test_kort_notes_in_short() -> None:
    # Out of term: said once, in short (not also the committee's long sentence).
    intake = IntakeFacts(rol="ouder", categorieen=["begeleiding"], datum_gebeurtenis=date(2023, 1, 10),
                         al_ondernomen=["bevoegd_gezag"])
    a = advise(intake, seed_profile(), TODAY, vorm="u")
    assert a.kort().count("langer dan 1 jaar geleden") == 1
    assert "De klachtencommissie kan een uitzondering maken en uw klacht toch behandelen" in a.kort()  # the exception of art. 7 lid 2 (blind6)
    # A minor pupil: parents are told, the pupil knows first.
    a = advise(IntakeFacts(rol="leerling", categorieen=["pesten"], leeftijd=11), seed_profile(), TODAY)
    assert "ouders of verzorgers" in a.kort() and "Jij weet dat eerst." in a.kort()
    # A possible sexual offence by staff: the board must involve the vertrouwensinspecteur.
    a = advise(IntakeFacts(rol="ouder", categorieen=["grensoverschrijdend_gedrag"], seksueel=True), seed_profile(), TODAY, vorm="u")
    assert "vertrouwensinspecteur" in a.opmerkingen_kort["zedenzaak_personeel"]
    assert a.opmerkingen_kort["zedenzaak_personeel"] in a.kort()


def test_kort_does_not_repeat_the_exam_note_when_the_exam_route_comes_first() -> None:
    a = advise(IntakeFacts(rol="leerling", categorieen=["beoordeling"], examen=True, leeftijd=17), seed_profile(), TODAY)
    assert a.advies_routes[0] == "commissie_van_beroep_examens"
    assert "examen" in a.opmerkingen and a.opmerkingen_kort["examen"] not in a.kort()
    # Behind a serious matter the exam route is further down: then the note is shown.
    a = advise(IntakeFacts(rol="leerling", categorieen=["discriminatie"], examen=True, leeftijd=17), seed_profile(), TODAY)
    assert a.advies_routes[0] != "commissie_van_beroep_examens"
    assert a.opmerkingen_kort["examen"] in a.kort()


def test_kort_of_a_hand_made_advice() -> None:
    """An Advice built without the short texts falls back to the whole ones."""
    a = Advice(advies_routes=["directeur"], signalen=[], uitleg={"directeur": "Ga naar de directeur."}, redenen=[],
               opmerkingen={"anoniem": "Zonder naam."})
    assert a.kort() == "Mijn advies: ga naar de directeur.\nGa naar de directeur.\n\nZonder naam."
