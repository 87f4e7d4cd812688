"""Readers of the facts that change the advice, over the person's own words (no Rasa).

Each reader takes the person's text (the story, the answers) and returns what the text makes
clear: ``True`` or ``False`` when it is clear, ``None`` when it is not, so that the bot asks one
short question only then (``actions/feiten.py``). Chat spelling ("mn", "gwn", "gister") is
understood. The facts, and why they matter under the regulation (``scol-klachtenregeling.md``):

- ``lees_datum`` (``wegwijzer.wanneer``): when it happened, as a date (art. 7 lid 2: a complaint
  within a year after the conduct, unless the committee decides otherwise).
- ``lees_examen``: an exam matter (school exam, PTA, central exam, a grade or decision that counts
  for the diploma) goes to the exam appeal committee, not the complaint regulation (Inleiding).
  An ordinary test or the transition report is not an exam.
- ``lees_personeel`` / ``lees_seksueel`` / ``lees_leerling_betrokken``: behaviour by a staff
  member, whether it is sexual, whether a pupil is the one affected: together they decide the
  vertrouwensinspecteur duty (toelichting art. 15 lid 3), which is for sexual offences only.
- ``lees_strafbaar``: a possible crime (violence, threats, images, theft, sexual assault): the
  police are offered (art. 3 lid 3).
- ``lees_huiselijk_geweld``: violence at home: Veilig Thuis (contract §5).
- ``lees_minderjarig``: a pupil's age from the class or the age they name.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from wegwijzer.antwoorden import is_oud_leerling
from wegwijzer.chattaal import matches_any as _any, normaliseer
from wegwijzer.safety import zonder_kookmes
from wegwijzer.wanneer import datum_uit

# ---- exam -----------------------------------------------------------------------------------

_EXAMEN_JA = (
    r"\bschool ?examen", r"\bse'?s?\b", r"\bpta\b", r"\bcentra(al|le) examen", r"\bce\b",
    r"\beind ?examen", r"\bexamen", r"\bherexamen", r"\bprofielwerkstuk", r"\bpws\b",
    r"\b(telt|tellen|telde|meetelt|meetellen) (\w+ ){0,2}(mee )?voor (\w+ )?(diploma|examen|schoolexamen|se|eindcijfer)",
    r"\bdiploma\b", r"\bgezakt\b", r"\bgeslaagd\b(?! (deze|vorige|afgelopen) )", r"\bzakken voor\b",
    r"\bcombinatiecijfer", r"\b(examen)?uitslag\b",
)
# A test, the transition report, the school advice of group 8: not an exam (an ordinary
# complaint about a grade).
_EXAMEN_NEE = (
    r"\bovergang", r"\bblijven zitten\b", r"\bblijf (\w+ )?zitten\b", r"\bbleef zitten\b",
    r"\bzittenblijven\b", r"\bproefwerk", r"\btoets", r"\bschooladvies", r"\brapport\b",
    r"\btest\b", r"\boverhoring", r"\bso\b", r"\bcito\b", r"\bdoorstroomtoets",
    r"\bcijfer", r"\bbeoordeel", r"\bbeoordeling", r"\bnagekeken\b",
)


# An exam named to say it is NOT one: "een gewone toets, geen SE ofzo", "geen examen", "het telt
# niet mee voor het examen" (blind3: two ordinary tests were sent to the exam appeal committee).
_GEEN_EXAMEN = re.compile(
    r"\b(?:(?:geen|geen echt|geen echte|niet een|niet het) |niet voor (?:het |een |de )?|"
    r"(?:telt|tellen|telde) (?:\w+ ){0,2}niet (?:mee )?voor (?:het |de |een |je |mijn |haar |zijn )?)"
    r"(?:school ?examen\w*|se'?s?|pta(?:[- ]?toets)?|examen\w*|eind ?examen\w*|ce|diploma|eindcijfer)\b"
    r"(?: ?ofzo| of zo| of iets)?")


def lees_examen(text: str | None) -> Optional[bool]:
    """An exam matter: True (exam words), False (only words of an ordinary grade), None."""
    t = _GEEN_EXAMEN.sub(" ", normaliseer(text))
    # "ik ben deze zomer geslaagd" says who is speaking, not what the complaint is about.
    t = re.sub(r"\b(ik ben|ben ik) (\w+ ){0,2}geslaagd\b", " ", t)
    if _any(_EXAMEN_JA, t):
        return True
    if _any(_EXAMEN_NEE, t):
        return False
    return None


# ---- staff, the nature of the behaviour, the pupil -----------------------------------------

_PERSONEEL = (
    r"\b(de |een |mijn |mn |onze |haar |zijn |die )?(docent|leraar|lerares|leerkracht|juf|juffrouw|meester|meneer|mevrouw|mentor|mentrix|"
    r"directeur|directrice|adjunct|conci[eë]rge|teamleider|afdelingsleider|gymleraar|gymleerkracht|gymdocent|"
    r"surveillant|onderwijsassistent|assistent|begeleider|co[oö]rdinator|zorgco[oö]rdinator|stageco[oö]rdinator|"
    r"decaan|invaller|invalkracht|stagiair|stagiaire|examensecretaris|examencommissie|rector|conrector|"
    r"intern begeleider|ib'er|personeelslid|collega|schoolleiding|overblijfjuf|overblijfmoeder|oppas|trainer)s?\b",
    r"\b(teacher|head teacher|headteacher|principal|caretaker|teaching assistant|team leader|staff member|"
    r"member of staff|school staff|pe teacher|gym teacher|coach|substitute teacher|intern)s?\b",
)
_LEERLINGEN = (
    r"\b(jongen|jongens|meisje|meisjes|klasgeno\w+|klasgenoot|leerling|leerlingen|kinderen|kind|"
    r"vriend|vrienden|vriendin|vriendinnen|gasten|een groep|groepje|ouder|ouders|vader|moeder)\b",
    r"\b(boy|boys|girl|girls|classmates?|students?|pupils?|children|child|kids?|friends?|a group|"
    r"parents?|father|mother)\b",
)
# Grooming in the adult's words: sexual, and a possible crime (art. 248e Sr), whatever the category
# guess: mature for her age, older than she is (blind2, after the guess lost seksuele_intimidatie on
# new training data), a secret between them.
_GROOMING = (
    r"\bvolwassen voor (mijn|je|haar|zijn) leeftijd\b", r"\baan niemand (mag|mogen) (zeggen|vertellen)\b",
    r"\bouder (lijkt|lijken|overkomt|overkomen) dan (ze|hij|je|jij|ik) (is|bent|ben|zijn)\b",
    r"\btussen (ons|hen|jullie|hun) (twee )?(moet |moeten |mag |te )?(houden|blijven)\b",
    # blind7: a gym teacher's Instagram messages to a girl of 14, told by the GGD nurse
    r"\b(blijft|blijven|houden we|houden) (dit |het )?(\w+ )?tussen (ons|jou en mij)\b",
    r"\b(bent|ben|is) (echt |zo |heel )?(mooi|knap|volwassen) geworden\b",
    r"\b(bij hem|bij haar) (thuis )?langs (wil |zou |mag )?(komen|te komen)\b",
)
_SEKSUEEL = (
    r"\bseks", r"\bseksu", r"\baangeraakt\b", r"\braakte? (\w+ ){0,2}aan\b", r"\baanraakt?\b", r"\baanraken\b", r"\bbetast", r"\bbetastte",
    r"\bzat aan (me|mij|mijn|haar|hem)\b", r"\bzit aan (me|mij|mijn|haar)\b", r"\bzitten aan\b",
    r"\bbillen\b", r"\bborsten\b", r"\bkont\b", r"\bkruis\b", r"\bbovenbeen\b", r"\bgezoend\b", r"\bzoende\b",
    r"\bzoenen\b", r"\bkus(sen|te)?\b", r"\bnaakt", r"\bnudes?\b", r"\bdickpics?\b", r"\bonder (mijn|haar|de) rok\b",
    r"\bonderbroek\b", r"\bomkleden\b", r"\bomkleedde\b", r"\bmisbruik", r"\bverkracht", r"\baangerand",
    r"\bflirt", r"\b(zo |heel )?(mooi|knap|sexy|lekker) (ben|bent|is|vindt)\b", r"\bzegt dat ik (zo |heel )?(mooi|knap|sexy|bijzonder)\b",
    *_GROOMING, r"\bons geheim", r"\bgeheimpje\b", r"\bfoto'?s (wil|moet|sturen|te sturen)\b",
    r"\bwil afspreken\b", r"\bafspreken in het weekend\b", r"\bte dicht(bij)?\b", r"\bcadeautjes?\b",
    r"\bopmerkingen over (mijn|haar|zijn) (lichaam|uiterlijk|borsten|kont)\b", r"\bintiem",
    r"\bgrensoverschrijdend\b(?=.*\b(aanr|seks|lichaam))",
)


def lees_personeel(betrokkenen: str | None, verhaal: str | None) -> Optional[bool]:
    """Is the complaint about a staff member? True when the answer "wie?" names one; False when it
    names only pupils or parents, or nobody of the staff appears at all; None when only the story
    names staff (they may be the ones who helped)."""
    b = normaliseer(betrokkenen)
    if _any(_PERSONEEL, b):
        return True
    if b and _any(_LEERLINGEN, b):
        return False
    return None if _any(_PERSONEEL, normaliseer(verhaal)) else False


# Who holds a route of the ladder, named among the people involved.
_ROUTE_HOUDERS = {"mentor": r"\b(mentor|mentrix|mentoraat|stagebegeleider)\b",
                  # also "de locatiedirecteur", "adjunct-directeur", "de schoolleider" (blind9)
                  "directeur": r"\b(\w*directeur|\w*directrice|rector|schoolleider|locatieleider)\b",
                  # the helpers themselves complained about (blind7: a contact person who broke a
                  # confidence, a vertrouwenspersoon who let a pupil wait eight weeks)
                  "contactpersoon": r"\bcontactpersoon\b", "vertrouwenspersoon": r"\bvertrouwenspersoon\b",
                  # a member of the school board (blind9), not of a parents' or sports club's board
                  "bevoegd_gezag": r"\b(bestuurder|bestuurslid|college van bestuur|cvb|(lid|voorzitter) van het (school)?bestuur)\b"
                                   r"(?! van (de|het|onze) (ouderraad|oudervereniging|vereniging|club|sportclub|mr|gmr|stichting vrienden))"}


# Care staff above the class teacher in care matters (the IB'er who made a plan, the
# zorgcoördinator): not a route of the ladder, but the mentor is no step above them (blind7).
ZORGSTAF = "zorgstaf"
_ZORGSTAF = r"\b(intern(e)? begeleider|ib ?'?(er|ers)|ib-er|zorgco(o|ö)rdinator|zorgco|orthopedagoog)\b"


def lees_betrokken_routes(betrokkenen: str | None) -> list[str]:
    """The ladder's routes held by people the answer to "wie waren erbij betrokken?" names
    ("een groepje meiden en de mentor" → mentor): the complaint is (also) about them; and
    ``ZORGSTAF`` when it names care staff."""
    b = normaliseer(betrokkenen)
    routes = [route for route, pattern in _ROUTE_HOUDERS.items() if re.search(pattern, b)]
    return routes + [ZORGSTAF] if re.search(_ZORGSTAF, b) else routes


def lees_seksueel(text: str | None) -> bool:
    """Sexual behaviour or sexual approach (touching, kissing, images, grooming)."""
    return _any(_SEKSUEEL, normaliseer(text))


# A staff member named by the class they teach ("leerkracht van groep 7"): no pupil in it.
_LEERKRACHT_VAN = re.compile(r"\b(?:leerkracht|leraar|lerares|juf|meester|docent\w*|mentor)\s+(?:(?:van|uit|in)\s+)?"
                             r"(?:de\s+)?(?:groep|klas)\s+\d\w*")


def lees_leerling_betrokken(text: str | None) -> bool:
    """Whether a pupil (a child) is the one affected, in a story told by staff or another adult."""
    return _any((r"\bleerling", r"\b(meisje|jongen|kind) (van|uit)\b", r"\buit (de |mijn |zijn |haar )?klas\b",
                 r"\b(klas|groep) \d", r"\b\d ?(havo|vwo|vmbo|mavo|gym)\b", r"\bvan (1[0-7]|[4-9])( jaar)?\b"),
                _LEERKRACHT_VAN.sub(" ", normaliseer(text)))


# ---- possible crime, violence at home ---------------------------------------------------------

# Someone coming into a child's room or bed at night.
_NACHT_KAMER = (r"\b(komt|kwam|komen) (\w+ ){0,2}('?s ?nachts|snachts|'s avonds laat|in de nacht) (\w+ ){0,2}"
                r"(op|in|naar|bij) (mijn|mn|m'n|haar|zijn) (kamer|bed|slaapkamer)\b")
# Clear: a crime is possible, the police are offered.
_STRAFBAAR_JA = (
    r"\bin elkaar (ge)?(slagen|geslagen|getrapt|geschopt|sloegen)\b", r"\bgebroken\b", r"\bmishandel",
    r"\bmes(sen)?\b", r"\bwapen", r"\bsteken\b", r"\bneergestoken\b", r"\b(maak|maken) (je|jou|me|mij) (dood|kapot)\b",
    r"\b(me|mij|je) kapot (maken|slaan)\b", r"\bvermoord", r"\bweet waar (je|jij|ik|hij) (woont|woon|auto)",
    r"\bweet waar je auto staat\b", r"\bnaaktfoto", r"\bnaakt", r"\bnudes?\b", r"\bdickpics?\b",
    # a fake nude made with an app ("een nepnaaktfoto van mij", "deepfake"): blind4
    r"\b\w+naakt(foto|beeld|video|filmpje)", r"\bdeep ?fakes?\b",
    r"\bonder (mijn|haar|de) rok\b", r"\bgefilmd (\w+ ){0,3}(kleedkamer|omkleden|wc|douche)",
    r"\b(kleedkamer|omkleedde|omkleden|onderbroek)\b.*\bgefilmd\b|\bgefilmd\b.*\b(kleedkamer|omkleedde|onderbroek)\b",
    # a photo or film of someone changing or showering (art. 139h Sr): blind5
    r"\b(foto|fotos|foto's|filmpje|video|filmde|filmen|fotografeerde)\b.{0,80}\b(kleedkamer|omkleedde|omkleden|"
    r"omkleedden|douche|douchen|(?<!naar de )wc)\b|\b(kleedkamer|omkleedde|omkleden|omkleedden|douche|douchen)\b.{0,80}\b(foto|fotos|"
    r"foto's|filmpje|video|gefilmd|gefotografeerd)\b",
    r"\bfoto'?s (wil|moet|te) ?(sturen)?", r"\bbetast", r"\baangerand", r"\bverkracht", r"\bmisbruik",
    r"\bzat aan (me|mij|mijn|haar)\b", r"\bgehackt\b", r"\bwachtwoord", r"\bgestolen\b", r"\bdiefstal\b",
    r"\bsteelt\b", r"\bafpers", r"\b(geld|zakgeld) (moet )?(af)?geven\b", r"\bafgeven aan\b",
    r"\bvapes? verkopen\b", r"\bdrugs\b", r"\bdealen\b", r"\bsloegen (me|mij|hem|haar)\b",
    r"\bgeslagen (met|door)\b", r"\bslaat (me|mij|hem|haar)\b", r"\bmet (zijn|haar|een) riem\b",
    r"\bzeggen dat ze (mijn|zijn|haar) \w+ (pakken|kapot)", r"\bklappen krijgt\b",
    r"\baanraakt\b.*\bgeheim|\bgeheim.*\baanraakt\b", r"\bhand op (haar|mijn|zijn) (bovenbeen|been|billen)\b",
    *_GROOMING, r"\bbedreigd door\b", r"\bbedreigt (me|mij)\b",
    # Someone who comes into a child's room at night and does things the child does not want
    # (blind8: a mother's boyfriend, told by a girl of groep 8)
    _NACHT_KAMER, r"\bdingen (met (me|mij|haar|hem) )?(\w+ ){0,2}die (ik|ze|zij|hij) niet (wil|wilde|wou)\b",
    # Grabbing someone by the throat (blind6: a father in the corridor, now)
    r"\bbij (de|haar|zijn|mijn|m'n|mn|z'n|d'r|je) (\w+ )?keel\b", r"\bgewurgd\b", r"\bwurg",
    # A threat of violence in the threatener's words, and a threat told as such.
    r"\bsla (ik )?(je|jou|jullie|hem|haar) (\w+ )?(kapot|in elkaar|verrot|dood)\b",
    r"\bweet (ik )?(je|jou|jullie) (wel )?te vinden\b",
    r"\bdreig\w* (mij|me|hem|haar|ons|jou|je) (iets )?(aan te doen|pijn te doen|te slaan|in elkaar)",
    # Asking a child for pictures in underwear or undressed.
    r"\bfoto\w* (\w+ ){0,3}(in (mijn|m'n|mn|je|haar|zijn) )?(onderbroek|ondergoed|bh|blote)\b",
    r"\b(onderbroek|ondergoed)\w*foto",
    r"\bknife\b", r"\bweapon", r"\bstolen\b", r"\bstole\b", r"\bbeaten up\b", r"\bsexual abuse\b",
    r"\bnude (photo|picture)s?\b", r"\bthreaten(ed|s)? to kill\b",
)
# Held by force and kissed or touched sexually (aanranding, art. 246 Sr; blind9: an intern
# grabbed by her placement boss, who tried to kiss her).
_VASTGEPAKT = r"(vastgepakt|vastgegrepen|(pakte|greep|hield) (me|mij|haar|hem) (\w+ ){0,5}?vast|tegen (de muur|zich aan) (gedrukt|getrokken))"
_SEKSUEEL_AAN = r"(zoen|kus|betast|borsten|kont|kruis|billen|tussen (mijn|haar) benen)"
_AANRANDING = rf"\b{_VASTGEPAKT}\b.{{0,120}}\b{_SEKSUEEL_AAN}|\b{_SEKSUEEL_AAN}\w*\b.{{0,120}}\b{_VASTGEPAKT}\b"
# Maybe: ask the person.
_STRAFBAAR_MISSCHIEN = (
    r"\bslaan\b", r"\bsloeg\b", r"\bgeslagen\b", r"\bschop", r"\bgeschopt\b", r"\bduw", r"\bgeduwd\b",
    r"\bdreig", r"\bbedreig", r"\bpijn gedaan\b", r"\bblauwe plek", r"\bkras (over|op)\b",
    r"\bgefilmd\b", r"\bfilmpje\b", r"\bknijp", r"\bgrijp",
    r"\bgegrepen\b", r"\baanraakt?\b", r"\baangeraakt\b", r"\bvastgepakt\b",
    # "geweld op het plein" may be a fight or a wrestling game (blind8): ask, don't assume
    r"\bgeweld\b",
    r"\bhit\b", r"\bhits\b", r"\bkick(ed|s)?\b", r"\bpush(ed|es)?\b", r"\bthreat", r"\bhurt\b",
    r"\bgrabbed\b", r"\btouched\b",
)


# The person considers or made a report to the police ("ik overweeg aangifte").
_AANGIFTE = (r"\b(overweeg|wil|ga|gaan|willen|wilt|denk aan|denken aan) (?:(?!geen\b|niet\b)\w+ ){0,2}aangifte\b",
             r"(?<!geen )\baangifte (\w+ ){0,2}(doen|gedaan)\b",
             r"\b(kan|kun|kunnen|mag|moet) (ik|je|we|u) (\w+ ){0,3}aangifte\b")


def lees_strafbaar(text: str | None) -> Optional[bool]:
    """A possible crime: True (clear), None (violence or threats of unclear weight: ask), False."""
    t = zonder_kookmes(normaliseer(text))
    if _any(_STRAFBAAR_JA, t) or re.search(_AANRANDING, t):
        return True
    if _any(_STRAFBAAR_MISSCHIEN, t):
        return None
    return False


_THUIS = (
    r"\b(mijn|mn) (vader|moeder|stiefvader|stiefmoeder|papa|mama|broer|oom|vriend van mijn moeder) "
    r"(slaat|schopt|sloeg|mishandelt|misbruikt|bedreigt|knijpt)",
    r"\bthuis (\w+ ){0,4}(geslagen|geschopt|mishandeld|misbruikt|niet veilig|onveilig|geweld)",
    r"\b(slaat|schopt|sloeg) (me|mij|hem|haar) thuis\b", r"\bhuiselijk geweld\b",
    # Another child's home, told by a parent or friend (blind6: "dat haar stiefvader haar slaat"):
    # the parent hits the child ("zijn vader bedreigt mij" at school is not this).
    r"\b(zijn|haar|hun) (vader|moeder|stiefvader|stiefmoeder|papa|mama|ouders) (\w+ )?(hem|haar|ze|hen) "
    r"(slaat|slaan|sloeg|schopt|schopte|mishandelt|mishandelen|misbruikt)\b",
    r"\b(zijn|haar|hun) (vader|moeder|stiefvader|stiefmoeder|papa|mama|ouders) "
    r"(slaat|slaan|sloeg|schopt|schopte|mishandelt|mishandelen|misbruikt) (hem|haar|ze|hen)\b",
    r"\bwil niet naar huis\b.*\b(slaat|geslagen|bang)\b|\b(slaat|geslagen|bang)\b.*\bwil niet naar huis\b",
    # blind7: a youth worker with a girl of 13 whose mother's boyfriend hit her this morning and
    # who dares not go home tonight
    _NACHT_KAMER,
    r"\bdurf\w* (\w+ ){0,2}niet (meer )?naar huis\b(?![^.!?]{0,30}\b(onvoldoende|cijfer|rapport|toets|proefwerk)\b)",
    r"\b(de |haar |zijn |mijn |mn )?(vriend|partner) van (haar|zijn|mijn|mn) (moeder|vader|mama|papa)\b[^.!?]{0,40}"
    r"\b(slaat|sloeg|geslagen|schopt|geschopt|mishandelt|mishandeld|misbruikt)\b",
)


def lees_huiselijk_geweld(text: str | None) -> bool:
    """Violence or abuse at home."""
    return _any(_THUIS, normaliseer(text))


# ---- age ------------------------------------------------------------------------------------

_OUD_LEERLING = (
    r"\boud[- ]?leerling", r"\bex[- ]?leerling", r"\bik zat (daar |hier )?vroeger\b", r"\bvroeger (les|op (deze|die|jullie) school)\b",
    r"\bik zat (daar |hier )?tot (19|20)\d\d\b", r"\bik zit niet meer op\b", r"\bik ben (deze zomer |vorig jaar |in \w+ )?geslaagd\b",
    r"\btoen ik (daar |nog )?(op school|leerling) (zat|was)\b", r"\bik ben van school af\b",
    r"\b(al|nu) van (de |die |mijn )?school af\b",
)


def lees_oud_leerling(text: str | None) -> bool:
    """A former pupil speaking ("ik ben oud-leerling", "ik zat daar vroeger", "ik ben geslaagd"),
    also in the words that make a first message a former pupil's (``antwoorden.is_oud_leerling``)."""
    return _any(_OUD_LEERLING, normaliseer(text)) or is_oud_leerling(text)


