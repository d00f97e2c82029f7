# Chronicle: `make run` serves the timeline, `make test` runs the whole suite.
# Needs Python 3.12 or newer; PYTHON=/path/to/python overrides the probe.

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
EVENTS ?= 100000
PASSES ?= 3

# The first interpreter that actually runs and is >= 3.12 (pyenv shims exist
# even where they cannot run, so probe by running, not by `command -v`).
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 python3; do \
	$$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: run test test-fast lint format venv refresh bench loadtest compare clean-venv

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Chronicle needs Python 3.12 or newer (Django 6). None of python3.14, python3.13," \
		     "python3.12 or python3 qualifies here. Install one, or run: make PYTHON=/path/to/python3.12 ..." >&2; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_timeline
	$(PY) manage.py runserver $(HOST)

refresh: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py refresh_timeline

test: venv
	$(PY) -m pytest

# Everything but the slow tests (browser, spreadsheet, property-based, child processes), on every
# core: the loop while you work.
test-fast: venv
	$(PY) -m pytest -m "not slow" -q -n auto

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

# Formats the Python and the templates in place.
format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

bench: venv
	$(PY) -m benchmarks.run --events $(EVENTS)

loadtest: venv
	bash scripts/loadtest.sh

# Side by side with Datasette 0.65.5 (its own virtualenv, outside the repository) on one
# SQLite file, cold cache: server CPU per request; writes compare-results.json.
compare: venv
	EVENTS=$(EVENTS) PASSES=$(PASSES) bash scripts/compare_datasette.sh

clean-venv:
	rm -rf $(VENV)
