"""Passwords are hashed with argon2id at RFC 9106's parameters unless the suite asks for less."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import Type, extract_parameters, profiles

from calfcoach.services.accounts import CHEAP_HASHES_FOR_TESTS, password_hasher


@pytest.fixture
def fresh_hasher() -> Iterator[None]:
    password_hasher.cache_clear()
    yield
    password_hasher.cache_clear()


def test_production_hashes_use_rfc_9106_low_memory_argon2id(
    fresh_hasher: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CHEAP_HASHES_FOR_TESTS)
    stored = password_hasher().hash("correct horse battery")
    assert extract_parameters(stored) == profiles.RFC_9106_LOW_MEMORY
    assert extract_parameters(stored).type is Type.ID
    assert password_hasher().verify(stored, "correct horse battery")


def test_only_the_exact_value_1_makes_hashes_cheap(
    fresh_hasher: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHEAP_HASHES_FOR_TESTS, "yes")
    assert extract_parameters(password_hasher().hash("x" * 8)) == profiles.RFC_9106_LOW_MEMORY
    password_hasher.cache_clear()
    monkeypatch.setenv(CHEAP_HASHES_FOR_TESTS, "1")
    cheap = password_hasher().hash("x" * 8)
    assert extract_parameters(cheap) == profiles.CHEAPEST
    assert cheap.startswith("$argon2id$")
