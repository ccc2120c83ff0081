"""The HTTP API under /api/v1, exactly as ../shared/spec/interfaces.md: parse, call, answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, status
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from calfcoach.coaching.fields import JSON
from calfcoach.services import accounts, journal, team, training
from calfcoach.web.deps import Caller, Context

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


def answer(document: object, status_code: int = status.HTTP_200_OK) -> JSONResponse:
    """The document as JSON, as is: the services already return plain JSON values, so
    FastAPI's field-by-field encoder (most of a large plan's cost) is skipped."""
    return JSONResponse(document, status_code=status_code)


CREATED = status.HTTP_201_CREATED


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
async def create_assessment(body: Assessment, caller: Caller) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    plan = await caller.run(lambda uow, me: training.submit_assessment(uow, me, body, today, now))
    return answer(plan, CREATED)


@router.get("/plan")
async def get_plan(caller: Caller) -> Response:
    plan = await caller.run(training.current_plan_json)
    return Response(plan, media_type="application/json")


@router.post("/checkins")
async def create_checkin(body: CheckIn, caller: Caller) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    return answer(await caller.run(lambda uow, me: training.check_in(uow, me, body, today, now)))


@router.post("/logs", status_code=CREATED)
async def create_log(body: LogBody, caller: Caller) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    logged = await caller.run(lambda uow, me: training.log_session(uow, me, body, today, now))
    return answer(logged, CREATED)


@router.get("/logs")
async def list_logs(caller: Caller) -> JSONResponse:
    return answer(await caller.run(training.logged_sessions))


@router.get("/progress")
async def get_progress(caller: Caller) -> JSONResponse:
    today = caller.context.today()
    return answer(await caller.run(lambda uow, me: journal.progress(uow, me, today)))


@router.post("/coach/invitations", status_code=CREATED)
async def create_invitation(caller: Caller) -> JSONResponse:
    now = caller.context.now()
    return answer(await caller.run(lambda uow, me: team.invite(uow, me, now)), CREATED)


@router.post("/coach/join")
async def join_coach(body: Invitation, caller: Caller) -> JSONResponse:
    now = caller.context.now()
    return answer(await caller.run(lambda uow, me: team.join(uow, me, body.code, now)))


@router.get("/coach/runners")
async def list_runners(caller: Caller) -> JSONResponse:
    today, now = caller.context.today(), caller.context.now()
    return answer(await caller.run(lambda uow, me: team.roster(uow, me, today, now)))


@router.get("/coach/runners/{runner_id}")
async def get_runner(runner_id: int, caller: Caller) -> JSONResponse:
    return answer(await caller.run(lambda uow, me: team.runner_detail(uow, me, runner_id)))
