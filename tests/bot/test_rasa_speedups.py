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
