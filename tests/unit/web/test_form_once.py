"""The one-time form tokens: the first post claims a token, a repeat gets the first's answer."""

from __future__ import annotations

import threading

from calfcoach.web.deps import FormOnceTokens


def test_a_token_is_claimed_once_per_account() -> None:
    tokens = FormOnceTokens()
    assert tokens.claim(1, "abc") is None
    assert tokens.claim(2, "abc") is None, "another account's token is its own"
    first = tokens.claim(1, "abc")
    assert first is not None and first.result is None
    tokens.finish(1, "abc", "/day/2026-11-24")
    assert first.done.is_set() and first.result == "/day/2026-11-24"


def test_a_refused_post_frees_its_token() -> None:
    tokens = FormOnceTokens()
    assert tokens.claim(1, "abc") is None
    waiting = tokens.claim(1, "abc")
    tokens.release(1, "abc")
    assert waiting is not None and waiting.done.is_set() and waiting.result is None
    assert tokens.claim(1, "abc") is None, "the corrected form may be sent again"


def test_a_repeat_waits_for_the_first_post() -> None:
    tokens = FormOnceTokens()
    assert tokens.claim(1, "abc") is None
    repeat = tokens.claim(1, "abc")
    assert repeat is not None
    answered: list[str | None] = []

    def wait() -> None:
        repeat.done.wait(5)
        answered.append(repeat.result)

    waiter = threading.Thread(target=wait)
    waiter.start()
    tokens.finish(1, "abc", "/checkin/done")
    waiter.join(5)
    assert answered == ["/checkin/done"]


def test_only_the_latest_tokens_are_kept() -> None:
    tokens = FormOnceTokens(keep=2)
    for token in ("a", "b", "c"):
        assert tokens.claim(1, token) is None
    assert tokens.claim(1, "a") is None, "the oldest was forgotten"
    assert tokens.claim(1, "c") is not None
