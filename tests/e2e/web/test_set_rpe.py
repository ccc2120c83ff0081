"""Per-set RPE on both databases: the API takes, lists and corrects it, refuses one out of
1-10 naming the set, the CSV carries it in its last column, and the day page logs, shows and
edits it."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import AppFactory, a_log, sign_up_and_token
from tests.e2e.web.test_log_pages import DAY, FIELD, form_for, logs, runner_on_tuesday


def test_the_api_stores_lists_and_corrects_each_sets_rpe(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    sets = [
        {"reps": 8, "load_kg": 10.0, "seconds": None, "rpe": 7},
        {"reps": 6, "load_kg": 12.5, "seconds": None},
    ]
    posted = client.post("/api/v1/logs", json=a_log(sets=sets), headers=auth)
    assert posted.status_code == 201, posted.text
    log_id = posted.json()["id"]
    (listed,) = client.get("/api/v1/logs", headers=auth).json()
    assert [s["rpe"] for s in listed["sets"]] == [7, None], "left out is null"

    patch = {"sets": [{"reps": 8, "load_kg": 10.0, "rpe": 9}, {"reps": 6, "rpe": None}]}
    answer = client.patch(f"/api/v1/logs/{log_id}", json=patch, headers=auth)
    assert answer.status_code == 200, answer.text
    assert [s["rpe"] for s in answer.json()["sets"]] == [9, None]
    assert client.get("/api/v1/logs", headers=auth).json() == [answer.json()]

    side_only = client.patch(f"/api/v1/logs/{log_id}", json={"side": "right"}, headers=auth)
    assert [s["rpe"] for s in side_only.json()["sets"]] == [9, None], "kept by other edits"


def test_an_rpe_outside_1_to_10_is_422_naming_the_set(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    for rpe in (0, 11, 6.5, "hard"):
        sets = [{"reps": 8}, {"reps": 6, "rpe": rpe}]
        refused = client.post("/api/v1/logs", json=a_log(sets=sets), headers=auth)
        assert refused.status_code == 422, rpe
        assert refused.json()["field"] == "sets[1].rpe"
    assert client.get("/api/v1/logs", headers=auth).json() == []
    posted = client.post("/api/v1/logs", json=a_log(), headers=auth)
    log_id = posted.json()["id"]
    refused = client.patch(
        f"/api/v1/logs/{log_id}", json={"sets": [{"reps": 8, "rpe": 12}]}, headers=auth
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "sets[0].rpe"


def test_the_day_page_logs_shows_and_edits_rpe_and_the_csv_carries_it(
    make_app: AppFactory,
) -> None:
    client = runner_on_tuesday(make_app)
    page = client.get(DAY).text
    assert 'name="left_rpe_0"' in page and '<option value="">\u2013</option>' in page
    assert "data-set-done hidden" in page, "the tick buttons wait for JavaScript"
    form = form_for(page, "straight_knee_calf_raise")
    form |= {"left_load_kg_0": "20", "left_rpe_0": "7", "right_rpe_1": ""}
    posted = client.post("/logs", data=form, follow_redirects=False)
    assert posted.status_code == 303
    left, right = sorted(logs(client), key=lambda log: log["side"] != "left")
    assert [s["rpe"] for s in left["sets"]][:2] == [7, None]
    assert all(s["rpe"] is None for s in right["sets"])
    shown = client.get(DAY).text
    assert re.search(r"\(left\): \d+ @ 20\.0 kg, RPE 7, ", shown), "the logged list says it"

    bad = form_for(client.get(DAY).text, "straight_knee_calf_raise") | {"left_rpe_0": "11"}
    refused = client.post("/logs", data=bad, follow_redirects=False)
    assert "sets[0].rpe" in refused.text

    edit = shown.split(f'action="/logs/{left["id"]}/edit"')[1].split("</form>")[0]
    assert '<option value="7" selected>7</option>' in edit, "the edit form keeps it"
    data = dict(FIELD.findall(edit))
    count = len(left["sets"])
    for n, logged in enumerate(left["sets"]):
        data |= {f"reps_{n}": str(logged["reps"]), f"load_kg_{n}": str(logged["load_kg"] or "")}
        data[f"rpe_{n}"] = "" if logged["rpe"] is None else str(logged["rpe"])
    data |= {"side": "left", "rpe_1": "8", f"reps_{count}": ""}
    edited = client.post(f"/logs/{left['id']}/edit", data=data, follow_redirects=False)
    assert edited.status_code == 303, edited.text
    (changed,) = [log for log in logs(client) if log["id"] == left["id"]]
    assert [s["rpe"] for s in changed["sets"]][:2] == [7, 8]

    rows = list(csv.DictReader(io.StringIO(client.get("/profile/sets.csv").content.decode())))
    assert list(rows[0])[-1] == "RPE"
    assert [r["RPE"] for r in rows if r["Notes"] == "left leg"][:2] == ["7", "8"]
