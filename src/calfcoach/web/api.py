"""The HTTP API under /api/v1, exactly as ../shared/spec/interfaces.md: parse, call, answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, status
from pydantic import BaseModel, ConfigDict, Field

from calfcoach.services import accounts, journal, team, training
from calfcoach.web.deps import ApiAccount, Context

router = APIRouter(prefix="/api/v1", tags=["api"])
JSON = dict[str, Any]


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


@router.post("/accounts", status_code=status.HTTP_201_CREATED)
def create_account(body: NewAccount, context: Context) -> JSON:
    account = accounts.sign_up(context.uow(), body.email, body.password, body.role, context.now())
    return {"id": account.id, "email": account.email, "role": account.role}


@router.post("/tokens")
def create_token(body: Credentials, context: Context) -> JSON:
    token, account = accounts.sign_in(
        context.uow(), body.email, body.password, context.now(), policy=context.login_policy
    )
    return {"token": token, "role": account.role}


@router.post("/assessments", status_code=status.HTTP_201_CREATED)
def create_assessment(body: Assessment, account: ApiAccount, context: Context) -> JSON:
    return training.submit_assessment(context.uow(), account, body, context.today(), context.now())


@router.get("/plan")
def get_plan(account: ApiAccount, context: Context) -> JSON:
    return training.current_plan(context.uow(), account)


@router.post("/checkins")
def create_checkin(body: CheckIn, account: ApiAccount, context: Context) -> JSON:
    return training.check_in(context.uow(), account, body, context.today(), context.now())


@router.post("/logs", status_code=status.HTTP_201_CREATED)
def create_log(body: LogBody, account: ApiAccount, context: Context) -> JSON:
    return training.log_session(context.uow(), account, body, context.today(), context.now())


@router.get("/logs")
def list_logs(account: ApiAccount, context: Context) -> list[JSON]:
    return training.logged_sessions(context.uow(), account)


@router.get("/progress")
def get_progress(account: ApiAccount, context: Context) -> JSON:
    return journal.progress(context.uow(), account, context.today())


@router.post("/coach/invitations", status_code=status.HTTP_201_CREATED)
def create_invitation(account: ApiAccount, context: Context) -> JSON:
    return team.invite(context.uow(), account, context.now())


@router.post("/coach/join")
def join_coach(body: Invitation, account: ApiAccount, context: Context) -> JSON:
    return team.join(context.uow(), account, body.code, context.now())


@router.get("/coach/runners")
def list_runners(account: ApiAccount, context: Context) -> list[JSON]:
    return team.roster(context.uow(), account, context.today(), context.now())


@router.get("/coach/runners/{runner_id}")
def get_runner(runner_id: int, account: ApiAccount, context: Context) -> JSON:
    return team.runner_detail(context.uow(), account, runner_id)
