"""action_validate_slot_mappings (actions/talen.py): the slot `taal` in the same turn, the
first answer in the person's language once, the conversation language; action_taal_kiezen."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.talen import ActionTaalKiezen, ValidateTaal
from tests.actions.conftest import tracker

DOMAIN = {"slots": {"taal": {}, "gesprekstaal": {}, "taal_welkom": {}, "rol": {}}}


def said(text, intent, taal=None, crisis=None, entities=None, slots=None):
    t = tracker(slots or {})
    t.latest_message = {"text": text, "intent": {"name": intent}, "entities": entities or [],
                        "taal": {"taal": taal}, "metadata": {}}
    if crisis:
        t.latest_message["crisis"] = crisis
    return t


async def run(t):
    dispatcher = CollectingDispatcher()
    events = await ValidateTaal().run(dispatcher, t, DOMAIN)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, [m.get("response") for m in dispatcher.messages]


async def test_a_turkish_message_sets_the_language_and_gets_the_first_answer_once():
    slots, said_ = await run(said("Oğlum okulda zorbalığa uğruyor", "melding_doen", taal="tr",
                                  slots={"taal": "nl"}))
    assert slots == {"taal": "tr", "taal_welkom": ["tr"]}
    assert said_ == ["utter_taal_welkom_tr"]
    slots, said_ = await run(said("geçen hafta salı", "melding_doen", taal="tr",
                                  slots={"taal": "tr", "taal_welkom": ["tr"]}))
    assert slots == {} and said_ == []


async def test_a_crisis_gets_the_help_lines_first_the_first_answer_waits():
    slots, said_ = await run(said("chcę umrzeć", "hulp_nu", crisis={"soort": "zelfdoding", "taal": "pl"},
                                  slots={"taal": "nl"}))
    assert slots == {"taal": "pl"} and said_ == []  # utter_hulp_nu will see taal pl
    slots, said_ = await run(said("tak", "bevestigen", slots={"taal": "pl"}))
    assert slots == {"taal_welkom": ["pl"]} and said_ == ["utter_taal_welkom_pl"]


async def test_a_name_the_semantic_net_read_as_danger_brings_no_language():
    """blind7: "Hafsa El Idrissi" at "wat is je naam?" was flagged by the net next to an Arabizi
    example; its language gave an Arabic welcome in a Dutch conversation. A crisis pattern at the
    same question still sets the language of the help lines."""
    crisis = {"soort": "zelfdoding", "taal": "ar"}
    assert await run(said("Hafsa El Idrissi", "hulp_nu", crisis=crisis,
                          slots={"taal": "nl", "requested_slot": "naam"})) == ({}, [])
    slots, _ = await run(said("chcę umrzeć", "hulp_nu", crisis={"soort": "zelfdoding", "taal": "pl"},
                              slots={"taal": "nl", "requested_slot": "naam"}))
    assert slots == {"taal": "pl"}


async def test_english_writing_and_choosing():
    slots, said_ = await run(said("My son is bullied at school", "melding_doen", taal="en"))
    assert slots == {"taal": "en", "gesprekstaal": "en", "taal_welkom": ["en"]}
    assert said_ == ["utter_taal_welkom_en"]
    choice = [{"entity": "gesprekstaal", "value": "en"}]
    slots, said_ = await run(said("/taal_kiezen", "taal_kiezen", entities=choice, slots={"taal": "tr"}))
    assert slots == {"gesprekstaal": "en"} and said_ == []  # Turkish stays the person's language


async def test_dutch_and_pushed_events_change_nothing():
    assert await run(said("mijn zoon wordt gepest", "melding_doen", taal="nl")) == ({}, [])
    assert await run(said("", "EXTERNAL_nieuw_bericht", slots={"taal": "nl"})) == ({}, [])


async def test_the_choice_is_said_back():
    dispatcher = CollectingDispatcher()
    choice = [{"entity": "gesprekstaal", "value": "nl"}]
    await ActionTaalKiezen().run(dispatcher, said("Nederlands", "taal_kiezen", entities=choice), DOMAIN)
    assert [m["response"] for m in dispatcher.messages] == ["utter_taal_gekozen_nl"]


def test_every_language_but_dutch_has_its_first_answer_and_help_line():
    import yaml

    from actions.talen import EERSTE_ANTWOORD
    from tests.conftest import REPO_ROOT
    from wegwijzer.vocab import TALEN

    domain = yaml.safe_load((REPO_ROOT / "bot/domain/talen.yml").read_text(encoding="utf-8"))
    assert set(EERSTE_ANTWOORD) == set(TALEN) - {"nl"}
    for taal, name in EERSTE_ANTWOORD.items():
        [welkom] = domain["responses"][name["response"]]
        assert "Wegwijzer" in welkom["text"] and len(welkom["buttons"]) == 2, taal
    help_lines = {v["condition"][-1]["value"]: v["text"] for v in domain["responses"]["utter_hulp_nu"]
                  if v.get("condition")}
    for taal in set(TALEN) - {"nl"}:
        for number in ("112", "0800-0113", "113.nl", "0800-0432", "0800-2000"):
            assert number in help_lines[taal].split("\n\n")[0], (taal, number)  # in their language
