"""Readable terminal views of the documents the services return (Rich).

The views read the same documents that ``--json`` prints, so what a runner sees and
what a script reads can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # only for the type: importing it would load the store at start-up
    from calfcoach.services.demo import DemoAccounts

Doc = Mapping[str, Any]
_TARGET_WORDS = {
    "strength": "Strength: heavy, slow calf work",
    "endurance": "Endurance: longer sets and hill walks",
    "timing": "Timing: quick, light contacts",
    "general": "General: the four-week block as written",
    "hold": "Hold: no block for now",
    "refer": "See a clinician first",
}
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

    def activities(self, entries: Sequence[Doc]) -> None:
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

    def imported(self, report: Doc) -> None:
        self.console.print(
            f"Imported {report['imported']} runs; {report['duplicates']} already stored; "
            f"{report['not_running']} other activities counted, not stored."
        )
        for failure in report["failed"]:
            self.console.print(f"[red]not read[/] {failure['file']}: {failure['error']}")

    def history_week(self, document: Doc) -> None:
        table = Table(title=f"Your usual week ({document['weeks_analysed']} weeks of runs)")
        for day in document["week"]:
            table.add_column(day.capitalize())
        table.add_row(*document["week"].values())
        self.console.print(table)
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

    def plan(self, document: Doc) -> None:
        self._diagnosis(document["diagnosis"])
        for week in document["plan"]["weeks"]:
            self._week(week)
        self._decisions(document["decisions"], "Why the plan looks like this")

    def adjusted(self, document: Doc) -> None:
        """What the last check-in changed and why, then the weeks from that day on."""
        decisions = document["decisions"]
        latest = max((d["date"] for d in decisions), default="")
        self._decisions([d for d in decisions if d["date"] == latest], "What changed and why")
        for flag in document["diagnosis"].get("red_flags", []):
            self.console.print(
                Panel(
                    Text(flag["message"]),
                    border_style="bold red",
                    title=f"Red flag: {flag['urgency'].replace('_', ' ')}",
                    title_align="left",
                )
            )
        for week in document["plan"]["weeks"]:
            if any(s["date"] >= latest for s in week["sessions"]):
                self._week(week)

    def retest(self, document: Doc) -> None:
        table = Table(title="Retest against the last test (C9)", show_lines=False)
        for column in ("measure", "side", "before", "after", "real change?"):
            table.add_column(column)
        for change in document["changes"]:
            table.add_row(
                change["measure"].replace("_", " "),
                change["side"],
                f"{change['before']:g}",
                f"{change['after']:g}",
                "[green]yes[/]" if change["real"] else "no (noise)",
            )
        self.console.print(table)
        self.console.print("Next block, from the retest:", style="bold")
        self.plan(document["next"])

    def exercises(self, catalogue: Sequence[Doc]) -> None:
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

    def _diagnosis(self, diagnosis: Doc) -> None:
        for flag in diagnosis.get("red_flags", []):
            self.console.print(
                Panel(
                    Text(flag["message"]),
                    title=f"Red flag: {flag['urgency'].replace('_', ' ')}",
                    border_style="bold red",
                    title_align="left",
                )
            )
        target = diagnosis["target"]
        lines = [f"[bold]{_TARGET_WORDS.get(target, target)}[/]"]
        lines += [f"[dim]{r['rule']:>4}[/]  {r['text']}" for r in diagnosis["reasons"]]
        self.console.print(
            Panel(
                "\n".join(lines),
                title="Your four-week target",
                title_align="left",
                border_style="cyan",
            )
        )
        if not diagnosis.get("red_flags"):  # each red-flag message already says it
            self.console.print(Text(diagnosis.get("disclaimer", ""), style="dim italic"))

    def _week(self, week: Doc) -> None:
        table = Table(title=f"Week {week['week']}", title_justify="left", expand=True)
        table.add_column("Day", no_wrap=True)
        table.add_column("Session", no_wrap=True)
        table.add_column("What to do")
        table.add_column("How", style="dim")
        for session in week["sessions"]:
            on = date.fromisoformat(session["date"])
            day = f"{on.strftime('%a')} {on.day} {on.strftime('%b')}"
            kind = session["kind"]
            last_note = None
            for n, item in enumerate(i for i in session["items"] if i["exercise"] != "warm_up"):
                table.add_row(
                    day if n == 0 else "",
                    Text(kind.replace("_", " "), style=_KIND_STYLE.get(kind, "")) if n == 0 else "",
                    _dose(item),
                    "" if item["note"] == last_note else item["note"],  # said once per session
                )
                last_note = item["note"]
        if not week["sessions"]:
            table.add_row("", "", "Nothing planned this week", "")
        self.console.print(table)
        for note in week.get("notes", []):
            self.console.print(f"  [yellow]{note}[/]")

    def _decisions(self, decisions: Sequence[Doc], title: str) -> None:
        table = Table(title=title, title_justify="left", show_header=False, box=None)
        table.add_column(style="dim", no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for decision in decisions:
            table.add_row(decision["date"], decision["rule"], decision["text"])
        self.console.print(table)


def _dose(item: Doc) -> str:
    amount = f"{item['reps']} reps" if item["reps"] is not None else f"{item['seconds']} s"
    side = "" if item["side"] == "both" else f", {item['side']} side"
    name = item.get("name") or item["exercise"].replace("_", " ")
    return f"{name}: {item['sets']} x {amount}{side}"
