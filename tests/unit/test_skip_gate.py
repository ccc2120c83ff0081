"""The skip gate (tests/skip_gate.py): under CI an unexpected skip fails the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import skip_gate

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[2]

SKIPS = """
import pytest

def test_runs():
    pass

@pytest.mark.skip(reason="not today")
def test_marked():
    pass

def test_skips_itself():
    pytest.skip("no service here")

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_to_fail():
    assert False
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run pytest in the pytester folder, the gate registered as tests/conftest.py does."""
    pytester.makeconftest(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\npytest_plugins = ['tests.skip_gate']\n"
    )
    return pytester.runpytest("-p", "no:cacheprovider", "-rs", *args)


def test_under_ci_an_unexpected_skip_fails_the_run_and_says_which(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makepyfile(test_things=SKIPS)
    result = run(pytester)
    result.assert_outcomes(passed=1, skipped=2, xfailed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*= skip gate =*",
            "CI is set, and 2 skip(s) have a reason not on ALLOWED_SKIPS*",
            "SKIPPED test_things.py::test_marked: not today",
            "SKIPPED test_things.py::test_skips_itself: no service here",
        ]
    )
    assert "test_expected_to_fail" not in result.stdout.str().split("skip gate")[1]


def test_under_ci_a_module_skipped_while_collecting_fails_the_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "1")
    pytester.makepyfile(
        test_module="import pytest\npytest.importorskip('no_such_module_here')\n",
        test_other="def test_runs():\n    pass\n",
    )
    result = run(pytester)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["SKIPPED test_module.py: could not import 'no_such_module_here'*"])


def test_under_ci_an_allowed_skip_does_not_fail_the_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(
        skip_gate, "ALLOWED_SKIPS", {"^no service here$": "why", "^not today$": "why"}
    )
    pytester.makepyfile(test_things=SKIPS)
    result = run(pytester)
    result.assert_outcomes(passed=1, skipped=2, xfailed=1)
    assert result.ret == pytest.ExitCode.OK
    assert "skip gate" not in result.stdout.str()


def test_one_unexpected_skip_among_allowed_ones_still_fails(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(skip_gate, "ALLOWED_SKIPS", {"service": "why"})
    pytester.makepyfile(test_things=SKIPS)
    result = run(pytester)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*1 skip(s)*", "SKIPPED test_things.py::test_marked: not today"])
    result.stdout.no_fnmatch_line("SKIPPED test_things.py::test_skips_itself*")


def test_without_ci_skips_are_reported_but_do_not_fail(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    pytester.makepyfile(test_things=SKIPS)
    result = run(pytester)
    result.assert_outcomes(passed=1, skipped=2, xfailed=1)
    assert result.ret == pytest.ExitCode.OK
    assert "skip gate" not in result.stdout.str()


def test_a_failing_run_keeps_its_failure(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makepyfile(test_things=SKIPS + "\ndef test_fails():\n    assert False\n")
    result = run(pytester)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*= skip gate =*"])


def test_with_xdist_the_controller_sees_every_worker_skip(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makepyfile(test_things=SKIPS, test_more="def test_runs():\n    pass\n")
    result = run(pytester, "-n", "2")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*2 skip(s)*"])
