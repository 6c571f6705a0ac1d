# The two commands: `make run` (serve the shop with demo data) and `make test` (the whole suite).
# Everything runs from the repository root in ./.venv; nothing is pip-installed from the project.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
LOCK := requirements-dev.lock
# The venv remembers the checksum of the lock file it was installed from.
STAMP := $(VENV)/.installed-lock.sha256

PORT ?= 8000
TEST_SQLITE_URL ?= sqlite://:memory:
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/ocop
# Extra pytest arguments for both runs, e.g. `make test PYTEST_ARGS="-x tests/unit"`.
PYTEST_ARGS ?=
# One pytest process per core; tests that share a Celery broker are grouped onto one of them (xdist_group).
PYTEST_PARALLEL ?= -n auto --dist loadgroup

LOCAL := DJANGO_SETTINGS_MODULE=marketplace.settings.local
TESTING := DJANGO_SETTINGS_MODULE=marketplace.settings.test
# Dummy production environment: enough for `check --deploy`, never used to serve anything.
PRODUCTION_CHECK_ENV := DJANGO_SETTINGS_MODULE=marketplace.settings.production \
	DJANGO_ALLOWED_HOSTS=ocop.example.vn \
	DATABASE_URL=postgres://u:p@localhost/db \
	REDIS_URL=redis://localhost:6379/0 \
	EMAIL_HOST=smtp.example.vn \
	WAGTAILADMIN_BASE_URL=https://ocop.example.vn \
	DJANGO_SECURE_SSL_REDIRECT=True \
	DJANGO_SECURE_HSTS_SECONDS=31536000

.PHONY: help venv run test test-sqlite test-postgres chromium bench lint check messages clean

help:
	@echo "make run     serve the shop with demo data on http://127.0.0.1:$(PORT) (SQLite, no other service)"
	@echo "make test    the whole test suite, on SQLite and on PostgreSQL ($(TEST_POSTGRES_URL))"
	@echo "make bench   catalogue/product page throughput under gunicorn, the 1,000-row product import, the postal feed at 10k/100k products, search relevance, search speed at 100k products (tests/perf)"
	@echo "make lint    ruff and the import contracts (lint-imports)"
	@echo "make check   makemigrations --check and check --deploy with production settings"
	@echo "make messages  extract and compile translations (needs gettext)"

venv:
	@if [ ! -x $(PY) ]; then \
		$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
			|| { echo "Python 3.11 is required: set PYTHON=/path/to/python3.11" >&2; exit 1; }; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
	@sum=$$(sha256sum $(LOCK) | cut -d' ' -f1); \
	if [ "$$(cat $(STAMP) 2>/dev/null)" != "$$sum" ]; then \
		echo "Installing $(LOCK) into $(VENV)"; \
		$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK) \
			&& echo "$$sum" > $(STAMP); \
	fi

run: venv
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_demo_data
	@echo ""
	@echo "  Serving http://127.0.0.1:$(PORT)/  (shop: /shop/, staff: /shop/dashboard/, /cms/, /django-admin/)"
	@echo ""
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Both databases always run; the target fails if either does.
test: venv chromium
	@status=0; \
	echo ""; echo "==== pytest on SQLite ===="; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	echo ""; echo "==== pytest on PostgreSQL ($(TEST_POSTGRES_URL)) ===="; \
	$(MAKE) --no-print-directory test-postgres || status=1; \
	if [ $$status -ne 0 ]; then echo ""; echo "make test: FAILED (see above)" >&2; fi; \
	exit $$status

test-sqlite: venv
	$(TESTING) DATABASE_URL=$(TEST_SQLITE_URL) $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-postgres: venv
	$(TESTING) DATABASE_URL=$(TEST_POSTGRES_URL) $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# Browser tests use Debian's Chromium; browsers are never downloaded by Playwright.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian's chromium and chromium-driver"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else \
			echo "warning: /usr/bin/chromium is missing; install Debian's chromium and chromium-driver for the browser tests" >&2; \
		fi; \
	fi

bench: venv
	$(PY) -m tests.perf.bench
	$(PY) -m tests.perf.bench_import
	$(PY) -m tests.perf.bench_feed
	$(PY) -m tests.perf.bench_search_relevance
	$(PY) -m tests.perf.bench_search

# Both run, so one report shows every failure. The import contracts are in pyproject.toml ([tool.importlinter]).
lint: venv
	@status=0; \
	echo "$(PY) -m ruff check ."; $(PY) -m ruff check . || status=1; \
	echo "$(VENV)/bin/lint-imports"; $(VENV)/bin/lint-imports --no-logo --no-cache || status=1; \
	exit $$status

check: venv
	$(LOCAL) DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	$(PRODUCTION_CHECK_ENV) \
		DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		$(PY) manage.py check --deploy --fail-level WARNING

messages: venv
	$(LOCAL) PY=$(PY) scripts/messages.sh

clean:
	rm -rf var/static .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
