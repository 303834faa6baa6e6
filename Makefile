# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test test-fast lint bench load faults schemathesis chromium install messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py first_start --site-url http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

# The production server (docs/deployment.md): needs DJANGO_SECRET_KEY,
# DATABASE_URL and DJANGO_ALLOWED_HOSTS (environment or .env); collects the
# static files, migrates, then runs gunicorn and a task worker until Ctrl-C.
serve: install
	$(PY) -m config.serve $(SERVE_ARGS)

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Chromium from Debian's packages for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing: the browser tests need Debian's Chromium." >&2; \
		echo "Install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2; \
		exit 1; \
	fi

test: install chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	@for script in bench/bench_*.py bench/learner_step.py bench/learner_flow.py bench/campaign_dashboard.py; do echo "== $$script"; $(PY) $$script || exit 1; done
	@echo "== bench/calibration.py --large"; $(PY) bench/calibration.py --large

# Load and fault tests of the learner flow, teachers' dashboards and a
# certification session on a production server (gunicorn, PostgreSQL, Redis):
# each prints one JSON line. Not in CI (minutes long);
# CI runs `bench/load/run.py --smoke`.
load: install
	$(PY) bench/load/run.py

faults: install
	$(PY) bench/faults/run.py

# schemathesis against the learner API, signed in as a learner: 150 examples per
# operation, more than 1,000 cases (the suite runs 20 per operation).
schemathesis: install
	SCHEMATHESIS_EXAMPLES=150 $(PY) -m pytest -q -s -p no:cacheprovider tests/runtime/api/test_schemathesis.py

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm
