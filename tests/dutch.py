"""Is a message Dutch? A rough test for the fuzzers' checks (error bodies, bot answers): it
has Dutch function words and none of the English words our frameworks answer in."""
from __future__ import annotations

import re

# English words that a Dutch message does not contain (aiohttp's and Rasa's defaults are English).
_ENGLISH = re.compile(r"\b(the|not found|bad request|internal|server error|method|allowed|"
                      r"please|invalid|you|your|request|unauthorized|forbidden|sorry, i|"
                      r"i didn't|rephrase)\b", re.I)
_DUTCH = re.compile(r"\b(de|het|een|je|u|niet|geen|is|dit|dat|van|om|te|en|op|we|er|kan|"
                    r"mag|met|voor|als|nog|zijn|deze|wat|stuur|probeer|of|kies|één|bij|naar|"
                    r"al|alleen|ik|wil|hoe|waar|wie)\b", re.I)


def looks_dutch(text: str) -> bool:
    return bool(_DUTCH.search(text)) and not _ENGLISH.search(text)
