"""The language of the person: detection, an explicit choice, and what the slot `taal` becomes.

Pure Python (no Rasa): the NLU component ``bot.components.taal`` calls ``detecteer``, ``keuze``
and ``ja_nee`` on every message; ``taal_na_bericht`` says what a message changes in the
language slots, for the action ``action_validate_slot_mappings`` (``actions/talen.py``) and for
the Rasa process, which skips that action's round trip when nothing changes
(``bot/rasa_speedups.py``).

Detection is lingua (``lingua-language-detector``: its models ship inside the wheel), limited
to the product's eight languages plus Russian (read as Ukrainian: Ukrainian children often
write Russian). Measured against py3langid, pycld2 and langdetect on the held-out set
(``bench/multilingual.py``, figures in ``bench/README.md``): the most accurate on messages of
3–15 words, and the only one that almost never took a Dutch message for another language.
Dutch stays the default: a message in Latin letters shorter than ``MIN_WOORDEN`` words, or one
the detector is not sure of (a mixed message), says nothing about the language. Arabic and
Cyrillic letters say it at any length.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from wegwijzer.vocab import CODE_IN_TEXT, TALEN

STANDAARD = "nl"
# Languages the bot can hold the conversation in (the rest is a first answer and crisis line).
GESPREKSTALEN = ("nl", "en")
MIN_WOORDEN = 3
# The detector's relative confidence in its first language (bench: at 0.6 none of 1,102
# Dutch training messages was taken for another language; lower thresholds let a few through).
MIN_ZEKERHEID = 0.6

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detectie:
    taal: Optional[str]  # one of TALEN when sure, else None
    zekerheid: float     # the detector's confidence in its first language (0 when not asked)
    woorden: int


_detector = None
_lock = threading.Lock()


def _lingua():
    """The detector, built once per process (the models of nine languages take ~250 MB and a
    few seconds to load: ``laad`` does it at start-up so no person waits for it)."""
    global _detector
    with _lock:
        if _detector is None:
            from lingua import Language, LanguageDetectorBuilder

            _detector = LanguageDetectorBuilder.from_languages(
                Language.DUTCH, Language.ENGLISH, Language.TURKISH, Language.ARABIC,
                Language.POLISH, Language.UKRAINIAN, Language.GERMAN, Language.SPANISH,
                Language.RUSSIAN,
            ).with_preloaded_language_models().build()
    return _detector


def laad() -> None:
    """Load the detector's models now (the NLU component calls this when it is loaded)."""
    _lingua()


def _code(language) -> str:
    code = language.iso_code_639_1.name.lower()
    return "uk" if code == "ru" else code


def _script(words: list[str]) -> Optional[str]:
    """"ar" or "uk" when most letters are Arabic or Cyrillic, else None."""
    letters = [c for w in words for c in w]
    if not letters:
        return None
    arabic = sum(1 for c in letters if "ARABIC" in unicodedata.name(c, ""))
    cyrillic = sum(1 for c in letters if "CYRILLIC" in unicodedata.name(c, ""))
    if arabic / len(letters) > 0.5:
        return "ar"
    if cyrillic / len(letters) > 0.5:
        return "uk"
    return None


# An e-mail address, a web address or a phone number: contact details, in no language.
_CONTACTGEGEVENS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\+?\d[\d\s()-]{6,}\d")


def detecteer(text: Optional[str]) -> Detectie:
    """The language of one message, when it is clear enough to act on. A receipt code in it
    says nothing about the language: its random letters ("k7qm 3xda 9tpw") were read as
    Polish, English or German in about one code in ten, and the person who came back with
    their code got a first answer in that language and a new intake instead of the status.
    Nor do contact details: "g.willems@example.nl", the answer to "how can the contact person
    reach you?", was read as English and the rest of a Dutch conversation went on in English."""
    text = _CONTACTGEGEVENS.sub(" ", CODE_IN_TEXT.sub(" ", text or ""))
    words = _WORD.findall(text)
    if not words or (text or "").startswith("/"):
        return Detectie(None, 0.0, len(words))
    script = _script(words)
    if script == "ar":
        return Detectie("ar", 1.0, len(words))
    if script is None and len(words) < MIN_WOORDEN:
        return Detectie(None, 0.0, len(words))
    values = _lingua().compute_language_confidence_values(text)
    if not values:
        return Detectie(None, 0.0, len(words))
    best = values[0]
    taal = _code(best.language)
    if script == "uk":  # Cyrillic: Ukrainian or Russian, both read as Ukrainian
        return Detectie("uk", best.value, len(words))
    if best.value < MIN_ZEKERHEID or taal not in TALEN:
        return Detectie(None, best.value, len(words))
    return Detectie(taal, best.value, len(words))


def _plain(text: Optional[str]) -> str:
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text.replace("ı", "i")))


