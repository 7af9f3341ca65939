# What works: two commands do everything on a fresh machine with Python 3.11, git and make.
#   make run   - create .venv, install, build the demo database on first start, serve the app
#   make test  - create .venv, install, lint, type-check, run every test (browser tests included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: the app needs only its runtime dependencies (make run); the tools that test it
# (pytest, playwright, ruff, mypy, stubs) come with the first make test.
RUNTIME := $(VENV)/.installed-runtime
STAMP := $(VENV)/.installed-dev
DB ?= data/whatworks.duckdb
HOST ?= 127.0.0.1
PORT ?= 8501
# Host names a browser may use besides localhost/127.0.0.1/::1 (DNS-rebinding guard).
ALLOWED_HOSTS ?=

.PHONY: run test lint unit e2e bench stress screenshots demo docs browser clean

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(RUNTIME)
	@test -e $(DB) || $(BIN)/python -m whatworks demo --db $(DB)
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT) --server.headless true \
		--server.allowedHosts localhost --server.allowedHosts 127.0.0.1 --server.allowedHosts ::1 \
		$(foreach h,$(ALLOWED_HOSTS),--server.allowedHosts $(h))

demo: $(RUNTIME)
	$(BIN)/python -m whatworks demo --db $(DB)

# Rewrite the tables of docs/data-contract.md from models.py (a test fails when they drift).
docs: $(STAMP)
	$(BIN)/python -m whatworks.templates

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Chromium for the browser tests, from Debian's packages, when it is missing and we may install it.
browser:
	@bash scripts/ensure_browser.sh

unit: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not e2e" tests

e2e: $(STAMP) browser
	$(BIN)/python -m pytest -m e2e tests/e2e

test: lint unit e2e

# Every speed figure beside its floor, one table and bench/results.json; asserts nothing.
# BENCH_ROWS=1000000 (comma-separated scales; default 1M,10M); BENCH_SOAK=0 skips the soak.
bench: $(STAMP)
	$(BIN)/python -m whatworks.bench

# The hostile corpus (500 files), kill -9 during loads, two loads at once, the read limits and
# every view afterwards: prints the README's Reliability figures, writes bench/stress.json.
# More: STRESS_ARGS="--kills 10 --scale 1" (a 50 MB line and a 600 MB zip bomb).
stress: $(RUNTIME)
	$(BIN)/python -m whatworks.stress $(STRESS_ARGS)

# Regenerate the README's screenshots (docs/screenshots) from the browser tests.
screenshots: $(STAMP) browser
	WHATWORKS_SCREENSHOTS=1 $(BIN)/python -m pytest -m e2e tests/e2e -k "every_view or presentation_mode_for or screenshot"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
