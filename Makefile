# Two commands: `make run` (set up and serve on http://127.0.0.1:8000) and `make test` (the whole suite).
# `make messages` brings new interface strings into locale/*/django.po and compiles the catalogues.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_DEPS := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

# axe-core for the accessibility checks in the browser tests; skipped (the tests say so) without npm.
$(NODE_DEPS): package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --silent && touch $(NODE_DEPS); \
	else echo "npm not found: accessibility checks will be skipped"; fi

install: $(INSTALLED)

run: $(INSTALLED)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_samples
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(INSTALLED) $(NODE_DEPS)
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

# The .po files are the source of truth for interface translations (edit them in Poedit or Weblate).
# makemessages only adds new msgids and marks changed ones fuzzy: it never overwrites a msgstr.
# --no-location keeps the catalogues unchanged when Python modules or templates move.
messages: $(INSTALLED)
	$(BIN)/python manage.py makemessages -l es -l pt -l en --no-location \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench \
		--ignore=tests --ignore=test-artifacts
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles test-artifacts
