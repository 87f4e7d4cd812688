"""The responses in the conversation language (bot/nlg.py, issue 17): every response of the
domain has English variations; in Dutch the variations Rasa chooses from are exactly the Dutch
ones of the domain (the Dutch conversation is unchanged), in English only English ones."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg import TaalNLG, is_engels, responses_voor_taal

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))
# Responses written in one language only: the first answers in the person's language.
EEN_TAAL = {"utter_taal_welkom_en", "utter_taal_welkom_tr", "utter_taal_welkom_ar",
            "utter_taal_welkom_pl", "utter_taal_welkom_uk", "utter_taal_welkom_de",
            "utter_taal_welkom_es", "utter_taal_gekozen_nl", "utter_taal_gekozen_en"}


def test_every_response_has_an_english_variation():
    missing = [name for name, variations in DOMAIN.responses.items()
               if name not in EEN_TAAL and not any(is_engels(v) for v in variations)]
    assert missing == []


def test_english_buttons_keep_the_dutch_payloads():
    for name, variations in DOMAIN.responses.items():
        dutch = [v for v in variations if not is_engels(v)]
        for variation in filter(is_engels, variations):
            payloads = [b["payload"] for b in variation.get("buttons") or []]
            assert payloads == [b["payload"] for b in dutch[0].get("buttons") or []], name


def test_dutch_gets_the_dutch_variations_unchanged():
    nl = responses_voor_taal(DOMAIN.responses, "nl")
    for name, variations in DOMAIN.responses.items():
        assert nl[name] == [v for v in variations if not is_engels(v)]


def _tracker(**slots) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events("t", [], slots=DOMAIN.slots)
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    return tracker


def _say(nlg, name, **slots):
    return asyncio.run(nlg.generate(name, _tracker(**slots), "rest", omschrijving="bullying"))


@pytest.mark.parametrize("slots", [
    {}, {"aanspreekvorm": "u"}, {"aanspreekvorm": "je", "melding_start": "verhaal"},
    {"aanspreekvorm": "u", "melding_start": "aarzelend"}, {"melding_start": "kort"},
])
def test_english_always_gets_one_english_text(slots):
    nlg = TaalNLG(domain=DOMAIN)
    for name in ("utter_melding_welkom", "utter_ask_wat_gebeurd", "utter_vraag_toestemming",
                 "utter_ask_rol", "utter_categorie_klopt"):
        for _ in range(5):  # Rasa picks at random among the variations that match
            said = _say(nlg, name, gesprekstaal="en", **slots)
            assert said and said["text"], name
            assert not any(w in said["text"] for w in (" je ", " u ", "Wat ", "Klopt", "Ik ")), said["text"]


def test_english_follows_the_conditions_of_the_english_variations():
    nlg = TaalNLG(domain=DOMAIN)
    verhaal = _say(nlg, "utter_melding_welkom", gesprekstaal="en", melding_start="verhaal")
    assert verhaal["text"].startswith("I'm sorry this is happening")
    kort = _say(nlg, "utter_melding_welkom", gesprekstaal="en", melding_start="kort")
    assert kort["text"].startswith("Thank you for telling me")


def test_dutch_is_dutch():
    nlg = TaalNLG(domain=DOMAIN)
    assert _say(nlg, "utter_ask_naam", aanspreekvorm="u")["text"] == "Wat is uw naam?"
    assert _say(nlg, "utter_ask_naam", gesprekstaal="nl")["text"] == "Wat is je naam?"
    assert _say(nlg, "utter_ask_naam")["text"] == "Wat is je naam?"


def test_the_responses_set_after_the_model_is_loaded_are_used():
    # Rasa makes the generator before the model is loaded, then sets the domain's responses.
    nlg = TaalNLG(endpoint_config=None, domain=None)
    nlg.responses = DOMAIN.responses
    assert _say(nlg, "utter_ask_naam", gesprekstaal="en")["text"] == "What is your name?"
    assert _say(nlg, "utter_ask_naam", aanspreekvorm="u")["text"] == "Wat is uw naam?"
