"""Repositories: add and read rows, never commit (the unit of work does).

Every read of a runner's records takes the runner's id, so a query cannot reach another
runner's rows by accident. A statement that writes at once (not at the unit of work's flush)
first asks the unit of work for the write slot (``before_write``): on SQLite, writers queue on
one lock, and a writer must hold it before SQLite's own write lock, never after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from calfcoach.coaching.fields import JSON
from calfcoach.coaching.logbook import LoggedSession
from calfcoach.store.tables import (
    AccountRow,
    AssessmentRow,
    CheckinRow,
    CoachLinkRow,
    IdempotencyKeyRow,
    InvitationRow,
    LoginFailureRow,
    LogRow,
    PlanRow,
    SetRow,
    TokenRow,
)

# The two reads every API call makes, built once on the tables themselves (plain Core: no ORM
# execution path), with bound parameters, returning plain rows.
_ACCOUNTS, _TOKENS = cast(Table, AccountRow.__table__), cast(Table, TokenRow.__table__)
_PLANS = cast(Table, PlanRow.__table__)
_ACCOUNT_BY_TOKEN = (
    select(_ACCOUNTS.c.id, _ACCOUNTS.c.email, _ACCOUNTS.c.role)
    .join(_TOKENS, _TOKENS.c.account_id == _ACCOUNTS.c.id)
    .where(_TOKENS.c.secret_hash == bindparam("secret"), _TOKENS.c.expires_at > bindparam("now"))
)
_SESSION_BY_TOKEN = (
    select(
        _ACCOUNTS.c.id,
        _ACCOUNTS.c.email,
        _ACCOUNTS.c.role,
        _TOKENS.c.kind,
        _TOKENS.c.created_at,
        _TOKENS.c.expires_at,
    )
    .join(_TOKENS, _TOKENS.c.account_id == _ACCOUNTS.c.id)
    .where(_TOKENS.c.secret_hash == bindparam("secret"), _TOKENS.c.expires_at > bindparam("now"))
)
_CURRENT_PLAN_TEXT = (
    select(_PLANS.c.id, _PLANS.c.block, _PLANS.c.version, sql_cast(_PLANS.c.document, Text))
    .where(_PLANS.c.runner_id == bindparam("runner"))
    .order_by(_PLANS.c.block.desc(), _PLANS.c.version.desc())
    .limit(1)
)

# The busiest write, as plain table inserts (no ORM bookkeeping).
_LOGS, _SETS = cast(Table, LogRow.__table__), cast(Table, SetRow.__table__)
_INSERT_LOG = insert(_LOGS).returning(_LOGS.c.id)
_INSERT_SET = insert(_SETS)


class Accounts:
    def __init__(self, session: Session, before_write: Callable[[], None]) -> None:
        self._session = session
        self._before_write = before_write

    def add(self, email: str, password_hash: str, role: str, now: datetime) -> AccountRow:
        account = AccountRow(email=email, password_hash=password_hash, role=role, created_at=now)
        self._session.add(account)
        return account

    def get(self, account_id: int) -> AccountRow | None:
        return self._session.get(AccountRow, account_id)

    def by_email(self, email: str) -> AccountRow | None:
        return self._session.scalar(select(AccountRow).where(AccountRow.email == email))

    def add_token(
        self, account_id: int, secret_hash: str, kind: str, now: datetime, expires: datetime
    ) -> None:
        self._session.add(
            TokenRow(
                account_id=account_id,
                secret_hash=secret_hash,
                kind=kind,
                created_at=now,
                expires_at=expires,
            )
        )

    def by_token(self, secret_hash: str, now: datetime) -> tuple[int, str, str] | None:
        """(id, email, role) of the account a live token belongs to."""
        found = self._session.connection().execute(
            _ACCOUNT_BY_TOKEN, {"secret": secret_hash, "now": now}
        )
        row = found.first()
        return None if row is None else (row[0], row[1], row[2])

    def session_by_token(
        self, secret_hash: str, now: datetime
    ) -> tuple[int, str, str, str, datetime, datetime] | None:
        """(id, email, role, kind, signed in, expires) of the account a live token belongs to."""
        found = self._session.connection().execute(
            _SESSION_BY_TOKEN, {"secret": secret_hash, "now": now}
        )
        row = found.first()
        return None if row is None else (row[0], row[1], row[2], row[3], row[4], row[5])

    def renew_token(self, secret_hash: str, expires: datetime, if_before: datetime) -> bool:
        """Move a token's expiry to ``expires`` if it is still before ``if_before`` (so two
        requests at once renew it once); whether this call did."""
        self._before_write()
        done = self._session.execute(
            update(TokenRow)
            .where(TokenRow.secret_hash == secret_hash, TokenRow.expires_at < if_before)
            .values(expires_at=expires)
            .execution_options(synchronize_session=False)
        )
        return cast(CursorResult[Any], done).rowcount == 1

    def drop_token(self, secret_hash: str) -> None:
        self._before_write()
        self._session.execute(delete(TokenRow).where(TokenRow.secret_hash == secret_hash))

    def add_login_failure(self, email: str, now: datetime) -> None:
        self._session.add(LoginFailureRow(email=email, at=now))

    def login_failures_since(self, email: str, since: datetime) -> int:
        count = self._session.scalar(
            select(func.count())
            .select_from(LoginFailureRow)
            .where(LoginFailureRow.email == email, LoginFailureRow.at > since)
        )
        return count or 0

    def forget_login_failures(self, email: str) -> None:
        self._before_write()
        self._session.execute(delete(LoginFailureRow).where(LoginFailureRow.email == email))


class Records:
    """A runner's assessments, plan versions, check-ins and logged sessions."""

    def __init__(self, session: Session, before_write: Callable[[], None]) -> None:
        self._session = session
        self._before_write = before_write

    def add_assessment(
        self, runner_id: int, taken_on: date, document: JSON, now: datetime
    ) -> AssessmentRow:
        row = AssessmentRow(
            runner_id=runner_id, taken_on=taken_on, document=document, created_at=now
        )
        self._session.add(row)
        return row

    def assessments(self, runner_id: int) -> list[AssessmentRow]:
        return list(
            self._session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.runner_id == runner_id)
                .order_by(AssessmentRow.taken_on, AssessmentRow.id)
            )
        )

    def add_plan(
        self,
        runner_id: int,
        *,
        assessment_id: int,
        block: int,
        version: int,
        document: JSON,
        now: datetime,
    ) -> PlanRow:
        row = PlanRow(
            runner_id=runner_id,
            assessment_id=assessment_id,
            block=block,
            version=version,
            document=document,
            created_at=now,
        )
        self._session.add(row)
        return row

    def current_plan(self, runner_id: int) -> PlanRow | None:
        """The newest version of the newest block."""
        return self._session.scalar(
            select(PlanRow)
            .where(PlanRow.runner_id == runner_id)
            .order_by(PlanRow.block.desc(), PlanRow.version.desc())
            .limit(1)
        )

    def current_plan_text(self, runner_id: int) -> tuple[int, int, int, str] | None:
        """(id, block, version, document as JSON text) of the current plan, not decoded."""
        row = self._session.connection().execute(_CURRENT_PLAN_TEXT, {"runner": runner_id}).first()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def plans(self, runner_id: int) -> list[PlanRow]:
        """Every version of every block, oldest block first."""
        return list(
            self._session.scalars(
                select(PlanRow)
                .where(PlanRow.runner_id == runner_id)
                .order_by(PlanRow.block, PlanRow.version, PlanRow.id)
            )
        )

    def add_checkin(
        self,
        runner_id: int,
        *,
        plan_id: int,
        reported_on: date,
        feeling: str,
        pain: int,
        document: JSON,
        now: datetime,
    ) -> CheckinRow:
        row = CheckinRow(
            runner_id=runner_id,
            plan_id=plan_id,
            reported_on=reported_on,
            feeling=feeling,
            pain=pain,
            document=document,
            created_at=now,
        )
        self._session.add(row)
        return row

    def checkins(self, runner_id: int) -> list[CheckinRow]:
        return list(
            self._session.scalars(
                select(CheckinRow)
                .where(CheckinRow.runner_id == runner_id)
                .order_by(CheckinRow.reported_on, CheckinRow.id)
            )
        )

    def add_log(self, runner_id: int, logged: LoggedSession, now: datetime) -> int:
        """Insert a logged session and its sets; returns its id. Two plain INSERTs: the
        busiest write of the API, so no ORM unit-of-work bookkeeping."""
        self._before_write()
        connection = self._session.connection()
        log_id = connection.execute(
            _INSERT_LOG,
            {"runner_id": runner_id, "done_on": logged.date, "exercise": logged.exercise.value,
             "side": logged.side.value, "created_at": now},
        ).scalar_one()  # fmt: skip
        connection.execute(
            _INSERT_SET,
            [{"log_id": log_id, "position": i, "reps": s.reps, "load_kg": s.load_kg,
              "seconds": s.seconds, "rpe": s.rpe} for i, s in enumerate(logged.sets)],
        )  # fmt: skip
        return int(log_id)

    def logs(self, runner_id: int, since: date | None = None) -> list[LogRow]:
        query = select(LogRow).where(LogRow.runner_id == runner_id)
        if since is not None:
            query = query.where(LogRow.done_on >= since)
        return list(self._session.scalars(query.order_by(LogRow.done_on, LogRow.id)))

    def log(self, runner_id: int, log_id: int) -> LogRow | None:
        """One of the runner's logs; None for an unknown id or another runner's log."""
        return self._session.scalar(
            select(LogRow).where(LogRow.id == log_id, LogRow.runner_id == runner_id)
        )

    def replace_log(self, row: LogRow, logged: LoggedSession) -> None:
        """Overwrite a stored log with ``logged`` (its sets replaced); sent at the flush."""
        row.done_on = logged.date
        row.exercise = logged.exercise.value
        row.side = logged.side.value
        row.sets = [
            SetRow(position=i, reps=s.reps, load_kg=s.load_kg, seconds=s.seconds, rpe=s.rpe)
            for i, s in enumerate(logged.sets)
        ]

    def delete_log(self, row: LogRow) -> None:
        """Delete a stored log and its sets; sent at the flush."""
        self._session.delete(row)


