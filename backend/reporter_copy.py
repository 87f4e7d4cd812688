"""The reporter's copy (regulation art. 9 lid 2: an oral complaint is written down and the
complainant gets a copy), as plain text for the chat and as a PDF to keep.

Both forms are made from one list of blocks (:func:`copy_blocks`), so they always say the same.
``intake`` is the contract §4 record as the API serialises it (``schemas.intake_to_json``).
When the person wants a formal complaint (``wens`` holds ``formele_klacht``) and did not report
anonymously, a draft letter to the complaints committee follows on a page of its own, holding
what art. 9 lid 3 asks: name and address, date, a description of the complaint.

Each copy carries its making time and a verification code with the address where anyone can
check it (:class:`VerificationMark`, ``backend.verification``); the PDF repeats the code in the
footer of every page.

Plain Dutch (B1; pupils from age 10 read it). The PDF uses the built-in Helvetica, whose
WinAnsi encoding has the Dutch letters (é, ë, ï, ...); paragraphs wrap and flow onto as many
pages as the story needs.
"""
from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, List, Mapping, Optional, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from wegwijzer.advice import aanspreekvorm
from wegwijzer.dates import LOCAL_TZ, dutch_date, dutch_datetime
from wegwijzer.route_texts import ROUTE_NAMEN

TITLE = "Kopie van je melding"
TITLE_U = "Kopie van uw melding"
LETTER_TITLE = "Conceptbrief voor een klacht"
# What the reporter fills in, in the form of address of the copy (je, u).
ADDRESS_PLACEHOLDER = ("[je adres]", "[uw adres]")
NAME_PLACEHOLDER = ("[je naam]", "[uw naam]")
PLACE_PLACEHOLDER = "[plaats]"
COMMITTEE_ADDRESS_PLACEHOLDER = "[adres van de klachtencommissie]"
DEFAULT_COMMITTEE = "De klachtencommissie van het schoolbestuur"
NOT_FILLED_IN = "Niet ingevuld."

# Contract values → short Dutch phrases, one dict per field (the reporter's point of view).
ZINNEN: Mapping[str, Mapping[str, str]] = {
    "rol": {
        "leerling": "leerling",
        "ouder": "ouder of verzorger",
        "personeel": "iemand die op school werkt",
        "anders": "iemand anders",
        "oud_leerling": "oud-leerling",
    },
    "al_ondernomen": {
        "niets": "Nog niets",
        "onderling_overleg": "Zelf gepraat met de ander",
        "mentor": "Gepraat met de mentor of teamleider",
        "contactpersoon": "Gepraat met de contactpersoon",
        "directeur": "Gepraat met de directeur",
        "bevoegd_gezag": "Contact gehad met het schoolbestuur",
        "vertrouwenspersoon": "Gepraat met de vertrouwenspersoon",
        "klachtencommissie": "Contact gehad met de klachtencommissie",
        "anders": "Iets anders",
    },
    "wens": {
        "gehoord_worden": "Dat er naar me geluisterd wordt",
        "advies": "Advies over wat ik kan doen",
        "bemiddeling": "Hulp bij een gesprek met de ander (bemiddeling)",
        "stoppen_gedrag": "Dat het stopt",
        "formele_klacht": "Een officiële klacht indienen",
        "maatregel": "Dat de school maatregelen neemt",
        "excuses": "Excuses",
        "anders": "Iets anders",
    },
}

# The same wishes in the first person, for the draft letter.
WENS_IN_BRIEF: Mapping[str, str] = {
    "gehoord_worden": "dat er naar mij geluisterd wordt",
    "advies": "advies over wat ik kan doen",
    "bemiddeling": "hulp bij een gesprek met de ander (bemiddeling)",
    "stoppen_gedrag": "dat het gedrag stopt",
    "formele_klacht": "dat mijn klacht wordt onderzocht",
    "maatregel": "dat de school maatregelen neemt",
    "excuses": "excuses",
    "anders": "iets anders, zoals hierboven beschreven",
}


@dataclass(frozen=True)
class Block:
    """One piece of the copy: ``title``, ``heading``, ``text``, ``words`` (the person's own
    words, kept exactly), ``item`` (a list entry; ``marker`` is ``-`` or ``1.``), ``space``
    or ``page`` (a new page in the PDF, a divider in the text)."""

    kind: str
    text: str = ""
    marker: str = ""


@dataclass(frozen=True)
class VerificationMark:
    """What makes a copy verifiable: its code and the page that checks it."""

    code: str
    url: str


def _parse_moment(value: Any) -> Optional[datetime]:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _parse_date(value: Any) -> Optional[date]:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- content ---------------------------------------------------------------------------------

def _form_of_address(intake: Mapping[str, Any]):
    """``t(je_text, u_text)``: the text for a pupil ("je") or for parents, staff, others ("u"),
    as the chat addressed them (wegwijzer.conversation)."""
    u = aanspreekvorm(intake.get("rol")) == "u"
    return lambda je, u_text: u_text if u else je


def wants_letter(intake: Mapping[str, Any]) -> bool:
    """The draft letter: a formal complaint was wanted and the report is not anonymous (an
    anonymous complaint is normally not handled by the committee, toelichting art. 9 lid 4)."""
    return "formele_klacht" in (intake.get("wens") or []) and not intake.get("anoniem")


def _phrases(field: str, values: Sequence[str]) -> List[str]:
    table = ZINNEN[field]
    return [table.get(value, value.replace("_", " ")) for value in values]


def _route_name(route: str) -> str:
    return ROUTE_NAMEN.get(route, route.replace("_", " "))


def _own_words(value: Any) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    return text or NOT_FILLED_IN


def _when(intake: Mapping[str, Any]) -> str:
    wanneer = (intake.get("wanneer") or "").strip()
    day = _parse_date(intake.get("datum_gebeurtenis"))
    if wanneer and day:
        return f"{wanneer} (datum: {dutch_date(day)})"
    if day:
        return dutch_date(day)
    return wanneer or NOT_FILLED_IN


