"""The reporter's copy (regulation art. 9 lid 2: an oral complaint is written down and the
complainant gets a copy), as plain text for the chat and as a PDF to keep.

Both forms are made from one list of blocks (:func:`copy_blocks`), so they always say the same.
``intake`` is the contract §4 record as the API serialises it (``schemas.intake_to_json``).
When the person wants a formal complaint (``wens`` holds ``formele_klacht``) and did not report
anonymously, a draft letter to the complaints committee follows on a page of its own, holding
what art. 9 lid 3 asks: name and address, date, a description of the complaint.

Each copy carries its making time and a verification code with the address where anyone can
check it (:class:`VerificationMark`, ``backend.documents.verification``); the PDF repeats the code
in the footer of every page.

Plain Dutch (B1; pupils from age 10 read it), or plain English when the conversation was held
in English (``gesprekstaal`` ``en``, issue 17): the texts of both are in
``backend.documents.reporter_texts``, the blocks are built by the same code. The PDF uses the
built-in Helvetica, whose WinAnsi encoding has the Dutch letters (é, ë, ï, ...); paragraphs wrap and
flow onto as many pages as the story needs.
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

from backend.documents import reporter_texts
from backend.documents.reporter_texts import DUTCH, Language
from wegwijzer.advice import aanspreekvorm
from wegwijzer.dates import LOCAL_TZ, dutch_datetime  # noqa: F401 (report_pdf)

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

class _Say:
    """The texts of one copy: the record's language (``gesprekstaal``) and the form of address
    the chat used (``je`` for a pupil, ``u`` for parents, staff and others; English: "you")."""

    def __init__(self, intake: Mapping[str, Any]) -> None:
        self.lang: Language = reporter_texts.of_record(intake)
        self.u = aanspreekvorm(intake.get("rol")) == "u"

    def __call__(self, key: str, **fields: Any) -> str:
        return self.lang.say(key, self.u, **fields)

    def phrases(self, field: str, values: Sequence[str]) -> List[str]:
        return [self.lang.phrase(field, value) for value in values]

    def own_words(self, value: Any) -> str:
        text = (value or "").strip() if isinstance(value, str) else ""
        return text or self("copy.not_filled_in")

    def when(self, intake: Mapping[str, Any]) -> str:
        wanneer = (intake.get("wanneer") or "").strip()
        day = _parse_date(intake.get("datum_gebeurtenis"))
        if wanneer and day:
            return self("copy.when_with_date", wanneer=wanneer, day=self.lang.date(day))
        if day:
            return self.lang.date(day)
        return wanneer or self("copy.not_filled_in")


def file_name(intake: Mapping[str, Any], made_at: datetime) -> str:
    """The download's name: the day it was made, never the code (shared browser histories)."""
    return reporter_texts.of_record(intake).say("pdf.file_name", day=made_at)


def wants_letter(intake: Mapping[str, Any]) -> bool:
    """The draft letter: a formal complaint was wanted and the report is not anonymous (an
    anonymous complaint is normally not handled by the committee, toelichting art. 9 lid 4)."""
    return "formele_klacht" in (intake.get("wens") or []) and not intake.get("anoniem")


def copy_blocks(
    intake: Mapping[str, Any],
    school_name: str,
    made_at: datetime,
    klachtencommissie: Optional[Mapping[str, Any]] = None,
    verification: Optional[VerificationMark] = None,
) -> List[Block]:
    """Everything the copy says, in order (the text and the PDF are made from this), in the
    language of the conversation (``gesprekstaal``)."""
    code = intake.get("code") or ""
    anoniem = bool(intake.get("anoniem"))
    reported_at = _parse_moment(intake.get("created_at"))
    say = _Say(intake)
    not_filled_in = say("copy.not_filled_in")
    blocks: List[Block] = [
        Block("title", say("copy.title")),
        Block("text", say("copy.intro", school=school_name)),
        Block("space"),
        Block("text", say("copy.school", school=school_name)),
        Block("text", say("copy.reported_at", when=say.lang.datetime(reported_at)
                          if reported_at else not_filled_in)),
        *made_blocks(made_at, verification, say.lang),
    ]
    # The code only when the reporter typed it to get this copy; a copy by a one-time link has
    # the case reference instead (the backend keeps only the code's hash).
    if code:
        blocks += [
            Block("text", say("copy.code", code=code)),
            Block("text", say("copy.code_keep")),
        ]
    else:
        blocks += [
            Block("text", say("copy.reference", referentie=intake.get("referentie") or not_filled_in)),
            Block("text", say("copy.code_from_chat")),
        ]
    rol = intake.get("rol")
    if rol:
        blocks.append(Block("text", say("copy.role", rol=say.lang.phrase("rol", rol))))
    if anoniem:
        blocks.append(Block("text", say("copy.anonymous")))
    else:
        blocks.append(Block("text", say("copy.name", naam=intake.get("naam") or not_filled_in)))
        blocks.append(Block("text", say("copy.contact", contact=intake.get("contact") or not_filled_in)))

    blocks += _story(say, intake, "copy", "wens")
    blocks.append(Block("heading", say("copy.heading.routes")))
    routes = list(intake.get("advies_routes") or [])
    if routes:
        blocks.append(Block("text", say("copy.routes_advised")))
        blocks += [
            Block("item", say.lang.route(route), f"{number}.")
            for number, route in enumerate(routes, start=1)
        ]
    else:
        blocks.append(Block("text", say("copy.no_advice")))
    chosen = intake.get("gekozen_route")
    if chosen:
        blocks.append(Block("text", say("copy.chosen", route=say.lang.route(chosen))))
    else:
        blocks.append(Block("text", say("copy.not_chosen")))

    # How to come back: with the code in this copy, or (a copy by link) the one from the chat.
    come_back_with = f"{code}." if code else say("copy.the_code_from_chat")
    blocks += [
        Block("heading", say("copy.heading.next")),
        Block("text", say("copy.next", school=school_name)),
        Block("text", say("copy.follow_up_anonymous" if anoniem else "copy.follow_up",
                          code=come_back_with)),
    ]
    if "acuut_gevaar" in (intake.get("signalen") or []):
        blocks.append(Block("text", say("copy.danger")))
    blocks.append(Block("text", say("copy.not_alone")))

    if wants_letter(intake):
        blocks += letter_blocks(intake, school_name, made_at, klachtencommissie)
    return blocks