# Someone outside the school community: a neighbour, a local resident (blind1, blind3).
_BUITEN_SCHOOL = (
    r"\b(ik ben|als|wij zijn|we zijn) (de |een |zijn |haar )?(buurman|buurvrouw|buren|omwonenden?)\b",
    r"\b(buurman|buurvrouw|buren|omwonenden?) van (de|jullie|uw|het|deze|die) school\b",
    r"\b(ik woon|wij wonen|we wonen) (\w+ ){0,2}(naast|tegenover|achter|bij|vlakbij|vlak bij|om de hoek van) "
    r"(de|jullie|uw|het|deze|die) school\b",
    r"\bi live (\w+ ){0,2}(next to|opposite|behind|near|across from) (the|your|this) school\b",
    r"\bi('m| am) (a |the )?neighbou?r\b",
)


# A wish for mediation by someone neutral, not a meeting at school ("dat iemand onafhankelijk
# meekijkt en bemiddelt" against "een gesprek met de zorgcoördinator erbij"): blind1, blind4.
_NEUTRALE_BEMIDDELING = (r"\bbemiddel", r"\b(onafhankelijk|neutra\w*|onpartijdig\w*)\b", r"\biemand van buiten\b",
                         r"\bmediat", r"\b(independent|neutral)\b")


def lees_neutrale_bemiddeling(text: str | None) -> bool:
    """Whether the person asks for mediation by someone neutral."""
    return _any(_NEUTRALE_BEMIDDELING, normaliseer(text))


# Someone who dares not face the person the complaint is about ("ik durf haar niet aan te
# spreken", "ik durf niet naar hem toe"): the contact person is there for exactly that (AMOS:
# a low threshold), so the ladder does not start with talking it over (blind6). First person
# only: a parent whose child dares not can still talk to the teacher.
_DURFT_NIET = (
    r"\bik durf(de)? (haar|hem|die|de \w+|mijn \w+|het) (\w+ )?niet (aan te spreken|te vragen|aan\b|op te bellen|te mailen)",
    r"\bik durf(de)? (het )?niet (naar|tegen|bij) (haar|hem|die \w+|de \w+|mijn \w+)\b",
    r"\bik durf(de)? (haar|hem) niet\b",
    r"\bik durf(de)? niet met (haar|hem|die \w+|de \w+|mijn \w+) te (praten|spreken|bellen)\b",
    r"\b(i (dont|don't|do not|daren'?t) dare|i'?m (too )?(scared|afraid)) to (talk|speak) to (her|him|them|the \w+|my \w+)\b",
)


def lees_durft_niet(text: str | None) -> bool:
    """Whether the person says they dare not speak to someone (the person complained about)."""
    return _any(_DURFT_NIET, normaliseer(text))