# "English" and "Nederlands" and a few ways to say them: the person switches the conversation
# language. Whole messages only (a story that mentions English is not a switch).
_KEUZE = {
    "en": {"english", "engels", "in english", "in het engels", "english please", "english pls",
           "in english please", "engels graag", "in het engels graag", "can we speak english",
           "can we talk in english", "speak english", "i speak english", "english only",
           "i dont speak dutch", "i don t speak dutch", "i do not speak dutch", "no dutch",
           "ik spreek engels", "kan het in het engels", "kan het ook in het engels"},
    "nl": {"nederlands", "dutch", "in het nederlands", "in dutch", "nederlands graag",
           "in het nederlands graag", "nederlands alsjeblieft", "dutch please", "hollands",
           "ik spreek nederlands", "kan het in het nederlands", "gewoon nederlands"},
}


def keuze(text: Optional[str]) -> Optional[str]:
    """"en" or "nl" when the whole message asks for that conversation language."""
    plain = _plain(text)
    for taal, phrases in _KEUZE.items():
        if plain in phrases:
            return taal
    return None


# Yes and no in the other languages, as whole short answers ("evet", "tak", "так", "نعم"):
# the consent, anonymity and other yes/no questions understand them (Dutch and English ones
# the model knows).
_JA = {"evet", "evet lutfen", "tamam", "olur", "tak", "tak prosze", "так", "да", "ага", "نعم",
       "ايوه", "ايوا", "اه", "ايه", "اي", "wakha", "na3am", "ja bitte", "jawohl", "si",
       "si por favor", "claro", "yes", "yes please", "yeah", "yep"}
_NEE = {"hayir", "hayir tesekkurler", "nie", "nie dziekuje", "ні", "нет", "не", "لا", "لا شكرا",
        "lla", "nein", "nein danke", "no", "no gracias", "no thanks", "nope"}


def ja_nee(text: Optional[str]) -> Optional[bool]:
    """True for a yes, False for a no, None for anything else."""
    plain = _plain(text)
    if plain in _JA:
        return True
    if plain in _NEE:
        return False
    return None


def volgende_taal(
    huidig: Optional[str],
    gedetecteerd: Optional[str],
    crisis_taal: Optional[str] = None,
    gekozen: Optional[str] = None,
) -> str:
    """What the slot `taal` (the person's language) becomes after a message.

    - A clear detection sets it, except that Dutch does not replace a language already seen:
      a Turkish parent who writes one sentence in Dutch is still best helped in Turkish (the
      contact person sees it on the record, and may arrange an interpreter).
    - A short crisis message matched by another language's patterns ("chcę umrzeć") sets that
      language when nothing else is known, so the help lines come with a line in it.
    - Choosing English while the language is still Dutch makes it English; otherwise a choice
      changes the conversation language only (slot `gesprekstaal`), not the person's language.
    """
    huidig = huidig if huidig in TALEN else STANDAARD
    if gedetecteerd in TALEN and (gedetecteerd != STANDAARD or huidig == STANDAARD):
        return gedetecteerd
    if gedetecteerd is None and crisis_taal in TALEN and huidig == STANDAARD:
        return crisis_taal
    if gekozen == "en" and huidig == STANDAARD:
        return "en"
    return huidig


# Messages that are no one's words: a crisis gets the help lines first (the first answer waits
# for the next message).
_GEEN_WELKOM_INTENTS = ("hulp_nu",)


def gekozen_taal(message: Mapping[str, Any]) -> Optional[str]:
    """The conversation language the message chooses (a button or "English"), if any."""
    for entity in message.get("entities") or []:
        if entity.get("entity") == "gesprekstaal" and entity.get("value") in GESPREKSTALEN:
            return entity["value"]
    return None


def taal_na_bericht(
    message: Mapping[str, Any],
    taal: Optional[str],
    gesprekstaal: Optional[str],
    welkom: Optional[Sequence[str]],
) -> Tuple[Dict[str, Any], Optional[str]]:
    """What a message (Rasa's parse data: intent, entities, and the ``taal`` and ``crisis`` our
    components add) changes in the slots `taal`, `gesprekstaal` and `taal_welkom`, and the
    language whose first answer is due now (None: none). Empty and None: nothing to do.

    Events pushed by the backend (``EXTERNAL_`` intents) say nothing about a language.
    """
    intent = (message.get("intent") or {}).get("name") or ""
    if intent.startswith("EXTERNAL_"):
        return {}, None
    gevonden = (message.get("taal") or {}).get("taal")
    crisis_taal = (message.get("crisis") or {}).get("taal")
    gekozen = gekozen_taal(message)
    huidig = taal or STANDAARD
    nieuw = volgende_taal(huidig, gevonden, crisis_taal, gekozen)
    slots: Dict[str, Any] = {}
    if nieuw != huidig:
        slots["taal"] = nieuw

    if gekozen and gekozen != gesprekstaal:
        slots["gesprekstaal"] = gekozen
    elif gesprekstaal is None and nieuw == "en" and huidig != "en":
        slots["gesprekstaal"] = "en"  # writes English: English (once the dialogue has it)

    gegeven = list(welkom or [])
    if nieuw != STANDAARD and nieuw in TALEN and nieuw not in gegeven \
            and intent not in _GEEN_WELKOM_INTENTS and not gekozen:
        slots["taal_welkom"] = gegeven + [nieuw]
        return slots, nieuw
    return slots, None
