"""The first message read as danger: the help lines at once when a crisis pattern, the semantic
net or another language says so; the danger question first when the classifier alone does
(actions/acuut.py, ActionLeesGevaar; blind8)."""
from actions.acuut import gevaar_zeker


def test_a_pattern_or_the_net_names_the_danger():
    assert gevaar_zeker({"text": "ik wil niet meer leven", "crisis": {"soort": "zelfdoding", "taal": "nl"}})
    assert gevaar_zeker({"text": "iets heel ergs", "crisis": {"soort": "zelfdoding", "taal": "nl"}})


def test_another_language_gets_the_help_lines_at_once():
    assert gevaar_zeker({"text": "so tired of everything", "taal": {"taal": "en"}})


def test_the_classifier_alone_is_asked_first():
    assert not gevaar_zeker({"text": "Er is elke dag geweld op het plein en mijn zoon komt thuis met blauwe plekken",
                             "crisis": None, "taal": {"taal": "nl"}})
    assert not gevaar_zeker({"text": "mijn stagebegeleider helpt mij niet meer", "taal": {"taal": None}})
