"""The yearly anonymised report (``backend.rules.reports.Report``) as an A4 PDF: per table a
horizontal bar chart (``reportlab.graphics``) with the count, ``< 5`` or ``×`` at each bar.

Only what the report holds goes in: vocabulary labels, counts and the school's or board's name
(escaped for reportlab's paragraph markup; chart labels are drawn as plain strings).
"""
from __future__ import annotations

import io
from datetime import datetime
from typing import Any, List

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer

# The reporter copy's fonts, paragraph styles and escaping: one look for every PDF.
from backend.documents.reporter_copy import _STYLES, FONT, _markup, dutch_datetime
from backend.rules.reports import HIDDEN_TEXT, Report, Table

BAR_HEIGHT = 4.2 * mm
LABEL_ROOM = 62 * mm
CHART_WIDTH = 170 * mm
ACCENT = colors.HexColor("#0b4f8a")
FOOTER = "Wegwijzer · Jaaroverzicht {year} · pagina {page}"


def title(report: Report) -> str:
    what = "school" if report.kind == "school" else "bestuur"
    return f"Jaaroverzicht {report.year} van {what} {report.name}"


def explanation(report: Report) -> List[str]:
    """What the numbers mean, the same sentences on the page and in the PDF."""
    return [
        "Alleen aantallen: geen namen, geen verhalen, geen codes.",
        f"Een aantal van 1 tot en met {report.threshold - 1} staat er als "
        f"“< {report.threshold}”. Met “{HIDDEN_TEXT}” is een aantal verborgen, zodat een klein "
        "aantal niet uit de andere cijfers terug te rekenen is.",
        "Eén melding kan over meer onderwerpen gaan: de onderwerpen tellen daarom niet op tot "
        "het totaal. De status is die van vandaag.",
    ]


def _chart(table: Table) -> Drawing:
    rows = len(table.cells)
    height = rows * BAR_HEIGHT + 8 * mm
    drawing = Drawing(CHART_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_ROOM, 4 * mm
    chart.width, chart.height = CHART_WIDTH - LABEL_ROOM - 18 * mm, rows * BAR_HEIGHT
    chart.data = [tuple(cell.count or 0 for cell in table.cells)]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [cell.label for cell in table.cells]
    chart.categoryAxis.reverseDirection = 1  # the first value on top, as in the tables
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = table.largest
    chart.valueAxis.visible = 0
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[cell.text for cell in table.cells]]
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def render_pdf(report: Report, made_at: datetime) -> bytes:
    story: List[Any] = [
        Paragraph(_markup(title(report)), _STYLES["title"]),
        Paragraph(_markup(f"Gemaakt op {dutch_datetime(made_at)}."), _STYLES["text"]),
    ]
    story += [Paragraph(_markup(line), _STYLES["text"]) for line in explanation(report)]
    for section in report.sections:
        story.append(CondPageBreak(40 * mm))
        story.append(Paragraph(
            _markup(f"{section.title}: {section.total.text}"), _STYLES["heading"]
        ))
        for table in section.tables:
            chart = _chart(table)
            story.append(CondPageBreak(chart.height + 10 * mm))
            story.append(Paragraph(_markup(table.title), _STYLES["text"]))
            story.append(chart)
            story.append(Spacer(1, 2 * mm))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(doc.leftMargin, 12 * mm, FOOTER.format(year=report.year, page=doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
        bottomMargin=22 * mm, title=title(report), author="Wegwijzer", creator="Wegwijzer",
        lang="nl",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

