"""What a runner reads, page by page: plain words, no rule ids in sentences, no references to
the team's sources, right plurals, human error pages with the navigation, and a form kept across
an expired sign-in."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import (
    PASSWORD,
    ROOT,
    AppFactory,
    csrf_from,
    sign_up,
    sign_up_and_token,
)

THURSDAY = datetime(2026, 12, 10, 9, tzinfo=UTC)
RUNNER = "words@example.com"
TESTS = {
    "age": "34", "sex": "female", "heel_raise_left": "12", "heel_raise_right": "8",
    "knee_to_wall_left": "10.5", "knee_to_wall_right": "8", "fast_burn": "on",
    "situations": "uphill", "goal": "size", "week_sat": "easy", "week_sun": "long",
}  # fmt: skip
RUN_FIT = ROOT / "tests" / "files" / "history" / "dtcooper_garmin-fenix-5-run.fit"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)"(?: id="[^"]*")? value="([^"]*)"')

# A rule id standing in a sentence ("C6b", "P2: keep ..."); a tag is removed before the scan.
RULE_ID = re.compile(r"\b[CPSDTGH]\d{1,2}b?\b")
SOURCES = re.compile(r"\bA[12]\b|research file|\bresearch\b|table as written|\bthe spec\b")
BAD_PLURAL = re.compile(
    r"(?<![\d.,])\b1 (runs|sets|files|weeks|days|reps|sessions|minutes|seconds|changes)\b"
)
TAG = re.compile(r'<span class="rule-tag"[^>]*>[^<]*</span>')


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def visible(html: str) -> str:
    """The page's text as read: rule tags, scripts, styles and markup removed."""
    text = TAG.sub(" ", html)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", unescape(text))


def problems(html: str) -> list[str]:
    text = visible(html)
    found = [
        m.group(0) for pattern in (RULE_ID, SOURCES, BAD_PLURAL) for m in pattern.finditer(text)
    ]
    return [f"{word!r} in …{_around(text, word)}…" for word in found]


def _around(text: str, word: str) -> str:
    at = text.find(word)
    return text[max(0, at - 60) : at + len(word) + 60]


def sign_in(client: TestClient, email: str = RUNNER, follow: bool = False) -> Any:
    token = csrf_from(client.get("/signin").text)
    form = {"csrf_token": token, "email": email, "password": PASSWORD}
    return client.post("/signin", data=form, follow_redirects=follow)


def wait_for_job(client: TestClient, path: str) -> str:
    deadline = time.monotonic() + 10
    while True:
        page = client.get(path).text
        if 'class="import-job running"' not in page:
            return page
        assert time.monotonic() < deadline, "the import did not finish within 10 s"
        time.sleep(0.05)


def journey(make_app: AppFactory) -> dict[str, str]:
    """Every page a runner (and their coach) sees through a first block, by path."""
    clock = Clock(THURSDAY - timedelta(days=4))  # Sunday: the block starts on Monday
    client = TestClient(make_app(clock=clock))
    coach = sign_up_and_token(client, "coach-words@example.com", "coach")
    code = client.post("/api/v1/coach/invitations", headers=coach).json()["code"]
    sign_up(client, RUNNER)
    assert sign_in(client).status_code == 303
    pages: dict[str, str] = {}

    def see(path: str, **options: Any) -> str:
        answer = client.get(path, **options)
        assert answer.status_code < 500, (path, answer.text)
        pages[path] = answer.text
        return answer.text

    tests = see("/tests")
    assert (
        client.post(
            "/tests", data={"csrf_token": csrf_from(tests), **TESTS}, follow_redirects=False
        ).status_code
        == 303
    )
    clock.now = THURSDAY
    for path in ("/diagnosis", "/plan", "/checkin", "/progress", "/history", "/profile"):
        see(path)
    see("/why-calves")
    start = date(2026, 12, 7)
    for offset in range(28):
        see(f"/day/{start + timedelta(days=offset)}")
    day = pages["/day/2026-12-10"]
    logged = client.post(
        "/logs",
        data={"csrf_token": csrf_from(day), "date": "2026-12-10",
              "exercise": "straight_knee_calf_raise", "side": "left", "reps_0": "6"},
        follow_redirects=False,
    )  # fmt: skip
    assert logged.status_code == 303, logged.text
    see("/day/2026-12-10")
    checkin = see("/checkin")
    session = re.search(r'<option value="([^"]+)" selected', checkin)
    assert session, checkin
    answers = {**dict(HIDDEN.findall(checkin)), "session": session.group(1), "feeling": "ropey"}
    done = client.post("/checkin", data=answers, follow_redirects=False)
    assert done.status_code == 303, done.text
    see("/checkin/done")
    see("/progress")
    csrf = csrf_from(pages["/history"])
    files = [
        ("files", (RUN_FIT.name, RUN_FIT.read_bytes(), "application/octet-stream")),
        ("files", ("notes.fit", b"# calfcoach notes, not a run", "application/octet-stream")),
    ]
    sent = client.post(
        "/history/upload", data={"csrf_token": csrf}, files=files, follow_redirects=False
    )
    assert sent.status_code == 303, sent.text
    pages["import job"] = wait_for_job(client, sent.headers["location"])
    see("/history")
    join = see("/join")
    client.post("/join", data={**dict(HIDDEN.findall(join)), "code": code})
    see("/join/done")
    see("/day/not-a-date")
    see("/no-such-page", headers={"Accept": "text/html"})
    client.post("/signout", data={"csrf_token": csrf_from(pages["/join/done"])})
    assert sign_in(client, "coach-words@example.com").status_code == 303
    see("/coach")
    runner_id = re.search(r'href="/coach/runners/(\d+)"', pages["/coach"])
    assert runner_id, pages["/coach"]
    see(f"/coach/runners/{runner_id.group(1)}")
    see("/coach/runners/abc")
    return pages


