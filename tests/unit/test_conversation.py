"""The conversation's plain logic: role from the first message, categories and routes in the
person's terms and back, and the per-field summary before consent."""
import pytest

from wegwijzer.conversation import (
    CATEGORIE_KNOP, GEEN_KEUZE, SAMENVATTING_VELDEN, categorieen_uit_tekst, is_anoniem,
    omschrijf_categorieen, rol_uit_tekst, route_knoppen, route_uit_tekst, samenvatting_regels,
    samenvatting_tekst,
)
from wegwijzer.antwoorden import rol_uit_antwoord
from wegwijzer.intake import build_intake_record
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.vocab import CATEGORIEEN


@pytest.mark.parametrize("text, rol", [
    ("mijn zoon wordt al weken gepest", "ouder"),
    ("Onze dochter is onterecht geschorst.", "ouder"),
    ("Als moeder maak ik me zorgen over de mentor", "ouder"),
    ("ik ben docent en een ouder bedreigt me", "personeel"),
    ("Ik werk op deze school en een collega gaat over de grens", "personeel"),
    ("een van mijn leerlingen wordt gediscrimineerd", "personeel"),
    ("ik zit in groep 7 en ze pesten me", "leerling"),
    ("mijn mentor luistert nooit", "leerling"),
    ("bij ons in de klas wordt iemand uitgescholden", "leerling"),
    ("ik word gepest", None),
    ("ik wil een klacht indienen", None),
    ("", None),
    (None, None),
])
def test_role_from_the_persons_own_words(text, rol):
    assert rol_uit_tekst(text) == rol


def test_a_parent_speaking_of_their_childs_mentor_is_a_parent():
    # "mijn zoon" decides before "mentor": the parent pattern is checked first.
    assert rol_uit_tekst("de mentor van mijn zoon doet niets") == "ouder"


def test_categories_are_named_in_plain_words():
    assert omschrijf_categorieen(["cyberpesten"]) == "pesten via internet of social media"
    assert omschrijf_categorieen(["pesten", "intimidatie"]).startswith("pesten en ")
    assert omschrijf_categorieen(["pesten", "discriminatie", "beoordeling"]) == (
        "pesten, discriminatie en een cijfer of beoordeling"
    )
    assert omschrijf_categorieen([]) == "iets anders"


@pytest.mark.parametrize("categorie", CATEGORIEEN)
def test_every_category_button_reads_back_as_that_category(categorie):
    assert categorieen_uit_tekst(CATEGORIE_KNOP[categorie]) == [categorie]
    assert categorieen_uit_tekst(CATEGORIE_KNOP[categorie].upper()) == [categorie]


@pytest.mark.parametrize("text, expected", [
    ("het gaat om een cijfer", ["beoordeling"]),
    ("ze pesten me online via snap", ["cyberpesten"]),
    ("hij is geschorst", ["strafmaatregel"]),
    ("iets anders", ["anders"]),
    ("hmm", []),
])
def test_typed_category_answers(text, expected):
    assert categorieen_uit_tekst(text) == expected


ADVISED = ["vertrouwenspersoon", "mentor", "directeur"]


def test_route_buttons_follow_the_advice_and_end_with_not_yet():
    buttons = route_knoppen(ADVISED)
    assert [b["title"] for b in buttons] == [
        ROUTE_NAMEN["vertrouwenspersoon"], ROUTE_NAMEN["mentor"], ROUTE_NAMEN["directeur"],
        "Ik weet het nog niet",
    ]
    for button in buttons:
        assert route_uit_tekst(button["payload"], ADVISED) in (*ADVISED, GEEN_KEUZE)


@pytest.mark.parametrize("text, route", [
    ("De vertrouwenspersoon", "vertrouwenspersoon"),
    ("ik ga zelf naar de mentor", "mentor"),
    ("liever de directie", "directeur"),
    ("aangifte doen bij de politie", "politie"),
    ("de landelijke klachtencommissie", "landelijke_klachtencommissie"),
    ("weet ik nog niet", GEEN_KEUZE),
    ("geen idee eigenlijk", GEEN_KEUZE),
    ("doe maar de eerste", "vertrouwenspersoon"),
    ("de mentor of de directeur", None),   # two routes: ask again
    ("hmm", None),
])
def test_typed_route_choices(text, route):
    assert route_uit_tekst(text, ADVISED) == route


