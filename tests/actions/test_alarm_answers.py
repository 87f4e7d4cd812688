"""A message the model reads as acute danger (``hulp_nu``) at a question of the intake form: the
helplines always, and the answer kept when it is one, so that nobody is asked the same question
over and over; likewise a list answer the model reads as a wish for a human. Runs ``validate_intake_form`` as the action server does, with the real domain."""
from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.intake_form import ValidateIntakeForm
from tests.conftest import REPO_ROOT

DOMAIN = Domain.load(str(REPO_ROOT / "bot" / "domain")).as_dict()
# What was told before the questions after the story.
TOLD = {"school": "demo", "rol": "leerling", "aanspreekvorm": "je", "categorieen": ["pesten"],
        "wat_gebeurd": "Ze pakken elke dag mijn spullen af.", "categorie_klopt": True}
CRISIS = "ik wil niet meer leven"


def _user(text: str, intent: str, confidence: float, entities: tuple = ()) -> dict:
    return {"event": "user", "text": text, "parse_data": {
        "text": text, "intent": {"name": intent, "confidence": confidence},
        "entities": [{"entity": entity, "value": value} for entity, value in entities]}}


def at_question(slot: str, text: str, intent: str = "hulp_nu", confidence: float = 0.7,
                before: tuple = (), entities: tuple = (), **slots) -> Tracker:
    """The tracker Rasa sends when the form asked `slot` and the person said `text`."""
    events = [*before, {"event": "slot", "name": "requested_slot", "value": slot},
              {"event": "bot", "text": "…", "metadata": {"utter_action": f"utter_ask_{slot}"}},
              _user(text, intent, confidence, entities)]
    return Tracker.from_dict({
        "sender_id": "alarm", "slots": {**TOLD, **slots, "requested_slot": slot},
        "latest_message": events[-1]["parse_data"], "events": events, "paused": False,
        "followup_action": None, "active_loop": {"name": "intake_form"},
        "latest_action_name": "action_listen",
    })


async def run_form(tracker: Tracker) -> tuple[dict, list]:
    """The slots the validator sets and the responses it sends, in order."""
    dispatcher = CollectingDispatcher()
    events = await ValidateIntakeForm().run(dispatcher, tracker, DOMAIN)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize("slot, text, kept", [
    ("betrokkenen", "Roodborstvijver en zijn vrienden", "Roodborstvijver en zijn vrienden"),
    ("al_ondernomen", "met mijn oom gepraat", ["anders"]),
])
async def test_an_answer_read_as_danger_by_the_model_alone_is_kept_and_the_danger_question_comes_first(
        slot, text, kept):
    slots, responses = await run_form(at_question(slot, text))
    # Kept; the next question makes sure whether the danger is now (actions/acuut.py). No crisis
    # pattern names a danger, so no help lines before that question (blind5: 113 for a grade).
    assert slots == {slot: kept, "requested_slot": "nu_gevaar"}
    assert responses == []


async def test_an_answer_a_crisis_pattern_reads_as_danger_gets_the_helplines_at_once():
    # Said again at the same question (the first time the rule showed them): kept, lines again.
    earlier = ({"event": "slot", "name": "requested_slot", "value": "betrokkenen"},
               _user(CRISIS, "hulp_nu", 1.0))
    slots, responses = await run_form(at_question("betrokkenen", CRISIS, confidence=1.0, before=earlier,
                                                  nu_gevaar=False))
    assert slots["betrokkenen"] == CRISIS and responses == ["utter_hulp_nu"]