def copy_blocks(
    intake: Mapping[str, Any],
    school_name: str,
    made_at: datetime,
    klachtencommissie: Optional[Mapping[str, Any]] = None,
    verification: Optional[VerificationMark] = None,
) -> List[Block]:
    """Everything the copy says, in order (the text and the PDF are made from this)."""
    code = intake.get("code") or ""
    anoniem = bool(intake.get("anoniem"))
    reported_at = _parse_moment(intake.get("created_at"))
    t = _form_of_address(intake)
    blocks: List[Block] = [
        Block("title", t(TITLE, TITLE_U)),
        Block(
            "text",
            t(f"Dit is een kopie van wat je aan Wegwijzer hebt verteld over {school_name}. "
              "Bewaar hem goed. Je mag hem laten zien aan iemand die je vertrouwt.",
              f"Dit is een kopie van wat u aan Wegwijzer heeft verteld over {school_name}. "
              "Bewaar hem goed. U mag hem laten zien aan iemand die u vertrouwt."),
        ),
        Block("space"),
        Block("text", f"School: {school_name}"),
        Block("text", t("Datum van je melding: ", "Datum van uw melding: ") +
                      f"{dutch_datetime(reported_at) if reported_at else NOT_FILLED_IN}"),
        *made_blocks(made_at, verification),
    ]
    # The code only when the reporter typed it to get this copy; a copy by a one-time link has
    # the case reference instead (the backend keeps only the code's hash).
    if code:
        blocks += [
            Block("text", t("Je code: ", "Uw code: ") + code),
            Block("text", t("Met deze code kun je later naar je melding vragen. Bewaar hem goed.",
                            "Met deze code kunt u later naar uw melding vragen. Bewaar hem goed.")),
        ]
    else:
        blocks += [
            Block("text", f"Referentie: {intake.get('referentie') or NOT_FILLED_IN}"),
            Block("text", t("Met de code uit de chat kun je later naar je melding vragen.",
                            "Met de code uit de chat kunt u later naar uw melding vragen.")),
        ]
    rol = intake.get("rol")
    if rol:
        blocks.append(Block("text", t("Je meldt als: ", "U meldt als: ") + _phrases('rol', [rol])[0]))
    if anoniem:
        blocks.append(Block(
            "text",
            t("Je hebt anoniem gemeld. Daarom staan je naam en contactgegevens niet in deze kopie.",
              "U heeft anoniem gemeld. Daarom staan uw naam en contactgegevens niet in deze kopie."),
        ))
    else:
        blocks.append(Block("text", t("Je naam: ", "Uw naam: ") + (intake.get('naam') or NOT_FILLED_IN)))
        blocks.append(Block("text", t("Hoe we je kunnen bereiken: ", "Hoe we u kunnen bereiken: ") +
                                    f"{intake.get('contact') or NOT_FILLED_IN}"))

    blocks += [
        Block("heading", t("Wat er gebeurde (in je eigen woorden)", "Wat er gebeurde (in uw eigen woorden)")),
        Block("words", _own_words(intake.get("wat_gebeurd"))),
        Block("heading", "Wanneer"),
        Block("words", _when(intake)),
        Block("heading", "Wie erbij betrokken waren"),
        Block("words", _own_words(intake.get("betrokkenen"))),
        Block("heading", t("Wat je al hebt geprobeerd", "Wat u al heeft geprobeerd")),
    ]
    tried = _phrases("al_ondernomen", intake.get("al_ondernomen") or [])
    blocks += [Block("item", p, "-") for p in tried] or [Block("text", NOT_FILLED_IN)]
    blocks.append(Block("heading", t("Wat je graag wilt", "Wat u graag wilt")))
    wanted = _phrases("wens", intake.get("wens") or [])
    blocks += [Block("item", p, "-") for p in wanted] or [Block("text", NOT_FILLED_IN)]

    blocks.append(Block("heading", t("Welke wegen je kunt gaan", "Welke wegen u kunt gaan")))
    routes = list(intake.get("advies_routes") or [])
    if routes:
        blocks.append(Block("text", t("Dit raden we je aan, de eerste stap eerst:",
                                      "Dit raden we u aan, de eerste stap eerst:")))
        blocks += [
            Block("item", _route_name(route), f"{number}.")
            for number, route in enumerate(routes, start=1)
        ]
    else:
        blocks.append(Block("text", "Er staat geen advies bij deze melding."))
    chosen = intake.get("gekozen_route")
    if chosen:
        blocks.append(Block("text", t("Jouw keuze: ", "Uw keuze: ") + _route_name(chosen)))
    else:
        blocks.append(Block("text", t("Je hebt nog geen weg gekozen. Dat mag ook later.",
                                      "U heeft nog geen weg gekozen. Dat mag ook later.")))

    blocks += [
        Block("heading", "Wat gebeurt er nu?"),
        Block(
            "text",
            f"De contactpersoon van {school_name} leest {t('je', 'uw')} melding. "
            "Meestal gebeurt dat binnen een paar schooldagen.",
        ),
    ]
    if anoniem:
        blocks.append(Block(
            "text",
            t("Je hebt anoniem gemeld, dus niemand kan je terugbellen of mailen. "
              "Wil je weten hoe het gaat of iets aanvullen? Vraag ernaar met je code: ",
              "U heeft anoniem gemeld, dus niemand kan u terugbellen of mailen. "
              "Wilt u weten hoe het gaat of iets aanvullen? Vraag ernaar met uw code: ")
            + (f"{code}." if code else t("de code die je in de chat kreeg.",
                                          "de code die u in de chat kreeg.")),
        ))
    else:
        blocks.append(Block(
            "text",
            t("Misschien neemt de contactpersoon contact met je op. "
              "Wil je zelf iets vragen of aanvullen? Noem dan je code: ",
              "Misschien neemt de contactpersoon contact met u op. "
              "Wilt u zelf iets vragen of aanvullen? Noem dan uw code: ") + f"{code}.",
        ))
    if "acuut_gevaar" in (intake.get("signalen") or []):
        blocks.append(Block(
            "text", t("Ben je nu in gevaar? Bel dan meteen 112. Wacht niet op de school.",
                      "Is er nu gevaar? Bel dan meteen 112. Wacht niet op de school."),
        ))
    blocks.append(Block(
        "text", t("Je staat er niet alleen voor. Ook de vertrouwenspersoon kan je helpen.",
                  "U staat er niet alleen voor. Ook de vertrouwenspersoon kan u helpen."),
    ))

    if wants_letter(intake):
        blocks += letter_blocks(intake, school_name, made_at, klachtencommissie)
    return blocks


