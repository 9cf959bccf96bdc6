# Everyday commands. `make run` serves the demo, `make test` runs the whole suite.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
BIN := $(VENV)/bin
PYTHON_CANDIDATES := python3 python3.14 python3.13 python3.12
# The first interpreter on PATH that is Python 3.12 or newer (Django 6.1 needs it).
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test lint format check messages bench soak load mutate clean

help:
	@echo "make run      install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test     install and run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make lint     ruff check, format check and the apps' import order (lint-imports)"
	@echo "make format   apply ruff's fixes and formatting"
	@echo "make messages refresh and compile the translation files"
	@echo "make bench    measure the certificate renderer (BENCH_ARGS=\"--renders 10\" for a quick run)"
	@echo "make bench-bulk bulk issue and ZIP by 1 and 2 db_workers + PostgreSQL (BULK_ARGS=\"--participants 20\")"
	@echo "make soak     many participants saving at once against gunicorn + PostgreSQL (SOAK_ARGS=\"--seconds 30\")"
	@echo "make load     requests/s and p50/p95 of the busiest pages against a minimal view (LOAD_ARGS=\"--seconds 5\")"
	@echo "make check-upgrade  an older revision's demo database, migrated by this code, keeps every row and PDF (UPGRADE_ARGS=\"--base REV\")"
	@echo "make mutate   mutation testing of the security-critical code (MUTATE_ARGS=\"--max-per-module 12\" for a sample)"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is needed (Django 6.1); none of $(PYTHON_CANDIDATES) is." >&2; \
		echo "Install one (e.g. 'pyenv install 3.13'), then run make again." >&2; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements-dev.txt
	@if ! pkg-config --exists icu-i18n 2>/dev/null; then \
		echo "error: PyICU is built from ICU's development files, which pkg-config does not find." >&2; \
		echo "Install them (Debian/Ubuntu: 'apt-get install libicu-dev pkg-config g++'), then run make again." >&2; \
		exit 1; fi
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: browser tests skip their accessibility checks, and the outside credential verifier is not run." >&2; fi

install: $(VENV)/.installed node_modules/.package-lock.json

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo "A background worker (manage.py db_worker) runs beside the server and stops with it."
	@DEBUG=1 $(BIN)/python manage.py db_worker --interval 1 --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages --locale lv --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*'
	DEBUG=1 $(BIN)/python manage.py compilemessages --locale lv --ignore '.venv/*'

# Renders in long-lived processes; takes a few minutes. Nothing on disk changes.
bench: install
	DEBUG=1 $(BIN)/python benchmarks/pdf.py $(BENCH_ARGS)

# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); creates and drops youthpass_bulk.
.PHONY: bench-bulk
bench-bulk: install
	$(BIN)/python benchmarks/bulk.py $(BULK_ARGS)

# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); creates and drops youthpass_soak.
soak: install
	$(BIN)/python benchmarks/soak.py $(SOAK_ARGS)

# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); creates and drops youthpass_load.
load: install
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)

# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); creates and drops youthpass_upgrade
# and a temporary git worktree of the older revision.
.PHONY: check-upgrade
check-upgrade: install
	$(BIN)/python benchmarks/upgrade.py $(UPGRADE_ARGS)
# One-line changes to tokens, certificate IDs, invitations, the PDF fetcher and the access
# helpers, each run against the tests that cover them, on a copy of the project. Long.
mutate: install
	$(BIN)/python benchmarks/mutate.py $(MUTATE_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles
