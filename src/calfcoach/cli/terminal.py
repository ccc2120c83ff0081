"""Readable terminal views of what the services return (Rich).

Plans are rendered from the engine's typed plan, the one ``--json`` prints as its document,
so what a runner sees and what a script reads can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from calfcoach.coaching.diagnosis import Diagnosis, RedFlagNotice
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import CoachingPlan, Decision, Item, Week
from calfcoach.coaching.vocabulary import ExerciseId, Side
from calfcoach.services.engine import ExerciseView, Retest, change_document

if TYPE_CHECKING:  # only for the type: importing it would load the store at start-up
    from calfcoach.services.demo import DemoAccounts

# What the history services return (calfcoach.history's documents), read as printed.
HistoryEntry = Mapping[str, Any]
_KIND_STYLE = {
    "strength": "bold cyan",
    "spring": "bold magenta",
    "run_addon": "bold green",
    "mobility": "bold yellow",
}


class Terminal:
    def __init__(self, console: Console | None = None, *, stderr: bool = False) -> None:
        self.console = console or Console(stderr=stderr)

    @contextmanager
    def progress(self, what: str) -> Iterator[Callable[[str], None]]:
        """A live count of files done (on stderr, gone when finished); yields the step."""
        bar = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
            TextColumn("[dim]{task.fields[current]}"), console=self.console, transient=True,
        )  # fmt: skip
        with bar:
            task = bar.add_task(what, total=None, current="")

            def step(name: str) -> None:
                bar.update(task, advance=1, current=name[-60:])

            yield step

    def activities(self, entries: Sequence[HistoryEntry]) -> None:
        table = Table(title="Activities")
        for column in ("file", "sport", "start (UTC)", "km", "time", "ascent m", "GPS", "note"):
            table.add_column(column)
        for e in entries:
            if "error" in e:
                table.add_row(e["file"], "", "", "", "", "", "", f"[red]{e['error']}[/]")
                continue
            km = "" if e["distance_m"] is None else f"{e['distance_m'] / 1000:.2f}"
            timer = e["timer_s"] or e["elapsed_s"]
            time = "" if timer is None else f"{int(timer) // 60}:{int(timer) % 60:02d}"
            note = "partial: " + "; ".join(e["warnings"]) if e.get("partial") else ""
            sport = "/".join(x for x in (e["sport"], e["sub_sport"]) if x)
            ascent = "" if e["ascent_m"] is None else f"{e['ascent_m']:.0f}"
            table.add_row(e["file"], sport, e["start"] or "", km, time, ascent,
                          "yes" if e["has_gps"] else "no", note)  # fmt: skip
        self.console.print(table)

    def imported(self, report: HistoryEntry) -> None:
        self.console.print(
            f"Imported {report['imported']} runs; {report['duplicates']} already stored; "
            f"{report['not_running']} other activities counted, not stored."
        )
        for failure in report["failed"]:
            self.console.print(f"[red]not read[/] {failure['file']}: {failure['error']}")

    def history_week(self, document: HistoryEntry) -> None:
        table = Table(title=f"Your usual week ({document['weeks_analysed']} weeks of runs)")
        for day in document["week"]:
            table.add_column(day.capitalize())
        table.add_row(*document["week"].values())
        self.console.print(table)
        if document.get("used"):
            self.console.print(f"This week comes {document['used']}.")
        for reason in document.get("reasons", []):
            self.console.print(f"[bold]{reason['rule']}[/] {reason['text']}")
        shares = ", ".join(
            f"{k.replace('_', ' ')} {v:.0%}" for k, v in document["situations"].items()
        )
        if shares:
            self.console.print(f"Share of runs: {shares}")
        for warning in document["warnings"]:
            self.console.print(f"[yellow]{warning}[/]")

    def serving(self, database: str, address: str, demo: DemoAccounts | None) -> None:
        """Where the web app listens and, with --demo, how to sign in."""
        self.console.print(f"[bold]calfcoach[/] is serving [link={address}]{address}[/]")
        self.console.print(f"  database: {database}", highlight=False)
        if demo is not None:
            self.console.print(f"  demo runner: [bold]{demo.runner_email}[/]", highlight=False)
            self.console.print(f"  demo coach:  [bold]{demo.coach_email}[/]", highlight=False)
            self.console.print(f"  password:    [bold]{demo.password}[/]", highlight=False)
        self.console.print("Press Ctrl+C to stop.")

    def plan(self, coaching: CoachingPlan) -> None:
        self._diagnosis(coaching.diagnosis)
        for week in coaching.plan.weeks:
            self._week(week)
        self._decisions(coaching.decisions, "Why the plan looks like this")

    def adjusted(self, coaching: CoachingPlan) -> None:
        """What the last check-in changed and why, then the weeks from that day on."""
        decisions = coaching.decisions
        latest = max((d.date for d in decisions), default=None)
        self._decisions([d for d in decisions if d.date == latest], "What changed and why")
        for flag in coaching.diagnosis.red_flags:
            self.console.print(_red_flag(flag))
        for week in coaching.plan.weeks:
            if any(latest is None or s.date >= latest for s in week.sessions):
                self._week(week)

    def retest(self, result: Retest) -> None:
        table = Table(title="Retest against the last test (C9)", show_lines=False)
        for column in ("measure", "side", "before", "after", "real change?"):
            table.add_column(column)
        for change in map(change_document, result.changes):
            table.add_row(
                change["measure"].replace("_", " "),
                change["side"],
                f"{change['before']:g}",
                f"{change['after']:g}",
                "[green]yes[/]" if change["real"] else "no (noise)",
            )
        self.console.print(table)
        self.console.print("Next block, from the retest:", style="bold")
        self.plan(result.next)

    def exercises(self, catalogue: Sequence[ExerciseView]) -> None:
        for entry in catalogue:
            steps = "\n".join(f"{n}. {step}" for n, step in enumerate(entry["steps"], 1))
            cues = "  ".join(f"- {cue}" for cue in entry["cues"])
            equipment = ", ".join(entry["equipment"]) or "none"
            body = (
                f"[italic]{entry['trains']}[/]\n{steps}\n[dim]Cues:[/] {cues}\n"
                f"[dim]Counted in {entry['unit']}; equipment: {equipment}[/]"
            )
            self.console.print(
                Panel(body, title=f"{entry['name']}  [dim]({entry['id']})[/]", title_align="left")
            )

    def _diagnosis(self, diagnosis: Diagnosis) -> None:
        for flag in diagnosis.red_flags:
            self.console.print(_red_flag(flag))
        target = diagnosis.target  # headed as the diagnosis page heads it
        heading = f"{target.label}: {target.gist}" if target.gist else target.label
        lines = [f"[bold]{heading}[/]"]
        lines += [f"[dim]{r.rule:>4}[/]  {r.text}" for r in diagnosis.reasons]
        self.console.print(
            Panel(
                "\n".join(lines),
                title="Your four-week target",
                title_align="left",
                border_style="cyan",
            )
        )
        if not diagnosis.red_flags:  # each red-flag message already says it
            self.console.print(Text(diagnosis.disclaimer, style="dim italic"))

    def _week(self, week: Week) -> None:
        table = Table(title=f"Week {week.number}", title_justify="left", expand=True)
        table.add_column("Day", no_wrap=True)
        table.add_column("Session", no_wrap=True)
        table.add_column("What to do")
        table.add_column("How", style="dim")
        for session in week.sessions:
            on = session.date
            day = f"{on.strftime('%a')} {on.day} {on.strftime('%b')}"
            kind = session.kind.value
            last_note = None
            work = (i for i in session.items if i.exercise is not ExerciseId.WARM_UP)
            for n, item in enumerate(work):
                table.add_row(
                    day if n == 0 else "",
                    Text(kind.replace("_", " "), style=_KIND_STYLE.get(kind, "")) if n == 0 else "",
                    _dose(item),
                    "" if item.note == last_note else item.note,  # said once per session
                )
                last_note = item.note
        if not week.sessions:
            table.add_row("", "", "Nothing planned this week", "")
        self.console.print(table)
        for note in week.notes:
            self.console.print(f"  [yellow]{note}[/]")

    def _decisions(self, decisions: Sequence[Decision], title: str) -> None:
        table = Table(title=title, title_justify="left", show_header=False, box=None)
        table.add_column(style="dim", no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for decision in decisions:
            table.add_row(decision.date.isoformat(), decision.rule, decision.text)
        self.console.print(table)


def _red_flag(flag: RedFlagNotice) -> Panel:
    title = f"Red flag: {flag.urgency.value.replace('_', ' ')}"
    return Panel(Text(flag.message), title=title, border_style="bold red", title_align="left")


def _dose(item: Item) -> str:
    amount = f"{item.reps} reps" if item.reps is not None else f"{item.seconds} s"
    side = "" if item.side is Side.BOTH else f", {item.side.value} side"
    return f"{exercise(item.exercise).name}: {item.sets} x {amount}{side}"
