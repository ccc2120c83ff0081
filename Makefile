# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv and installs what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test unit integration e2e lint types contracts browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Serves the web app on http://127.0.0.1:8000 (SQLite in your data folder) with a demo
# runner and a demo coach; their sign-in is printed.
run: $(STAMP)
	$(BIN)/calfcoach serve --demo --host 127.0.0.1 --port 8000

PYTEST := $(BIN)/pytest -n 2 --dist worksteal -q

# Lint, types, import contracts, then every test tier (browser tests need Chromium), with
# the coverage of calfcoach (the floor is fail_under in pyproject.toml).
test: $(STAMP) lint types contracts browser
	$(PYTEST) --cov=calfcoach --cov-report=term:skip-covered

# One tier at a time: unit (no database), integration (services, store and the command on
# SQLite and PostgreSQL), e2e (the installed command, the HTTP API, the browser, the README).
unit: $(STAMP)
	$(PYTEST) tests/unit

integration: $(STAMP)
	$(PYTEST) tests/integration

e2e: $(STAMP) browser
	$(PYTEST) tests/e2e

# Debian's Chromium for the Playwright tests (Playwright's own browser download cannot work
# here). Installed when missing and we are root; otherwise the browser tests say why they skip.
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is missing and we are not root: the browser tests will be skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