SLOTS = {
    "rol": "ouder", "wat_gebeurd": "Mijn zoon wordt gepest.", "categorieen": ["pesten"],
    "wanneer": "sinds september", "betrokkenen": "drie jongens uit zijn klas",
    "al_ondernomen": ["mentor", "directeur"], "wens": ["stoppen_gedrag"],
    "gekozen_route": "vertrouwenspersoon", "anoniem": False, "naam": "Els",
    "contact": "els@example.org",
}


def test_summary_has_one_line_per_known_field_in_the_persons_form_of_address():
    lines = samenvatting_regels(SLOTS, "u")
    assert [slot for slot, _, _ in lines] == [slot for slot, _, _ in SAMENVATTING_VELDEN]
    text = samenvatting_tekst(SLOTS, "u")
    assert "- Wat u al heeft gedaan: de mentor en de directeur" in text
    assert "- Uw naam: Els" in text
    assert " je " not in f" {text} " and "Jij" not in text
    assert "- Je naam: Els" in samenvatting_tekst(SLOTS, "je")


def test_summary_of_an_anonymous_person_leaves_name_and_contact_out():
    slots = {**SLOTS, "anoniem": True}
    text = samenvatting_tekst(slots)
    assert "Els" not in text and "els@example.org" not in text
    assert "- Anoniem: ja, zonder naam" in text


def test_summary_skips_what_is_not_known_and_says_not_yet_chosen():
    slots = {"rol": "leerling", "wat_gebeurd": "ze lachen me uit", "gekozen_route": GEEN_KEUZE}
    assert samenvatting_tekst(slots) == (
        "- Jij bent: leerling\n- Wat er gebeurde: ze lachen me uit\n"
        "- Je keuze: nog niet gekozen\n- Anoniem: ja, zonder naam"
    )


def test_a_person_without_name_or_contact_is_handed_over_anonymously():
    # Someone who asked for a human before the name question: nothing identifies them.
    partial = {"rol": "leerling", "wat_gebeurd": "ze lachen me uit", "school": "demo"}
    assert is_anoniem(partial)
    record = build_intake_record(partial, conversation_id="c1", kanaal="rest")
    assert record["anoniem"] is True and record["naam"] is None
    assert record["gekozen_route"] is None


def test_the_record_holds_the_chosen_route_and_null_for_not_yet():
    record = build_intake_record(SLOTS, conversation_id="c2", kanaal="rest")
    assert record["gekozen_route"] == "vertrouwenspersoon" and record["anoniem"] is False
    record = build_intake_record({**SLOTS, "gekozen_route": GEEN_KEUZE}, "c3", "rest")
    assert record["gekozen_route"] is None


# --- changing the summary before consent ------------------------------------------------------

from wegwijzer.conversation import berichten_tekst, datum_in_woorden  # noqa: E402
from wegwijzer.summary_changes import (  # noqa: E402
    AANPASSEN, GEEN_VELD, WEGLATEN, Wijziging, parse_wijziging, pas_wijziging_toe, veld_knoppen,
    veld_uit_tekst, wijzigbare_velden,
)


@pytest.mark.parametrize("text, expected", [
    ("verander wanneer in: vorige week", Wijziging(AANPASSEN, "wanneer", "vorige week")),
    ("Verander wanneer in vorige week dinsdag", Wijziging(AANPASSEN, "wanneer", "vorige week dinsdag")),
    ("wijzig de datum naar: 3 maart", Wijziging(AANPASSEN, "wanneer", "3 maart")),
    ("pas wanneer aan: in de kerstvakantie", Wijziging(AANPASSEN, "wanneer", "in de kerstvakantie")),
    ("wanneer: gisteren", Wijziging(AANPASSEN, "wanneer", "gisteren")),
    ("verander wat er gebeurde in: Hij duwde me. Twee keer!",
     Wijziging(AANPASSEN, "wat_gebeurd", "Hij duwde me. Twee keer")),
    ("verander mijn naam in Els", Wijziging(AANPASSEN, "naam", "Els")),
    ("verander wat ik graag wil in: excuses", Wijziging(AANPASSEN, "wens", "excuses")),
    ("ik wil de datum aanpassen", Wijziging(AANPASSEN, "wanneer")),
    ("haal de namen eruit", Wijziging(WEGLATEN, "betrokkenen")),
    ("laat wanneer weg", Wijziging(WEGLATEN, "wanneer")),
    ("laat mijn e-mailadres weg", Wijziging(WEGLATEN, "contact")),
    ("wat ik al heb gedaan weglaten", Wijziging(WEGLATEN, "al_ondernomen")),
    ("zonder mijn naam", Wijziging(WEGLATEN, "naam")),
    ("Laat iets weg", Wijziging(WEGLATEN)),
    ("Pas iets aan", Wijziging(AANPASSEN)),
    ("dat klopt niet helemaal, ik wil het aanpassen", Wijziging(AANPASSEN)),
    ("/weglaten", Wijziging()),
])
def test_a_typed_change_is_read_as_kind_field_and_new_text(text, expected):
    assert parse_wijziging(text) == expected


def test_the_intent_tells_the_kind_when_the_words_do_not():
    assert parse_wijziging("/weglaten", WEGLATEN) == Wijziging(WEGLATEN)
    assert parse_wijziging("die namen wil ik er niet in", WEGLATEN) == Wijziging(WEGLATEN, "betrokkenen")


def test_a_changed_wish_in_own_words_is_a_change_of_what_is_wanted():
    """"wacht, ik wil er toch een officiële klacht van maken" at the consent question (blind
    scenario batch 1): the wish changes, no question which part."""
    text = "Wacht, ik wil er toch een officiële klacht van maken"
    assert parse_wijziging(text, AANPASSEN) == Wijziging(AANPASSEN, "wens", text)
    assert parse_wijziging("ik wil iets aanpassen", AANPASSEN) == Wijziging(AANPASSEN)


@pytest.mark.parametrize("vorm", ["je", "u"])
def test_every_field_button_reads_back_as_its_field(vorm):
    buttons = veld_knoppen(SLOTS, AANPASSEN, vorm)
    assert [veld_uit_tekst(b["payload"]) for b in buttons[:-1]] == [
        "wat_gebeurd", "wanneer", "betrokkenen", "al_ondernomen", "wens", "naam", "contact"]
    assert buttons[-1]["title"] == "Laat maar"
    # "Wat er gebeurde" can be changed but not left out: without it nothing can be handed over.
    assert "wat_gebeurd" not in wijzigbare_velden(SLOTS, WEGLATEN)
    # Only what the summary shows: an anonymous person has no name to leave out.
    assert "naam" not in wijzigbare_velden({**SLOTS, "anoniem": True}, WEGLATEN)


def _record_matches_summary(slots, vorm="je"):
    """Every field of the record handed over is exactly what the summary showed."""
    record = build_intake_record(slots, conversation_id="c", kanaal="rest")
    shown = {slot: value for slot, _, value in samenvatting_regels(slots, vorm)}
    for field in ("wat_gebeurd", "wanneer", "betrokkenen", "naam", "contact"):
        assert (record[field] or None) == shown.get(field), field
    return record, shown


def test_leaving_a_field_out_empties_it_everywhere_and_the_record_follows_the_summary():
    slots = {**SLOTS, "eerste_bericht": "Mijn zoon wordt gepest.", "datum_gebeurtenis": "2026-09-01"}
    for veld in ("betrokkenen", "wanneer", "contact"):
        changes = pas_wijziging_toe(slots, Wijziging(WEGLATEN, veld))
        slots = {**slots, **changes}
    assert slots["betrokkenen"] is None and slots["wanneer"] is None and slots["contact"] is None
    assert slots["datum_gebeurtenis"] is None  # read from "wanneer": gone with it
    record, shown = _record_matches_summary(slots)
    text = repr(record)
    assert "drie jongens" not in text and "sinds september" not in text and "els@" not in text
    assert "betrokkenen" not in shown and record["betrokkenen"] == ""
    assert record["naam"] == "Els" and record["anoniem"] is False
    # Leaving the name out too: nothing identifies the person, so the record is anonymous.
    slots = {**slots, **pas_wijziging_toe(slots, Wijziging(WEGLATEN, "naam"))}
    record, shown = _record_matches_summary(slots)
    assert record["anoniem"] is True and record["naam"] is None and "Els" not in repr(record)
    # Lists become empty; "wat er gebeurde" cannot be left out.
    assert pas_wijziging_toe(slots, Wijziging(WEGLATEN, "wens")) == {"wens": []}
    assert pas_wijziging_toe(slots, Wijziging(WEGLATEN, "wat_gebeurd")) == {}