# Personal data let out: a report, a diagnosis or a medical letter shared in an app or told to
# the class, a photo published against the parents' no (blind2-blind8: seven such stories).
_DATA = (r"(verslag|dossier|diagnose|onderzoek|rapport|brief (van|over)|medische|gegevens|adres|angststoornis|"
         r"stoornis|adhd|autisme|epilepsie|depressie|foto|fotos|foto's)")
_GEDEELD = (r"(klassenapp|klassen app|ouderapp|ouder app|ouders app|groepsapp|nieuwsbrief|instagram|facebook|"
            r"website|per ongeluk (\w+ ){0,3}(gestuurd|gedeeld|gezet)|rondgestuurd|doorgestuurd)")
_PRIVACY_LEK = (
    rf"\b{_DATA}\b.{{0,120}}\b{_GEDEELD}", rf"\b{_GEDEELD}.{{0,120}}\b{_DATA}\b",
    r"\b(aan|voor|tegen) de (hele )?klas (\w+ ){0,2}verteld\b.{0,80}(stoornis|adhd|autisme|diagnose|ziekte|"
    r"epilepsie|depressie|dyslexie)", r"(stoornis|adhd|autisme|diagnose|ziekte|epilepsie|depressie|dyslexie)\b"
    r".{0,80}\b(aan|voor|tegen) de (hele )?klas (\w+ ){0,2}verteld\b",
)
_PRIVACY_NIET = (r"\b(schold|uitgescholden|pesten|gepest|nep|deepfake|naakt)",)
# Let out by the school: staff or the school itself are named.
_SCHOOL_DOET = (r"\b(juf|meester|mentor|docent|leraar|lerares|leerkracht|intern begeleider|ib'?er|directeur|"
                r"administratie|zorgco\w*|teamleider)\b",
                r"\bde school\b(\s+\S+){0,20}?\s+(gezet|geplaatst|gestuurd|gedeeld|zet|zette|plaatste|stuurde|deelde)\b",
                r"\b(account|pagina|website|nieuwsbrief|instagram|facebook)\w* van (de )?school\b",
                r"\bschool\w*[- ]?(instagram|facebook|website|account|nieuwsbrief)")


