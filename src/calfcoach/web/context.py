"""What every request can reach: the database, the settings, the clock, the templates, the imports.

Built once by the app factory and kept on ``app.state``; nothing is created at import time.
``context.uow()`` is the database's ``unit_of_work``: its type comes from that method's return
(see ``services.bootstrap``), so the web never names the store's unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from fastapi.templating import Jinja2Templates

from calfcoach.services.accounts import LoginPolicy
from calfcoach.services.bootstrap import Database
from calfcoach.services.history_views import ImportJobs
from calfcoach.settings import Settings


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppContext:
    settings: Settings
    database: Database
    templates: Jinja2Templates
    clock: Callable[[], datetime] = system_clock
    # The history uploads running in the background, one registry per app (never a global).
    imports: ImportJobs = field(init=False)

    def __post_init__(self) -> None:
        self.uow = self.database.unit_of_work  # a new unit of work per call
        self.imports = ImportJobs(self.uow, self.now)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        # The runner's calendar day: the server's local zone (a personal or club server).
        return self.clock().astimezone().date()

    @property
    def login_policy(self) -> LoginPolicy:
        return LoginPolicy(
            attempts=self.settings.login_attempts,
            window=timedelta(minutes=self.settings.login_window_minutes),
        )
