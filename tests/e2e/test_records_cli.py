"""`calfcoach export csv` and `calfcoach export summary` as a runner runs them, on a temporary
database filled through the command line alone (`plan`, `adjust`, then `import data`).

A format the summary cannot write is refused in-process: tests/unit/cli/test_export_refusals.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, TypedDict

import lxml.html
import pytest
from pypdf import PdfReader

from tests.e2e.conftest import ASSESSMENTS, CHECKINS, Run


class SetDoc(TypedDict, total=False):
    reps: int
    load_kg: float
    seconds: int


class LogDoc(TypedDict):
    date: str
    exercise: str
    side: str
    sets: list[SetDoc]


LOGS: list[LogDoc] = [
    {
        "date": "2026-11-24",
        "exercise": "straight_knee_calf_raise",
        "side": "right",
        "sets": [{"reps": 8, "load_kg": 20}, {"reps": 6, "load_kg": 22.5}],
    },
    {"date": "2026-11-25", "exercise": "jump_rope", "side": "both", "sets": [{"seconds": 45}]},
]
STAMP = "2026-11-23T08:00:00+00:00"


def printed(run: Run, tmp_path: Path, name: str, *args: str | Path) -> Any:
    result = run(*args, "--json")
    assert result.code == 0, result
    (tmp_path / name).write_text(result.stdout, encoding="utf-8")
    return result.json()


@pytest.fixture(scope="module")
def runner_database(run: Run, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The runner's database (see ``fill``), built once per module and worker: the exports only
    read it. Returns its URL."""
    tmp_path = tmp_path_factory.mktemp("runner")
    url = f"sqlite:///{tmp_path / 'runner.sqlite3'}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("CALFCOACH_DATABASE_URL", url)
        fill(run, tmp_path)
    return url


def fill(run: Run, tmp_path: Path) -> None:
    """A first test with its plan and a ropey check-in, two logs, and a retest on 1 Dec with an
    urgent red flag, imported into this machine's runner profile."""
    first = json.loads((ASSESSMENTS / "strength_runner.json").read_text(encoding="utf-8"))
    retest = json.loads((ASSESSMENTS / "red_flag_runner.json").read_text(encoding="utf-8"))
    retest["date"] = "2026-12-01"
    (tmp_path / "retest.json").write_text(json.dumps(retest), encoding="utf-8")
    plan = printed(
        run, tmp_path, "plan.json", "plan", "--assessment", ASSESSMENTS / "strength_runner.json"
    )
    ropey = CHECKINS / "ropey_after_spring_week2.json"
    adjusted = printed(
        run,
        tmp_path,
        "adjusted.json",
        "adjust",
        "--plan",
        tmp_path / "plan.json",
        "--checkin",
        ropey,
    )
    flagged = printed(
        run, tmp_path, "flagged.json", "plan", "--assessment", tmp_path / "retest.json"
    )
    # The document's shape comes from `export data` itself; only the runner's items are filled.
    assert run("export", "data", "-o", tmp_path / "empty.json").code == 0
    document = json.loads((tmp_path / "empty.json").read_text(encoding="utf-8"))
    document.update(
        assessments=[
            {"taken_on": test["date"], "document": test, "created_at": STAMP}
            for test in (first, retest)
        ],
        plans=[
            {"block": 1, "version": 1, "assessment": 0, "document": plan, "created_at": STAMP},
            {"block": 1, "version": 2, "assessment": 0, "document": adjusted, "created_at": STAMP},
            {"block": 2, "version": 1, "assessment": 1, "document": flagged, "created_at": STAMP},
        ],
        checkins=[
            {
                "plan": 1,
                "reported_on": "2026-12-03",
                "document": json.loads(ropey.read_text(encoding="utf-8")),
                "created_at": STAMP,
            }
        ],
        logs=[{**log, "created_at": STAMP} for log in LOGS],
    )
    (tmp_path / "mine.json").write_text(json.dumps(document), encoding="utf-8")
    loaded = run("import", "data", tmp_path / "mine.json")
    assert loaded.code == 0, loaded


@pytest.fixture
def stored(runner_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The runner's database in use; returns a folder of this test's own for what it writes."""
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", runner_database)
    return tmp_path


def test_export_csv_writes_every_logged_set(run: Run, stored: Path) -> None:
    out = stored / "sets.csv"
    result = run("export", "csv", "-o", out)
    assert result.code == 0, result
    data = out.read_bytes()
    assert data.endswith(b"\r\n")
    expected = """
        Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,Seconds,Notes,RPE
        2026-11-24,Calf strength,Straight-knee calf raise,1,20,kg,8,,right leg,
        2026-11-24,Calf strength,Straight-knee calf raise,2,22.5,kg,6,,right leg,
        2026-11-25,Calf spring,Jump rope,1,,,,45,,
    """
    assert list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) == [
        line.strip().split(",") for line in expected.strip().splitlines()
    ]


def test_export_summary_as_html_holds_the_tests_flags_and_pain(run: Run, stored: Path) -> None:
    out = stored / "summary.html"
    result = run("export", "summary", "-o", out)
    assert result.code == 0, result
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    rows = {
        table: [
            [td.text_content() for td in tr.findall("td")]
            for tr in page.get_element_by_id(table).find("tbody").iter("tr")
        ]
        for table in ("tests", "red-flags", "pain-reports")
    }
    assert [row[:3] for row in rows["tests"]] == [
        ["2026-11-22", "12 (below)", "8 (below)"],
        ["2026-12-01", "18 (below)", "17 (below)"],
    ]
    assert [row[:4] for row in rows["red-flags"]] == [
        ["2026-12-01", "urgent", "C0", "calf swollen warm red"]
    ]
    assert rows["pain-reports"] == [
        ["2026-12-03", "2/10", "ropey", "Calf spring", "not named", "no change"]
    ]
    assert "not a diagnosis" in page.get_element_by_id("not-a-diagnosis").text_content()


@pytest.mark.parametrize("args", [("-o", "summary.pdf"), ("--format", "PDF", "-o", "summary.out")])
def test_export_summary_as_pdf_is_one_a4_page(
    run: Run, stored: Path, args: tuple[str, ...]
) -> None:
    out = stored / args[-1]
    result = run("export", "summary", *args[:-1], stored / args[-1])
    assert result.code == 0, result
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.5)
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in (
        "2026-11-22",
        "2026-12-01",
        "2026-12-03",
        "One calf swollen, warm and red",
        "2/10",
    ):
        assert expected in text