def lees_privacy_lek(text: str | None) -> bool:
    """Whether the school let someone's personal data out (the school's failing, the director's
    to put right: a bullies' photo is bullying, not this)."""
    t = normaliseer(text)
    return _any(_PRIVACY_LEK, t) and _any(_SCHOOL_DOET, t) and not _any(_PRIVACY_NIET, t)


# The director speaking for the school ("Als directeur wil ik melden …", "ik ben de directeur").
_MELDER_DIRECTEUR = (r"\b(ik ben|als) (de |een |hier |zelf )?(directeur|directrice|schoolleider|locatiedirecteur|"
                     r"locatieleider|rector|adjunct-directeur|adjunct directeur)\b",)


def lees_melder_directeur(text: str | None) -> bool:
    """Whether the person writing is the school's director."""
    return _any(_MELDER_DIRECTEUR, normaliseer(text))


def lees_buiten_school(text: str | None) -> bool:
    """Someone who tells they live next to the school ("ik ben buurman van de school")."""
    return _any(_BUITEN_SCHOOL, normaliseer(text))


def lees_minderjarig(text: str | None) -> Optional[bool]:
    """A pupil's age from their words: True (primary school, lower classes, an age under 18),
    False (an age of 18 or more), None (upper classes, where pupils can be 17 or 18, or unsaid)."""
    t = normaliseer(text)
    m = re.search(r"\b(ik ben|ben|ik ben al|ik ben nu|nu je toch|nu ik|sinds ik) (\d{1,2})( jaar)?\b", t)
    if m and 6 <= int(m.group(2)) <= 40:
        return int(m.group(2)) < 18
    if re.search(r"\b(meerderjarig|volwassen ben)\b", t):
        return False
    if re.search(r"\b(groep [1-8]|brugklas|brugger|basisschool|[123] ?(havo|vwo|vmbo|mavo|gym|atheneum|gymnasium|tl|kb|bb|kader)|"
                 r"(klas|leerjaar) [123]|4 ?(vmbo|tl|kb|bb|mavo|havo|vwo|gym)|(havo|vwo|vmbo|mavo)[- ]?[1234])\b", t):
        return True
    return None


