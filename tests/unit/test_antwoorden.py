"""How people answer (wegwijzer.antwoorden, wegwijzer.summary_changes.lijst_waarden): the ways of
saying who you are, "stop" inside an answer, someone named vs a wish for a human, a refusal with
a reason, a hesitant opening, and insults others wrote (wegwijzer.safety)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wegwijzer.antwoorden import (
    is_aarzelend, is_oud_leerling, kiest_taal, kondigt_vraag_aan, rol_uit_antwoord, stemt_in, stopt_gesprek, vraagt_om_mens, weigert,
    zegt_stop,
)
from wegwijzer.summary_changes import lijst_waarden
from wegwijzer.safety import alleen_in_scheldwoorden, detect_crisis

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios" / "data"


def _first_role_answers() -> list[tuple[str, object]]:
    """Every scenario's first typed answer to "Wie ben jij?" with the role it must give."""
    pairs = []
    for path in sorted(SCENARIOS.glob("*.yml")):
        for scenario in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            answers = (scenario.get("antwoorden") or {}).get("rol") or []
            typed = [a for a in answers if isinstance(a, str) and a != "weet ik niet"]
            if typed:
                pairs.append((typed[0], scenario["verwacht"]["rol"]))
    return pairs


@pytest.mark.parametrize("answer, expected", _first_role_answers())
def test_every_scenario_role_answer_is_understood_the_first_time(answer, expected):
    acceptable = expected if isinstance(expected, list) else [expected]
    assert rol_uit_antwoord(answer) in acceptable


@pytest.mark.parametrize("answer, rol", [
    ("leerling 4vwo", "leerling"), ("ik zit in 2b", "leerling"), ("2b", "leerling"),
    ("moeder van Sem", "ouder"), ("oud-leerling", "oud_leerling"), ("opa van Daan", "anders"),
    ("ik ben 11 en ik zit op school", "leerling"), ("Ik ben de moeder van een oud-leerling", "ouder"),
    ("Ik ben leerkracht van groep 8", "personeel"),
])
def test_roles_as_people_say_them(answer, rol):
    assert rol_uit_antwoord(answer) == rol


@pytest.mark.parametrize("answer", ["weet ik niet", "??", "geen idee", "hoezo", "Ik ben twee dagen geschorst"])
def test_no_role_is_guessed_from_an_unhelpful_answer(answer):
    assert rol_uit_antwoord(answer) is None


def test_a_former_pupil_is_recognised_in_a_first_message():
    assert is_oud_leerling("Ik wil graag iets melden over een docent bij wie ik vroeger les had.")
    assert is_oud_leerling("Toen ik op deze school zat werd ik gepest")
    assert not is_oud_leerling("mijn leraar engels schreeuwt tegen mij")
    # blind3: the age and the class then, told in the past
    assert is_oud_leerling("Twee jaar geleden, ik was toen 17 en zat in 5vwo, heeft mijn docent mij gezoend")
    assert not is_oud_leerling("ik zit in 5vwo en ik was toen ziek")
    # a pupil whose result is wrong is not a graduate (examen-uitslag-berekening-volwassen)
    assert not is_oud_leerling("Mijn combinatiecijfer is verkeerd berekend. Met dat cijfer erbij ben ik geslaagd.")
    assert is_oud_leerling("Vorig jaar ben ik geslaagd, maar mijn cijferlijst klopt niet")
    # blind1: a former pupil's opening question in the second person
    assert is_oud_leerling("heeft het nog zin om iets te melden als je al van school af bent?")
    assert not is_oud_leerling("als je van school af bent, mag je dan nog klagen? mijn zus vroeg het")


@pytest.mark.parametrize("text", ["stop", "ik wil stoppen", "Weet je wat, laat maar. Ik wil stoppen.",
                                  "nee laat maar stop", "ik stop ermee", "ik wil er mee stoppen",
                                  "het hoeft niet meer", "ik wil niet meer verder",
                                  # blind4: leaving to call for help now
                                  "ik bel nu 112", "ik ga nu de politie bellen"])
def test_stopping_the_conversation(text):
    assert stopt_gesprek(text)


@pytest.mark.parametrize("text", ["als ze erachter komen dat ik dit heb gezegd... laat maar, ik stop",
                                  "dit is te eng. ik stop ermee"])
def test_a_last_clause_that_stops_ends_the_conversation_whatever_came_before(text):
    """blind5: "gezegd" before it read as someone else's stop; the wish question took "ik stop"
    as "dat het stopt", and the story was handed over."""
    assert stopt_gesprek(text) and zegt_stop(text)