def _story(say: _Say, intake: Mapping[str, Any], part: str, wishes: str) -> List[Block]:
    """What happened, when, who was involved (the person's own words), what was tried and
    what is wanted (as the phrases of the field ``wishes``), under the headings of ``part``
    (the copy, or the letter in the first person)."""
    not_filled_in = say("copy.not_filled_in")
    tried = say.phrases("al_ondernomen", intake.get("al_ondernomen") or [])
    wanted = say.phrases(wishes, intake.get("wens") or [])
    return [
        Block("heading", say(f"{part}.heading.what")),
        Block("words", say.own_words(intake.get("wat_gebeurd"))),
        Block("heading", say(f"{part}.heading.when")),
        Block("words", say.when(intake)),
        Block("heading", say(f"{part}.heading.who")),
        Block("words", say.own_words(intake.get("betrokkenen"))),
        Block("heading", say(f"{part}.heading.tried")),
        *([Block("item", p, "-") for p in tried] or [Block("text", not_filled_in)]),
        Block("heading", say(f"{part}.heading.wanted")),
        *([Block("item", p, "-") for p in wanted] or [Block("text", not_filled_in)]),
    ]


def made_blocks(
    made_at: datetime, verification: Optional[VerificationMark], lang: Language = DUTCH
) -> List[Block]:
    """When the copy was made and, when it is verifiable, its code and where to check it."""
    when = lang.datetime(made_at)
    if verification is None:
        return [Block("text", lang.say("copy.made_at", when=when))]
    return [
        Block("text", lang.say("copy.made_at_verifiable", when=when, code=verification.code)),
        Block("text", lang.say("copy.verify_at", url=verification.url)),
    ]


def letter_blocks(
    intake: Mapping[str, Any],
    school_name: str,
    made_at: datetime,
    klachtencommissie: Optional[Mapping[str, Any]] = None,
) -> List[Block]:
    """The draft letter to the complaints committee (art. 9: signed, with name and address of
    the complainant, the date and a description of the complaint)."""
    say = _Say(intake)
    naam = intake.get("naam") or say("letter.name_placeholder")
    contact = intake.get("contact")
    committee = (klachtencommissie or {}).get("naam") or say("letter.default_committee")
    committee_address = ((klachtencommissie or {}).get("adres")
                         or say("letter.committee_address_placeholder"))
    local_day = made_at.astimezone(LOCAL_TZ).date() if made_at.tzinfo else made_at.date()

    blocks = [
        Block("page"),
        Block("title", say("letter.title")),
        Block("text", say("letter.intro")),
    ]
    if say("letter.language"):
        blocks.append(Block("text", say("letter.language")))
    blocks += [
        Block("space"),
        Block("text", say("letter.name", naam=naam)),
        Block("text", say("letter.address", adres=say("letter.address_placeholder"))),
    ]
    if contact:
        blocks.append(Block("text", say("letter.contact", contact=contact)))
    blocks += [
        Block("space"),
        Block("text", say("letter.to", committee=_capitalise(committee))),
        Block("text", say("letter.address", adres=committee_address)),
        Block("space"),
        Block("text", say("letter.place_and_date", place=say("letter.place_placeholder"),
                          day=say.lang.date(local_day))),
        Block("text", say("letter.subject", school=school_name)),
        Block("space"),
        Block("text", say("letter.salutation")),
        Block("text", say("letter.opening", school=school_name)),
        *_story(say, intake, "letter", "wens_in_brief"),
        Block("space"),
        Block("text", say("letter.closing")),
        Block("text", say("letter.regards")),
        Block("space"),
        Block("text", f"{naam}"),
        Block("text", say("letter.signature")),
        Block("space"),
        Block("text", say("letter.note")),
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


def _footer(
    canvas, doc, verification: Optional[VerificationMark] = None, lang: Language = DUTCH
) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    if verification is None:
        footer = lang.say("pdf.footer", page=doc.page)
    else:
        footer = lang.say("pdf.footer_verifiable", code=verification.code, page=doc.page)
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
    lang = reporter_texts.of_record(intake)
    title = lang.say("copy.title")  # the metadata's title: the "je" form, as it always was
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
        title=title,
        author="Wegwijzer",
        subject=lang.say("pdf.subject", title=title, school=school_name),
        creator="Wegwijzer",
        lang=lang.code,
    )
    footer = functools.partial(_footer, verification=verification, lang=lang)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