def test_no_page_shows_rule_ids_sources_or_bad_plurals(make_app: AppFactory) -> None:
    pages = journey(make_app)
    found = {path: problems(html) for path, html in pages.items() if problems(html)}
    assert not found, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)
    tagged = "".join(pages[p] for p in ("/diagnosis", "/plan", "/checkin/done"))
    assert 'class="rule-tag" title="Rule C6b: ' in tagged, "the ids are tags, explained"
    assert "import job" in pages
    job = visible(pages["import job"])
    assert "Import finished: 1 run added, 1 file could not be read" in job, job
    assert "this file is not a FIT, GPX or TCX activity" in job, job


def nav(html: str) -> bool:
    return '<nav class="nav" aria-label="Main">' in html


def runner_in_block(make_app: AppFactory) -> tuple[TestClient, Clock]:
    """A runner signed in, tested on Sunday; the clock on Thursday of week 1."""
    clock = Clock(THURSDAY - timedelta(days=4))
    client = TestClient(make_app(clock=clock))
    sign_up(client, RUNNER)
    assert sign_in(client).status_code == 303
    tests = client.get("/tests").text
    form = {"csrf_token": csrf_from(tests), **TESTS}
    assert client.post("/tests", data=form, follow_redirects=False).status_code == 303
    clock.now = THURSDAY
    return client, clock