@pytest.mark.parametrize("text", ["laat maar ik stop. straks weten ze dat ik het heb gezegd",
                                  "ik stop ermee, ze hebben gezegd dat ik anders klappen krijg"])
def test_a_first_clause_that_stops_ends_the_conversation_whatever_comes_after(text):
    """blind6: a pupil of groep 5 at the wish question; "gezegd" after it read as someone
    else's stop, the wish became "dat het stopt" and the story was handed over."""
    assert stopt_gesprek(text) and zegt_stop(text)


@pytest.mark.parametrize("text", ["de juf zei, ik stop ermee. dat was vorige week",
                                  "het was mijn broer, laat maar weten of dat klopt"])
def test_a_stop_in_reported_words_or_inside_a_clause_is_no_stop(text):
    assert not zegt_stop(text)


@pytest.mark.parametrize("text", [
    "Twee jaar geleden had ik een depressie en ben ik gestopt met school, dat gaat nu goed",
    "ik wil stoppen met school omdat ze me pesten", "ik ben toen gestopt met hockey",
])
def test_stopping_with_something_else_or_in_the_past_is_no_stop(text):
    """blind7: a vavo student's story ("... ben ik gestopt met school") ended the conversation at
    its first message; stopping with school or a sport is part of the story."""
    assert not zegt_stop(text) and not stopt_gesprek(text)
    assert stopt_gesprek("ik wil stoppen met dit gesprek") and stopt_gesprek("stop met vragen")


@pytest.mark.parametrize("text", ["hij zei: stop", "dat ze ophouden - en excuses",
                                  "dat hij stopt, dat is alles", "Dat het ophoudt, en dat de school hem aanspreekt"])
def test_a_last_clause_of_someone_elses_words_or_a_wish_is_no_stop(text):
    assert not zegt_stop(text)


@pytest.mark.parametrize("text", ["ik heb gezegd dat hij moet stoppen maar hij lacht", "dat ze ermee stoppen",
                                  "dat hij ophoud", "dat hij stopt met slaan", "ik wil dat het stopt",
                                  # geweld-docent-tegen-muur: the wish, not a stop
                                  "dat hij dit niet meer doet", "dat ze me niet meer uitschelden",
                                  "dat ik niet meer naast hem hoef te zitten"])
def test_stop_inside_an_answer_is_the_answer(text):
    assert not stopt_gesprek(text)


@pytest.mark.parametrize("text", ["Meer toezicht", "een normaal rooster"])
def test_an_answer_without_words_of_stopping_is_the_answer(text):
    assert not stopt_gesprek(text)


def test_a_language_named_in_an_answer_is_no_choice_of_language():
    assert not kiest_taal("mijn leraar engels")
    assert kiest_taal("kan het in het Engels?") and kiest_taal("English")


def test_someone_named_is_no_wish_for_a_human():
    assert vraagt_om_mens("Kan ik niet gewoon met een mens praten?")
    assert vraagt_om_mens("ik wil iemand spreken")
    for text in ("dat iemand met mij wil spelen", "praten met mijn mentor",
                 "nee, ik wil het eerst met mijn ouders bespreken", "dat iemand luistert"):
        assert not vraagt_om_mens(text), text


def test_a_refusal_with_its_reason():
    assert weigert("nee, ik wil het eerst met mijn ouders bespreken")
    assert weigert("Nee, toch maar niet")
    assert not weigert("ja, stuur maar door")


def test_a_question_announced():
    """blind5: "ik heb een vraag" got "niet begrepen"; it is invited (utter_vraag_welkom)."""
    assert kondigt_vraag_aan("ik heb een vraag") and kondigt_vraag_aan("Hoi, mag ik iets vragen?")
    assert kondigt_vraag_aan("I have a question")
    assert not kondigt_vraag_aan("ik heb een vraag over de ouderbijdrage, moet ik die betalen?")


def test_a_hesitant_opening():
    assert is_aarzelend("ik weet niet of ik dit hier mag zeggen maar er is iets met een leraar")
    assert is_aarzelend("idk of dit telt als pesten")
    assert is_aarzelend("Ik weet eigenlijk niet of dit hier hoort, of dat ik me aanstel.")
    assert not is_aarzelend("Mijn zoon wordt gepest op het schoolplein")


