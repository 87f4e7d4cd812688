"""A fix for Rasa 3.6 that changes no behaviour, only its cost: installed by ``bot.channels``,
which every ``rasa run`` of ours imports (``bot/credentials.yml`` names its channels).

Rasa checks every answer of the action server against a JSON schema with
``jsonschema.validate(result, schema)``, which first checks the (large) schema itself against
the JSON Schema meta-schema and builds a new validator: about 33 ms of CPU per action call here,
on the event loop, so with 20 conversations at once every turn queued behind the others'
checks (bench/turn_latency.py --profile: 30% of Rasa's busy time). The same check with a
validator built once takes under 1 ms. Rasa's own later releases cache the validator likewise.
"""
from __future__ import annotations

import functools
from typing import Any, Dict, Text

DOCS = "https://rasa.com/docs/rasa/custom-actions"


@functools.lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with a validator built once: the same errors."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match

    error = best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from "
        f"the Action endpoint is valid. For more information about the format visit {DOCS}"
    )
    raise error


def install() -> None:
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result