def made_blocks(made_at: datetime, verification: Optional[VerificationMark]) -> List[Block]:
    """When the copy was made and, when it is verifiable, its code and where to check it."""
    if verification is None:
        return [Block("text", f"Gemaakt op {dutch_datetime(made_at)}")]
    return [
        Block("text",
              f"Gemaakt op {dutch_datetime(made_at)} · verificatiecode {verification.code}"),
        Block("text", f"Is deze kopie echt en niet veranderd? Kijk op {verification.url}"),
    ]


def letter_blocks(
    intake: Mapping[str, Any],
    school_name: str,
    made_at: datetime,
    klachtencommissie: Optional[Mapping[str, Any]] = None,
) -> List[Block]:
    """The draft letter to the complaints committee (art. 9: signed, with name and address of
    the complainant, the date and a description of the complaint)."""
    t = _form_of_address(intake)
    naam = intake.get("naam") or t(*NAME_PLACEHOLDER)
    contact = intake.get("contact")
    committee = (klachtencommissie or {}).get("naam") or DEFAULT_COMMITTEE
    committee_address = (klachtencommissie or {}).get("adres") or COMMITTEE_ADDRESS_PLACEHOLDER
    local_day = made_at.astimezone(LOCAL_TZ).date() if made_at.tzinfo else made_at.date()
    tried = _phrases("al_ondernomen", intake.get("al_ondernomen") or [])
    wishes = [WENS_IN_BRIEF.get(w, w.replace("_", " ")) for w in intake.get("wens") or []]

    blocks = [
        Block("page"),
        Block("title", LETTER_TITLE),
        Block(
            "text",
            t("Wil je een officiële klacht indienen bij de klachtencommissie? Dat moet op papier, "
              "met je handtekening. Je kunt deze brief daarvoor gebruiken. Vul in wat tussen "
              "[haken] staat, lees alles rustig na en verander wat niet klopt.",
              "Wilt u een officiële klacht indienen bij de klachtencommissie? Dat moet op papier, "
              "met uw handtekening. U kunt deze brief daarvoor gebruiken. Vul in wat tussen "
              "[haken] staat, lees alles rustig na en verander wat niet klopt."),
        ),
        Block("space"),
        Block("text", f"Naam: {naam}"),
        Block("text", f"Adres: {t(*ADDRESS_PLACEHOLDER)}"),
    ]
    if contact:
        blocks.append(Block("text", f"Telefoon of e-mail: {contact}"))
    blocks += [
        Block("space"),
        Block("text", f"Aan: {_capitalise(committee)}"),
        Block("text", f"Adres: {committee_address}"),
        Block("space"),
        Block("text", f"{PLACE_PLACEHOLDER}, {dutch_date(local_day)}"),
        Block("text", f"Onderwerp: klacht over {school_name}"),
        Block("space"),
        Block("text", "Geachte leden van de klachtencommissie,"),
        Block("text", f"Hierbij dien ik een klacht in over {school_name}. "
                      "Hieronder beschrijf ik wat er is gebeurd."),
        Block("heading", "Wat er is gebeurd"),
        Block("words", _own_words(intake.get("wat_gebeurd"))),
        Block("heading", "Wanneer het gebeurde"),
        Block("words", _when(intake)),
        Block("heading", "Wie erbij betrokken waren"),
        Block("words", _own_words(intake.get("betrokkenen"))),
        Block("heading", "Wat ik al heb geprobeerd"),
    ]
    blocks += [Block("item", p, "-") for p in tried] or [Block("text", NOT_FILLED_IN)]
    blocks.append(Block("heading", "Wat ik wil bereiken"))
    blocks += [Block("item", w, "-") for w in wishes] or [Block("text", NOT_FILLED_IN)]
    blocks += [
        Block("space"),
        Block("text", "Ik hoor graag van u hoe mijn klacht verder wordt behandeld."),
        Block("text", "Met vriendelijke groet,"),
        Block("space"),
        Block("text", f"{naam}"),
        Block("text", "Handtekening: ______________________________"),
        Block("space"),
        Block(
            "text",
            t("Let op: deze brief moet je ondertekenen voordat je hem verstuurt (artikel 9 van de "
              "klachtenregeling). De klacht moet ten minste je naam en adres, de datum en een "
              "omschrijving van de klacht bevatten. Ontbreekt er iets, dan krijg je de kans om "
              "het aan te vullen.",
              "Let op: deze brief moet u ondertekenen voordat u hem verstuurt (artikel 9 van de "
              "klachtenregeling). De klacht moet ten minste uw naam en adres, de datum en een "
              "omschrijving van de klacht bevatten. Ontbreekt er iets, dan krijgt u de kans om "
              "het aan te vullen."),
        ),
    ]
    return blocks


