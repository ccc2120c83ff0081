"""``calfcoach history``: read training files, import them, find the usual week."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from calfcoach.cli.shared import JsonFlag, RunnerOption, emit, stored_data, today
from calfcoach.cli.terminal import Terminal

history_app = typer.Typer(
    help="The runner's real runs: read files, import them, and find the usual week.",
    no_args_is_help=True,
)
Paths = Annotated[list[Path], typer.Argument(help="Files, folders, zips or whole exports.")]


@history_app.command("read")
def history_read(files: Paths, as_json: JsonFlag = False) -> None:
    """Read .fit, .gpx and .tcx files (also .gz) and print what they hold; nothing is stored."""
    from calfcoach.services import history_files

    found = list(history_files.files_at(files))
    readable = [(name, data) for name, data, _ in found if data is not None]
    entries = history_files.read_files(readable, workers=os.cpu_count() or 1)
    entries += [{"file": name, "error": error} for name, data, error in found if data is None]
    emit(entries, as_json, Terminal().activities)
    if any("error" in entry for entry in entries):
        raise typer.Exit(1)


@history_app.command("import")
def history_import(paths: Paths, runner: RunnerOption = None, as_json: JsonFlag = False) -> None:
    """Store the runs in files, folders, a Strava export or a Garmin Connect export."""
    from calfcoach.services import history, history_files, profiles

    with stored_data() as (uow, now):
        me = profiles.local_runner(uow, runner, now)
        with Terminal(stderr=True).progress("Importing") as advance:
            found = history_files.files_at(paths)
            report = history.import_files(uow, me, found, now, advance, workers=os.cpu_count() or 1)
    emit(report.document(), as_json, Terminal().imported)
    if report.failed:
        raise typer.Exit(1)


@history_app.command("week")
def history_week(runner: RunnerOption = None, as_json: JsonFlag = False) -> None:
    """What the stored runs say about the runner's usual week (its last eight weeks with runs)."""
    from calfcoach.services import history, profiles

    with stored_data() as (uow, now):
        me = profiles.local_runner(uow, runner, now)
        document = history.runner_week(uow, me, today())
    emit(document, as_json, Terminal().history_week)
