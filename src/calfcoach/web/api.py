"""The HTTP API under /api/v1, exactly as ../shared/spec/interfaces.md: parse, call, answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Header, status
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from calfcoach.coaching.fields import JSON
from calfcoach.services import (
    accounts,
    idempotency,
    log_corrections,
    moves,
    progress,
    team,
    training,
)
from calfcoach.services.idempotency import Request, Write
from calfcoach.web.deps import ApiCaller, Caller, Context

router = APIRouter(prefix="/api/v1", tags=["api"])


class NewAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=254, examples=["runner@example.com"])
    password: str = Field(min_length=8, max_length=200)
    role: Literal["runner", "coach"] = "runner"


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=254)
    password: str = Field(min_length=1, max_length=200)


class Invitation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=20, examples=["K7QX2MPA"])


_ASSESSMENT_EXAMPLE = {
    "schema": "calfcoach.assessment/1",
    "date": "2026-11-23",
    "runner": {"age": 34, "sex": "female", "lifts_weights": False},
    "heel_raise": {"left": 12, "right": 8, "fast_burn": False, "sharp_pain": False},
    "knee_to_wall": {"left_cm": 10.5, "right_cm": 8.0},
}
_CHECKIN_EXAMPLE = {
    "schema": "calfcoach.checkin/1", "date": "2026-12-01", "week": 2, "after": "spring",
    "feeling": "ropey", "pain": 2, "strides_check": None, "morning_stiffness_up": False,
}  # fmt: skip
_LOG_EXAMPLE = {
    "date": "2026-11-24", "exercise": "straight_knee_calf_raise", "side": "left",
    "sets": [{"reps": 6, "load_kg": 10, "seconds": None}],
}  # fmt: skip


def _document(what: str, example: JSON) -> Any:
    return Body(
        description=f"{what}, validated field by field (422 names the field).",
        openapi_examples={"example": {"value": example}},
    )


Assessment = Annotated[
    JSON, _document("An assessment (calfcoach.assessment/1)", _ASSESSMENT_EXAMPLE)
]
CheckIn = Annotated[JSON, _document("A check-in (calfcoach.checkin/1)", _CHECKIN_EXAMPLE)]
LogBody = Annotated[JSON, _document("One exercise's sets on one side", _LOG_EXAMPLE)]
LogChanges = Annotated[
    JSON,
    Body(
        description="Any of the log's fields (date, exercise, side, sets: the sets replace the"
        " stored ones), validated as a new log is (422 names the field).",
        openapi_examples={"one set more": {"value": {"sets": _LOG_EXAMPLE["sets"] * 2}}},
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=idempotency.HEADER,
        description="Optional, 1-200 characters of your choice (a UUID): the same key again"
        " from the same account returns the first answer and stores nothing; the same key"
        " with a different body is 409. Kept 24 hours.",
    ),
]


def answer(document: object, status_code: int = status.HTTP_200_OK) -> JSONResponse:
    """The document as JSON, as is: the services already return plain JSON values, so
    FastAPI's field-by-field encoder (most of a large plan's cost) is skipped."""
    return JSONResponse(document, status_code=status_code)


CREATED = status.HTTP_201_CREATED


async def once(
    caller: ApiCaller, key: str | None, request: Request, code: int, write: Write
) -> JSONResponse:
    """Run ``write`` once per ``Idempotency-Key`` (services.idempotency) and answer."""
    now = caller.context.now()
    done = await caller.run(
        lambda uow, me: idempotency.once(
            uow, me, key=key, request=request, status=code, write=write, now=now
        )
    )
    headers = {"Idempotent-Replayed": "true"} if done.replayed else None
    return JSONResponse(done.body, status_code=done.status, headers=headers)


@router.post("/accounts", status_code=CREATED)
def create_account(body: NewAccount, context: Context) -> JSONResponse:
    account = accounts.sign_up(context.uow(), body.email, body.password, body.role, context.now())
    return answer({"id": account.id, "email": account.email, "role": account.role}, CREATED)


@router.post("/tokens")
def create_token(body: Credentials, context: Context) -> JSONResponse:
    token, account = accounts.sign_in(
        context.uow(), body.email, body.password, context.now(), policy=context.login_policy
    )
    return answer({"token": token, "role": account.role})


@router.post("/assessments", status_code=CREATED)
async def create_assessment(
    body: Assessment, caller: Caller, key: IdempotencyKey = None
) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    return await once(
        caller,
        key,
        Request("POST /api/v1/assessments", body),
        CREATED,
        lambda uow, me: training.submit_assessment(uow, me, body, today, now),
    )


@router.get("/plan")
async def get_plan(caller: Caller) -> Response:
    plan = await caller.run(training.current_plan_json)
    return Response(plan, media_type="application/json")


@router.post("/checkins")
async def create_checkin(body: CheckIn, caller: Caller, key: IdempotencyKey = None) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    return await once(
        caller,
        key,
        Request("POST /api/v1/checkins", body),
        status.HTTP_200_OK,
        lambda uow, me: training.check_in(uow, me, body, today, now),
    )


MoveBody = Annotated[
    JSON,
    _document(
        "A move: the session's day, the day to move it to (same week, today or later) and, when"
        " the day holds more than one session, its kind",
        {"from": "2026-12-02", "to": "2026-12-03", "kind": "spring"},
    ),
]


@router.post("/plan/moves")
async def create_move(body: MoveBody, caller: Caller, key: IdempotencyKey = None) -> JSONResponse:
    """Move a session to another day of its week; 422 names the field and the rule (M1, P4)."""
    today, now = caller.context.today(), caller.context.now()
    return await once(
        caller,
        key,
        Request("POST /api/v1/plan/moves", body),
        status.HTTP_200_OK,
        lambda uow, me: moves.move_requested(uow, me, body, today, now),
    )


@router.post("/logs", status_code=CREATED)
async def create_log(body: LogBody, caller: Caller, key: IdempotencyKey = None) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    return await once(
        caller,
        key,
        Request("POST /api/v1/logs", body),
        CREATED,
        lambda uow, me: training.log_session(uow, me, body, today, now),
    )


@router.get("/logs")
async def list_logs(caller: Caller) -> JSONResponse:
    return answer(await caller.run(training.logged_sessions))


@router.patch("/logs/{log_id}")
async def edit_log(log_id: int, body: LogChanges, caller: Caller) -> JSONResponse:
    """Correct one of your logs; another runner's log, or an unknown id, is 404."""
    today = caller.context.today()
    return answer(
        await caller.run(lambda uow, me: log_corrections.edit_log(uow, me, log_id, body, today))
    )


