# The README's two commands: `make run` and `make test`. Both are safe to run again.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SG := $(BIN)/safeguarding
CHROMIUM ?= /usr/bin/chromium
# Each step of a first start prints its time (scripts/timed-step); `make run` the total.
STEP := scripts/timed-step
STARTED := $(shell date +%s)

.PHONY: help run install install-test assets static migrate demo test test-postgres lint format migrations-check openapi fuzz bench growth load wrk chromium worker schedule

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/activate:
	@$(STEP) "Create .venv/" $(PYTHON) -m venv $(VENV)
	@$(STEP) "Upgrade pip" $(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	@$(STEP) "Install the platform into .venv/" $(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed system-libs ## Install the platform into .venv/

install-test: $(VENV)/.installed-test system-libs chromium ## Install what the tests need (Python packages and Debian's chromium)

node_modules/.package-lock.json: package.json
	@$(STEP) "Install GOV.UK Frontend (npm)" npm install --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json ## Install GOV.UK Frontend, build the stylesheet, copy its assets
	@$(STEP) "Build the stylesheet and copy GOV.UK Frontend's assets" npm run --silent build

static: install assets ## Collect static files for serving with DEBUG off (production)
	@$(STEP) "Collect static files" $(SG) collectstatic --noinput --verbosity 0

migrate: install ## Apply database migrations
	@$(STEP) "Migrate the database" $(SG) migrate --noinput --verbosity 0

demo: migrate ## Load the demo partnership (idempotent)
	@$(STEP) "Load the demo partnership" $(SG) demo

# With DEBUG on (the local default) WhiteNoise serves static files from where they are built,
# so `run` collects nothing; with DEBUG=false it collects them first.
run: install assets demo ## Install everything, migrate, load the demo partnership and serve on 127.0.0.1:8000
	@if [ -n "$(filter false False FALSE 0 no off,$(DEBUG))" ]; then $(MAKE) --no-print-directory static; fi
	@echo "Ready in $$(( $$(date +%s) - $(STARTED) )) s. Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(SG) runserver 127.0.0.1:8000

worker: install ## Run the background worker (emails and other tasks)
	$(SG) db_worker

schedule: install ## Run scheduled jobs that are due, once
	$(SG) run-schedule

system-libs: ## Install the system libraries WeasyPrint needs for PDFs (Pango) when missing
	@if ! ldconfig -p | grep -q libpangoft2-1.0; then \
		echo "Installing Pango for PDF generation"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

chromium: ## Install Debian's chromium for the browser tests when it is missing
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

test: install-test assets ## Install what the tests need and run the whole suite
	$(BIN)/pytest

test-postgres: install-test assets ## Run the whole suite against PostgreSQL (DATABASE_URL or 127.0.0.1:5432/test)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest

lint: install-test ## Ruff, the import-linter contracts, the house rules and the type checker (core, planning, search, childdeaths, comms, reports, library, api)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_house_rules.py
	$(BIN)/mypy safeguarding/core safeguarding/planning safeguarding/search safeguarding/childdeaths \
		safeguarding/comms safeguarding/reports safeguarding/library safeguarding/api

format: install-test ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install ## Fail if a model change has no migration
	$(SG) makemigrations --check --dry-run

openapi: install ## Regenerate the committed OpenAPI document after an API change
	$(SG) spectacular --format openapi-json --file safeguarding/api/openapi.json

fuzz: install-test ## Longer Schemathesis run of the API against its OpenAPI document (API_FUZZ_EXAMPLES, API_FUZZ_RANDOM=1)
	API_FUZZ_EXAMPLES=$${API_FUZZ_EXAMPLES:-60} $(BIN)/pytest safeguarding/demo/tests/loaded/test_api_contract.py -q

wrk: ## Install Debian's wrk (the load generator of `make load`) when it is missing
	@if ! command -v wrk >/dev/null; then \
		echo "Installing Debian's wrk for the load benchmark"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; \
	fi

load: install assets wrk ## Load benchmark: every role's main pages under gunicorn beside a bare view (writes docs/performance.md)
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)

growth: install-test assets ## Growth benchmark: the main pages at 1 and 10 generated partnerships (GROWTH_ARGS="--scales 1,10,150")
	$(BIN)/python benchmarks/growth.py $(GROWTH_ARGS)

bench: install-test assets ## Run the benchmarks (prints figures)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/bulletins.py
	$(BIN)/python benchmarks/resources.py
	$(BIN)/python benchmarks/yearly_report.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python -m safeguarding.performance.benchmark
	$(BIN)/python -m safeguarding.assurance.benchmark
	$(BIN)/python -m safeguarding.assurance.import_benchmark
	$(BIN)/python -m safeguarding.governance.benchmark
	$(SG) training_benchmark
	$(BIN)/python benchmarks/child_deaths.py