def test_changing_a_field_replaces_its_text_and_what_held_the_old_words():
    slots = {**SLOTS, "eerste_bericht": "Mijn zoon wordt gepest."}
    changes = pas_wijziging_toe(slots, Wijziging(AANPASSEN, "wat_gebeurd", "Hij wordt geduwd."))
    assert changes == {"wat_gebeurd": "Hij wordt geduwd.", "eerste_bericht": None}
    slots = {**slots, **changes, **pas_wijziging_toe(slots, Wijziging(AANPASSEN, "wanneer", "vorige week"))}
    record, shown = _record_matches_summary(slots, "u")
    assert record["wat_gebeurd"] == "Hij wordt geduwd." and record["wanneer"] == "vorige week"
    # A list field from the model's entities, else from the words, else "iets anders".
    assert pas_wijziging_toe(slots, Wijziging(AANPASSEN, "al_ondernomen", "x"), ["mentor"]) == {
        "al_ondernomen": ["mentor"]}
    assert pas_wijziging_toe(slots, Wijziging(AANPASSEN, "wens", "gewoon excuses")) == {"wens": ["excuses"]}
    assert pas_wijziging_toe(slots, Wijziging(AANPASSEN, "wens", "hmm")) == {"wens": ["anders"]}
    # Giving a name after all makes the person not anonymous; no new text, or "laat maar": nothing.
    assert pas_wijziging_toe({"anoniem": True}, Wijziging(AANPASSEN, "naam", "Sam")) == {
        "naam": "Sam", "anoniem": False}
    assert pas_wijziging_toe(slots, Wijziging(AANPASSEN, "wanneer", " ")) == {}
    assert pas_wijziging_toe(slots, Wijziging(AANPASSEN, GEEN_VELD, "x")) == {}


# --- the contact person's messages ------------------------------------------------------------

def test_messages_are_shown_oldest_first_with_dates_in_words_and_who_wrote():
    berichten = [
        {"van": "contactpersoon", "tekst": "Wil je langskomen?", "op": "2026-12-03T09:15:00+00:00"},
        {"van": "melder", "tekst": "Ja, dinsdag.", "op": "2026-12-04T16:00:00+00:00"},
    ]
    assert berichten_tekst(berichten, "je") == (
        "Berichten:\n\nVan de contactpersoon, 3 december 2026:\nWil je langskomen?\n\n"
        "Van jou, 4 december 2026:\nJa, dinsdag."
    )
    assert "Van u, 4 december 2026:" in berichten_tekst(berichten, "u")
    assert berichten_tekst([], "je") == "Er zijn nog geen berichten van de contactpersoon."
    assert datum_in_woorden("niet een datum") is None and datum_in_woorden(None) is None


def test_the_role_is_not_read_from_words_the_person_quotes():
    """blind7: a teacher quoting a father's WhatsApp ('… als mijn zoon nog 1x moet nablijven')
    was taken for a parent and addressed as one all through."""
    quoted = ("Vrijdagavond kreeg ik een WhatsApp van een vader: 'je gaat eraan als mijn zoon nog 1x "
              "moet nablijven'. Ik sta sindsdien met buikpijn bij het hek.")
    assert rol_uit_tekst(quoted) is None
    assert rol_uit_tekst("'s avonds huilt mijn zoon, hij wil niet naar school") == "ouder"
    assert rol_uit_tekst("m'n dochter wordt gepest") == "ouder"


def test_a_trainee_is_asked_who_they_are():
    """blind8: a pabo trainee ("mijn mentor … voor de klas") was taken for a pupil, addressed as
    one and told her parents would hear of it. A trainee may be a student teacher or a pupil on
    placement: the role question decides; the answer names the staff role."""
    assert rol_uit_tekst("ik ben stagiaire en mijn mentor op school maakt me belachelijk voor de klas") is None
    assert rol_uit_tekst("ik loop stage en mijn stagebegeleider doet raar, mijn zoon zegt het ook") == "ouder"
    assert rol_uit_antwoord("stagiaire van de pabo, derde jaar") == "personeel"
    assert rol_uit_antwoord("TOA, technisch onderwijsassistent bij scheikunde") == "personeel"
    assert rol_uit_antwoord("Ik ben invaldocent aardrijkskunde, via een detacheringsbureau") == "personeel"


def test_a_teacher_speaks_of_her_classroom():
    """blind7: "een vader voor mijn lokaal … de vader van Noah uit mijn klas" is a teacher, not a
    pupil (after the help lines the intake started from the second message)."""
    assert rol_uit_tekst("er staat een vader voor mijn lokaal te schreeuwen. het is de vader van Noah uit mijn klas") == "personeel"
    assert rol_uit_tekst("een jongen uit mijn klas pest mij") == "leerling"
