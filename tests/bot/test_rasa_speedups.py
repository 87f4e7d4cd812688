"""bot.rasa_speedups: Rasa's check of the action server's answers, with a validator built once,
accepts and refuses exactly what Rasa's own check does."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate

import bot.channels  # noqa: F401  (installs the speedup, as `rasa run` does)
from rasa.core.actions.action import RemoteAction

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "wanneer", "value": "gisteren", "timestamp": None}],
     "responses": [{"text": "Wie waren erbij?", "buttons": [{"title": "Ja", "payload": "/ja"}]}]},
    {"events": [{"event": "active_loop", "name": "intake_form"},
                {"event": "followup", "name": "utter_vraag"}]},
]
BAD = [
    {"events": "geen lijst"},
    {"events": [{"event": "slot"}]},  # a slot event without a name
    {"responses": ["geen object"]},
    {"events": [{"event": "bestaat_niet"}]},
]


@pytest.mark.parametrize("result", GOOD)
def test_what_rasa_accepts_is_accepted(result):
    validate(result, RemoteAction.action_response_format_spec())  # Rasa's own check
    assert RemoteAction("action_x", None)._validate_action_result(result) is True


@pytest.mark.parametrize("result", BAD)
def test_what_rasa_refuses_is_refused_with_its_message(result):
    with pytest.raises(ValidationError):
        validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(result)


def test_the_patch_is_installed():
    assert RemoteAction._validate_action_result.__module__ == "bot.rasa_speedups"


# --- the payload and TED shortcuts give what Rasa's own code gives, on the trained model ------

@pytest.fixture(scope="module")
def agent():
    import asyncio

    from rasa.core.agent import Agent

    from tests.e2e.stack import ensure_trained_model

    loaded = Agent.load(str(ensure_trained_model()))
    assert loaded.processor is not None
    yield loaded
    asyncio.run(loaded.tracker_store.close()) if hasattr(loaded.tracker_store, "close") else None


def _payloads(domain) -> list[str]:
    """Every button payload of the domain's responses, and a few malformed or unknown ones."""
    found = {button["payload"] for variants in domain.responses.values() for variant in variants
             for button in variant.get("buttons") or [] if button.get("payload", "").startswith("/")}
    return sorted(found) + ["/bestaat_niet", "/bevestigen{kapot", "/  ", "/informeren{\"rol\": \"ouder\"}"]


def test_a_payload_parses_as_the_pipeline_parses_it(agent):
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import rasa_speedups

    processor = agent.processor
    tracker = DialogueStateTracker.from_events("test", [])
    payloads = _payloads(processor.domain)
    assert len(payloads) > 10
    for text in payloads + ["ik word gepest op school", "ja"]:
        message = UserMessage(text, sender_id="test", metadata={"school": "demo"})
        expected = rasa_speedups._original["parse"](processor, message, tracker)
        assert processor._parse_message_with_graph(message, tracker) == expected, text


def _story_trackers(domain):
    from rasa.core.training import load_data
    from rasa.shared.importers.importer import TrainingDataImporter

    from tests.conftest import REPO_ROOT

    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(REPO_ROOT / "bot" / "domain"),
        training_data_paths=[str(REPO_ROOT / p) for p in ("data/stories", "data/rules", "tests/stories")],
    )
    return load_data(importer, domain, augmentation_factor=0)