@pytest.mark.parametrize("slot, text, kept", [
    ("naam", "A. Peters", "A. Peters"), ("contact", "sam@example.org", "sam@example.org"),
    ("wanneer", "elke dag", "elke dag"), ("wens", "dat iemand luistert", ["gehoord_worden"]),
    # blind4, after a retrain: a foster father's role read as danger
    ("rol", "Ik ben zijn pleegvader", "ouder"),
])
async def test_a_name_address_time_or_wish_read_as_danger_by_the_classifier_alone_is_no_alarm(slot, text, kept):
    """A teacher with a roster conflict gave her name and got the help lines and "is er nu
    gevaar?" (blind2); after a retrain "elke dag" and "dat iemand luistert" did too: a name,
    an address, a time or a wish is no alarm unless a crisis pattern or the semantic net backs
    the classifier."""
    slots, responses = await run_form(at_question(slot, text))
    assert slots[slot] == kept and slots.get("requested_slot") != "nu_gevaar"
    assert responses == []
    # Backed by a crisis pattern: the help lines, and the danger question comes.
    for question, crisis in (("naam", "Sam, en ik wil niet meer leven"), ("wens", "dat ik dood ben")):
        slots, _ = await run_form(at_question(question, crisis))
        assert slots["requested_slot"] == "nu_gevaar"
    # Backed by the semantic net (the parse's crisis field): an alarm, but no pattern names the
    # danger, so the danger question first and the help lines only on a yes (blind5).
    backed = at_question("wanneer", "vanavond als iedereen slaapt")
    backed.latest_message["crisis"] = {"soort": "zelfdoding", "taal": "nl"}
    slots, responses = await run_form(backed)
    assert slots["requested_slot"] == "nu_gevaar" and responses == []