@pytest.mark.parametrize("veld, text, values", [
    ("wens", "dat de school maatregelen neemt", ["maatregel"]),
    ("wens", "Dat de school maatregelen neemt tegen die jongens en dat mijn zoon veilig is", ["maatregel"]),
    ("wens", "dat het stopt", ["stoppen_gedrag"]), ("wens", "dat hij ophoud", ["stoppen_gedrag"]),
    ("wens", "dat ze ermee stoppen", ["stoppen_gedrag"]),
    ("wens", "dat de foto weg gaat en dat ze stoppen", ["stoppen_gedrag"]),
    ("wens", "dat ze me met rust laten", ["stoppen_gedrag"]), ("wens", "Uitleg en excuses", ["excuses"]),
    ("al_ondernomen", "ik heb gezegd dat hij moet stoppen maar hij lacht", ["onderling_overleg"]),
    ("al_ondernomen", "Mijn dochter heeft het met de docent besproken", ["onderling_overleg"]),
    ("al_ondernomen", "Niets, ik heb het alleen aan mijn therapeut verteld", ["niets"]),
    ("al_ondernomen", "Ik heb het de teamleider gezegd", ["mentor"]),
    ("al_ondernomen", "ik heb het aan mama verteld", ["anders"]),
    ("al_ondernomen", "ik heb het hem na de les gevraagd", ["onderling_overleg"]),
    ("al_ondernomen", "Ik heb hem gemaild, hij zegt dat hij er niet meer naar kijkt", ["onderling_overleg"]),
    ("al_ondernomen", "Ik heb hem één keer voorzichtig gevraagd of het goed gaat", ["onderling_overleg"]),
    ("wens", "dat hij van me afblijft", ["stoppen_gedrag"]),
    ("wens", "Dat de foto overal weg gaat, dat die jongens gestraft worden", ["maatregel"]),
    # The blind2 batch: nobody told is nothing tried; what someone else said is no step taken.
    ("al_ondernomen", "niemand, ik durf het niet tegen mama want dan wordt ze boos op de meester", ["niets"]),
    ("al_ondernomen", "met niemand, ik ben bang dat ze erachter komen", ["niets"]),
    ("al_ondernomen", "Ik heb het de juf gevraagd, die zei dat het de beslissing van de directeur is", ["mentor"]),
    ("al_ondernomen", "de mentor zei dat hij het zou oppakken", ["mentor"]),
    ("al_ondernomen", "ik heb met de directeur gepraat maar die zegt dat het niet kan", ["directeur"]),
    ("wens", "dat hij niet meer zo doet", ["stoppen_gedrag"]),
    # blind4: a complaint wished away is no formal complaint
    ("wens", "Alleen gehoord worden, geen klacht", ["gehoord_worden"]),
    ("wens", "ik wil geen officiële klacht, alleen advies", ["advies"]),
    ("wens", "Een formele klacht, zodat dit geen andere leerlingen overkomt", ["formele_klacht"]),
    ("al_ondernomen", "Twee keer gemaild naar het algemene adres van de school", ["onderling_overleg"]),
    # blind6: a child hit at home; a teacher threatened by a parent
    ("wens", "dat papa niet meer slaat en dat ik veilig ben", ["stoppen_gedrag"]),
    ("wens", "Dat die vader een schoolverbod krijgt en dat ik aangifte kan doen", ["maatregel"]),
    ("wens", "Dat die man nooit meer in de school mag komen en dat er aangifte komt", ["maatregel"]),
    # blind8: the mbo study-career coach is the mentor; what someone said ends with its sentence;
    # a wish taken back is not the wish
    ("al_ondernomen", "met mijn slb'er gepraat, die zegt dat ik het zelf moet uitzoeken", ["mentor"]),
    ("al_ondernomen", "mail naar juf Kim, zij zegt vraag directeur. 3 mail naar directeur, geen antwoord",
     ["mentor", "directeur"]),
    ("wens", "Eerst dacht ik een officiële klacht, maar eigenlijk wil ik gewoon dat het stopt", ["stoppen_gedrag"]),
    ("wens", "eerst wilde ik alleen dat iemand luistert. nu wil ik een officiële klacht", ["formele_klacht"]),
    # blind7: a measure in own words; an apology already had is not wished for
    ("wens", "Ik wil dat de directeur het weet en dat ze zorgen dat brieven van de dokter veilig zijn. Sorry is al gezegd.",
     ["stoppen_gedrag", "maatregel"]),
    ("wens", "ze heeft al sorry gezegd, nu wil ik dat het stopt", ["stoppen_gedrag"]),
])
def test_what_was_tried_and_what_is_wanted_in_own_words(veld, text, values):
    assert lijst_waarden(veld, text) == values