# ---- the answer to a fact question, and the facts together --------------------------------

WEET_NIET = "weet_niet"
# The fact questions, in the order they are asked (slot names, INTERFACES.md).
FEIT_VRAGEN = ("examen", "betreft_personeel", "mogelijk_strafbaar", "minderjarig")
# Categories whose complaint can be about an exam grade or decision.
_EXAMEN_CATEGORIEEN = {"beoordeling", "strafmaatregel", "begeleiding", "schoolorganisatie", "anders"}
_ERNSTIG = {"seksuele_intimidatie", "agressie_geweld", "discriminatie", "grensoverschrijdend_gedrag"}


def weet_het_niet(text: str | None) -> bool:
    """"weet ik niet", "geen idee", "misschien": the person does not know."""
    return bool(re.match(r"^(ik )?(weet (ik )?(het )?niet|geen idee|misschien|twijfel|idk|geen flauw idee)\b|"
                         r"^(i )?(don'?t|do not) know\b|^dunno\b|^not sure\b|^no idea\b|^maybe\b|^i'?m not sure\b",
                         normaliseer(text).strip(" .!")))


def ja_nee(text: str | None) -> Optional[bool]:
    """"ja" → True, "nee" → False, anything else (also "weet ik niet") → None."""
    t = normaliseer(text).strip(" .!")
    if weet_het_niet(t):
        return None
    if re.match(r"^(ja+|jep|jup|jawel|yes|klopt|zeker|inderdaad|dat klopt|ja hoor|jazeker|yep|ok[eé]?|ya|"
                r"yeah|sure|right|correct|that'?s right|of course|definitely)\b", t):
        return True
    if re.match(r"^(nee+|neen|nope|no|niet|nee hoor|zeker niet|helemaal niet|klopt niet|nah|"
                r"not really|not at all|definitely not)\b", t):
        return False
    return None