def test_an_address_that_names_no_day_is_a_404_page_with_the_navigation(
    make_app: AppFactory,
) -> None:
    client, _ = runner_in_block(make_app)
    for path in ("/day/not-a-date", "/day/2026-13-40"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "text/html" in answer.headers["content-type"]
        assert "<h1>No such day</h1>" in answer.text and nav(answer.text)
        assert 'href="/today">Back to today</a>' in answer.text
        assert "Input should be" not in answer.text and "path.day" not in answer.text
    unknown = client.get("/no-such-page", headers={"Accept": "text/html,*/*"})
    assert unknown.status_code == 404
    assert "<h1>Page not found</h1>" in unknown.text and nav(unknown.text)
    assert client.get("/no-such-page").json() == {"detail": "Not Found"}, "no HTML asked for"
    api = client.get("/api/v1/no-such-thing", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_error_pages_have_no_navigation_for_nobody_and_api_answers_stay_json(
    make_app: AppFactory,
) -> None:
    client = TestClient(make_app())
    page = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Page not found" in page.text and not nav(page.text)
    auth = sign_up_and_token(client, "coach-api@example.com", "coach")
    answer = client.get("/api/v1/coach/runners/abc", headers=auth)
    assert answer.status_code == 422
    assert answer.json()["field"] == "path.runner_id", "the API keeps its validation answer"


def test_a_coach_address_with_no_runner_is_a_404_page(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    sign_up(client, "coach-404@example.com", "coach")
    assert sign_in(client, "coach-404@example.com").status_code == 303
    answer = client.get("/coach/runners/abc")
    assert answer.status_code == 404
    assert "<h1>No such runner</h1>" in answer.text and nav(answer.text)
    assert 'href="/coach"' in answer.text


def checkin_answers(client: TestClient) -> dict[str, str]:
    page = client.get("/checkin").text
    session = re.search(r'<option value="([^"]+)" selected', page)
    assert session, page
    return {
        **dict(HIDDEN.findall(page)),
        "session": session.group(1),
        "feeling": "ropey",
        "pain": "3",
        "morning_stiffness_up": "on",
    }


def test_a_checkin_sent_after_the_sign_in_expired_is_kept_and_sent_after_signing_in(
    make_app: AppFactory,
) -> None:
    client, clock = runner_in_block(make_app)
    answers = checkin_answers(client)
    clock.now = THURSDAY + timedelta(days=15)  # a browser sign-in lasts 14 days
    sent = client.post("/checkin", data=answers, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/signin?next=/checkin"
    signin = client.get(sent.headers["location"]).text
    assert "Your sign-in had expired" in signin
    assert '<input type="hidden" name="next" value="/checkin">' in signin
    back = sign_in(client)
    assert back.headers["location"] == "/signin/kept"
    kept = client.get("/signin/kept").text
    assert "<dt>Feeling</dt><dd>ropey</dd>" in kept and "<dt>Pain</dt><dd>3</dd>" in kept
    assert 'action="/checkin"' in kept and 'name="password"' not in kept
    assert "Send it now" in kept and 'href="/checkin"' in kept
    again = client.get("/signin/kept", follow_redirects=False)
    assert again.headers["location"] == "/today", "shown once: the session let go of it"
    resent = client.post("/checkin", data=dict(HIDDEN.findall(kept)), follow_redirects=False)
    assert resent.status_code == 303 and resent.headers["location"] == "/checkin/done"


def test_a_log_sent_after_the_session_cookie_went_is_kept_when_it_came_from_our_page(
    make_app: AppFactory,
) -> None:
    client, _ = runner_in_block(make_app)
    day = client.get("/day/2026-12-10").text
    form = {"csrf_token": csrf_from(day), "date": "2026-12-10",
            "exercise": "straight_knee_calf_raise", "side": "left", "reps_0": "6"}  # fmt: skip
    client.cookies.clear()  # the whole session cookie expired while the page was open
    foreign = client.post("/logs", data=form, follow_redirects=False)
    assert foreign.status_code == 403, "no sign that our page sent it: refused, nothing kept"
    ours = {"Origin": "http://testserver", "Referer": "http://testserver/day/2026-12-10"}
    sent = client.post("/logs", data=form, headers=ours, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/signin?next=/day/2026-12-10"
    assert sign_in(client).headers["location"] == "/signin/kept"
    kept = client.get("/signin/kept").text
    assert "<dt>Reps, set 1</dt><dd>6</dd>" in kept and 'action="/logs"' in kept
    assert 'href="/day/2026-12-10"' in kept
    logged = client.post("/logs", data=dict(HIDDEN.findall(kept)), follow_redirects=False)
    assert logged.status_code == 303 and logged.headers["location"].startswith("/day/2026-12-10")


def test_an_htmx_post_after_the_sign_in_expired_sends_the_whole_page_to_sign_in(
    make_app: AppFactory,
) -> None:
    client, clock = runner_in_block(make_app)
    answers = checkin_answers(client)
    clock.now = THURSDAY + timedelta(days=15)
    sent = client.post("/checkin", data=answers, headers={"HX-Request": "true"})
    assert sent.status_code == 204
    assert sent.headers["HX-Redirect"] == "/signin?next=/checkin"


def test_signing_in_goes_back_to_next_only_on_this_site(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    sign_up(client, RUNNER)
    for asked, went in [
        ("/progress", "/progress"),
        ("//evil.example/x", "/today"),
        ("https://evil.example/", "/today"),
        ("/\\evil.example", "/today"),
        ("javascript:alert(1)", "/today"),
    ]:
        page = client.get("/signin", params={"next": asked}).text
        form = {"csrf_token": csrf_from(page), "email": RUNNER, "password": PASSWORD,
                "next": asked}  # fmt: skip
        answer = client.post("/signin", data=form, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == went, asked
        assert "evil" not in page


def test_a_page_form_missing_a_field_says_so_in_plain_words(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    token = csrf_from(client.get("/signin").text)
    answer = client.post("/signin", data={"csrf_token": token, "email": RUNNER})
    assert answer.status_code == 422
    assert "password: please fill this in" in answer.text
    assert "Field required" not in answer.text
    api = client.post("/api/v1/tokens", json={"email": RUNNER})
    assert api.status_code == 422 and "Field required" in api.text, "the API keeps its words"
