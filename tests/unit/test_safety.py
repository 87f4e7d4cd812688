"""The crisis safety net (wegwijzer.safety): acute danger is recognised whatever else is said."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from wegwijzer.safety import (
    GEWELD_NU, HUISELIJK_GEWELD, SEKSUEEL_GEWELD, ZELFBESCHADIGING, ZELFDODING, detect_crisis,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "message, kind",
    [
        ("ik denk erover om er een eind aan te maken", ZELFDODING),  # DIET was sure it was not
        ("Ik wil er niet meer zijn.", ZELFDODING),
        ("kzie t nie meer zitten wil gwn dood", ZELFDODING),
        ("iedereen is beter af zonder mij", ZELFDODING),
        ("ik heb mn pillen gespaard", ZELFDODING),
        ("ZELFMOORD", ZELFDODING),
        ("ik word gepest en ik wil gewoon dooood 😭", ZELFDODING),
        ("ik snij mezelf als het thuis weer mis is", ZELFBESCHADIGING),
        ("heb weer in mn armen gekrast", ZELFBESCHADIGING),
        ("er staat iemand met een mes voor school", GEWELD_NU),
        ("hij zegt dat hij me vermoordt", GEWELD_NU),
        ("help er is net iemand neergestoken", GEWELD_NU),
        ("mijn vader slaat me als hij dronken is", HUISELIJK_GEWELD),
        ("ik durf niet naar huis", HUISELIJK_GEWELD),
        ("mijn stiefvader dwingt me tot seks", HUISELIJK_GEWELD),
        ("ik ben verkracht op een feest", SEKSUEEL_GEWELD),
        # Missed by the net until 5 December 2026 (scenario suite: cyber-acuut-wil-niet-meer,
        # geweld-acuut-wachten-bij-uitgang): words between "er" and "niet meer", a weapon now.
        ("soms wil ik er gewoon niet meer zijn", ZELFDODING),
        ("ik wil echt niet meer leven", ZELFDODING),
        ("ze wachten nu buiten op me met een stok", GEWELD_NU),
        # Missed until 5 December 2026 (found while writing NLU data, branch nlu16).
        ("ze slaan me elke dag in de fietsenstalling", GEWELD_NU),
        ("hij heeft me net gewurgd op de gang", GEWELD_NU),
        ("mijn vriendin zegt dat ze een einde aan haar leven wil maken", ZELFDODING),
        ("ik ga vanavond springen", ZELFDODING),
        ("ik wil dat alles stopt, voorgoed", ZELFDODING),
        ("ik heb mijn arm opengehaald met een schaar", ZELFBESCHADIGING),
        ("ik zit opgesloten in het hok achter de gymzaal", GEWELD_NU),
        ("er ligt een jongen bewusteloos op het plein", GEWELD_NU),
        ("een man probeert kinderen mee te nemen bij het hek", GEWELD_NU),
        # Whatever else the message says: a long complaint with one crisis sentence in it.
        ("Mijn dochter wordt al maanden gepest in de groepsapp en de mentor doet niets. "
         "Gisteren zei ze dat ze er niet meer wil zijn. Wat moeten we doen?", ZELFDODING),
    ],
)
def test_crisis_messages_are_recognised(message, kind):
    signal = detect_crisis(message)
    assert signal is not None and signal.kind == kind


@pytest.mark.parametrize(
    "message",
    [
        "ik word gepest",
        "ik schrok me dood",
        "we lagen dood van het lachen",
        "de les was doodsaai",
        "ik wil een eind maken aan het pesten",
        "de mentor heeft een gesprek met ons gehad",
        "mijn zoon is geschorst zonder gesprek",
        "help me maar met een echt mens",
        "hoe lang duurt een klacht bij de klachtencommissie",
        # Bullying told as it is, not a threat now ("pakken" of things, not of the person).
        "Ze lachen me elke dag uit in de klas en pakken mijn spullen af.",
        "ik wil niet meer naar school",
        "ik wil er niet meer over praten",
        "die toets maakt me kapot",
        "ik ga springen op de trampoline tijdens de gymles",
        "de juf houdt zich aan de afspraak",
        "ik wil dat het pesten stopt",
        "",
    ],
)
def test_ordinary_messages_are_not_flagged(message):
    assert detect_crisis(message) is None


def _examples(path: Path) -> list[tuple[str, str]]:
    out = []
    for item in yaml.safe_load(path.read_text()).get("nlu", []):
        if "intent" not in item:
            continue
        for line in item["examples"].splitlines():
            if line.strip().startswith("- "):
                text = re.sub(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})", r"\1", line.strip()[2:])
                out.append((item["intent"], text))
    return out


@pytest.mark.parametrize("source", ["training", "holdout"])
def test_recall_and_false_alarms_on_our_data(source):
    """Every hulp_nu example is caught; at most 1 % of other messages raise a false alarm."""
    paths = sorted((REPO / "data" / "nlu").glob("*.yml")) if source == "training" else [
        REPO / "tests" / "nlu" / "holdout.yml"]
    examples = [example for path in paths for example in _examples(path)]
    crisis = [text for intent, text in examples if intent == "hulp_nu"]
    other = [text for intent, text in examples if intent != "hulp_nu"]
    assert len(crisis) >= 10 and len(other) >= 100
    missed = [text for text in crisis if detect_crisis(text) is None]
    false_alarms = [text for text in other if detect_crisis(text) is not None]
    assert missed == []
    assert len(false_alarms) <= 0.01 * len(other), false_alarms


def test_kicked_by_a_child_in_ones_care_is_no_crisis():
    """blind8: an overblijfmoeder kicked by a boy of groep 4 got the help lines at her first
    message; being kicked or hit at home stays a crisis."""
    assert detect_crisis("ik ben overblijfmoeder en ik word geschopt door een kind en uitgescholden door zijn moeder") is None
    assert detect_crisis("mama wordt geschopt door haar vriend") is not None
    assert detect_crisis("ik word elke avond geslagen") is not None


def test_someone_at_the_door_now():
    """blind7: a father shouting a quoted threat at a teacher's classroom door and hitting it,
    now; the classifier alone read it so, and the help lines must come at once."""
    assert detect_crisis("er staat NU een vader voor mijn lokaal te schreeuwen 'ik maak je af' en hij slaat op "
                         "de deur. ik heb de deur op slot gedaan") is not None
    assert detect_crisis("vorige week sloeg een vader op de deur van mijn lokaal, dat is besproken") is None


def test_a_knife_in_the_cooking_lesson_is_a_tool():
    """blind9: a mother whose son cut his thumb in the cooking lesson, and nobody phoned her, got
    the help lines at her first message (the bare "mes", and "gesneden ... mij" across two
    clauses). A knife with a threat, or anywhere else, still counts."""
    assert detect_crisis("Mijn zoon heeft gisteren in de kookles met een mes in zijn duim gesneden en niemand "
                         "heeft mij gebeld") is None
    assert detect_crisis("in de kookles dreigde hij me met een mes") is not None
    assert detect_crisis("in de keuken pakte mijn vader een mes en zei dat hij mama iets aan zou doen") is not None
    assert detect_crisis("hij heeft een mes meegenomen naar school") is not None
    assert detect_crisis("ik heb mezelf gesneden") is not None
    assert detect_crisis("ik snij in mijn armen en benen") is not None
