"""The runner's imported runs on the plan calendar (only theirs), and the weeks the history
page says it used."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import AppFactory, assess, bearer, signed_in, token_for
from tests.e2e.web.test_history_pages import FILES, finished, gpx_run, real, start, upload

RUN = FILES / "dtcooper_activity-small-fenix2-run.fit"  # Sat 15 Aug 2015, 9.0 km in 47:12
RUN_LINE = "run 9.0 km 47:12"
NOW = datetime(2015, 8, 20, 12, tzinfo=UTC)  # the app's clock: the Thursday after the run


def day_cell(page: str, day: str) -> str:
    """The calendar cell of ``day`` (YYYY-MM-DD)."""
    found = re.search(rf'<a role="cell" href="/day/{day}".*?</a>', page, re.DOTALL)
    assert found, f"no calendar cell for {day}"
    return found.group(0)


def runner_with_a_plan(client: TestClient, email: str) -> str:
    """Signs ``email`` in with a plan from tests on 8 August 2015 (block from Monday 10 August)."""
    csrf = signed_in(client, email)
    assess(client, bearer(token_for(client, email)), date="2015-08-08")
    return csrf


def test_imported_runs_show_on_their_day_and_only_the_runners_own(make_app: AppFactory) -> None:
    app = make_app(clock=lambda: NOW)
    other = TestClient(app)
    other_csrf = runner_with_a_plan(other, "other@example.com")
    finished(other, start(other, other_csrf, [real(RUN)]))
    assert RUN_LINE in day_cell(other.get("/plan").text, "2015-08-15")

    client = TestClient(app)
    csrf = runner_with_a_plan(client, "me@example.com")
    before = client.get("/plan").text
    assert 'class="cal-run' not in before, "another runner's runs never show"

    cells = re.findall(r'<a role="cell" href="/day/([0-9-]+)"(.*?)</a>', before, re.DOTALL)
    session_day = next(day for day, cell in cells if 'class="badge' in cell and day < "2015-08-20")
    on_session_day = upload("easy.gpx", gpx_run(date.fromisoformat(session_day), 6.0, 330))
    finished(client, start(client, csrf, [real(RUN), on_session_day]))
    page = client.get("/plan").text
    cell = day_cell(page, "2015-08-15")
    assert cell.count(f">{RUN_LINE}<") == 1, "the runner's own run, once"
    assert page.count('class="cal-run') == 2, "each run on its day only"
    assert RUN_LINE not in day_cell(page, "2015-08-14")
    with_session = day_cell(page, session_day)
    assert re.search(r'class="badge kind-.*class="cal-run muted small"', with_session, re.DOTALL), (
        "the run is listed under the day's calf session"
    )
    assert ">run 6.0 km 33:0" in with_session, "5:30/km for 6 km is about 33 minutes"


def test_the_history_page_names_the_weeks_of_an_old_export_and_their_age(
    make_app: AppFactory,
) -> None:
    client = TestClient(make_app())  # today is 10 December 2026
    csrf = signed_in(client, "old@example.com")
    finished(client, start(client, csrf, [real(RUN)]))
    page = client.get("/history").text
    assert (
        "This week comes from your runs of 10 August to 16 August 2015, 1 week with runs." in page
    )
    assert "Your newest run is from 15 August 2015, 11 years and 3 months ago" in page
    assert 'id="week-form"' in page, "the old week can still be taken to the tests"
