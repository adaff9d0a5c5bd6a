# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := .make
HOST ?= 127.0.0.1
PORT ?= 8000
DEV_ENV := DEBUG=True

.PHONY: run test setup venv npm chromium messages i18n-check lint format bench clean

run: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# One test process per core (pytest-xdist); each has its own test database.
# PYTEST_ARGS adds options, e.g. `make test PYTEST_ARGS="-m 'not browser'"`.
PYTEST_ARGS ?=
test: setup chromium
	$(PY) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

setup: venv npm messages .env

# Development defaults for plain `manage.py` commands; never present in production.
.env:
	printf '# Development settings, read by toolbox_site/settings.py (the environment wins).\nDEBUG=True\n' > .env

venv: $(STAMP)/venv
$(STAMP)/venv: pyproject.toml
	@mkdir -p $(STAMP)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

npm: $(STAMP)/npm
$(STAMP)/npm: package.json package-lock.json
	@mkdir -p $(STAMP)
	npm ci --no-audit --no-fund
	@touch $@

# Debian's Chromium for the browser suite (never a downloaded browser).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

messages: venv
	@command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext; }
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Fails when a string is missing from the Dutch catalogue, untranslated, fuzzy or stale.
i18n-check: venv
	DEBUG=True $(PY) manage.py check_translations

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules $(STAMP) staticfiles db.sqlite3 .env