class Coaching:
    """Invitation codes and the links between a coach and the runners who joined them."""

    def __init__(self, session: Session, before_write: Callable[[], None]) -> None:
        self._session = session
        self._before_write = before_write

    def add_invitation(self, coach_id: int, code: str, now: datetime) -> None:
        self._session.add(InvitationRow(code=code, coach_id=coach_id, created_at=now))

    def invitation(self, code: str) -> InvitationRow | None:
        return self._session.scalar(select(InvitationRow).where(InvitationRow.code == code))

    def open_invitations(self, coach_id: int) -> list[InvitationRow]:
        return list(
            self._session.scalars(
                select(InvitationRow)
                .where(InvitationRow.coach_id == coach_id, InvitationRow.used_by.is_(None))
                .order_by(InvitationRow.id)
            )
        )

    def claim(self, code: str, runner_id: int) -> bool:
        """Mark an open code as used by this runner; False when someone else holds it.

        One conditional UPDATE, so two runners racing for a code cannot both get it.
        """
        self._before_write()
        claimed = self._session.execute(
            update(InvitationRow)
            .where(
                InvitationRow.code == code,
                or_(InvitationRow.used_by.is_(None), InvitationRow.used_by == runner_id),
            )
            .values(used_by=runner_id)
        )
        return cast(CursorResult[Any], claimed).rowcount == 1

    def link(self, coach_id: int, runner_id: int, now: datetime) -> None:
        self._session.add(CoachLinkRow(coach_id=coach_id, runner_id=runner_id, created_at=now))

    def is_linked(self, coach_id: int, runner_id: int) -> bool:
        found = self._session.scalar(
            select(CoachLinkRow.id).where(
                CoachLinkRow.coach_id == coach_id, CoachLinkRow.runner_id == runner_id
            )
        )
        return found is not None

    def runners_of(self, coach_id: int) -> list[AccountRow]:
        return list(
            self._session.scalars(
                select(AccountRow)
                .join(CoachLinkRow, CoachLinkRow.runner_id == AccountRow.id)
                .where(CoachLinkRow.coach_id == coach_id)
                .order_by(AccountRow.email)
            )
        )


