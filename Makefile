# TĐC — day-to-day commands. Quick start: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What a developer's laptop needs; production sets its own environment. `make run PORT=8001`
# serves elsewhere, and links in e-mails and QR codes follow (SITE_URL). E-mails become text
# files in var/mail/ (tdc.core.devmail), one line on the console each.
PORT ?= 8000
DEV_ENV := DEBUG=true SECRET_KEY=dev-only-insecure-key SECURE_COOKIES=false \
	SITE_URL=http://127.0.0.1:$(PORT) \
	EMAIL_BACKEND=tdc.core.devmail.EmailBackend EMAIL_FILE_PATH=var/mail
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint fmt types unit e2e migrate demo bench venv clean messages help

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	bash scripts/make-venv.sh $(PYTHON) $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

migrate: venv  ## create or update the database
	mkdir -p var
	$(DEV_ENV) $(MANAGE) migrate --noinput

demo: migrate  ## load the demo province
	$(DEV_ENV) $(MANAGE) loaddemo

run: migrate  ## serve on 127.0.0.1:$(PORT) (default 8000) with the worker
	$(DEV_ENV) $(MANAGE) loaddemo --print-logins
	@echo "TĐC: http://127.0.0.1:$(PORT)/  (Ctrl+C stops the server and the worker; e-mails in var/mail/)"
	@trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; exit 0' INT TERM EXIT; \
	$(DEV_ENV) $(MANAGE) db_worker --interval 1 & \
	$(DEV_ENV) $(MANAGE) runscheduler --tick 5 & \
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: venv  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv  ## fix what ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

types: venv  ## mypy --strict
	$(BIN)/mypy tdc conftest.py e2e

unit: venv  ## tests without the browser
	$(BIN)/pytest -m "not e2e" -q

e2e: venv  ## browser tests only
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest -m e2e -q

test: lint types  ## everything: lint, types, migrations, tests
	SECRET_KEY=test $(MANAGE) makemigrations --check --dry-run --settings=tdc.test_settings
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest -q --cov --cov-report=term

.PHONY: fuzz
fuzz: venv  ## schemathesis against the API on the demo data: no 5xx, no undocumented status
	$(BIN)/pytest -q tdc/tests/fuzz_api.py

bench: venv  ## benchmarks → docs/performance.md
	$(BIN)/python bench/run.py

messages: venv  ## refresh the English catalogue, compile it and the Vietnamese one (needs gettext)
	SECRET_KEY=x $(MANAGE) makemessages -l en --no-obsolete --ignore=".venv/*" --ignore="var/*" --ignore="e2e/*" --ignore="bench/*"
	SECRET_KEY=x $(MANAGE) compilemessages -l en -l vi --ignore=".venv/*"

help:  ## list the commands
	@grep -E '^[a-z0-9]+:.*## ' Makefile | sed 's/:.*## /\t/' 

clean:  ## remove the virtualenv and local data
	rm -rf $(VENV) var
