"""Under CI, a skipped test fails the run unless its reason is on ``ALLOWED_SKIPS``.

A skip hides a test that did not run; on a laptop that can be fine (no PostgreSQL, no
Chromium), on CI it means the suite checked less than it claims. With ``CI`` set (any
non-empty value, as tests/databases.py reads it), this plugin collects every skip — a skip
mark, ``pytest.skip`` in a test or fixture, a module skipped while collecting — and, at the
end, lists them and turns a passing exit status into 1. An expected failure (xfail) is not a
skip. Under pytest-xdist the workers' reports reach the controller, which does the check.

Registered from tests/conftest.py.
"""

from __future__ import annotations

import os
import re

import pytest

# Reasons (regular expressions, searched in the skip's reason) that CI accepts, each with why.
# Empty today: the two skips the suite has for a missing service already fail under CI rather
# than skip (tests/databases.py for PostgreSQL, tests/e2e/browser/conftest.py for Chromium),
# and every other test has what it needs in the repository (real activity files included:
# tests/files/shared). Add an entry only for a skip CI cannot avoid, and say why.
ALLOWED_SKIPS: dict[str, str] = {}

PLUGIN_NAME = "calfcoach-skip-gate"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") and not hasattr(config, "workerinput"):  # xdist workers: no
        config.pluginmanager.register(SkipGate(), PLUGIN_NAME)


def skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The reason given to the skip, without pytest's ``Skipped: `` prefix."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def allowed(reason: str) -> bool:
    return any(re.search(pattern, reason) for pattern in ALLOWED_SKIPS)


class SkipGate:
    def __init__(self) -> None:
        self.unexpected: list[tuple[str, str]] = []  # (node id, reason)

    def _note(self, report: pytest.TestReport | pytest.CollectReport) -> None:
        if report.skipped and not hasattr(report, "wasxfail"):
            reason = skip_reason(report)
            if not allowed(reason):
                self.unexpected.append((report.nodeid, reason))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._note(report)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self._note(report)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.unexpected and session.exitstatus in (
            pytest.ExitCode.OK,
            pytest.ExitCode.NO_TESTS_COLLECTED,
        ):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.unexpected:
            return
        terminalreporter.section("skip gate", sep="=", red=True, bold=True)
        terminalreporter.line(
            f"CI is set, and {len(self.unexpected)} skip(s) have a reason not on ALLOWED_SKIPS "
            "in tests/skip_gate.py: make those tests run, or allow the reason there, with why"
        )
        for nodeid, reason in self.unexpected:
            terminalreporter.line(f"SKIPPED {nodeid}: {reason}")