def _capitalise(value: str) -> str:
    return value[:1].upper() + value[1:]


# --- text ------------------------------------------------------------------------------------

def render_text(
    intake: Mapping[str, Any],
    school_name: str,
    made_at: datetime,
    *,
    klachtencommissie: Optional[Mapping[str, Any]] = None,
    verification: Optional[VerificationMark] = None,
) -> str:
    """The copy as plain text (for the chat, or to save as ``.txt``)."""
    lines: List[str] = []
    for block in copy_blocks(intake, school_name, made_at, klachtencommissie, verification):
        if block.kind == "title":
            lines += [block.text, "=" * len(block.text), ""]
        elif block.kind == "heading":
            if lines and lines[-1] != "":
                lines.append("")
            lines += [block.text, "-" * len(block.text)]
        elif block.kind == "item":
            lines.append(f"{block.marker} {block.text}")
        elif block.kind == "space":
            if lines and lines[-1] != "":
                lines.append("")
        elif block.kind == "page":
            lines += ["", "", "* * *", "", ""]
        else:  # text, words
            lines.append(block.text)
    return "\n".join(lines).rstrip() + "\n"


# --- PDF -------------------------------------------------------------------------------------

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
HEADING_ROOM = 30 * mm  # a heading needs room for a few lines of what follows it
FOOTER = "Wegwijzer · Kopie van de melding · pagina {page}"
FOOTER_VERIFIABLE = "Wegwijzer · Kopie van de melding · verificatiecode {code} · pagina {page}"

_STYLES = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=8),
    "heading": ParagraphStyle(
        "heading", fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=3
    ),
    "text": ParagraphStyle("text", fontName=FONT, fontSize=11, leading=15, alignment=TA_LEFT,
                           spaceAfter=2),
    "words": ParagraphStyle("words", fontName=FONT, fontSize=11, leading=15, leftIndent=4 * mm,
                            spaceAfter=2),
    "item": ParagraphStyle("item", fontName=FONT, fontSize=11, leading=15, leftIndent=10 * mm,
                           firstLineIndent=-6 * mm, spaceAfter=1),
}


def _markup(text: str) -> str:
    """Text → reportlab paragraph markup: escaped, line breaks kept, accents composed (an "e"
    with a separate accent mark becomes "é", which the built-in font can show)."""
    text = unicodedata.normalize("NFC", text)
    return "<br/>".join(escape(line) for line in text.split("\n"))


def _footer(canvas, doc, verification: Optional[VerificationMark] = None) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    if verification is None:
        footer = FOOTER.format(page=doc.page)
    else:
        footer = FOOTER_VERIFIABLE.format(code=verification.code, page=doc.page)
    canvas.drawString(doc.leftMargin, 12 * mm, footer)
    canvas.restoreState()


def render_pdf(
    intake: Mapping[str, Any],
    school_name: str,
    made_at: datetime,
    *,
    klachtencommissie: Optional[Mapping[str, Any]] = None,
    verification: Optional[VerificationMark] = None,
) -> bytes:
    """The copy as an A4 PDF (a second page with the draft letter when :func:`wants_letter`)."""
    story: List[Any] = []
    for block in copy_blocks(intake, school_name, made_at, klachtencommissie, verification):
        if block.kind == "space":
            story.append(Spacer(1, 4 * mm))
        elif block.kind == "page":
            story.append(PageBreak())
        else:
            if block.kind == "heading":  # never a heading alone at the bottom of a page
                story.append(CondPageBreak(HEADING_ROOM))
            text = f"{block.marker} {block.text}" if block.kind == "item" else block.text
            story.append(Paragraph(_markup(text), _STYLES[block.kind]))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=TITLE,
        author="Wegwijzer",
        subject=f"{TITLE} ({school_name})",
        creator="Wegwijzer",
        lang="nl",
    )
    footer = functools.partial(_footer, verification=verification)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
