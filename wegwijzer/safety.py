"""The crisis safety net: recognises messages about acute danger, whatever else they say.

The statistical intent classifier can be fully confident and wrong on a suicidal message it has
not seen (it was, on "ik denk erover om er een eind aan te maken"), so every message is also
checked against these patterns. They favour recall: showing the crisis numbers once too often
costs little; missing a child who wants to die is the worst thing this product can do.

The Dutch patterns are here; those of the other seven languages of the product (English,
Turkish, Arabic, Polish, Ukrainian, German, Spanish) are in ``wegwijzer.safety_talen``. Every
message is checked against all of them, whatever language it seems to be in: a child may write
one sentence of their own language in a Dutch message. A match reports the language of its
pattern, so that the help lines can come with a line in that language. Beside the hand-written
patterns, every language has the forms of the fixed warning-sign checklist
(``wegwijzer/crisis_checklist.yml``, read by ``wegwijzer.safety_checklist``).

Pure Python: the Rasa component ``bot.components.safety_net`` wraps it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

# Kinds of crisis, most urgent first; the first kind that matches is reported.
ZELFDODING = "zelfdoding"
ZELFBESCHADIGING = "zelfbeschadiging"
GEWELD_NU = "geweld_nu"
HUISELIJK_GEWELD = "huiselijk_geweld"
SEKSUEEL_GEWELD = "seksueel_geweld"

_ME_WORDS = r"me|mij|mezelf|mijzelf|mn ?zelf|mijn ?zelf|zichzelf|haarzelf|hemzelf"
_ME = rf"(?:{_ME_WORDS})"
_FAMILY = (
    r"(?:vader|moeder|pa|ma|papa|mama|paps|mams|stiefvader|stiefmoeder|ouders?|broer|zus|oom|"
    r"tante|opa|oma|vriend van mijn moeder|vriend van mn moeder|vriendin van mijn vader)"
)


def _near(first: str, second: str, window: int = 40, gap: str = ".") -> str:
    """Both patterns in either order, at most `window` characters (each matching `gap`) apart."""
    return rf"(?:{first}{gap}{{0,{window}}}{second}|{second}{gap}{{0,{window}}}{first})"


# One character of the same clause: no punctuation, and no "en" starting the next one ("in zijn
# duim gesneden en niemand heeft mij gebeld": blind9).
_ZELFDE_ZIN = r"(?:(?!\ben\b)[^.,;!?])"


# "thuis", except in "(hij) komt thuis met …" (brought home from elsewhere).
_THUIS_NIET_THUISKOMEN_MET = r"(?:\b(?:kom|komt|kwam|komen|kwamen) thuis\b(?! met\b)|(?<!kom )(?<!komt )(?<!kwam )(?<!komen )(?<!kwamen )\bthuis\b)"
_WANT = r"\b(?:wil|willen|wilde|wou|ga|gaat|gaan|denk|dacht|zin om|plan|van plan)\b"
_VIOLENCE = (
    r"\b(?:slaat|slaan|sloeg|geslagen|schopt|schoppen|trapt|gevecht|vecht|vechten|bloedt|bloed|"
    r"dreigt|dreigen|gedreigd|vermoord\w*|neerslaan|neersteken|steekt|steken|gestoken|schiet\w*|"
    r"neergestoken|neergeschoten|in elkaar|(?:me|mij|hem|haar|ons) (?:te )?pakken|stok|stokken|"
    r"kapot (?:te )?maken|kapotmaken|kapot (?:te )?slaan)\b"
)
# "mes" is also Spanish for month ("hace un mes", "el mes pasado"): not after or before the
# Spanish words that go with the month.
_MES = r"(?<!\bun )(?<!\bel )(?<!\beste )(?<!\bdel )(?<!\bal )(?<!\bcada )(?<!\bpor )\bmes\b(?! (?:pasado|que viene|proximo)\b)"
_WEAPON = rf"(?:{_MES}|\b(?:messen|pistool|wapen|vuurwapen|knuppel|honkbalknuppel|bom|opblazen|stiletto)\b)"
_NOW = r"\b(?:nu|net|op dit moment|help|snel|hier|buiten|voor de deur|in de gang|in de klas)\b"

_PATTERNS: dict[str, list[str]] = {
    ZELFDODING: [
        r"\bzelfmoord", r"\bzelfdoding", r"\bsuicid", r"\bsu[ie]c[ie]da",
        _near(_WANT, r"\b(?:dood|sterven|doodgaan|dood te gaan|dood gaan)\b", 25),
        r"\bwil (?:gewoon |graag |echt )?(?:dood|sterven)\b",
        r"\ber (?:\w+ ){0,2}niet meer (?:wil |wilt )?(?:zijn|zijn wil)\b",
        # The answer to "wat zou je het liefst willen dat er gebeurt?": the wish is in the question.
        r"\bdat ik (?:\w+ ){0,2}dood (?:ben|was|zou zijn|lig)\b",
        r"\bdat ik er (?:\w+ ){0,2}niet meer (?:ben|hoef te zijn|zou zijn|was)\b",
        r"\bdat ik (?:\w+ ){0,1}(?:niet meer|nooit meer) (?:wakker word|wakker hoef te worden|leef|besta)\b",
        r"\bdat ik (?:voor altijd |gewoon |ook )?verdwijn\b(?! (?:uit|van|naar|in|bij|achter)\b)",
        # "soms wil ik er gewoon niet meer zijn", "ik wil echt niet meer leven"
        r"\b(?:wil|wilt|wou|wilde) (?:\w+ ){0,3}niet meer (?:zijn|leven|bestaan)\b",
        _near(r"\b(?:niet|nie|ni|nooit|geen zin)\b", r"\b(?:meer )?(?:leven|bestaan|wakker (?:wil )?worden)\b", 15),
        r"\bgeen zin meer in (?:het |mijn |mn )?leven\b", r"\bzin (?:om|in) (?:te )?leven\b",
        r"\b(?:het|mijn|mn) leven (?:heeft geen zin|is zinloos|beeindigen|stoppen)\b",
        r"\b(?:een )?eind(?:e)? aan (?:te )?maken\b", r"\beind(?:e)? aan (?:mijn|mn|m'n) leven\b",
        r"\bvan het leven (?:te )?beroven\b",
        rf"\b{_ME} (?:\w+ ){{0,2}}(?:van kant|ophangen|op te hangen|dood ?maken|dood te maken|om het leven|"
        r"(?:iets|wat)(?: \w+){0,2} aan ?(?:te )?doen|te doden|doden|killen|kille|kill)\b",
        r"\b(?:kill myself|want to die|end it all|unalive)\b",
        _near(r"\b(?:brug|flat|dak|gebouw|trein|spoor)\b", r"\b(?:springen|spring|af springen|voor gaan liggen|lopen)\b", 25),
        _near(r"\b(?:pillen|paracetamol|medicijnen|tabletten|slaappillen)\b",
              r"\b(?:genomen|nemen|slikken|geslikt|gespaard|ingenomen|innemen|veel|alle|allemaal)\b", 30),
        _near(r"\b(?:touw|strop)\b", r"\b(?:klaar\w*|ophangen|hangen|opgehangen)\b", 30),
        r"\b(?:iedereen|jullie|ze) (?:is |zijn |zou |zouden )?beter af zonder (?:mij|me)\b",
        r"\bbeter af (?:\w+ ){0,2}zonder (?:mij|me)\b",
        r"\b(?:niemand|geen mens) (?:zou|zal) (?:me|mij|het) (?:missen|merken)\b",
        r"\bals ik (?:er )?(?:niet meer (?:ben|was|zou zijn)|dood (?:ben|was)|weg (?:ben|was))\b",
        _near(r"\b(?:zie|zag)\b", r"\b(?:niet|nie|ni) (?:meer )?zitten\b", 15),
        r"\bverdwijnen voor altijd\b", r"\bvoor altijd (?:weg|verdwijnen)\b", r"\bafscheidsbrief\b",
        # Gaps found while writing NLU data (5 December 2026): another's life, a jump tonight,
        # "alles moet stoppen, voorgoed".
        r"\beind(?:e)? aan (?:zijn|haar|z'n|d'r|hun) leven\b",
        r"\b(?:ik )?ga (?:\w+ ){0,2}springen\b(?! ?(?:touw|op|over|in het water|in het zwembad))",
        r"\b(?:alles|het) (?:moet )?(?:stopt|stoppen|ophoudt|ophouden)\W{0,3} ?(?:voorgoed|voor altijd)\b",
    ],
    ZELFBESCHADIGING: [
        _near(r"\b(?:snij|snijd|snijdt|sneed|gesneden|snijden|kras|krast|kraste|gekrast|krassen|krab|krabt|krabde|gekrabd|krabben|brand|gebrand)\b",
              rf"\b(?:{_ME_WORDS}|polsen|pols|armen|arm|benen|been|huid)\b", 25, _ZELFDE_ZIN),
        # Not the English "cutting me off" (interrupting).
        r"\b(?:automutilatie|zelfbeschadiging|self ?harm|cutten|cutting(?! (?:me|him|her|us|them|people|you) off))\b",
        r"\b(?:arm|armen|pols|polsen|been|benen|dij|dijen) (?:\w+ ){0,3}(?:opengehaald|opengesneden|open gehaald|open gesneden)\b",
        _near(r"\b(?:bonk|bonken|sla|slaan)\b", r"\b(?:hoofd tegen|tegen de muur)\b", 25),
        rf"\b{_ME} (?:pijn doen|pijn te doen|beschadigen|verwonden)\b",
    ],
    GEWELD_NU: [
        _WEAPON,
        _near(_NOW, _VIOLENCE, 50),
        # Threats to kill, stab, shoot or blow up are acute whenever they are told.
        r"\b(?:vermoord\w*|neersteken|neerschieten|doodschieten|op te blazen)\b",
        _near(r"\b(?:gaan|ga|gaat|zal|zullen|gezegd|dreigt|gedreigd)\b",
              r"\b(?:steken|schieten|doodmaken|dood maken|dood te maken|dood te slaan|om te brengen|af te maken)\b", 30),
        # "ze gaan me na school afmaken"; not "laat me mijn zin afmaken" or "de opdracht afmaken".
        r"\b(?:me|mij|ons) (?:(?!(?:mijn|mn|m'n|zijn|je|jouw|onze|ons|dit|dat|die|deze|een|de|het)\b)\w+ ){0,4}afmaken\b",
        r"\b(?:ben|zijn) (?:nu |op dit moment )?in (?:levens)?gevaar\b",
        r"\bhelp (?:me|mij|ons) (?:nu|snel|alsjeblieft|aub|pls|please)\b",
        # Gaps found while writing NLU data (5 December 2026): being hit, choked, held or
        # locked in; someone unconscious; children lured. The form asks whether it is now.
        r"\b(?:ze|hij|zij) (?:\w+ ){0,2}(?:slaan|slaat|schoppen|schopt|trappen|trapt|wurgen|wurgt) (?:me|mij)\b",
        r"\b(?:heeft|hebben) (?:me|mij) (?:\w+ ){0,2}gewurgd\b",
        r"\b(?:houdt|houden) (?:me|mij) (?:\w+ ){0,2}vast\b(?! ?(?:aan (?:de|het|mijn|mn) (?:afspraak|regels?|plan)))",
        r"\b(?:ik )?(?:ben|word|zit) (?:\w+ ){0,2}opgesloten\b",
        r"\b(?:is|ligt) (?:\w+ ){0,2}bewusteloos\b", r"\bademt niet( meer)?\b",
        _near(r"\b(?:man|vent|meneer)\b", r"\b(?:lokt|lokken|probeert (?:\w+ ){0,3}mee te nemen)\b", 40),
        # Someone at the door now: "er staat NU een vader voor mijn lokaal te schreeuwen … en hij
        # slaat op de deur" (blind7: the threat he shouts is quoted, and "nu" is far from "slaat").
        _near(r"\b(?:nu|op dit moment)\b", r"\b(?:slaat|schopt|trapt|bonkt|beukt|ramt) (?:\w+ ){0,2}(?:op|tegen) "
              r"(?:de|mijn|onze|het|m'n|mn) (?:deur|raam|ramen)\b", 100),
        _near(r"\b(?:nu|op dit moment)\b", r"\bstaat (?:\w+ ){0,6}te (?:schreeuwen|dreigen|tieren|razen)\b", 30),
    ],
    HUISELIJK_GEWELD: [
        _near(rf"\b(?:mijn|mn|m'n|me|onze|ons) {_FAMILY}\b", r"\b(?:slaat|slaan|sloeg|geslagen|schopt|trapt|mishandelt|mishandeld|misbruikt|"
              r"bedreigt|wurgt|sluiten|sluit|opgesloten|opsluiten|dwingt|gedwongen|aan me|aan mij)\b", 40),
        # Not a child who "komt thuis met blauwe plekken": coming home with them says they came
        # from elsewhere (the playground, the teacher who grabs an arm), a complaint to the school.
        rf"\b(?:blauwe plekken|plekken|striemen) (?:\w+ ){{0,4}}(?:van|door) (?:zijn |haar |mijn |mn |m'n |z'n )?{_FAMILY}\b",
        _near(_THUIS_NIET_THUISKOMEN_MET, r"\b(?:geslagen|slaan|slaat|mishandeld|opgesloten|geschreeuwd|blauwe plekken|misbruikt|bang)\b", 50),
        _near(r"\b(?:durf|durfde|bang)\b", r"\b(?:naar huis|thuis)\b", 30),
        r"\b(?:van huis weggelopen|weggelopen van huis)\b",
        r"\b(?:ik word|word ik) (?:\w+ ){0,2}mishandeld\b", r"\bhuiselijk geweld\b",
        # Without "mijn": "mama wordt geschopt door haar vriend". Not by a child in someone's care
        # ("ik word geschopt door een kind", an overblijfmoeder: blind8).
        r"\b(?:word|wordt|werd|worden) (?:\w+ ){0,3}(?:geslagen|geschopt|getrapt|mishandeld|gewurgd)\b"
        r"(?! (?:door|van) (?:een |het |dat |die |zo'?n )?(?:kind|kindje|kleuter|leerling|leerlingen|kinderen)\b)",
    ],
    SEKSUEEL_GEWELD: [
        r"\bverkracht", r"\baangerand", r"\baanrand", r"\bmisbruik", r"\bbetast",
        _near(r"\bseks\w*\b", r"\b(?:dwingt|dwingen|gedwongen|moet|moest)\b", 30),
        _near(r"\b(?:naaktfoto\w*|nudes?|naakt)\b", r"\b(?:chanteert|chanteren|chantage|dreigt|gedreigd|afpersen)\b", 40),
        r"\b(?:komt|kwam|zit|zat|zitten) (?:\w+ ){0,3}aan (?:me|mij|mijn lichaam|mn lichaam)\b",
    ],
}

KINDS = (ZELFDODING, ZELFBESCHADIGING, GEWELD_NU, HUISELIJK_GEWELD, SEKSUEEL_GEWELD)

# Letters that decomposition (NFKD) does not reduce to a base letter, folded by hand so that a
# word matches with or without them: Polish ł, Turkish dotless ı, German ß; Ukrainian and
# Russian spellings of one word (і/и/ы, є/е/э, ґ/г; й and ї lose their marks in NFKD and then
# fold too); Arabic letter variants (hamza seats lose the hamza in NFKD; taa marbuta, alif
# maqsura, Persian keheh and yeh; the tatweel is dropped).
_FOLD = str.maketrans({
    "ł": "l", "ı": "i", "ß": "ss", "ø": "o", "æ": "ae",
    "і": "и", "ы": "и", "й": "и", "є": "е", "э": "е", "ґ": "г",
    "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ـ": "",
    "’": "'", "ʼ": "'", "`": "'", "ʻ": "'",
})


def fold(text: str) -> str:
    """Accents and marks off, the letter variants above folded; case and punctuation kept.

    Applied to the patterns too, so that they can be written in each language's own spelling.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower case, folded (see ``fold``), letters and digits of any script only (apostrophes
    kept: "m'n", "б'є"), runs of 3+ equal letters cut to 2."""
    text = fold(text.lower())
    text = re.sub(r"[^\w']+|_", " ", text)
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class CrisisSignal:
    kind: str
    pattern: str  # which pattern matched, for tests and metrics; never the person's words
    taal: str = "nl"  # the language of the pattern (ISO 639-1)


def _compile() -> list[tuple[str, str, "re.Pattern[str]"]]:
    """(kind, language, pattern), most urgent kind first; within a kind the other languages
    before Dutch, so that a word both share ("suicidio", "suicide") reports the other one."""
    from wegwijzer.safety_checklist import PATTERNS as CHECKLIST  # the warning-sign checklist
    from wegwijzer.safety_talen import PATTERNS  # the other seven languages

    per_language = {**PATTERNS, "nl": _PATTERNS}
    compiled = []
    for kind in KINDS:
        for taal, patterns in per_language.items():
            written = [*patterns.get(kind, ()), *CHECKLIST.get(taal, {}).get(kind, ())]
            compiled += [(kind, taal, re.compile(fold(p))) for p in written]
    return compiled


_COMPILED = _compile()


# Schoolwork "that kills me": a test, homework or a presentation as the subject of killing or
# dying is a figure of speech in every language ("die toets maakt me dood", "this homework is
# killing me", "ten sprawdzian mnie zabije"). The first multilingual set counted it as a false
# alarm in six languages. Only these phrases are taken out before the patterns look again:
# anything else in the message ("…, ik maak mezelf dood") still counts.
_SCHOOLWERK = (
    # Compounds too ("wiskundetoets", "biologieproefwerk"; checklist14), and the English mock.
    r"(?:\w*toets\w*|\w*proefwerk\w*|huiswerk|examen\w*|tentamen\w*|presentatie\w*|spreekbeurt\w*|"
    r"test|tests|exam|exams|homework|assignment|essay|presentation|mock|mocks|coursework|"
    r"sinav\w*|odev\w*|"
    r"sprawdzian\w*|egzamin\w*|kartkowk\w*|praca domowa|prace domowe|zadani\w*|"
    r"контрольн\w*|іспит\w*|экзамен\w*|екзамен\w*|домашк\w*|домашн\w*|"
    r"pruefung\w*|prufung\w*|klausur\w*|klassenarbeit\w*|mathearbeit\w*|\w+arbeit|hausaufgabe\w*|referat\w*|"
    r"prueba\w*|deberes|deber|tarea\w*|fichas|examenes|"
    r"امتحان|الامتحان|الاختبار|اختبار|الواجب|واجب|الفرض|فرض|\w*الواجبات|واجبات|\w*الامتحانات)"
)
_SCHOOLWERK_WORD = re.compile(fold(r"\b" + _SCHOOLWERK + r"\b"))
_SCHOOLWERK_DOODT = re.compile(fold(
    _SCHOOLWERK + r"(?: \w+){0,5} (?:"
    r"(?:maakt|maken) (?:me|mij) dood|vermoordt (?:me|mij)|(?:wordt|is) (?:mijn|mn) dood|"
    r"(?:is |s |are |will |gonna |going to )?(?:killing|kill|kills|gonna kill|going to kill) me|"
    r"(?:beni )?(?:oldurecek|olduruyor|oldurucek|bitirecek|bitiriyor)|"
    r"mnie (?:\w+ )?(?:zabije|zabija|wykonczy|wykanczy)|"
    r"(?:мене|меня) (?:просто |реально |точно )?(?:вб'?є|уб'?є|убьет|убивает|вбиває|доконає)|"
    r"(?:bringt|bringen) mich (?:noch |echt |so |wirklich )?um|killt mich|"
    r"me (?:va a matar|esta matando|mata|van a matar)|"
    r"(?:رح |ح |ه|بي|ب)?(?:يموتني|يقتلني|يذبحني|موتني|قتلني))"
))
# A teacher "who kills me" with tests or homework (checklist9: "die chemielehrerin bringt mich um
# mit den ganzen tests ich sterbe jede woche", "la profe de mates me va a matar con tanto deber"),
# taken out only when the message also names schoolwork (``_SCHOOLWERK``), so a teacher who
# threatens a child still counts; and "I'm dying / ik ga er dood aan" beside schoolwork or a
# teacher (only those phrases: "ik wil dood" in the same message still counts).
_LERAAR = (
    r"(?:\w*leraar|\w*lerares|juf|meester|docent\w*|mentor|teacher|sir|miss|hoca\w*|ogretmen\w*|"
    r"nauczyciel\w*|pani od \w+|вчител\w*|учител\w*|фізичк\w*|хімічк\w*|математичк\w*|"
    r"\w*lehrer\w*|profe\w*|maestr\w*|استاذ\w*|الاستاذ\w*|معلم\w*|المعلم\w*|الاستاذه|المعلمه)"
)
_LERAAR_WORD = re.compile(fold(r"\b" + _LERAAR + r"\b"))
_LERAAR_DOODT = re.compile(fold(
    r"\b" + _LERAAR + r"(?: \w+){0,4} (?:"
    r"(?:maakt|maken) (?:me|mij) (?:echt |helemaal )?(?:dood|kapot)|vermoordt (?:me|mij)|"
    r"(?:is |s |will |gonna |going to )?(?:killing|kill|kills|gonna kill|going to kill) me|"
    r"(?:beni )?(?:oldurecek|olduruyor|oldurucek|bitirecek|bitiriyor)|"
    r"mnie (?:\w+ )?(?:zabije|zabija|wykonczy|wykanczy)|"
    r"(?:мене|меня) (?:\w+ )?(?:вб'?е|уб'?е|убьет|убивает|вбиває|доконає)|"
    r"(?:bringt|bringen) mich (?:\w+ )?um|killt mich|"
    r"me (?:va a matar|esta matando|mata|van a matar)|"
    r"(?:رح |ح |ه|بي|ب)?(?:يموتني|يقتلني|يذبحني|موتني|قتلني))"
))
_STERF_BIJ_SCHOOLWERK = re.compile(fold(
    r"\b(?:(?:ik ga|ga ik) (?:(?:hier|er|daar) )?(?:echt |nog |gewoon |zo )?dood aan|"
    r"(?:i'?m|im) (?:literally )?dying|"
    r"ich sterbe(?: \w+){0,2}|"
    r"(?:me muero|me estoy muriendo)|"
    r"umieram|помираю|умираю|"
    r"(?:oluyorum|olecegim))\b"
))

# "if my dad sees this grade he'll kill me haha, can I still resit?": a grade or report near
# the kill phrase and laughter or a resit question in the message (checklist9, five languages).
_CIJFER = (
    r"(?:cijfer\w*|rapport\w*|punt\w*|grade\w*|report\w*|mark|marks|score\w*|not(?:u|um|lar\w*)?|karne\w*|"
    r"ocen\w*|swiadectw\w*|jedynk\w*|оцінк\w*|оценк\w*|табел\w*|двійк\w*|двойк\w*|"
    r"note\w*|zeugnis\w*|sechser|funfer|nota|notas|boletin\w*|suspens\w*|علامه|العلامه|علاماتي|الشهاده|شهادتي|النتيجه)"
)
_DOODT_MIJ = (
    r"(?:vermoord\w* (?:\w+ )?(?:me|mij)|(?:maakt|maken) (?:\w+ )?(?:me|mij) (?:af|dood)|"
    r"(?:kill|kills|killing|murder|murders|murdering) me|"
    r"beni (?:\w+ )?(?:oldur\w*|gebert\w*)|"
    r"mnie (?:\w+ )?(?:zabije|zabija|zabiją|zabija)|"
    r"(?:мене|меня) (?:\w+ )?(?:вб'?е|уб'?е|убьет|вб'?ють|уб'?ють|убьют)|"
    r"(?:bringt|bringen) mich (?:\w+ ){0,2}um|"
    r"me (?:va|van) a matar|me mata|"
    r"(?:رح |ح |ه|بي|ب)?(?:يموتني|يقتلني|يذبحني|تقتلني|تموتني|تذبحني))"
)
_CIJFER_DOODT = re.compile(fold(
    r"(?:\b" + _CIJFER + r"\b.{0,60}\b" + _DOODT_MIJ + r"|\b" + _DOODT_MIJ + r".{0,60}\b" + _CIJFER + r"\b)"
))
_LACH_OF_HERKANSING = re.compile(fold(
    r"\b(?:haha\w*|hah|hihi\w*|lol|lmao|xd|xdd|jaja\w*|hehe\w*|хаха\w*|ахах\w*|хехе|ههه\w*|hahah\w*|"
    r"herkans\w*|inhalen|resit|retake|re-?sit|poprawi\w*|poprawk\w*|перездати|перездать|перескласти|"
    r"nachschreiben|wiederholen|nachprufung|recuperar|recuperacion|bütünleme|butunleme|telafi|اعيد|اعاده|"
    # or a question to the school about it (checklist10: "... is there any way to get the grade
    # changed?", "... ogretmenle konusabilir miyim?")
    r"can i|could i|is there (?:any )?way|kan ik|mag ik|kann ich|darf ich|puedo|se puede|czy moge|czy mozna|"
    r"miyim|musun|можна|можно|ممكن)\b"
))

# A documentary, film or book about a shooting shown in class: a topic, not a threat.
_ONDERWERP_SCHIETPARTIJ = re.compile(fold(
    r"\b(?:documentary|documentaire|film|movie|book|boek|novel|article|artikel|dokumentation|doku|documental|pelicula|"
    r"\w*buch|roman|libro|novela|ksiazk\w*|lektur\w*|книг\w*|kitap\w*|"
    r"dokument\w*|reportaz\w*|film\w*|фільм\w*|документальн\w*|belgesel\w*|وثائقي)(?: \w+){0,3} "
    r"(?:about|over|uber|sobre|o|про|hakkinda|عن) (?:a |an |the |een |de |einen |den |un |una |el )?"
    r"(?:school ?shootings?|shootings?|schietpartij\w*|schoolschietpartij\w*|amoklauf\w*|schulmassaker|tiroteo\w*|"
    r"strzelanin\w*|стрілянин\w*|стрельб\w*|okul saldiri\w*|silahli saldiri\w*)\b"
))

# A film, book, series or lesson ABOUT someone who takes their life or is abused (checklist11:
# "a film about a boy who kills himself, may I see it first?", "a book about a girl whose
# stepmother beats her"): a topic, not the person. Only the words from the topic word up to a
# few words after "about" are taken out, and never past a word of the writer's own ("ik", "me",
# "my", "я", ...), an "and" or reported speech: "a film about suicide and now I want to die too"
# and "in the lesson about feelings he said he wants to kill himself" still count.
_VERHAAL = (
    r"(?:film\w*|movie\w*|book\w*|boek\w*|novel\w*|roman\w*|stor(?:y|ies)|verhaal|verhalen|seri(?:e|es|al)\w*|"
    r"documentar\w*|documentaire\w*|doku\w*|documental\w*|belgesel\w*|kitab\w*|kitap\w*|hikaye\w*|dizi\w*|"
    r"ksiazk\w*|lektur\w*|opowiadani\w*|книг\w*|книжк\w*|фильм\w*|фільм\w*|серіал\w*|сериал\w*|оповідан\w*|"
    r"рассказ\w*|повіст\w*|\w*buch|buches|pelicula\w*|libro\w*|novela\w*|فيلم\w*|كتاب\w*|روايه|قصه|مسلسل|"
    r"les|lessen|lesson\w*|klassengesprek\w*|discussion|debat\w*|debate|lekcj\w*|урок\w*|unterricht\w*|"
    r"clase|tutoria|درس|حصه|essay|boekverslag|werkstuk|referat|gedicht|poem|toneelstuk|theaterstuck|"
    # A play, workshop or prevention session (checklist14: "das Präventionstheater ... zum Thema
    # sexueller Missbrauch").
    r"\w*theater\w*|toneel\w*|voorstelling\w*|auffuhrung\w*|workshop\w*|voorlichting\w*|praventions\w*|"
    r"preventie\w*|assembly|play|taller\w*|charla\w*|obra de teatro|warsztat\w*|spektakl\w*|przedstawieni\w*|"
    r"вистав\w*|спектакл\w*|tiyatro\w*|مسرحيه|المسرحيه|recenzj\w*|review|rezension\w*|resena\w*|recensie\w*)"
)
_OVER = (r"(?:over|about|uber|sobre|o(?! (?:kadar|zaman|gun|an|yuzden)\b)|про|о|عن|waarin|in which|in dem|in der|en el que|en la que|"
         r"w ktorym|w ktorej|в якому|в якій|в котором|в которой)")
_EIGEN = (r"(?:ik|me|mij|mijn|mn|mezelf|i|im|ive|my|myself|ich|mich|mir|mein\w*|yo|mi|mis|conmigo|ja|mnie|moj\w*|"
          r"я|мене|меня|мені|мне|мій|моя|мої|мой|мои|ben|beni|bana|benim|و?انا|و?اني|بدي|"
          r"en|and|und|y|ve|et|и|і|та|а|but|maar|aber|pero|ale|але|но|ama|لكن|"
          r"now|nu|jetzt|ahora|teraz|тепер|теперь|simdi|since|sinds|seitdem|desde|od|"
          # Reported speech starts the person's own story ("in de les over gevoelens zei hij dat
          # hij zelfmoord wil plegen"): the topic ends there.
          r"zei|zegt|zeiden|vertelde|said|says|told|sagt|sagte|erzahlte|dijo|dice|conto|powiedzial\w*|mowi|"
          r"сказав|сказала|сказал|каже|говорит|розповів|розповіла|dedi|diyor|anlatti|قال|قالت|حكى|حكت)")
_ONDERWERP_VERHAAL = re.compile(fold(
    r"\b" + _VERHAAL + r"(?: (?!" + _EIGEN + r"\b)\w+){0,4} " + _OVER + r"(?: (?!" + _EIGEN + r"\b)\w+){1,7}|"
    # Turkish puts the story before the word: "intihar eden bir genç hakkında film"
    r"(?:(?!" + _EIGEN + r"\b)\w+ ){1,6}(?:hakkinda|ile ilgili|konulu|anlatan) (?:\w+ ){0,2}" + _VERHAAL + r"\b"
))

# The theme or a scene of such a story, play or lesson ("zum Thema sexueller Missbrauch", "on the
# theme of suicide", "jest tam scena gwałtu": checklist14, checklist9), where the message names one:
# only the theme or scene word and the next few words, never past a word of the writer's own.
_VERHAAL_WORD = re.compile(fold(r"\b" + _VERHAAL + r"\b"))
_THEMA_OF_SCENE = re.compile(fold(
    r"\b(?:zum thema|zu dem thema|mit dem thema|over het thema|rond het thema|met als thema|met het thema|"
    r"on the (?:topic|theme|subject) of|about the (?:topic|theme) of|sobre el tema de\w*|con el tema de\w*|"
    r"na temat|o tematyce|на тему|по темі|по теме|"
    r"scene|scenes|szene\w*|scen[aey]|scenie|scene\w*|escena\w*|сцен[аиуіе]\w*|sahne\w*)"
    r"(?: (?!" + _EIGEN + r"\b)\w+){1,4}"
))

# Being killed in a game ("mijn vriend heeft me vermoord in minecraft en mijn huis afgebrand lol",
# checklist10): the kill phrase within a few words of the game's name is play, not a threat.
_SPEL = (r"(?:minecraft|fortnite|roblox|among us|gta|cod|call of duty|brawl stars|clash royale|valorant|apex|mc|"
         r"майнкрафт\w*|фортнайт\w*|роблокс\w*|ماينكرافت|فورتنايت|روبلوكس)")
_IN_SPEL_GEDOOD = re.compile(fold(
    r"\b(?:(?:heeft|hebben|had) (?:\w+ ){0,2}(?:me|mij) (?:\w+ ){0,3}(?:vermoord|gekild|gekilld|afgemaakt|doodgemaakt|neergeschoten)|"
    r"(?:killed|murdered|shot|slayed) me|"
    r"beni (?:\w+ )?(?:oldurdu|vurdu)|"
    r"(?:zabil|zabila|zabili) mnie|mnie (?:zabil|zabila|zabili)|"
    r"(?:вбив|вбила|убил|убила) (?:мене|меня)|(?:мене|меня) (?:вбив|вбила|убил|убила)|"
    r"(?:hat|haben) mich (?:\w+ ){0,3}(?:getotet|gekillt|umgebracht|abgeknallt)|"
    r"me (?:mato|mataron|ha matado|han matado)|"
    r"قتلني|قتلوني)\b(?: \w+){0,3} (?:in|bij|op|w|na|на|в|у|en|im|bei|de|'de|da|في|ب)? ?" + _SPEL + r"\b|"
    r"\b" + _SPEL + r"\w*(?: \w+){0,3} (?:(?:heeft|hebben) (?:\w+ ){0,2}(?:me|mij) (?:\w+ ){0,1}(?:vermoord|gekild|gekilld|afgemaakt)|"
    r"(?:killed|murdered|shot) me|beni (?:\w+ )?(?:oldurdu|vurdu)|(?:zabil|zabila|zabili) mnie|mnie (?:zabil|zabila|zabili)|"
    r"(?:вбив|вбила|убил|убила) (?:мене|меня)|(?:мене|меня) (?:вбив|вбила|убил|убила)|"
    r"(?:hat|haben) mich (?:\w+ ){0,2}(?:getotet|gekillt|umgebracht)|me (?:mato|mataron|ha matado)|قتلني|قتلوني)\b"
))

# "ik ga dood van de stress / van die toets", "I'm dying of this homework".
_DOOD_VAN_SCHOOLWERK = re.compile(fold(
    r"\b(?:ik ga|ga ik|ik ben) (?:\w+ ){0,2}dood van (?:de |die |het |dat |deze |mijn |mn )?"
    r"(?:stress|verveling|de zenuwen|zenuwen|" + _SCHOOLWERK + r")\b"
))


# "if my brother nicks my charger once more I'll kill him 😂 but seriously, ..." (checklist13, nl
# and pl): a threat against a brother or sister in a message that laughs or says "but seriously"
# is a figure of speech. Only the threat phrase is taken out; anything else still counts.
_BROER_OF_ZUS = re.compile(fold(
    r"\b(?:broer\w*|zus|zusje|zussen|brother\w*|sister\w*|bro|sis|bruder|schwester\w*|brat|brata|bratu|bratem|"
    r"siostr\w*|hermano\w*|hermana\w*|kardes\w*|abim|ablam|брат\w*|сестр\w*|اخوي|اخي|اختي|خيي)\b"
))
_GRAP = re.compile(fold(
    r"\b(?:haha\w*|hah|lol|lmao|xd+|jk|grapje|geintje|jaja\w*|hehe\w*|хаха\w*|ахах\w*|ههه\w*|"
    r"(?:maar|but|aber|a|pero|ama|але|но|بس) (?:\w+ ){0,2}(?:serieus|seriously|serio|ernsthaft|ehrlich|cidden|"
    r"серйозно|серьезно|جد))\b"
))
_DREIGING_BROER = re.compile(fold(
    r"\b(?:(?:vermoord|vermoorden) (?:ik|we) (?:\w+ )?(?:hem|haar)|ik vermoord (?:hem|haar)|"
    r"(?:maak|maken) (?:ik|we) (?:hem|haar) (?:\w+ )?(?:af|dood)|ik maak (?:hem|haar) (?:\w+ )?(?:af|dood)|"
    r"(?:i'?ll|i will|im gonna|i'?m gonna|gonna|going to) (?:\w+ ){0,1}(?:kill|murder) (?:him|her)|"
    r"(?:go|ja|ją) (?:\w+ ){0,1}zabij[eę]|zabij[eę] (?:go|ja|ją)|"
    r"(?:bring|bringe) ich (?:ihn|sie) (?:\w+ ){0,1}um|ich (?:bring|bringe) (?:ihn|sie) (?:\w+ ){0,1}um|"
    r"onu (?:\w+ ){0,1}(?:oldururum|oldurucem|oldurecegim|gebertirim)|"
    r"(?:lo|la) (?:mato|voy a matar)|"
    r"(?:його|її|его|ее) (?:\w+ ){0,1}(?:вб'?ю|уб'?ю|убью)|"
    r"(?:رح|ح|راح) (?:اقتله|اقتلها|اذبحه|اذبحها))\b"
))


def _first_signal(normalised: str) -> Optional[CrisisSignal]:
    for kind, taal, pattern in _COMPILED:
        if pattern.search(normalised):
            return CrisisSignal(kind=kind, pattern=pattern.pattern, taal=taal)
    return None


def detect_crisis(text: Optional[str]) -> Optional[CrisisSignal]:
    """The first crisis kind whose patterns match the message (in any language), or None.
    Schoolwork "that kills me" is not a signal (see ``_SCHOOLWERK_DOODT``)."""
    if not text:
        return None
    normalised = normalise(text)
    signal = _first_signal(normalised)
    if signal is not None:
        rest = _figures_of_speech_out(normalised)
        if rest != normalised:
            signal = _first_signal(rest)
    return signal


# Someone else's suicide attempt years ago, told as over ("een klasgenoot die twee jaar geleden
# een zelfmoordpoging deed. Het gaat nu goed met haar": a complaint about a mentor lesson,
# checklist19 in seven languages). Only with both the years and the "well now", and never with
# "again", "lately" or a day that is now (today, yesterday, tonight); only the attempt words go,
# anything else still counts.
_JAREN_GELEDEN = re.compile(fold(
    r"\b(?:(?:twee|drie|vier|vijf|een paar|\d+) jaar geleden|vorig jaar|"
    r"(?:two|three|four|five|a few|\d+) years ago|last year|"
    r"vor (?:zwei|drei|vier|funf|ein paar|\d+) jahren|letztes jahr|"
    r"hace (?:dos|tres|cuatro|cinco|unos|\d+) anos|el ano pasado|"
    r"(?:dwoch|trzech|czterech|pieciu|kilku|\d+) lat|sprzed (?:dwoch|trzech|kilku|\d+) lat|w zeszlym roku|"
    r"(?:iki|uc|dort|bes|birkac|\d+) yil once|gecen yil|"
    r"(?:два|три|чотири|пять|п'ять|кілька|\d+) (?:роки|років|года|лет) (?:тому|назад)|минулого року|"
    r"(?:من|قبل) (?:سنتين|\d+ سنين|كم سنة|سنة)|السنة الماضية)\b"
))
_NU_GOED = re.compile(fold(
    r"\b(?:(?:gaat|is) (?:het )?(?:nu |inmiddels |weer )*goed|"
    r"(?:is|s|'s) (?:doing )?(?:fine|well|ok|okay|better) now|(?:fine|well|ok|okay|better) now|doing (?:fine|well)|"
    r"geht es (?:ihm |ihr )?(?:heute |jetzt |wieder )*gut|"
    r"(?:ya )?esta (?:bien|mejor)|"
    r"ma sie (?:juz )?dobrze|czuje sie (?:juz )?dobrze|juz (?:jest )?dobrze|"
    r"(?:simdi|artik) iyi|iyi durumda|"
    r"(?:все|усе|всё) (?:добре|хорошо)|зараз (?:все )?добре|"
    r"منيحة|منيح|بخير|كويسة|كويس)\b"
))
_WEER_OF_LAATST = re.compile(fold(
    r"\b(?:weer|opnieuw|laatste tijd|again|lately|wieder|erneut|otra vez|de nuevo|znowu|znow|"
    r"tekrar|yine|знову|снова|опять|مرة ثانية|من جديد|رجع|"
    r"gisteren|vandaag|vannacht|vanavond|yesterday|today|tonight|gestern|heute|ayer|hoy|esta noche|"
    r"wczoraj|dzisiaj|dzis|dun|bugun|bu gece|вчора|сьогодні|сьогодня|вчера|сегодня|امبارح|اليوم|الليلة)\b"
))
_POGING = re.compile(fold(
    r"\b(?:zelfmoord\w*|suicid\w*|suizid\w*|samob\w*|intihar\w*|"
    r"(?:take|took|end|ended) (?:his|her|their) (?:own )?life|tried to kill (?:himself|herself|themselves)|"
    r"покінчити з собою|покончить с собой|самогуб\w*|суицид\w*|"
    r"تنتحر|انتحر\w*|الانتحار|انتحار)\b"
))


# A knife as a kitchen tool: cut while cooking in a cooking lesson ("in de kookles met een mes in
# zijn duim gesneden en niemand heeft mij gebeld": blind9), with no threat or stab in the message.
_KOKEN = re.compile(fold(r"\b(?:kookles\w*|kooklokaal|kookklas|(?:de )?les koken|bij koken|consumptief|snijplank|"
                         r"(?:uien|ui|brood|fruit|appels?|groenten?) (?:te )?snijden|cooking (?:class|lesson))\b"))
_DREIGING_MES = re.compile(fold(r"\b(?:dreig\w*|bedreig\w*|zwaai\w*|richtte|achterna|(?:ge)?stoken|stak|steken|"
                                r"steekt|threat\w*|stab\w*|waved|pointed)\b"))
_MES_WOORD = re.compile(r"\b(?:mes|messen|keukenmes|knife|knives)\b")


def zonder_kookmes(text: str) -> str:
    """The (normalised) text without the knife of a cooking lesson; unchanged with a threat in it."""
    return _MES_WOORD.sub(" ", text) if _KOKEN.search(text) and not _DREIGING_MES.search(text) else text


def _figures_of_speech_out(normalised: str) -> str:
    """The message with the schoolwork figures of speech above replaced by a space."""
    if _JAREN_GELEDEN.search(normalised) and _NU_GOED.search(normalised) and not _WEER_OF_LAATST.search(normalised):
        normalised = _POGING.sub(" ", normalised)
    rest = _DOOD_VAN_SCHOOLWERK.sub(" ", _SCHOOLWERK_DOODT.sub(" ", normalised))
    if _SCHOOLWERK_WORD.search(normalised):
        rest = _LERAAR_DOODT.sub(" ", rest)
    if _SCHOOLWERK_WORD.search(normalised) or _LERAAR_WORD.search(normalised):
        rest = _STERF_BIJ_SCHOOLWERK.sub(" ", rest)
    if _LACH_OF_HERKANSING.search(normalised):
        rest = _CIJFER_DOODT.sub(" ", rest)
    rest = _IN_SPEL_GEDOOD.sub(" ", rest)
    if _GRAP.search(normalised) and _BROER_OF_ZUS.search(normalised):
        rest = _DREIGING_BROER.sub(" ", rest)
    rest = _ONDERWERP_VERHAAL.sub(" ", rest)
    if _VERHAAL_WORD.search(normalised):
        rest = _THEMA_OF_SCENE.sub(" ", rest)
    return _ONDERWERP_SCHIETPARTIJ.sub(" ", zonder_kookmes(rest))


# ---------------------------------------------------------------------------------------------
# Insults others wrote: the help lines, but no acute-danger signal on the record
# ---------------------------------------------------------------------------------------------

# A death wish thrown at someone ("ga dood", "kys"), not said of oneself.
_SCHELDWOORD = re.compile(
    r"\b(?:ga|gaat|moet|moet je|je moet|jij moet|mag|mag je) (?:\w+ )?dood\b|\bkys\b|"
    r"\bkill (?:your ?self|urself)\b|\b(?:hang|maak) (?:je|jezelf) (?:op|van kant|dood)\b")
# What others wrote or shouted: "ze schrijven dingen als …", "ze riepen …", "reacties als …".
_GESCHREVEN_DOOR_ANDEREN = re.compile(
    r"\b(?:dingen|woorden|berichten|reacties|comments?|opmerkingen|teksten) (?:als|zoals)\b|"
    r"\b(?:schrijven|schreven|schrijft|schreef|noemen|noemden|noemt|roepen|riepen|roept|typen|"
    r"typten|typt|scholden|schelden|zetten|zette|posten|postten)\b")
_IK = re.compile(r"\b(?:ik|me|mij|mezelf|mijzelf|mn ?zelf|mijn ?zelf)\b")
_CITAAT = re.compile(r"['\"‘’“”„]([^'\"‘’“”„]{1,80})['\"‘’“”„]")


def alleen_in_scheldwoorden(text: Optional[str]) -> bool:
    """Whether the crisis patterns match a message only in a death wish others threw at the
    person ("ze schreven 'ga dood' in de groepsapp", "ze schrijven dingen als varken en ga
    dood"). The safety net still shows the help lines for it (``detect_crisis`` is not
    changed); only the record's acute-danger signal is left off. Anything the person says of
    themselves ("ik", "me"), or any other crisis words in the message, keep the signal.
    """
    if detect_crisis(text) is None:
        return False
    lowered = " ".join(fold((text or "").lower()).split())

    def zonder_scheldwoord(match: "re.Match[str]") -> str:
        inner = match.group(1)
        return " " if _SCHELDWOORD.search(inner) and not _IK.search(inner) else match.group(0)

    lowered = _CITAAT.sub(zonder_scheldwoord, lowered)
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", lowered):
        marker = _GESCHREVEN_DOOR_ANDEREN.search(sentence)
        if marker:
            rest = sentence[marker.end():]
            if not _IK.search(rest):
                sentence = sentence[:marker.end()] + _SCHELDWOORD.sub(" ", rest)
        kept.append(sentence)
    return detect_crisis(" ".join(kept)) is None