def test_the_next_action_is_what_every_policy_together_predicts(agent):
    """At every action of every story, rule and test story: the shortcut's prediction (TED
    asked only when the rules and memoization did not decide) equals Rasa's full ensemble's."""
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import rasa_speedups

    processor = agent.processor
    domain = processor.domain
    compared = skipped_ted = 0
    for story in _story_trackers(domain):
        tracker = DialogueStateTracker.from_events(story.sender_id, [], slots=domain.slots)
        for event in story.events:
            if isinstance(event, ActionExecuted) and tracker.events and not tracker.followup_action:
                full = rasa_speedups._original["predict"](processor, tracker.copy())
                fast = processor._predict_next_with_tracker(tracker.copy())
                assert (fast.policy_name, fast.probabilities, fast.events, fast.optional_events,
                        fast.is_no_user_prediction, fast.hide_rule_turn, fast.action_metadata) == (
                    full.policy_name, full.probabilities, full.events, full.optional_events,
                    full.is_no_user_prediction, full.hide_rule_turn, full.action_metadata), \
                    f"{story.sender_id}: before {event}"
                compared += 1
                skipped_ted += "TED" not in full.policy_name
            tracker.update(event)
    assert compared > 100
    assert skipped_ted > compared / 2  # the shortcut applies to most steps


# --- the language check is skipped exactly when the action would do nothing --------------------

LANGUAGE_MESSAGES = [
    "ik word gepest op school", "ja", "My son is being bullied at school and nobody helps",
    "Oğlum okulda her gün zorbalığa uğruyor, öğretmen bir şey yapmıyor", "chcę umrzeć",
    "Мого сина ображають у класі вже місяць", "English", "Nederlands", "/bevestigen",
    '/taal_kiezen{"gesprekstaal": "en"}', '/taal_kiezen{"gesprekstaal": "nl"}', "ik wil dood",
]
SLOT_STATES = [  # (taal, gesprekstaal, taal_welkom)
    ("nl", None, None), ("en", "en", ["en"]), ("tr", None, ["tr"]), ("tr", "en", ["tr"]),
    ("en", None, []), ("pl", None, None),
]


def test_the_language_check_is_skipped_only_when_it_would_change_nothing(agent, caplog):
    """For messages in several languages (parsed by the trained model) and language slots in
    several states: Rasa skips ``action_validate_slot_mappings`` exactly when the action server's
    ``ValidateTaal``, run on the tracker Rasa would send it, returns no event and no message; and
    then Rasa keeps the extracted slots as it would after the call, without calling (the
    endpoint here is a closed port: a call would log Rasa's warning that the action failed)."""
    import asyncio

    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from rasa.core.actions.action import ActionExtractSlots
    from rasa.utils.endpoints import EndpointConfig

    from actions.talen import ValidateTaal
    from bot import rasa_speedups

    closed_port = EndpointConfig("http://127.0.0.1:9/webhook")
    processor = agent.processor
    domain = processor.domain
    skipped = called = 0
    for text in LANGUAGE_MESSAGES:
        parse = processor._parse_message_with_graph(
            UserMessage(text, sender_id="t", metadata={"school": "demo"}),
            DialogueStateTracker.from_events("t", [], slots=domain.slots))
        for taal, gesprekstaal, welkom in SLOT_STATES:
            tracker = DialogueStateTracker.from_events("t", [
                SlotSet("taal", taal), SlotSet("gesprekstaal", gesprekstaal),
                SlotSet("taal_welkom", welkom), UserUttered(text, parse_data=parse)],
                slots=domain.slots)
            dispatcher = CollectingDispatcher()
            sdk_tracker = Tracker.from_dict(tracker.current_state(EventVerbosity.ALL))  # as sent
            events = asyncio.run(ValidateTaal().run(dispatcher, sdk_tracker, domain.as_dict()))
            does_nothing = not events and not dispatcher.messages
            assert rasa_speedups.taal_ongewijzigd(tracker) == does_nothing, (text, taal, gesprekstaal, welkom)
            skipped += does_nothing
            called += not does_nothing
            if does_nothing:
                extracted = [SlotSet("wanneer", "gisteren")]
                caplog.clear()
                kept = asyncio.run(ActionExtractSlots(closed_port)._execute_validation_action(
                    extracted, None, None, tracker, domain))
                assert kept == extracted
                assert "Failed to execute custom action" not in caplog.text
    assert skipped > called > 0  # both paths are exercised; most messages change nothing
