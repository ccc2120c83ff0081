"""``calfcoach export`` and ``calfcoach import``: calendars, watch workouts, the runner's data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from calfcoach.cli.shared import (
    BadInput,
    JsonFlag,
    RunnerOption,
    emit,
    read_json,
    read_plan,
    stored_data,
    write_output,
)

export_app = typer.Typer(help="Calendars and watch workouts from a plan.", no_args_is_help=True)
PlanFile = Annotated[str, typer.Option("--plan", help="A plan document (calfcoach.plan/1).")]


@export_app.command("ics")
def export_ics(
    plan: PlanFile,
    out: Annotated[Path, typer.Option("-o", "--out", help="The .ics file to write.")],
    previous: Annotated[
        str | None, typer.Option(help="The plan's earlier version: changed sessions update.")
    ] = None,
    busy_only: Annotated[bool, typer.Option(help="Busy blocks only, no health details.")] = False,
    runner: Annotated[str, typer.Option(help="Who the calendar is for (keeps UIDs apart).")] = "me",
) -> None:
    """An RFC 5545 calendar: one event per session, stable UIDs, the doses in the description."""
    from calfcoach.exports.calendar import plan_calendar

    before = None if previous is None else read_plan(previous, "--previous")
    calendar = plan_calendar(
        read_plan(plan),
        runner=runner,
        previous=before,
        busy_only=busy_only,
        stamp=datetime.now(UTC),
    )
    write_output(out, calendar, "--out")


@export_app.command("fit")
def export_fit(
    plan: PlanFile,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for the .fit workout files.")],
) -> None:
    """One FIT workout per session for a watch: rep steps, timed steps, rests and repeats."""
    from calfcoach.exports.watch import session_workouts

    workouts = session_workouts(read_plan(plan))
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
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_output(out, text.encode("utf-8"), "--out")


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

    document = read_json(source, "IN.json")
    with stored_data() as (uow, now):
        counts = portability.import_data(
            uow, profiles.local_runner(uow, runner, now), document, now
        )
    emit(counts, as_json, lambda c: typer.echo(f"Imported {c}"))
