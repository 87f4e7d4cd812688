"""Fixes for Rasa 3.6 that change no behaviour, only its cost: installed by ``bot.channels``,
which every ``rasa run`` of ours imports (``bot/credentials.yml`` names its channels).

1. The action server's answers are checked with a validator built once.
2. A button's payload (``/intent{...}`` of a known intent) skips the NLU pipeline.
3. TED is asked only when the rules and memoization did not already decide.
4. The language check (``action_validate_slot_mappings``) is called only when the message
   changes the language slots.

Each is explained at its function; bench/README.md has the profiles that found them.

1. Rasa checks every answer of the action server against a JSON schema with
``jsonschema.validate(result, schema)``, which first checks the (large) schema itself against
the JSON Schema meta-schema and builds a new validator: about 33 ms of CPU per action call here,
on the event loop, so with 20 conversations at once every turn queued behind the others'
checks (bench/turn_latency.py --profile: 30% of Rasa's busy time). The same check with a
validator built once takes under 1 ms. Rasa's own later releases cache the validator likewise.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Text, Tuple

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
    from rasa.core.processor import MessageProcessor

    RemoteAction._validate_action_result = _validate_action_result
    if "parse" not in _original:
        _original["parse"] = MessageProcessor._parse_message_with_graph
        _original["predict"] = MessageProcessor._predict_next_with_tracker
    MessageProcessor._parse_message_with_graph = _parse_message_with_graph
    MessageProcessor._predict_next_with_tracker = _predict_next_with_tracker
    from rasa.core.actions.action import ActionExtractSlots

    if "validate" not in _original:
        _original["validate"] = ActionExtractSlots._execute_validation_action
    ActionExtractSlots._execute_validation_action = _execute_validation_action


# --- 2. button payloads skip the NLU pipeline -------------------------------------------------

def _parse_message_with_graph(self: Any, message: Any, tracker: Any,
                              only_output_properties: bool = True) -> Dict[Text, Any]:
    """``MessageProcessor._parse_message_with_graph`` without the pipeline for a payload.

    The pipeline's last node, ``RegexMessageHandler``, replaces a message of the form
    ``/intent{...}`` whose intent the domain knows by a *new* message with only the text, the
    intent, its ranking and the entities of the payload: everything the components computed
    before it (the e5 vector, DIET, the response selector, the language, the crisis nets) is
    thrown away. Here the same unpacking is done first and, when it applies, the pipeline is
    not run: the same parse data, without the ~all of the turn's NLU cost. No component of ours
    changes the text, so unpacking before or after the pipeline gives the same message.
    Anything else (typed text, a payload of an unknown intent) goes through the pipeline.
    """
    from rasa.shared.constants import INTENT_MESSAGE_PREFIX
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.constants import (
        ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT,
    )
    from rasa.shared.nlu.training_data.message import Message

    text = message.text
    if isinstance(text, str) and text.strip().startswith(INTENT_MESSAGE_PREFIX) and self.domain:
        given = Message(data={TEXT: text, "message_id": message.message_id,
                              "metadata": message.metadata})
        unpacked = YAMLStoryReader.unpack_regex_message(
            given, self.domain, entity_extractor_name=_REGEX_HANDLER)
        if unpacked is not given:  # a payload of a known intent: what the pipeline would give
            parse_data = {TEXT: "", INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
                          ENTITIES: []}
            parse_data.update(unpacked.as_dict(only_output_properties=only_output_properties))
            return parse_data
    return _original["parse"](self, message, tracker, only_output_properties)


# The name RegexMessageHandler gives its entities (its ``name``: the class name).
_REGEX_HANDLER = "RegexMessageHandler"


# --- 3. TED only when the rules and memoization did not decide ---------------------------------

@dataclass(frozen=True)
class _CorePlan:
    """The core prediction graph of a model, split into the decisive and the costly policies."""

    ensemble: Text             # the node combining the predictions (the core target)
    ensemble_inputs: Tuple[Tuple[Text, Text], ...]  # (kwarg, node) in the ensemble's order
    costly: frozenset          # the TED nodes
    costly_priority: int       # the highest priority among them


def _core_plan(processor: Any) -> Optional[_CorePlan]:
    """The plan for ``processor``'s model, or None when the shortcut does not apply to it."""
    metadata = processor.model_metadata
    cached = _plans.get(id(metadata))
    if cached is not None and cached[0] is metadata:
        return cached[1]
    plan = _make_core_plan(metadata)
    _plans[id(metadata)] = (metadata, plan)
    return plan


def _make_core_plan(metadata: Any) -> Optional[_CorePlan]:
    from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
    from rasa.core.policies.ted_policy import TEDPolicy

    target = metadata.core_target
    nodes = metadata.predict_schema.nodes
    node = nodes.get(target) if target else None
    if node is None or node.uses is not DefaultPolicyPredictionEnsemble \
            or node.fn != "combine_predictions_from_kwargs":
        return None
    inputs = tuple((kwarg, needed) for kwarg, needed in node.needs.items()
                   if kwarg not in ("tracker", "domain"))
    costly = set()
    priority = None
    for _, needed in inputs:
        policy = nodes[needed]
        if policy.uses is TEDPolicy:
            if "precomputations" in policy.needs:  # end-to-end: TED may overrule; no shortcut
                return None
            costly.add(needed)
            config = {**TEDPolicy.get_default_config(), **policy.config}
            priority = max(priority or 0, int(config["priority"]))
    if not costly or len(costly) == len(inputs):
        return None
    return _CorePlan(target, inputs, frozenset(costly), priority)


