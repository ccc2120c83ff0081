"""Fixtures shared by every tier: the real databases live in tests/databases.py."""

from tests.databases import db_url, engine

__all__ = ["db_url", "engine"]
