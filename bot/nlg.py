"""The bot's responses in the conversation language (issue 17): Rasa's own template generator,
given only the variations of the language the bot writes in (slot ``gesprekstaal``).

Every response in ``bot/domain`` has Dutch variations (some conditioned on ``aanspreekvorm`` or
``melding_start``) and English ones conditioned on ``gesprekstaal: en``. Rasa picks at random
among *all* conditional variations that match (``ResponseVariationFilter``), so an English
variation and a Dutch "u" variation would both match for an English-speaking parent. Here the
languages are separated before Rasa picks: in English only the English variations of a response
are offered (Dutch when a response has none), in Dutch never an English one. Within a language
Rasa's usual choice applies, so the Dutch conversation is exactly what it was.

Named in ``bot/endpoints*.yml`` (``nlg: type: bot.nlg.TaalNLG``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

TAAL_SLOT = "gesprekstaal"
ENGELS = "en"

Responses = Dict[Text, List[Dict[Text, Any]]]


def is_engels(variation: Dict[Text, Any]) -> bool:
    """True for a variation conditioned on ``gesprekstaal: en``."""
    return any(
        c.get("type") == "slot" and c.get("name") == TAAL_SLOT and c.get("value") == ENGELS
        for c in variation.get("condition") or []
    )


def _zonder_taal(variation: Dict[Text, Any]) -> Dict[Text, Any]:
    """The variation without its ``gesprekstaal`` condition; unconditional when that was all."""
    rest = [c for c in variation.get("condition") or [] if c.get("name") != TAAL_SLOT]
    out = {k: v for k, v in variation.items() if k != "condition"}
    return {**out, "condition": rest} if rest else out


def responses_voor_taal(responses: Responses, taal: str) -> Responses:
    """The variations to choose from in ``taal``: English ones only (when the response has
    them) for "en", never an English one otherwise.

    An English variation loses its ``gesprekstaal`` condition here: one that had no other
    condition becomes the default, so an English response follows Rasa's rule exactly as the
    Dutch one does (a variation whose conditions match wins over the default).
    """
    out: Responses = {}
    for name, variations in responses.items():
        engels = [_zonder_taal(v) for v in variations if is_engels(v)]
        out[name] = engels if taal == ENGELS and engels else [v for v in variations if not is_engels(v)]
    return out


class TaalNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's template generator, one per conversation language.

    Rasa makes the generator before it loads the model and then sets ``responses`` to the
    model's domain (``Agent``): the per-language generators are made whenever it is set.
    """

    def __init__(self, endpoint_config: Optional[Any] = None, domain: Optional[Any] = None, **_: Any) -> None:
        super().__init__(dict(getattr(domain, "responses", None) or {}))

    @property
    def responses(self) -> Responses:
        return self._responses

    @responses.setter
    def responses(self, responses: Optional[Responses]) -> None:
        self._responses = dict(responses or {})
        self._per_taal = {
            taal: TemplatedNaturalLanguageGenerator(responses_voor_taal(self._responses, taal))
            for taal in ("nl", ENGELS)
        }

    async def generate(self, utter_action: Text, tracker: Any, output_channel: Text, **kwargs: Any):
        taal = ENGELS if tracker.get_slot(TAAL_SLOT) == ENGELS else "nl"
        return await self._per_taal[taal].generate(utter_action, tracker, output_channel, **kwargs)
