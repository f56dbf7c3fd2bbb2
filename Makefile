# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test screenshots lint format migrations-check bench clean

# The venv is rebuilt whenever the pinned requirements change.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) load_clinic_content
	$(MANAGE) create_dev_admin
	$(MANAGE) runserver 127.0.0.1:8000

# In parallel (pytest-xdist): each worker has a database of its own and, for the browser tests,
# its own server and browser. Three on two cores: while one waits (on a subprocess, a mail
# server's timeout, a browser), the others keep both cores busy. TEST_WORKERS=0 runs
# everything in one process.
TEST_WORKERS ?= 3
test: $(BIN)/.installed
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The browser tests again, saving their screenshots into docs/screenshots/ (shown in the README).
screenshots: $(BIN)/.installed
	E2E_REQUIRED=1 E2E_SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest -m e2e -q -p no:cacheprovider

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(BIN)/.installed
	DJANGO_SETTINGS_MODULE=clinic.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media static tests/e2e/node_modules

# Seeds a separate PostgreSQL database, serves it with gunicorn and production settings, and
# measures it with wrk and locust: see bench/run.py and the README's Performance section.
bench: $(BIN)/.installed
	$(BIN)/python -m bench.run
