"""The local runner profile that the stored-data commands act on (created on first use)."""

from __future__ import annotations

import secrets
from datetime import datetime

from calfcoach.services import accounts
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Forbidden
from calfcoach.store.unit_of_work import UnitOfWork

LOCAL_RUNNER = "me@local.calfcoach"


def local_runner(uow: UnitOfWork, email: str | None, now: datetime) -> Account:
    """The runner ``email`` (default: this machine's own profile), created when missing.

    A profile made here gets a random password nobody knows: it is used from the command line.
    """
    address = accounts.normal_email(email) if email else LOCAL_RUNNER
    with uow:
        row = uow.accounts.by_email(address)
        found = None if row is None else Account(row.id, row.email, row.role)
    if found is None:
        return accounts.sign_up(uow, address, secrets.token_urlsafe(32), "runner", now)
    if found.role != "runner":
        raise Forbidden(f"--runner: {address} is a coach account, not a runner", "runner")
    return found
