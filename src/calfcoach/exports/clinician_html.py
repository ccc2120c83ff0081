"""The clinician's summary as one self-contained HTML page (inline CSS, no scripts), A4 in print.

Rendered with Jinja2 with autoescaping on: a runner's email or any stored text is shown as
text, never as markup.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from calfcoach.exports.clinician import (
    PAIN_COLUMNS,
    REASON_COLUMNS,
    RED_FLAG_COLUMNS,
    TEST_COLUMNS,
    ClinicianSummary,
)

TEMPLATE = "clinician_summary.html"


def summary_html(summary: ClinicianSummary) -> str:
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            s=summary,
            reason_columns=REASON_COLUMNS,
            red_flag_columns=RED_FLAG_COLUMNS,
            test_columns=TEST_COLUMNS,
            pain_columns=PAIN_COLUMNS,
        )
    )


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("calfcoach.exports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
