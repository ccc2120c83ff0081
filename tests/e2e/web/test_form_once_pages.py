"""Post/redirect/get and one-time form tokens on the profile, history and coach pages, on both
databases: a form sent twice (a double tap, a reload, back and submit) stores once, and every
storing page post answers 303 to a page on success."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from tests.e2e.web.conftest import (
    PASSWORD,
    AppFactory,
    assess,
    bearer,
    csrf_from,
    sign_up,
    signed_in,
    token_for,
)
from tests.e2e.web.test_history_pages import HX, RUN_FIT, finished, real

CODE = re.compile(r'<li class="code"><code>([^<]+)</code>')


def form_once(html: str, action: str) -> str:
    """The ``form_once`` token of the page's form posting to ``action``."""
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    found = re.search(r'name="form_once"(?: id="[^"]*")? value="([^"]+)"', form)
    assert found, f"no form_once token in the form posting to {action}"
    return found.group(1)


def test_a_data_import_sent_twice_imports_once_and_redirects(make_app: AppFactory) -> None:
    app = make_app()
    source, target = TestClient(app), TestClient(app)
    signed_in(source, "source@example.com")
    assess(source, bearer(token_for(source, "source@example.com")))
    document = source.get("/profile/data.json").content
    csrf = signed_in(target, "target@example.com")
    form = {
        "csrf_token": csrf,
        "form_once": form_once(target.get("/profile").text, "/profile/data"),
    }
    files = {"document": ("calfcoach.json", document, "application/json")}
    first = target.post("/profile/data", data=form, files=files, follow_redirects=False)
    again = target.post("/profile/data", data=form, files=files, follow_redirects=False)
    assert first.status_code == again.status_code == 303, again.text
    assert first.headers["location"] == again.headers["location"] == "/profile?imported=1#import"
    page = target.get("/profile?imported=1").text
    assert "Imported 1 test, 1 plan version, 0 check-ins, 0 logged sessions and 0 runs." in page
    assert "Imported" not in target.get("/profile").text, "only the page it redirects to says so"
    plans = target.get("/api/v1/plan", headers=bearer(token_for(target, "target@example.com")))
    assert plans.status_code == 200, "imported once: the repeat was not refused as a second"


def coach_codes(client: TestClient) -> list[str]:
    return CODE.findall(client.get("/coach").text)


