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


Document = Annotated[JSON, Body(description="A calfcoach document, validated field by field.")]


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
def create_assessment(body: Document, account: ApiAccount, context: Context) -> JSON:
    return training.submit_assessment(context.uow(), account, body, context.today(), context.now())


@router.get("/plan")
def get_plan(account: ApiAccount, context: Context) -> JSON:
    return training.current_plan(context.uow(), account)


@router.post("/checkins")
def create_checkin(body: Document, account: ApiAccount, context: Context) -> JSON:
    return training.check_in(context.uow(), account, body, context.now())


@router.post("/logs", status_code=status.HTTP_201_CREATED)
def create_log(body: Document, account: ApiAccount, context: Context) -> JSON:
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
