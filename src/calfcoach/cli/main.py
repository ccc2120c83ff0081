"""The ``calfcoach`` command: test, plan, adjust, retest, serve; the sub-commands live beside it.

Bad input never shows a traceback: one line on stderr naming the field, exit code 2.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Annotated

import typer
from typer._click import exceptions as click_errors  # typer 0.29 vendors click

from calfcoach.cli.exports import export_app, import_app
from calfcoach.cli.history import history_app
from calfcoach.cli.shared import (
    USAGE_ERROR,
    BadInput,
    JsonFlag,
    RunnerOption,
    emit,
    read_json,
    stored_data,
    today,
)
from calfcoach.cli.terminal import Terminal
from calfcoach.coaching.documents import plan_document, read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import engine
from calfcoach.services.errors import ServiceError

# The database, the store and the web load only in the commands that use them: `plan` and
# `history read` start in a fraction of the time.

app = typer.Typer(
    name="calfcoach",
    help="Calf-strength and spring coach for runners: test, diagnose, plan, adapt.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(history_app, name="history")
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


def example_assessment() -> object:
    text = resources.files("calfcoach").joinpath("examples/strength_runner.json").read_text()
    return json.loads(text)


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
        coaching = read_plan_document(document)
    else:
        coaching = engine.coaching_plan(raw, today=today())
        document = plan_document(coaching)
    # --json prints the document; the terminal renders the typed plan it was written from.
    emit(document, as_json, lambda _: Terminal().plan(coaching))


@app.command()
def adjust(
    plan: Annotated[str, typer.Option(help="Plan document as printed by `calfcoach plan`.")],
    checkin: Annotated[str, typer.Option(help="Check-in document (calfcoach.checkin/1).")],
    as_json: JsonFlag = False,
) -> None:
    """Apply a day-after check-in or strides check to a plan."""
    if plan == "-" and checkin == "-":
        raise BadInput("--checkin: only one of --plan and --checkin can read stdin")
    coaching = engine.adjusted(read_json(plan, "--plan"), read_json(checkin, "--checkin"))
    emit(plan_document(coaching), as_json, lambda _: Terminal().adjusted(coaching))


@app.command()
def retest(
    previous: Annotated[str, typer.Option(help="The last assessment document.")],
    current: Annotated[str, typer.Option(help="The retest's assessment document.")],
    as_json: JsonFlag = False,
) -> None:
    """Compare a retest with the last test and plan the next block."""
    result = engine.retested(
        read_json(previous, "--previous"), read_json(current, "--current"), today=today()
    )
    emit(engine.retest_document(result), as_json, lambda _: Terminal().retest(result))


@app.command()
def exercises(as_json: JsonFlag = False) -> None:
    """List the exercise catalogue with steps and cues."""
    emit(engine.exercise_catalogue(), as_json, Terminal().exercises)


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
            "give a command: plan, adjust, retest, exercises, history, export, import or serve"
            " (the help is above)"
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
