"""A runner's logged sets as a CSV file that strength-training apps read."""

from __future__ import annotations

from calfcoach.exports import sets_csv as csv_file
from calfcoach.services.accounts import Account
from calfcoach.services.team import joined_runner, require_coach
from calfcoach.services.training import logged_session, require_runner
from calfcoach.store.unit_of_work import UnitOfWork


def sets_csv(uow: UnitOfWork, runner: Account) -> bytes:
    """Every set the runner logged, one CSV row each, by date."""
    require_runner(runner)
    with uow:
        logs = [logged_session(row) for row in uow.records.logs(runner.id)]
    return csv_file.sets_csv(logs)


def sets_csv_for_coach(uow: UnitOfWork, coach: Account, runner_id: int) -> bytes:
    """The same for one of the coach's runners (NotFound unless that runner joined them)."""
    require_coach(coach)
    with uow:
        runner = joined_runner(uow, coach, runner_id)
        logs = [logged_session(row) for row in uow.records.logs(runner.id)]
    return csv_file.sets_csv(logs)
