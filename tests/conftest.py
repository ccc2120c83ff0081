"""Fixtures shared by every tier: the real databases live in tests/databases.py."""

import os

from calfcoach.services.accounts import CHEAP_HASHES_FOR_TESTS
from tests.databases import db_url, engine, postgres_worker, sqlite_template

__all__ = ["db_url", "engine", "postgres_worker", "sqlite_template"]

# Under CI, a skip whose reason is not allowed there fails the run (see tests/skip_gate.py).
pytest_plugins = ["tests.skip_gate"]

# Still argon2id, with its cheapest parameters: the suite signs up and in hundreds of times
# (about 0.1 s each with the real parameters). Set before any test runs, so the servers and
# commands the tests start inherit it; tests/unit/services/test_password_hashing.py checks the
# production parameters.
os.environ[CHEAP_HASHES_FOR_TESTS] = "1"