async def test_a_crisis_message_is_left_to_the_rule_once_and_the_second_time_is_the_answer():
    # First time: the rule shows the helplines and the form asks whether the danger is now.
    assert await run_form(at_question("betrokkenen", CRISIS, confidence=1.0)) == (
        {"requested_slot": "nu_gevaar"}, [])
    answered = {"nu_gevaar": False, "wanneer": "gisteren"}  # "nee, nu niet": the question came back
    # Said again at the same question: helplines and on, not a third time the same question.
    earlier = ({"event": "slot", "name": "requested_slot", "value": "betrokkenen"},
               _user(CRISIS, "hulp_nu", 1.0),
               {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_hulp_nu"}})
    again = at_question("betrokkenen", CRISIS, confidence=1.0, before=earlier, **answered)
    slots, responses = await run_form(again)
    assert slots["betrokkenen"] == CRISIS and slots["requested_slot"] != "betrokkenen"
    assert responses == ["utter_hulp_nu"]
    # A crisis at an earlier question does not make this one's crisis message an answer.
    elsewhere = ({"event": "slot", "name": "requested_slot", "value": "wanneer"},
                 _user(CRISIS, "hulp_nu", 1.0))
    slots, responses = await run_form(at_question("betrokkenen", CRISIS, confidence=1.0,
                                                  before=elsewhere, **answered))
    assert "betrokkenen" not in slots and responses == []


async def test_the_story_read_as_danger_gets_the_helplines_once_when_a_crisis_pattern_names_it():
    story = "ik wil niet meer leven, ze pakken elke dag mijn tas af"
    tracker = at_question("wat_gebeurd", story, confidence=1.0)
    tracker.slots["wat_gebeurd"] = None
    slots, responses = await run_form(tracker)
    assert slots["wat_gebeurd"] == story and responses == ["utter_hulp_nu"]
    # Read so by the model alone ("ze kwam huilend thuis", blind5): kept, the danger question
    # next, no help lines yet.
    tracker = at_question("wat_gebeurd", "Roodborstvijver en zijn vrienden pakken mijn tas af")
    tracker.slots["wat_gebeurd"] = None
    slots, responses = await run_form(tracker)
    assert slots["wat_gebeurd"] == "Roodborstvijver en zijn vrienden pakken mijn tas af"
    assert slots["requested_slot"] == "nu_gevaar" and responses == []


async def test_stop_still_stops_at_every_question():
    for slot in ("wanneer", "betrokkenen", "al_ondernomen", "naam"):
        assert await run_form(at_question(slot, "stop", "stoppen", 1.0)) == ({}, [])


async def test_what_was_tried_read_as_a_wish_for_a_human_is_the_answer_when_it_names_it():
    mentor = at_question("al_ondernomen", "praten met mijn mentor", "mens_spreken", 0.94,
                         entities=(("ondernomen", "mentor"),))
    assert await run_form(mentor) == ({"al_ondernomen": ["mentor"]}, [])
    # Naming nothing that was tried, it is the wish for a human: the rule offers one.
    human = at_question("al_ondernomen", "ik wil met iemand praten", "mens_spreken", 0.99)
    assert await run_form(human) == ({}, [])


# ---- "Ben je nu in gevaar?" after the help lines: only a yes (or a doubt) is acute danger ----

@pytest.mark.parametrize("text, intent, answer, acuut, response", [
    ("/bevestigen", "bevestigen", True, True, "utter_nu_gevaar_ja"),
    ("ja ze staan er nog", "hulp_nu", True, True, "utter_nu_gevaar_ja"),
    ("/ontkennen", "ontkennen", False, False, "utter_nu_gevaar_nee"),
    ("nee het was vorig jaar", "informeren", False, False, "utter_nu_gevaar_nee"),
    ("weet ik niet", "weet_niet", "weet_niet", True, "utter_nu_gevaar_ja"),
    ("hmm", "nlu_fallback", "weet_niet", True, "utter_nu_gevaar_ja"),
])
@pytest.mark.parametrize("lines_shown", [True, False])
async def test_the_danger_question_puts_acute_danger_on_the_record_unless_a_clear_no(
        text, intent, answer, acuut, response, lines_shown):
    alarm = ({"event": "slot", "name": "requested_slot", "value": "wat_gebeurd"},
             _user("ze staan bij de uitgang op me te wachten", "hulp_nu", 0.99))
    if lines_shown:
        alarm += ({"event": "bot", "text": "…", "metadata": {"utter_action": "utter_hulp_nu"}},)
    slots, responses = await run_form(at_question("nu_gevaar", text, intent, 1.0, before=alarm))
    assert slots["nu_gevaar"] == answer and slots["acuut"] is acuut
    # A yes or a doubt brings every help line when only the danger question came before.
    first = ["utter_hulp_nu"] if acuut and not lines_shown else []
    assert responses == [*first, response]
    assert slots.get("requested_slot") != "nu_gevaar"  # asked once, never again


async def test_no_danger_question_without_an_alarm_in_this_intake():
    # A death wish others threw at the person is no alarm of their own.
    insult = at_question("wanneer", "ze schreven in de groepsapp 'ga dood'", confidence=0.9)
    assert (await run_form(insult))[0].get("requested_slot") != "nu_gevaar"
    # The alarm of an earlier report in the same chat (cleared at its handoff) is not this one's.
    earlier_report = (_user(CRISIS, "hulp_nu", 1.0),
                      {"event": "slot", "name": "intake_id", "value": None},
                      {"event": "slot", "name": "nu_gevaar", "value": None})
    calm = at_question("wanneer", "gisteren", "informeren", 0.9, before=earlier_report)
    assert (await run_form(calm))[0] == {"wanneer": "gisteren"}


async def test_a_role_is_an_alarm_only_through_a_crisis_pattern():
    """blind4: "ik ben zijn voetbaltrainer" and "ik ben zijn stiefvader, hij woont bij mij" at "wie
    ben jij?" were flagged by the semantic net (crisis examples about coaches and stepfathers) and
    got the help lines; a role is no alarm unless a crisis pattern matches it."""
    for text in ("ik ben zijn voetbaltrainer", "ik ben zijn stiefvader, hij woont bij mij en zijn moeder"):
        flagged = at_question("rol", text)
        flagged.latest_message["crisis"] = {"soort": "seksueel_geweld", "taal": "nl"}
        slots, responses = await run_form(flagged)
        assert slots.get("requested_slot") != "nu_gevaar" and responses == []
    # A pattern behind it: not taken as the role; the rule shows the help lines and asks again.
    slots, responses = await run_form(at_question("rol", "ik ben 12 en mijn stiefvader slaat me elke dag"))
    assert "rol" not in slots and responses == []


async def test_a_name_or_address_is_an_alarm_only_through_a_crisis_pattern():
    """blind7: the semantic net put the name "Hafsa El Idrissi" next to an Arabizi crisis example."""
    for slot, text in (("naam", "Hafsa El Idrissi"), ("contact", "hafsa.elidrissi@outlook.com")):
        flagged = at_question(slot, text)
        flagged.latest_message["intent"] = {"name": "hulp_nu", "confidence": 1.0}
        flagged.latest_message["crisis"] = {"soort": "zelfdoding", "taal": "ar"}
        flagged.events[-1]["parse_data"] = flagged.latest_message
        slots, responses = await run_form(flagged)
        assert slots.get("requested_slot") != "nu_gevaar" and responses == [], slot


def _with_faq(tracker: Tracker, key: str, confidence: float) -> Tracker:
    # As the semantic crisis net marks a message it flags (bot/components/crisis_semantic.py).
    parse = tracker.latest_message
    parse["response_selector"] = {"faq": {"response": {"intent_response_key": key, "confidence": confidence}}}
    parse["crisis"] = {"soort": "huiselijk_geweld", "taal": "nl"}
    tracker.events[-1]["parse_data"] = parse
    return tracker


GRANDMOTHER = "mag ik dit wel doen als oma of moet zijn vader dat doen, die zie ik nooit"


async def test_a_question_read_as_danger_by_the_model_alone_is_answered_and_asked_again():
    """blind4: a grandmother's question at "wanneer?" was read as danger by the semantic net;
    she got only the danger question and her question became the date."""
    slots, responses = await run_form(_with_faq(at_question("wanneer", GRANDMOTHER), "faq/wat_is_klacht", 0.93))
    assert responses == ["utter_faq/wat_is_klacht"]
    assert slots.get("wanneer") is None and slots.get("requested_slot") == "nu_gevaar"
    # The FAQ unsure, or no question: kept as the answer, the danger question first, as before.
    slots, responses = await run_form(_with_faq(at_question("wanneer", GRANDMOTHER), "faq/wat_is_klacht", 0.4))
    assert slots == {"wanneer": GRANDMOTHER, "requested_slot": "nu_gevaar"} and responses == []
    # A crisis pattern: no FAQ answer; the help lines come (here from the rule, the form rejected).
    slots, responses = await run_form(_with_faq(at_question("wanneer", "vorige week, en ik wil niet meer leven, mag dat?"),
                                                "faq/termijnen", 0.95))
    assert "utter_faq/termijnen" not in responses


async def test_a_question_read_as_an_answer_is_answered_and_asked_again():
    """blind7: "krijgt de juf dit te lezen?" at "what did you try?" was read as informeren and
    kept as the answer ("mentor"); the pupil's worry went unanswered."""
    question = at_question("al_ondernomen", "krijgt de juf dit te lezen?", intent="informeren", confidence=0.99)
    question.latest_message["response_selector"] = {
        "faq": {"response": {"intent_response_key": "faq/privacy", "confidence": 0.69}}}
    slots, responses = await run_form(question)
    assert responses == ["utter_faq/privacy"]
    # Not filled: the form asks the same question again (requested_slot unchanged).
    assert slots.get("al_ondernomen") is None and slots.get("requested_slot", "al_ondernomen") == "al_ondernomen"
    # An unsure answer with a question mark is an answer.
    unsure = at_question("al_ondernomen", "met de juf?", intent="informeren", confidence=0.99)
    unsure.latest_message["response_selector"] = {
        "faq": {"response": {"intent_response_key": "faq/privacy", "confidence": 0.69}}}
    slots, responses = await run_form(unsure)
    assert "utter_faq/privacy" not in responses and slots.get("al_ondernomen")
