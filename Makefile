# Two commands: `make run` (set up and serve on http://127.0.0.1:8000) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_DEPS := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format clean

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

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles test-artifacts
