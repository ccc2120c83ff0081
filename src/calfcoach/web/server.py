"""What `calfcoach serve` runs: logging, settings from the environment, the database, the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import FastAPI

from calfcoach.services.bootstrap import open_database
from calfcoach.services.demo import DemoAccounts, seed_demo
from calfcoach.settings import Settings
from calfcoach.web.app import create_app
from calfcoach.web.context import system_clock
from calfcoach.web.request_ids import configure_logging


@dataclass(frozen=True, slots=True)
class Prepared:
    app: FastAPI
    database: str
    demo: DemoAccounts | None


def prepare(*, demo: bool, today: date) -> Prepared:
    configure_logging()
    settings = Settings()
    database = open_database(settings.database_url)
    accounts = seed_demo(database.unit_of_work(), today, system_clock()) if demo else None
    return Prepared(create_app(settings, database=database), database.shown_url, accounts)