class IdempotencyKeys:
    """The ``Idempotency-Key`` each account sent, and the first answer it got."""

    def __init__(self, session: Session, before_write: Callable[[], None]) -> None:
        self._session = session
        self._before_write = before_write

    def find(self, account_id: int, key: str) -> IdempotencyKeyRow | None:
        return self._session.scalar(
            select(IdempotencyKeyRow).where(
                IdempotencyKeyRow.account_id == account_id, IdempotencyKeyRow.key == key
            )
        )

    def claim(
        self, account_id: int, key: str, request_hash: str, now: datetime
    ) -> IdempotencyKeyRow:
        """A new key row without an answer yet; the unit of work's flush sends it (and a
        concurrent claim of the same key then waits for, or fails on, the unique constraint)."""
        row = IdempotencyKeyRow(
            account_id=account_id, key=key, request_hash=request_hash, created_at=now
        )
        self._session.add(row)
        return row

    def purge(self, before: datetime, account_id: int | None = None) -> int:
        """Delete the keys created before ``before`` (of one account, or of all); returns
        how many."""
        self._before_write()
        query = delete(IdempotencyKeyRow).where(IdempotencyKeyRow.created_at < before)
        if account_id is not None:
            query = query.where(IdempotencyKeyRow.account_id == account_id)
        done = self._session.execute(query)
        return cast(CursorResult[Any], done).rowcount
