"""The one-page summary a runner takes to a clinician, for the runner or for their coach.

The store's rows are gathered in one unit of work; ``exports.clinician`` turns them into the
summary, and ``rendered`` lays it out as a self-contained HTML page or a one-page A4 PDF.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from calfcoach.exports.clinician import ClinicianSummary, DatedPlan, clinician_summary
from calfcoach.exports.clinician_html import summary_html
from calfcoach.exports.clinician_pdf import summary_pdf
from calfcoach.services.accounts import Account
from calfcoach.services.team import joined_runner, require_coach
from calfcoach.services.training import require_runner
from calfcoach.store.tables import PlanRow
from calfcoach.store.unit_of_work import UnitOfWork

Format = Literal["html", "pdf"]
MEDIA_TYPES: dict[Format, str] = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}

__all__ = [
    "MEDIA_TYPES",
    "ClinicianSummary",
    "Format",
    "rendered",
    "summary_for_coach",
    "summary_for_runner",
]


def summary_for_runner(uow: UnitOfWork, runner: Account, today: date) -> ClinicianSummary:
    """The signed-in runner's own summary, as it stands on ``today``."""
    require_runner(runner)
    with uow:
        return _summary(uow, runner.id, runner.email, today)


def summary_for_coach(
    uow: UnitOfWork, coach: Account, runner_id: int, today: date
) -> ClinicianSummary:
    """The summary of one of the coach's runners (NotFound unless that runner joined them)."""
    require_coach(coach)
    with uow:
        runner = joined_runner(uow, coach, runner_id)
        return _summary(uow, runner.id, runner.email, today)


def rendered(summary: ClinicianSummary, output_format: Format) -> bytes:
    """The summary as UTF-8 HTML or as PDF bytes."""
    if output_format == "pdf":
        return summary_pdf(summary)
    return summary_html(summary).encode("utf-8")


def _summary(uow: UnitOfWork, runner_id: int, email: str, today: date) -> ClinicianSummary:
    records = uow.records
    assessments = records.assessments(runner_id)
    checkins = records.checkins(runner_id)
    taken_on = {row.id: row.taken_on for row in assessments}
    reported_on = {row.plan_id: row.reported_on for row in checkins}

    def made_on(plan: PlanRow) -> date:
        # A block's first version answers its test; every later one answers a check-in.
        if plan.version == 1:
            return taken_on[plan.assessment_id]
        return reported_on.get(plan.id, plan.created_at.date())

    return clinician_summary(
        runner=email,
        assessments=[row.document for row in assessments],
        plans=[
            DatedPlan(row.block, row.version, made_on(row), row.document)
            for row in records.plans(runner_id)
        ],
        checkins=[row.document for row in checkins],
        logged_days={row.done_on for row in records.logs(runner_id)},
        today=today,
    )
