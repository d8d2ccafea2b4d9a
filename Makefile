# TĐC — day-to-day commands. Quick start: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What a developer's laptop needs; production sets its own environment.
DEV_ENV := DEBUG=true SECRET_KEY=dev-only-insecure-key SECURE_COOKIES=false \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint fmt types unit e2e migrate demo bench venv clean messages

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

migrate: venv
	mkdir -p var
	$(DEV_ENV) $(MANAGE) migrate --noinput

demo: migrate
	$(DEV_ENV) $(MANAGE) loaddemo

run: migrate
	$(DEV_ENV) $(MANAGE) loaddemo --print-logins
	@echo "TĐC: http://127.0.0.1:8000/  (Ctrl+C to stop the server and the worker)"
	@trap 'kill 0' INT TERM EXIT; \
	$(DEV_ENV) $(MANAGE) db_worker --interval 1 & \
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

types: venv
	$(BIN)/mypy tdc conftest.py e2e

unit: venv
	$(BIN)/pytest -m "not e2e" -q

e2e: venv
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest -m e2e -q

test: lint types
	SECRET_KEY=test $(MANAGE) makemigrations --check --dry-run --settings=tdc.test_settings
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest -q

bench: venv
	$(BIN)/python bench/run.py

messages: venv
	cd tdc && SECRET_KEY=x ../$(MANAGE) makemessages -l en --no-obsolete && SECRET_KEY=x ../$(MANAGE) compilemessages -l en

clean:
	rm -rf $(VENV) var