_plans: Dict[int, Tuple[Any, Optional[_CorePlan]]] = {}


def _decided_without(predictions: List[Any], tracker: Any, costly_priority: int) -> bool:
    """True when no prediction of a costly policy could win against ``predictions``.

    The ensemble (``DefaultPolicyPredictionEnsemble._pick_best_policy``) first keeps only the
    "no user" predictions when there is one (TED never makes one), then only end-to-end ones
    when there is one (TED without end-to-end training never makes one), and then picks the
    highest (confidence, priority). A rule or memorised story predicting with confidence 1.0
    at a higher priority than TED's therefore wins whatever TED says, as TED's confidences
    are probabilities (at most 1.0). Not when the last action was rejected: the ensemble then
    zeroes that action in every prediction first, so the full graph decides.
    """
    from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected

    last = next((e for e in reversed(tracker.events)
                 if isinstance(e, (ActionExecutionRejected, ActionExecuted))), None)
    if isinstance(last, ActionExecutionRejected):
        return False
    if any(p.is_no_user_prediction for p in predictions):
        return True
    if any(p.is_end_to_end_prediction for p in predictions):
        return False  # not ours; keep it simple
    return any(p.max_confidence >= 1.0 and p.policy_priority > costly_priority
               for p in predictions)


def _predict_next_with_tracker(self: Any, tracker: Any) -> Any:
    """``MessageProcessor._predict_next_with_tracker`` that runs TED only when it can matter.

    Rasa runs every policy at every step of the action loop and then lets the ensemble pick;
    TED (a TensorFlow model over the featurised last states) is by far the costliest, and in
    this bot the rules and memoised stories decide almost every step with confidence 1.0 at a
    higher priority, so TED's answer is thrown away. Here the other policies run first; when
    one of them has decided (``_decided_without``), the ensemble combines their predictions
    alone, which gives the same prediction (TED's mandatory events are none; its optional
    events count only when it wins). Otherwise the whole graph runs, TED included, as Rasa does.
    """
    from rasa.engine.constants import PLACEHOLDER_TRACKER

    plan = None if tracker.followup_action else _core_plan(self)
    if plan is None:
        return _original["predict"](self, tracker)
    decisive = [node for _, node in plan.ensemble_inputs if node not in plan.costly]
    results = self.graph_runner.run(inputs={PLACEHOLDER_TRACKER: tracker}, targets=decisive)
    predictions = [results[node] for node in decisive]
    if not _decided_without(predictions, tracker, plan.costly_priority):
        return _original["predict"](self, tracker)
    # Rasa's default ensemble (the plan checked it is the model's), which keeps no state.
    return _ensemble().combine_predictions(predictions=predictions, tracker=tracker,
                                           domain=self.domain)


@functools.lru_cache(maxsize=1)
def _ensemble() -> Any:
    from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble

    return DefaultPolicyPredictionEnsemble()


_original: Dict[str, Any] = {}


# --- 4. the language check only when the message changes the language -----------------------

def taal_ongewijzigd(tracker: Any) -> bool:
    """Whether ``action_validate_slot_mappings`` (``actions.talen.ValidateTaal``) would return
    nothing for this tracker: the latest message changes none of the language slots and no first
    answer is due (``wegwijzer.taal.taal_na_bericht``, the function the action itself runs, on
    the same parse data the action server receives as ``latest_message``)."""
    from wegwijzer.taal import taal_na_bericht

    message = tracker._latest_message_data() or {}
    slots, welkom = taal_na_bericht(message, tracker.get_slot("taal"),
                                    tracker.get_slot("gesprekstaal"), tracker.get_slot("taal_welkom"))
    return not slots and welkom is None


async def _execute_validation_action(self: Any, extraction_events: List[Any], output_channel: Any,
                                     nlg: Any, tracker: Any, domain: Any) -> List[Any]:
    """``ActionExtractSlots._execute_validation_action`` without the round trip when it is void.

    Rasa 3.6 runs the global slot validation action after every message, buttons included, as
    long as the domain lists it: it rebuilds a tracker from all events and sends it whole to the
    action server. Ours only keeps the language slots (all with custom mappings, so Rasa's own
    extraction never sets them) and gives the first answer in another language; for most
    messages that is nothing, and then Rasa keeps the extracted slots unchanged, which is what
    it returns here without the call. When something changes, the action runs as before.
    """
    from rasa.shared.core.constants import ACTION_VALIDATE_SLOT_MAPPINGS
    from rasa.shared.core.events import SlotSet

    if ACTION_VALIDATE_SLOT_MAPPINGS in domain.user_actions and taal_ongewijzigd(tracker):
        return [event for event in extraction_events if isinstance(event, SlotSet)]
    return await _original["validate"](self, extraction_events, output_channel, nlg, tracker,
                                       domain)
