"""The crisis safety net in the seven other languages (wegwijzer.safety_talen), on the patterns'
own examples (tests/unit/safety_talen.yml, safety_talen_extra.yml). The held-out measurement is bench/multilingual.py."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wegwijzer.safety import detect_crisis, normalise

EXAMPLES = yaml.safe_load((Path(__file__).parent / "safety_talen.yml").read_text(encoding="utf-8"))
# Examples of the patterns added after the fresh batch of 5 December 2026.
EXTRA = yaml.safe_load((Path(__file__).parent / "safety_talen_extra.yml").read_text(encoding="utf-8"))
CRISIS = [(taal, text) for examples in (EXAMPLES, EXTRA) for taal, sets in examples.items() for text in sets["crisis"]]
GEWOON = [(taal, text) for examples in (EXAMPLES, EXTRA) for taal, sets in examples.items() for text in sets["gewoon"]]


def test_every_language_has_examples():
    assert set(EXAMPLES) == {"nl", "en", "tr", "ar", "pl", "uk", "de", "es"}
    for taal, sets in EXAMPLES.items():
        if taal != "nl":  # Dutch: tests/unit/test_safety.py
            assert len(sets["crisis"]) >= 15 and len(sets["gewoon"]) >= 10, taal


@pytest.mark.parametrize("taal, message", CRISIS)
def test_crisis_messages_are_recognised_in_their_language(taal, message):
    signal = detect_crisis(message)
    assert signal is not None
    assert signal.taal == taal  # the help lines come with a line in this language


@pytest.mark.parametrize("taal, message", GEWOON)
def test_ordinary_messages_are_not_flagged(taal, message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize(
    "written, plain",
    [
        ("chcę umrzeć", "chce umrzec"),          # Polish without its letters
        ("Ölmek İstiyorum", "olmek istiyorum"),   # Turkish dotted and dotless i
        ("хочу вмерти", "хочу вмерти"),
        ("я вб’ю себе", "я вбю себе"),           # Ukrainian apostrophe, typed or left out
        ("أريد أن أموت", "اريد ان اموت"),          # Arabic hamza seats
        ("Ich möchte STERBEN", "ich mochte sterben"),
    ],
)
def test_spellings_with_and_without_diacritics_are_the_same_message(written, plain):
    assert (detect_crisis(written) is None) == (detect_crisis(plain) is None)
    assert detect_crisis(written) is not None


def test_normalise_keeps_other_scripts_and_folds_their_variants():
    assert normalise("Я ВБ'Ю себе!!!") == "я вб'ю себе"
    assert normalise("їжак ґанок є ы") == "ижак ганок е и"
    assert normalise("مدرسةٌ") == "مدرسه"
    assert normalise("Straße łódź ılık") == "strasse lodz ilik"


@pytest.mark.parametrize(
    "message",
    [
        "Sınıfta bir çocuk her gün oğlumun eşyalarını alıyor",  # "gün" (day) folds to "gun"
        "hace un mes que nadie contesta",                      # Spanish "mes" (month), not a knife
        "el mes pasado le quitaron el móvil",
    ],
)
def test_words_that_look_like_another_languages_crisis_word(message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize("message", [
    # Dutch "want" (because), "plan" and "die" (that) are no English death wish (blind3:
    # a teacher's complaint about a broken fume cupboard got the help lines).
    "Ik moet toch practica geven want die staan in het PTA.",
    "ik snap het niet want die juf legt het slecht uit",
    "we hebben een plan die voor iedereen werkt",
])
def test_dutch_want_die_is_no_english_death_wish(message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize("message", [
    "i want to die", "i want die", "i just want to die tonight", "plan to die", "I have a plan to die this weekend",
    "i plan to be dead by friday", "want to be dead",
])
def test_english_want_to_die_still_counts(message):
    signal = detect_crisis(message)
    assert signal is not None and signal.kind == "zelfdoding"


@pytest.mark.parametrize("message", [
    # Coming home with bruises says where they were NOT made: a complaint to the school (blind2, geweld).
    "Hij komt thuis met blauwe plekken op zijn benen, ze schoppen hem onder tafel en bij het buitenspelen",
    "Mijn zoon van 6 komt thuis met blauwe plekken op zijn arm en zegt dat de juf hem zo vastpakt.",
])
def test_coming_home_with_bruises_from_school_is_no_domestic_violence(message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize("message", [
    "ze komt thuis met blauwe plekken van papa",
    "hij komt thuis met blauwe plekken op zijn rug door zijn stiefvader",
    "thuis word ik geslagen",
    "als hij thuis komt slaat zijn vader hem",
])
def test_bruises_from_family_or_blows_at_home_still_count(message):
    signal = detect_crisis(message)
    assert signal is not None and signal.kind == "huiselijk_geweld"


@pytest.mark.parametrize("message", [
    "er staat nu een vader op de gang te schreeuwen dat hij me in elkaar gaat slaan",
    "ik heb de deur op slot gedaan want hij zegt dat hij me komt pakken",
])
def test_threatened_by_someone_who_is_there_now(message):
    assert detect_crisis(message) is not None


@pytest.mark.parametrize("message", [
    "vorige maand stond een vader te schreeuwen in de gang, de directeur heeft hem weggestuurd",
    "de deur van het lokaal was op slot en we moesten buiten wachten, iedereen stond te schreeuwen",
])
def test_a_locked_door_or_shouting_without_a_threat_stays_quiet(message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize("message", [
    # a death wish as the answer to "wat zou je het liefst willen dat er gebeurt?"
    "dat ik dood ben", "dat ik er niet meer ben", "dat ik niet meer wakker word", "dat ik gewoon verdwijn",
])
def test_a_death_wish_given_as_the_wish_of_the_intake(message):
    signal = detect_crisis(message)
    assert signal is not None and signal.kind == "zelfdoding"


@pytest.mark.parametrize("message", [
    "dat ik niet meer hoef voor te lezen", "dat ik verdwijn uit die klas", "ik ben blij dat ik niet meer bang ben",
])
def test_an_ordinary_wish_with_the_same_words_stays_quiet(message):
    assert detect_crisis(message) is None


def test_a_dutch_knife_is_still_a_knife():
    assert detect_crisis("er staat iemand met een mes voor school") is not None
    assert detect_crisis("hij heeft een mes bij zich") is not None


@pytest.mark.parametrize("message", [
    "dat proefwerk van morgen maakt me echt dood",
    "ik ga dood van de stress van die examens",
    "this essay is literally killing me",
    "matematik sinavi beni bitirecek",
    "ten egzamin z fizyki mnie wykończy",
    "цей іспит мене доконає",
    "die mathearbeit bringt mich noch um",
    "la tarea de historia me está matando",
    "امتحان الرياضيات رح يموتني",
    "die geschiedenislerares maakt me dood met al dat huiswerk",
    "my parents will kill me when they see my report card haha",
    "la profe de física me va a matar con tantos exámenes, me muero",
])
def test_schoolwork_that_kills_me_is_a_figure_of_speech(message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize("message", [
    "dat proefwerk maakt me dood en ik wil eigenlijk echt niet meer leven",
    "this exam is killing me and my dad hits me when i fail",
    "ten egzamin mnie wykończy, chcę umrzeć",
    # checklist9: the teacher and grade figures of speech beside a real sign
    "die mathelehrerin bringt mich um mit den tests und mein vater schlägt mich jeden abend",
    "if my dad sees this grade he'll kill me lol, and i've been cutting myself again",
])
def test_a_real_crisis_beside_the_figure_of_speech_still_counts(message):
    assert detect_crisis(message) is not None


@pytest.mark.parametrize("message", [
    # checklist14: a compound test word, the English mock, a Polish adverb before the verb
    "ik ga echt dood aan die geschiedenistoets van vrijdag",
    "ik ga zo dood aan dat biologieproefwerk",
    "this physics mock is honestly going to kill me",
    "ta kartkówka z fizyki mnie chyba zabije",
    # a fight that is over (Turkish pluperfect), told with "hemen" (at once)
    "geçen hafta oğluma koridorda vurmuşlardı, müdür hemen aileleri aradı",
    # the theme or a scene of a play, lesson or book
    "die schule zeigt ein theaterstück zum thema missbrauch, muss meine tochter da hin?",
    "we krijgen een voorlichting met als thema misbruik, mag ik mijn zoon afmelden?",
    "there is an assembly on the theme of suicide next week, can my son skip it?",
    "w lekturze jest scena gwałtu, czy muszę o niej pisać w wypracowaniu?",
    "في المدرسه مسرحيه عن موضوع التحرش الاسبوع الجاي، لازم ابني يحضر؟",
])
def test_schoolwork_and_topics_of_checklist14_are_not_flagged(message):
    assert detect_crisis(message) is None


@pytest.mark.parametrize("message", [
    "na de voorstelling over het thema misbruik vertelde ze dat haar oom haar misbruikt",
    "the play was about bullying, but my stepdad hits me with his belt",
    "ik ga dood aan die toets en ik wil eigenlijk echt niet meer leven",
    "wczoraj mnie pobili i teraz znowu czekają pod szkołą, pomóżcie",
    "şu an kapıda bekliyorlar, beni dövecekler",
])
def test_a_crisis_beside_the_checklist14_figures_still_counts(message):
    assert detect_crisis(message) is not None
