"""The warning-sign checklist of the crisis net (wegwijzer/crisis_checklist.yml): every sign in
every language, every form a valid pattern, and one example per sign and language caught in
that language (tests/unit/safety_checklist.yml). Held-out figures: bench/multilingual.py --set."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from wegwijzer import safety_checklist
from wegwijzer.safety import KINDS, detect_crisis, fold, normalise
from wegwijzer.vocab import TALEN

CHECKLIST = safety_checklist.load()
EXAMPLES = yaml.safe_load((Path(__file__).parent / "safety_checklist.yml").read_text(encoding="utf-8"))
SIGNS = ("doodswens", "geen_reden_om_te_leven", "verdwijnen", "zelfbeschadiging", "geslagen_nu",
         "iemand_wacht", "wapen", "seksueel_misbruik", "onveilig_thuis", "grooming")


def test_the_checklist_is_fixed_and_every_sign_has_every_language():
    assert tuple(CHECKLIST["tekens"]) == SIGNS
    for name, sign in CHECKLIST["tekens"].items():
        assert sign["soort"] in KINDS and sign["wat"], name
        assert set(sign["vormen"]) == set(TALEN), name
        assert all(sign["vormen"][taal] for taal in TALEN), name


def test_every_form_is_a_valid_pattern_with_its_word_lists_filled_in():
    for taal, kinds in safety_checklist.PATTERNS.items():
        for patterns in kinds.values():
            for pattern in patterns:
                assert "@" not in pattern, pattern
                re.compile(fold(pattern))


def test_a_form_that_is_neither_text_nor_near_is_refused():
    with pytest.raises(ValueError):
        safety_checklist.form_to_regex({"bij": ["a"], "binnen": 3}, {})


@pytest.mark.parametrize("sign, taal, message", [
    (sign, taal, text) for sign, per_taal in EXAMPLES["tekens"].items() for taal, text in per_taal.items()])
def test_each_sign_is_recognised_in_each_language(sign, taal, message):
    signal = detect_crisis(message)
    assert signal is not None, (sign, normalise(message))
    assert signal.taal == taal  # the help lines come with a line in this language


def test_the_examples_cover_every_sign_and_language():
    assert tuple(EXAMPLES["tekens"]) == SIGNS
    assert all(set(per_taal) == set(TALEN) for per_taal in EXAMPLES["tekens"].values())


@pytest.mark.parametrize("taal, message", [
    (taal, text) for taal, texts in EXAMPLES["gewoon"].items() for text in texts])
def test_look_alikes_stay_quiet(taal, message):
    assert detect_crisis(message) is None, detect_crisis(message)


@pytest.mark.parametrize("message, kind, taal", [
    # The kinds a blind batch missed (own wording; more in tests/unit/safety_talen_extra.yml): a
    # farewell with a date, things given away and "tired of everything" are signs of suicide ...
    ("na het weekend zien jullie me nooit meer", "zelfdoding", "nl"),
    ("ba3d el weekend mesh hatshofoni tani", "zelfdoding", "ar"),
    ("porozdawałem swoje rzeczy kumplom", "zelfdoding", "pl"),
    ("vtomyvsia vid usoho", "zelfdoding", "uk"),
    # ... not eating for days and cutting again are self-harm ...
    ("er het sit täg nüt meh gässe", "zelfbeschadiging", "de"),
    ("me estoy cortando de nuevo", "zelfbeschadiging", "es"),
    # ... afraid or unable to go home is abuse at home; sextortion and an adult on an app are sexual violence.
    ("boiusia ity dodomu", "huiselijk_geweld", "uk"),
    ("fotolarım onda ve yarın 500 lira istiyor", "seksueel_geweld", "tr"),
    ("an older guy on insta wants photos of her body", "seksueel_geweld", "en"),
])
def test_the_blind_batch_kinds_report_their_sign(message, kind, taal):
    signal = detect_crisis(message)
    assert signal is not None and (signal.kind, signal.taal) == (kind, taal), signal


@pytest.mark.parametrize("message", [
    # Days without food explained by an illness that is over or by a fast: not neglect, not self-harm.
    "ik had buikgriep en heb twee dagen niks gegeten maar nu gaat het weer",
    "had a stomach bug and didnt eat for two days but im fine now",
    "була кишкова інфекція, два дні не їла, але вже все добре",
    "tuve gastroenteritis, dos días sin comer pero ya estoy bien",
    "انا صايم رمضان وما اكلت من الصبح",
])
def test_days_without_food_after_a_stomach_bug_or_a_fast_stay_quiet(message):
    assert detect_crisis(message) is None
