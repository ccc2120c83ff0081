"""``calfcoach export`` and ``calfcoach import``: calendars, watch workouts, the runner's data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from calfcoach.cli.shared import (
    BadInput,
    JsonFlag,
    RunnerOption,
    emit,
    read_json,
    stored_data,
    today,
    write_output,
)
from calfcoach.coaching.errors import InvalidDocument

if TYPE_CHECKING:
    from calfcoach.coaching.plan import CoachingPlan
    from calfcoach.exports.calendar import SessionTimes
    from calfcoach.services.clinician import Format

export_app = typer.Typer(
    help="Files to take elsewhere: calendars, watch workouts, your data, sets, a summary.",
    no_args_is_help=True,
)
PlanFile = Annotated[str, typer.Option("--plan", help="A plan document (calfcoach.plan/1).")]


@export_app.command("ics")
def export_ics(  # keyword-only: Typer reads the options by name
    *,
    plan: PlanFile,
    out: Annotated[Path, typer.Option("-o", "--out", help="The .ics file to write.")],
    previous: Annotated[
        list[str] | None,
        typer.Option(help="The plan's earlier versions, oldest first: changed sessions update."),
    ] = None,
    busy_only: Annotated[bool, typer.Option(help="Busy blocks only, no health details.")] = False,
    runner: Annotated[str, typer.Option(help="Who the calendar is for (keeps UIDs apart).")] = "me",
    at: Annotated[
        list[str] | None,
        typer.Option(help="Start time by type of day, e.g. easy=07:00 or 18:30 for every day."),
    ] = None,
    tz: Annotated[str | None, typer.Option(help="Time zone for --at, e.g. Europe/London.")] = None,
) -> None:
    """An RFC 5545 calendar: one event per session, stable UIDs, the doses in the description."""
    from calfcoach.services.device_files import calendar_file

    calendar = calendar_file(
        plan_file(plan),
        previous=[plan_file(path, "--previous") for path in previous or []],
        runner=runner,
        busy_only=busy_only,
        times=session_times_option(tz, at or []),
        now=datetime.now(UTC),
    )
    write_output(out, calendar, "--out")


def plan_file(path: str, what: str = "--plan") -> CoachingPlan:
    """A plan document from a file, read by the engine's own reader (a refusal names the field)."""
    from calfcoach.coaching.documents import read_plan_document

    return read_plan_document(read_json(path, what))


def session_times_option(zone: str | None, at: list[str]) -> SessionTimes | None:
    """``--at easy=07:00 --at 18:30 --tz Europe/London`` as the runner's session times."""
    from calfcoach.services.device_files import ALL_DAYS, times_from_choices

    starts: dict[str, str] = {}
    for item in at:
        day_type, _, start = item.rpartition("=")
        starts[day_type or ALL_DAYS] = start
    if starts and zone is None:
        raise BadInput("--tz: give the time zone of the --at times (e.g. Europe/London)")
    try:
        return times_from_choices(zone, starts)
    except InvalidDocument as error:
        option = "--tz" if error.field == "time_zone" else "--at"
        raise BadInput(f"{option}: {error.field} {error.problem}") from error


@export_app.command("fit")
def export_fit(
    plan: PlanFile,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for the .fit workout files.")],
) -> None:
    """One FIT workout per session for a watch: rep steps, timed steps, rests and repeats."""
    from calfcoach.services.device_files import watch_files

    workouts = watch_files(plan_file(plan).plan)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BadInput(f"--out-dir: cannot create {out_dir}: {error.strerror}") from error
    for name, data in workouts.items():
        write_output(out_dir / name, data, "--out-dir")
    typer.echo(f"{len(workouts)} workouts written to {out_dir}", err=True)


@export_app.command("data")
def export_data(
    out: Annotated[Path, typer.Option("-o", "--out", help="The JSON file to write.")],
    runner: RunnerOption = None,
) -> None:
    """Everything stored for the runner, as one versioned JSON document (calfcoach.data/1)."""
    from calfcoach.services import portability, profiles

    with stored_data() as (uow, now):
        document = portability.export_data(uow, profiles.local_runner(uow, runner, now), now)
    write_output(out, portability.document_text(document).encode("utf-8"), "--out")


@export_app.command("csv")
def export_csv(
    out: Annotated[Path, typer.Option("-o", "--out", help="The CSV file to write.")],
    runner: RunnerOption = None,
) -> None:
    """Every logged set as CSV, in the columns strength-training apps import."""
    from calfcoach.services import profiles, sets_export

    with stored_data() as (uow, now):
        data = sets_export.sets_csv(uow, profiles.local_runner(uow, runner, now))
    write_output(out, data, "--out")


SummaryFormat = Annotated[
    str | None, typer.Option("--format", help="html or pdf (default: the suffix of --out).")
]


@export_app.command("summary")
def export_summary(
    out: Annotated[Path, typer.Option("-o", "--out", help="The .html or .pdf file to write.")],
    output_format: SummaryFormat = None,
    runner: RunnerOption = None,
) -> None:
    """A one-page summary for a physio or doctor: tests, red flags, pain reports, key dates."""
    from calfcoach.services import clinician, profiles

    chosen = summary_format(out, output_format)
    with stored_data() as (uow, now):
        me = profiles.local_runner(uow, runner, now)
        summary = clinician.summary_for_runner(uow, me, today())
    write_output(out, clinician.rendered(summary, chosen), "--out")


def summary_format(out: Path, given: str | None) -> Format:
    """``--format`` when given, else the suffix of ``--out``: html (or htm) or pdf."""
    name = (given if given is not None else out.suffix.removeprefix(".")).lower()
    if name in {"html", "htm"}:
        return "html"
    if name == "pdf":
        return "pdf"
    if given is None:
        raise BadInput(f"--format: cannot tell html or pdf from {out.name!r}; give --format")
    raise BadInput(f"--format: {given!r} is not html or pdf")


import_app = typer.Typer(
    help="Bring back what `calfcoach export data` wrote.", no_args_is_help=True
)


@import_app.command("data")
def import_data(
    source: Annotated[str, typer.Argument(help="A document written by `calfcoach export data`.")],
    runner: RunnerOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Load an exported document into an empty profile: all of it, or nothing."""
    from calfcoach.services import portability, profiles
    from calfcoach.services.json_text import MAX_DATA_BYTES

    document = read_json(source, "IN.json", limit=MAX_DATA_BYTES)
    with stored_data() as (uow, now):
        counts = portability.import_data(
            uow, profiles.local_runner(uow, runner, now), document, now
        )
    emit(counts, as_json, lambda c: typer.echo(f"Imported {c}"))