@router.delete("/logs/{log_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_log(log_id: int, caller: Caller) -> Response:
    """Delete one of your logs; another runner's log, or an unknown id, is 404."""
    await caller.run(lambda uow, me: log_corrections.delete_log(uow, me, log_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/progress")
async def get_progress(caller: Caller) -> JSONResponse:
    today = caller.context.today()
    return answer(await caller.run(lambda uow, me: progress.progress(uow, me, today)))


@router.post("/coach/invitations", status_code=CREATED)
async def create_invitation(caller: Caller, key: IdempotencyKey = None) -> JSONResponse:
    now = caller.context.now()
    return await once(
        caller,
        key,
        Request("POST /api/v1/coach/invitations"),
        CREATED,
        lambda uow, me: team.invite(uow, me, now),
    )


@router.post("/coach/join")
async def join_coach(body: Invitation, caller: Caller, key: IdempotencyKey = None) -> JSONResponse:
    now = caller.context.now()
    return await once(
        caller,
        key,
        Request("POST /api/v1/coach/join", body.model_dump()),
        status.HTTP_200_OK,
        lambda uow, me: team.join(uow, me, body.code, now),
    )


@router.get("/coach/runners")
async def list_runners(caller: Caller) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    return answer(await caller.run(lambda uow, me: team.roster(uow, me, today, now)))


@router.get("/coach/runners/{runner_id}")
async def get_runner(runner_id: int, caller: Caller) -> JSONResponse:
    return answer(await caller.run(lambda uow, me: team.runner_detail(uow, me, runner_id)))