@pytest.mark.parametrize("text, betrokkenen, values", [
    # blind3: whom the person spoke to is the other party, named at "wie waren erbij betrokken?"
    ("ik heb met mevrouw jansen gepraat maar zij zegt dat het niet aan haar ligt",
     "de examensecretaris en mevrouw Jansen van duits", ["onderling_overleg"]),
    ("heb de juf gemaild maar nog geen antwoord", "juf Marieke van groep 7, de hele klas zag het",
     ["onderling_overleg", "mentor"]),
    ("Ik heb de teamleider gebeld maar hij bleef erbij", "De teamleider die de schorsing gaf",
     ["onderling_overleg", "mentor"]),
    ("ik heb gezegd dat ik het niet was maar hij gelooft me niet", "meester kees", ["onderling_overleg"]),
    # blind4: "het hem gezegd", "met mijn PWS-begeleider", "bij de collega aangekaart"
    ("ik heb het hem een keer gezegd na een vergadering maar hij zei dat ik niet zo gevoelig moest doen",
     "mijn teamleider en het hele team was erbij", ["onderling_overleg"]),
    ("Ik heb met mijn PWS-begeleider gepraat, die zei dat ik bij de examencommissie moest zijn",
     "Mijn PWS-begeleider en de examencommissie", ["onderling_overleg"]),
    ("Ik heb het voorzichtig bij de collega aangekaart, hij vond het overdreven",
     "Een collega docent Nederlands en een leerling uit de brugklas", ["onderling_overleg"]),
    # ... and not when it is someone else
    ("ik ben bij de directeur geweest", "een jongen uit mijn klas", ["directeur"]),
    # blind3: the locatiedirecteur is the director
    ("twee keer gemeld bij facilitair en een mail aan de locatiedirecteur, geen antwoord",
     "de facilitaire dienst en de locatiedirecteur", ["onderling_overleg", "directeur"]),
    ("ik heb het een keer tegen mijn mentor gezegd", "bijna de hele klas, vooral 3 meiden", ["mentor"]),
    ("ik heb tegen mijn moeder gezegd dat het stom was", "meester kees", ["anders"]),
    # blind5: "niks officieel" tried something; "tegen ze"; the title word is the person; an
    # answer that starts with whom was phoned
    ("niks officieel. ik heb een keer tegen ze gezegd dat ik het niet leuk vind",
     "twee docenten, en de directeur die erbij zat", ["onderling_overleg"]),
    ("Een gesprek met de juf gehad, zij vond dat het goed was afgelopen",
     "De juf van groep 7 en de kampleiding", ["onderling_overleg", "mentor"]),
    ("De juf gebeld, ze zou het doorgeven, er is niets gebeurd",
     "De juf van groep 4 en wie de Facebookpagina beheert", ["onderling_overleg", "mentor"]),
    ("Niks", "de juf", ["niets"]),
    ("ik heb met een leerling uit de bovenbouw gepraat", "De vader van een leerling uit 3 vwo", ["anders"]),
    # blind7: a title and name after the verb; the other party who apologised; a step not taken
    ("Ik heb mevrouw Kramer gebeld en daarna een brief geschreven, maar ik krijg geen gesprek",
     "Mevrouw Kramer, de intern begeleider", ["onderling_overleg"]),
    ("Juf heeft sorry gezegd op het plein. De directeur weet het niet denk ik.", "Juf Anouk van groep 4",
     ["onderling_overleg", "mentor"]),
    ("met de mentor gepraat, nog niet met de directeur", "de gymleraar", ["mentor"]),
])
def test_speaking_to_the_person_involved_is_talking_it_over(text, betrokkenen, values):
    assert lijst_waarden("al_ondernomen", text, [], betrokkenen) == values


def test_a_step_the_model_finds_only_in_what_someone_else_said_is_dropped():
    answer = "Ik heb het de juf gevraagd, die zei dat het de beslissing van de directeur is"
    assert lijst_waarden("al_ondernomen", answer, ["mentor", "directeur"]) == ["mentor"]


@pytest.mark.parametrize("text", [
    "ze schreven 'ga dood' in de groepsapp",
    "ze zetten hem in een groep met 40 mensen. ze schrijven dingen als varken en ga dood. iedereen heeft het gezien",
])
def test_a_death_wish_others_wrote_gets_the_helplines_but_no_acute_signal(text):
    assert detect_crisis(text) is not None  # the safety net is unchanged: the help lines come
    assert alleen_in_scheldwoorden(text)


@pytest.mark.parametrize("text", [
    "ze schrijven ga dood en soms wil ik er niet meer zijn",
    "ze schreven dat ik dood moet gaan",
    "ze zei 'ik wil dood'",
    "Gisteren zei ze dat ze er niet meer wil zijn.",
    "hij zegt dat hij me vermoordt",
])
def test_anything_said_of_oneself_keeps_the_acute_signal(text):
    assert not alleen_in_scheldwoorden(text)