def test_an_invitation_form_sent_twice_makes_one_code(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "coach@example.com", role="coach")
    form = {
        "csrf_token": csrf,
        "form_once": form_once(client.get("/coach").text, "/coach/invitations"),
    }
    first = client.post("/coach/invitations", data=form, follow_redirects=False)
    again = client.post("/coach/invitations", data=form, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"] == "/coach"
    assert len(coach_codes(client)) == 1

    form["form_once"] = form_once(client.get("/coach").text, "/coach/invitations")
    tapped = client.post("/coach/invitations", data=form, headers=HX)
    tapped_again = client.post("/coach/invitations", data=form, headers=HX)
    assert tapped.status_code == tapped_again.status_code == 200
    assert len(CODE.findall(tapped.text)) == 1 and not CODE.findall(tapped_again.text)
    fresh = re.search(r'name="form_once" id="invite-once" value="([^"]+)" hx-swap-oob', tapped.text)
    assert fresh and fresh.group(1) != form["form_once"], "a fresh token for the next tap"
    assert len(coach_codes(client)) == 2
    form["form_once"] = fresh.group(1)
    assert CODE.findall(client.post("/coach/invitations", data=form, headers=HX).text)
    assert len(coach_codes(client)) == 3


JOB = re.compile(r'data-job="([0-9a-f]+)"')
UPLOAD_ONCE = re.compile(r'name="form_once" id="upload-once" value="([^"]+)" hx-swap-oob')


def test_an_htmx_upload_sent_twice_makes_one_job(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "upload@example.com")
    form = {
        "csrf_token": csrf,
        "form_once": form_once(client.get("/history").text, "/history/upload"),
    }
    first = client.post("/history/upload", data=form, files=[real(RUN_FIT)], headers=HX)
    again = client.post("/history/upload", data=form, files=[real(RUN_FIT)], headers=HX)
    assert first.status_code == again.status_code == 200, again.text
    job, repeat = JOB.search(first.text), JOB.search(again.text)
    assert job and repeat and job.group(1) == repeat.group(1), "the repeat shows the first job"
    fresh = UPLOAD_ONCE.search(first.text)
    assert fresh and fresh.group(1) != form["form_once"], "a fresh token for the next upload"
    assert UPLOAD_ONCE.search(again.text)
    assert "upload-once" not in finished(client, job.group(1)), "polling carries no token"

    form["form_once"] = fresh.group(1)
    other = client.post("/history/upload", data=form, files=[real(RUN_FIT)], headers=HX)
    other_job = JOB.search(other.text)
    assert other_job and other_job.group(1) != job.group(1), "a new token: a new upload"


Post = Callable[[TestClient], Response]


def _runner(client: TestClient) -> str:
    csrf = signed_in(client, "prg@example.com")
    assess(client, bearer(token_for(client, "prg@example.com")))
    return csrf


def _times(client: TestClient) -> Response:
    data = {"csrf_token": _runner(client), "time_zone": "Europe/Rome", "times.easy": "07:00"}
    return client.post("/profile/calendar/times", data=data, follow_redirects=False)


def _subscribe(client: TestClient) -> Response:
    data = {"csrf_token": _runner(client), "variant": "busy"}
    return client.post("/profile/calendar/subscribe", data=data, follow_redirects=False)


def _revoke(client: TestClient) -> Response:
    csrf = _runner(client)
    client.post("/profile/calendar/subscribe", data={"csrf_token": csrf, "variant": "full"})
    found = re.search(r"/profile/calendar/(\d+)/revoke", client.get("/profile").text)
    assert found
    path = f"/profile/calendar/{found.group(1)}/revoke"
    return client.post(path, data={"csrf_token": csrf}, follow_redirects=False)


def _import(client: TestClient) -> Response:
    source = _runner(client)
    document = client.get("/profile/data.json").content
    client.post("/signout", data={"csrf_token": source})
    csrf = signed_in(client, "empty@example.com")
    files = {"document": ("calfcoach.json", document, "application/json")}
    return client.post(
        "/profile/data", data={"csrf_token": csrf}, files=files, follow_redirects=False
    )


def _invite(client: TestClient) -> Response:
    csrf = signed_in(client, "prg-coach@example.com", role="coach")
    return client.post("/coach/invitations", data={"csrf_token": csrf}, follow_redirects=False)


def _upload(client: TestClient) -> Response:
    data = {"csrf_token": signed_in(client, "prg@example.com")}
    return client.post("/history/upload", data=data, files=[real(RUN_FIT)], follow_redirects=False)


def _signup(client: TestClient) -> Response:
    data = {
        "csrf_token": csrf_from(client.get("/signup").text),
        "email": "new@example.com",
        "password": PASSWORD,
        "role": "runner",
    }
    return client.post("/signup", data=data, follow_redirects=False)


def _signin(client: TestClient) -> Response:
    sign_up(client, "prg@example.com")
    data = {
        "csrf_token": csrf_from(client.get("/signin").text),
        "email": "prg@example.com",
        "password": PASSWORD,
    }
    return client.post("/signin", data=data, follow_redirects=False)


def _signout(client: TestClient) -> Response:
    data = {"csrf_token": signed_in(client, "prg@example.com")}
    return client.post("/signout", data=data, follow_redirects=False)


POSTS: dict[str, Post] = {
    "profile times": _times,
    "profile subscribe": _subscribe,
    "profile revoke": _revoke,
    "profile data import": _import,
    "coach invitation": _invite,
    "history upload": _upload,
    "signup": _signup,
    "signin": _signin,
    "signout": _signout,
}


@pytest.mark.parametrize("post", POSTS.values(), ids=POSTS.keys())
def test_every_storing_page_post_answers_303_to_a_page(make_app: AppFactory, post: Post) -> None:
    client = TestClient(make_app())
    answer = post(client)
    assert answer.status_code == 303, answer.text
    target = client.get(answer.headers["location"])
    assert target.status_code == 200, target.text
    assert target.headers["content-type"].startswith("text/html")
