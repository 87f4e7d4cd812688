"""Setting a message's intent from one of our components: the intent at confidence 1.0, first in
the ranking above what the classifier ranked (so the policies and the logs still see its other
guesses). Used by the language detector, the receipt-code extractor and the intent guards."""
from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def set_intent(message: Message, name: str) -> None:
    """Makes ``name`` the message's intent, sure, ahead of the classifier's ranking."""
    intent = {"name": name, "confidence": 1.0}
    ranking = [intent] + [ranked for ranked in message.get(INTENT_RANKING_KEY) or [] if ranked.get("name") != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
