"""The clinician's summary as a one-page A4 PDF, laid out with fpdf2's built-in Helvetica.

The core fonts encode Latin-1 only and fpdf2 ships no Unicode font, so other characters are
replaced by their nearest Latin-1 spelling (an accented letter by its base letter, a dash by
"-") or by "?". The model already caps its lists; should the text still run over the page, the
layout is tried again in a smaller type size until it fits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, time

from fpdf import FPDF
from fpdf.fonts import FontFace

from calfcoach.exports.clinician import (
    PAIN_COLUMNS,
    REASON_COLUMNS,
    RED_FLAG_COLUMNS,
    TEST_COLUMNS,
    Capped,
    ClinicianSummary,
    PainReport,
    RedFlagEntry,
    RuleText,
    SelfTest,
)

MARGIN_MM = 12.0
TYPE_SIZES_PT = (9.0, 8.0, 7.0, 6.0)
FONT = "helvetica"
HEADING_FILL = (238, 241, 244)
URGENT_COLOUR = (122, 16, 16)
# Shares of the page width per column, in the order of the column names.
REASON_WIDTHS = (1, 12)
RED_FLAG_WIDTHS = (2.2, 1.6, 1, 3, 11)
TEST_WIDTHS = (2.2, 2, 2, 5, 2.4, 2.4, 3.5)
PAIN_WIDTHS = (2.2, 1.2, 2.2, 2.6, 3.4, 3)
# Dashes, curly quotes, the ellipsis and the minus sign, which Latin-1 lacks.
_NEAREST = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2212": "-",
    }
)


def summary_pdf(summary: ClinicianSummary) -> bytes:
    """The summary on one A4 page, in the largest type size that fits."""
    pdf = _laid_out(summary, TYPE_SIZES_PT[0])
    for size in TYPE_SIZES_PT[1:]:
        if pdf.pages_count == 1:
            break
        pdf = _laid_out(summary, size)
    return bytes(pdf.output())


def latin1(text: str) -> str:
    """``text`` in characters Helvetica can draw: Latin-1, else the nearest spelling, else ?."""
    return "".join(char if ord(char) < 256 else _nearest(char) for char in text.translate(_NEAREST))


def _nearest(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return decomposed.encode("latin-1", "ignore").decode("latin-1") or "?"


class _Page:
    """One attempt at laying the summary out in type of ``size`` points."""

    def __init__(self, summary: ClinicianSummary, size: float) -> None:
        self.summary = summary
        self.size = size
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.pdf.set_auto_page_break(auto=True, margin=MARGIN_MM)
        self.pdf.set_title(latin1(f"Calf training summary for a clinician: {summary.runner}"))
        self.pdf.set_author("calfcoach")
        self.pdf.set_lang("en")
        self.pdf.set_creation_date(datetime.combine(summary.prepared_on, time(), UTC))
        self.pdf.add_page()

    def text(self, text: str, *, style: str = "", grow: float = 0.0, boxed: bool = False) -> None:
        self.pdf.set_font(FONT, style=style, size=self.size + grow)
        self.pdf.multi_cell(
            w=0,
            h=self.line,
            text=latin1(text),
            border=1 if boxed else 0,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
            padding=1 if boxed else 0,
        )

    @property
    def line(self) -> float:
        return self.size * 0.45

    def heading(self, text: str) -> None:
        self.pdf.ln(self.line * 0.6)
        self.text(text, style="B", grow=1.5)

    def table(
        self,
        columns: Sequence[str],
        widths: Sequence[float],
        rows: Sequence[Sequence[str]],
    ) -> None:
        self.pdf.set_font(FONT, size=self.size)
        with self.pdf.table(
            col_widths=tuple(widths),
            text_align="LEFT",
            line_height=self.line,
            padding=(0.6, 1),
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
            align="LEFT",
        ) as table:
            for cells in (columns, *rows):
                row = table.row()
                for cell in cells:
                    row.cell(latin1(cell))

    def capped(
        self,
        capped: Capped[RuleText] | Capped[RedFlagEntry] | Capped[SelfTest] | Capped[PainReport],
        columns: Sequence[str],
        widths: Sequence[float],
        *,
        noun: str,
        empty: str,
    ) -> None:
        if capped.left_out:
            self.text(
                f"{capped.left_out} earlier {noun}(s) left out; the {len(capped.rows)} most "
                "recent are shown.",
                style="I",
            )
        if capped.rows:
            self.table(columns, widths, [row.cells() for row in capped.rows])
        else:
            self.text(empty, style="I")


def _laid_out(summary: ClinicianSummary, size: float) -> FPDF:
    page = _Page(summary, size)
    _header(page)
    page.heading("Key dates")
    dates = summary.dates.rows()
    page.table([label for label, _ in dates], [1] * len(dates), [[value for _, value in dates]])
    page.heading("Adherence in the current block")
    page.text(summary.adherence.sentence() if summary.adherence else "No block yet.")
    page.heading(f"Current target: {summary.target or 'none yet: no test taken'}")
    page.capped(
        summary.reasons, REASON_COLUMNS, REASON_WIDTHS, noun="finding", empty="No test yet."
    )
    page.heading("Red flags")
    page.capped(
        summary.red_flags,
        RED_FLAG_COLUMNS,
        RED_FLAG_WIDTHS,
        noun="red flag",
        empty="No red flags reported or found.",
    )
    _tests(page)
    page.heading("Pain reports")
    page.capped(
        summary.pain_reports,
        PAIN_COLUMNS,
        PAIN_WIDTHS,
        noun="report",
        empty="No pain reported in check-ins.",
    )
    return page.pdf


def _header(page: _Page) -> None:
    summary = page.summary
    page.text("Calf training summary for a clinician", style="B", grow=5)
    about = f" ({summary.about})" if summary.about else ""
    page.text(
        f"{summary.runner}{about} - prepared on {summary.prepared_on.isoformat()} by calfcoach"
    )
    page.pdf.ln(page.line * 0.5)
    page.text(summary.not_a_diagnosis, style="B", boxed=True)
    if summary.urgency:
        page.pdf.set_text_color(*URGENT_COLOUR)
        page.text(summary.urgency_sentence(), style="B")
        page.pdf.set_text_color(0)


def _tests(page: _Page) -> None:
    page.heading("Tests over time")
    page.capped(
        page.summary.tests, TEST_COLUMNS, TEST_WIDTHS, noun="test", empty="No tests taken yet."
    )
    page.text("Heel raises: clean single-leg reps at 60 bpm; the norm is typical (band) reps.")