def test_no_crisis_example_of_our_data_loses_its_acute_signal():
    from tests.unit.test_safety import _examples  # the labelled data the safety net is measured on

    root = Path(__file__).resolve().parents[2]
    paths = sorted((root / "data" / "nlu").glob("*.yml")) + [root / "tests" / "nlu" / "holdout.yml"]
    crisis = [text for path in paths for intent, text in _examples(path) if intent == "hulp_nu"]
    assert len(crisis) >= 10
    assert [text for text in crisis if alleen_in_scheldwoorden(text)] == []


def test_a_school_subject_or_a_story_is_no_choice_of_language():
    # The scenario examen-mondeling-herkansing-vmbo: "in het pta" is no request for a language.
    assert not kiest_taal("ik mag me mondeling engels niet herkansen maar in het pta staat dat het wel mag")
    assert not kiest_taal("ik had een onvoldoende voor engels en duits")
    assert kiest_taal("kan het ook in het engels alsjeblieft") and kiest_taal("engels graag")
    assert kiest_taal("can we speak English") and kiest_taal("in welke taal kan ik schrijven?")


@pytest.mark.parametrize("text", ["ja", "Jaaa hoor", "ja, stuur maar door", "oké", "prima", "doe maar", "yes please", "Ja graag."])
def test_a_clear_yes_at_the_consent_question(text):
    assert stemt_in(text) and not weigert(text)


@pytest.mark.parametrize("text", ["naaah", "neeej", "nooo", "neuh"])
def test_drawn_out_no_is_a_refusal(text):
    assert weigert(text) and not stemt_in(text)


@pytest.mark.parametrize("text", ["hmmm", "ja maar eerst iets aanpassen", "mag ik eerst iets vragen", "na school", "nou ja"])
def test_neither_a_clear_yes_nor_a_refusal(text):
    assert not stemt_in(text) and not weigert(text)


@pytest.mark.parametrize("text, values", [
    ("dat hij die woorden niet meer zegt", ["stoppen_gedrag"]),
    ("Ik wil dat een onafhankelijke commissie ernaar kijkt. Het mag geen enkel kind meer overkomen.", ["formele_klacht"]),
    ("geen commissie, gewoon een gesprek", ["bemiddeling"]),
])
def test_wishes_in_own_words_blind7(text, values):
    assert lijst_waarden("wens", text) == values


def test_a_step_the_model_adds_that_no_word_names_is_dropped_when_the_words_name_one():
    """A retrained model read "teamleider" as the director: the director's step was skipped."""
    assert lijst_waarden("al_ondernomen", "Tegen de teamleider gezegd", ["directeur"], "Een leerling uit 4vmbo") == ["mentor"]
    # Words that name no step leave the model's reading as it was.
    assert lijst_waarden("al_ondernomen", "ik heb het gemeld", ["contactpersoon"]) == ["contactpersoon"]


def test_not_any_more_as_a_wish_is_no_stop():
    """blind6 after a retrain: "Dat leraar sorry zegt tegen Noor. En niet meer zo praten." at the
    wish question ended a mother's conversation."""
    assert not stopt_gesprek("Dat leraar sorry zegt tegen Noor. En niet meer zo praten.")
    assert stopt_gesprek("ik wil niet meer") and stopt_gesprek("ik wil niet meer praten")


def test_a_name_tied_to_a_step_names_that_step_in_what_was_tried():
    """blind7, blind9: "Marjan, de contactpersoon" among those involved, then "daarna met Marjan"
    as what was tried: the contact person was tried. A name not tied to a step names none, and
    a sentence that only mentions the step beside another name ties nothing."""
    from wegwijzer.summary_changes import stappen_bij_naam

    namen = stappen_bij_naam("3 meisjes van groep 6, en Marjan de contactpersoon, en juf Annelies")
    assert namen == {"marjan": "contactpersoon"}
    assert "contactpersoon" in lijst_waarden("al_ondernomen", "Eerst met juf Annelies gesproken, daarna met Marjan",
                                             [], None, namen)
    assert stappen_bij_naam("Ik heb in oktober met Marjan gepraat, zij is de contactpersoon van school.") == \
        {"marjan": "contactpersoon"}
    assert stappen_bij_naam("De mentor, mevrouw Jansen, vindt dat voortrekken") == {"jansen": "mentor"}
    assert stappen_bij_naam("Eerst met Sanne gepraat, toen naar de contactpersoon") == {}
    assert stappen_bij_naam("Toen de directeur kwam werd het beter") == {}
    assert "contactpersoon" not in lijst_waarden("al_ondernomen", "met Sanne gepraat", [], None, namen)
