"""The ``calfcoach`` command: each command parses, calls a service and prints.

Bad input never shows a traceback: one line on stderr naming the field, exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click import exceptions as click_errors  # typer 0.29 vendors click

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import planning
from calfcoach.services.errors import ServiceError
from calfcoach.terminal import Terminal

if TYPE_CHECKING:
    from calfcoach.services.bootstrap import UnitOfWork

# The database, the store and the web load only in the commands that use them: `plan` and
# `history read` start in a fraction of the time.

app = typer.Typer(
    name="calfcoach",
    help="Calf-strength and spring coach for runners: test, diagnose, plan, adapt.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
USAGE_ERROR = 2


class BadInput(Exception):
    """Input the user can fix; the message is printed as one line."""


def read_json(path: str, what: str) -> object:
    """A JSON document from a file, or stdin for ``-``."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise BadInput(f"{what}: cannot read {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise BadInput(f"{what}: {path} is not UTF-8 text") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{what}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error


def example_assessment() -> object:
    text = resources.files("calfcoach").joinpath("examples/strength_runner.json").read_text()
    return json.loads(text)


def emit(document: Any, as_json: bool, show: Callable[[Any], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        show(document)


def today() -> date:
    """The runner's local date (an assessment without a date is dated today)."""
    return datetime.now().astimezone().date()


RunnerOption = Annotated[
    str | None,
    typer.Option("--runner", help="The runner's email (default: this machine's own profile)."),
]


@app.command()
def plan(
    assessment: Annotated[
        str | None, typer.Option(help="Assessment document (calfcoach.assessment/1); - for stdin.")
    ] = None,
    example: Annotated[bool, typer.Option(help="Use the bundled example assessment.")] = False,
    from_history: Annotated[
        bool, typer.Option(help="Plan on the week found in the imported history.")
    ] = False,
    runner: RunnerOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Diagnose an assessment and print the four-week plan."""
    if (assessment is None) == (not example):
        raise BadInput("--assessment: give either an assessment file (- for stdin) or --example")
    raw = example_assessment() if example else read_json(str(assessment), "--assessment")
    if from_history:
        from calfcoach.services import history, profiles

        with stored_data() as (uow, now):
            me = profiles.local_runner(uow, runner, now)
            document = history.plan_with_history(uow, me, raw, today())
    else:
        document = planning.plan_from_assessment(raw, today=today())
    emit(document, as_json, Terminal().plan)


@app.command()
def adjust(
    plan: Annotated[str, typer.Option(help="Plan document as printed by `calfcoach plan`.")],
    checkin: Annotated[str, typer.Option(help="Check-in document (calfcoach.checkin/1).")],
    as_json: JsonFlag = False,
) -> None:
    """Apply a day-after check-in or strides check to a plan."""
    if plan == "-" and checkin == "-":
        raise BadInput("--checkin: only one of --plan and --checkin can read stdin")
    document = planning.adjust_plan(read_json(plan, "--plan"), read_json(checkin, "--checkin"))
    emit(document, as_json, Terminal().adjusted)


@app.command()
def retest(
    previous: Annotated[str, typer.Option(help="The last assessment document.")],
    current: Annotated[str, typer.Option(help="The retest's assessment document.")],
    as_json: JsonFlag = False,
) -> None:
    """Compare a retest with the last test and plan the next block."""
    document = planning.retest(
        read_json(previous, "--previous"), read_json(current, "--current"), today=today()
    )
    emit(document, as_json, Terminal().retest)


@app.command()
def exercises(as_json: JsonFlag = False) -> None:
    """List the exercise catalogue with steps and cues."""
    emit(planning.exercise_catalogue(), as_json, Terminal().exercises)


history_app = typer.Typer(
    help="The runner's real runs: read files, import them, and find the usual week.",
    no_args_is_help=True,
)
app.add_typer(history_app, name="history")
Paths = Annotated[list[Path], typer.Argument(help="Files, folders, zips or whole exports.")]


@contextmanager
def stored_data() -> Iterator[tuple[UnitOfWork, datetime]]:
    """The database named by CALFCOACH_DATABASE_URL (migrated), and the current time."""
    from calfcoach.services.bootstrap import UnitOfWork, open_database
    from calfcoach.settings import Settings

    engine = open_database(Settings().database_url)
    try:
        yield UnitOfWork(engine), datetime.now(UTC)
    finally:
        engine.dispose()


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
    """What the stored runs say about the runner's usual week (last eight weeks)."""
    from calfcoach.services import history, profiles

    with stored_data() as (uow, now):
        me = profiles.local_runner(uow, runner, now)
        document = history.runner_week(uow, me, today())
    emit(document, as_json, Terminal().history_week)


export_app = typer.Typer(help="Calendars and watch workouts from a plan.", no_args_is_help=True)
app.add_typer(export_app, name="export")
PlanFile = Annotated[str, typer.Option("--plan", help="A plan document (calfcoach.plan/1).")]


def read_plan(path: str, what: str = "--plan") -> dict[str, Any]:
    """A plan document from a file, checked by the engine's own reader (field named)."""
    from calfcoach.coaching.documents import read_plan_document

    raw = read_json(path, what)
    read_plan_document(raw)
    return dict(raw) if isinstance(raw, dict) else {}


def write_output(path: Path, data: bytes, what: str) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise BadInput(f"{what}: cannot write {path}: {error.strerror}") from error


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
app.add_typer(import_app, name="import")


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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    demo: Annotated[
        bool, typer.Option(help="Add a demo runner and coach (and print how to sign in).")
    ] = False,
) -> None:
    """Serve the web app and the /api/v1 API on CALFCOACH_DATABASE_URL (default: SQLite)."""
    import uvicorn

    from calfcoach.web.server import prepare

    prepared = prepare(demo=demo, today=today())
    Terminal().serving(prepared.database, f"http://{host}:{port}", prepared.demo)
    uvicorn.run(prepared.app, host=host, port=port, log_level="warning")


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0911 - one exit per kind of error
    """Entry point: run the app and turn every user error into one line on stderr."""
    try:
        # Without standalone mode, click hands back typer.Exit's code instead of raising it.
        code = app(args=argv, standalone_mode=False)
    except (InvalidDocument, BadInput, ServiceError) as error:
        return _fail(str(error))
    except click_errors.NoArgsIsHelpError:
        return _fail(
            "give a command: plan, adjust, retest, exercises, history or serve (the help is above)"
        )
    except click_errors.ClickException as error:
        return _fail(error.format_message().replace("\n", " "))
    except typer.Abort:
        return _fail("aborted")
    except typer.Exit as done:
        return done.exit_code
    except BrokenPipeError:
        return 1
    return code if isinstance(code, int) else 0


def _fail(message: str) -> int:
    sys.stderr.write(f"calfcoach: error: {message}\n")
    return USAGE_ERROR
