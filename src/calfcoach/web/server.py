"""What `calfcoach serve` runs: settings from the environment, the database, the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import FastAPI

from calfcoach.services.bootstrap import UnitOfWork, open_database
from calfcoach.services.demo import DemoAccounts, seed_demo
from calfcoach.settings import Settings
from calfcoach.web.app import create_app
from calfcoach.web.context import system_clock


@dataclass(frozen=True, slots=True)
class Prepared:
    app: FastAPI
    database: str
    demo: DemoAccounts | None


def prepare(*, demo: bool, today: date) -> Prepared:
    settings = Settings()
    engine = open_database(settings.database_url)
    accounts = seed_demo(UnitOfWork(engine), today, system_clock()) if demo else None
    shown = engine.url.render_as_string(hide_password=True)
    return Prepared(create_app(settings, engine=engine), shown, accounts)
