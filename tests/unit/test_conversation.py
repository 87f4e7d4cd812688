"""The conversation's plain logic: role from the first message, categories and routes in the
person's terms and back, and the per-field summary before consent."""
import pytest

from wegwijzer.conversation import (
    CATEGORIE_KNOP, GEEN_KEUZE, SAMENVATTING_VELDEN, categorieen_uit_tekst, is_anoniem,
    omschrijf_categorieen, rol_uit_tekst, route_knoppen, route_uit_tekst, samenvatting_regels,
    samenvatting_tekst,
)
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