def _antwoord(value: object) -> Optional[bool]:
    return value if isinstance(value, bool) else None


def bepaal_feiten(
    *,
    rol: Optional[str],
    categorieen: Iterable[str],
    verhaal: str | None,
    wanneer: str | None = None,
    betrokkenen: str | None = None,
    alle_tekst: str | None = None,
    antwoorden: Optional[dict] = None,
    today: date,
) -> dict:
    """The facts for the advice, from the person's words and their answers to fact questions.

    ``antwoorden`` maps a fact slot to True, False or ``WEET_NIET``. A fact in
    ``FEIT_VRAGEN`` that is ``None`` in the result is uncertain and changes the route: ask it
    (once). Anything answered is kept; "weet ik niet" falls back to the careful default.
    """
    antwoorden = antwoorden or {}
    cats = set(categorieen or [])
    tekst = " ".join(t for t in (verhaal, betrokkenen) if t)
    alles = " ".join(t for t in (alle_tekst, tekst) if t)
    f: dict = {}

    # exam: only where a complaint can be about a grade or decision (not behind a serious matter)
    gelezen = lees_examen(tekst)
    if gelezen is not True and lees_examen(alles) is True:
        # An exam named elsewhere in the conversation (a first message the bot could not
        # place, "mn se cijfer staat verkeerd in magister"), not in the story: ask, don't guess.
        gelezen = None
    if "examen" in antwoorden:
        f["examen"] = _antwoord(antwoorden["examen"])
        if f["examen"] is None:
            f["examen"] = gelezen is True and bool(cats & {"beoordeling", "strafmaatregel"})
    elif cats & _ERNSTIG or not cats & _EXAMEN_CATEGORIEEN:
        f["examen"] = False
    elif gelezen is True:
        f["examen"] = True if cats & {"beoordeling", "strafmaatregel"} else None
    elif gelezen is None and "beoordeling" in cats:
        f["examen"] = None
    else:
        f["examen"] = False

    # the nature of the behaviour and who did it: the zedenzaak decision
    f["seksueel"] = lees_seksueel(tekst) or "seksuele_intimidatie" in cats
    personeel = lees_personeel(betrokkenen, verhaal)
    if "betreft_personeel" in antwoorden:
        f["betreft_personeel"] = _antwoord(antwoorden["betreft_personeel"])
        if f["betreft_personeel"] is None:
            f["betreft_personeel"] = bool(personeel)
    elif personeel is None and not f["seksueel"]:
        f["betreft_personeel"] = False  # does not change the route: not asked
    else:
        f["betreft_personeel"] = personeel
    f["betreft_leerling"] = None if rol in ("leerling", "ouder", "oud_leerling") else lees_leerling_betrokken(tekst)

    # a possible crime
    if "mogelijk_strafbaar" in antwoorden:
        f["mogelijk_strafbaar"] = _antwoord(antwoorden["mogelijk_strafbaar"])
        if f["mogelijk_strafbaar"] is None:
            f["mogelijk_strafbaar"] = lees_strafbaar(tekst) is True
    elif _any(_AANGIFTE, normaliseer(alles)):
        f["mogelijk_strafbaar"] = True  # the person thinks of the police: the route is offered
    else:
        f["mogelijk_strafbaar"] = lees_strafbaar(tekst)
    f["huiselijk_geweld"] = lees_huiselijk_geweld(tekst)
    f["betrokken"] = lees_betrokken_routes(betrokkenen)

    # A "pupil" who says they are a former pupil is advised as one: an adult.
    f["oud_leerling"] = rol == "oud_leerling" or (rol == "leerling" and lees_oud_leerling(alles))
    f["buiten_school"] = rol == "anders" and lees_buiten_school(alles)
    f["neutrale_bemiddeling"] = lees_neutrale_bemiddeling(alles)
    f["durft_niet"] = lees_durft_niet(alles)
    f["melder_directeur"] = rol == "personeel" and lees_melder_directeur(alles)
    # Not the bullies' photos in a class chat (blind8: "foto's van mij in de klassenapp").
    f["privacy_lek"] = lees_privacy_lek(tekst) and not f.get("huiselijk_geweld") \
        and not cats & {"pesten", "cyberpesten"}

    # a pupil's age: asked only where pupils can be 18 (upper classes, mbo, the exam year)
    if rol != "leerling" or f["oud_leerling"]:
        f["minderjarig"] = False
    elif "minderjarig" in antwoorden:
        f["minderjarig"] = _antwoord(antwoorden["minderjarig"])
        if f["minderjarig"] is None:
            f["minderjarig"] = True  # the careful default: the minors' notice
    else:
        leeftijd = lees_minderjarig(alles)
        bovenbouw = re.search(r"\b([56] ?(havo|vwo|gym|atheneum)|(havo|vwo)[- ]?[56]|mbo|examenklas|examenjaar|eindexamen)\b",
                              normaliseer(alles))
        if leeftijd is None and not (bovenbouw or f["examen"]):
            leeftijd = True  # assumed (primary or lower secondary school): not asked
        f["minderjarig"] = leeftijd

    f["datum_gebeurtenis"] = datum_uit(wanneer, verhaal, today)
    return f


def te_vragen(feiten: dict) -> list[str]:
    """The fact questions still to ask: uncertain facts that change the route."""
    return [slot for slot in FEIT_VRAGEN if slot in feiten and feiten[slot] is None]
