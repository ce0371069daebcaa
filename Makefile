# The two commands of the README: `make run` and `make test`. Everything else is set-up they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# pytest's environment for every test target: production settings with a throwaway key.
PYTEST := SECRET_KEY=tests-only-not-a-secret $(PY) -m pytest
# `make lock` options, e.g. LOCK_FLAGS=--upgrade or LOCK_FLAGS="--upgrade-package rdflib".
LOCK_FLAGS ?=
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 \
  --custom-compile-command "make lock" $(LOCK_FLAGS)

.PHONY: api-examples run test test-fast install lock system-deps lint format messages check-deploy bench clean

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py create_demo_accounts
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST)

# Everything but the browser and PostgreSQL tests (the slow ones, which need Debian packages).
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST) -m "not browser and not postgres"
	@echo "test-fast: skipped the browser tests (tests/browser/, chromium) and the PostgreSQL" \
	  "tests (tests/test_postgres.py, a server started by the tests), deselected as slow;" \
	  "'make test' runs them."

install: $(STAMP)

# The lock files pin every package, transitive ones included; `make lock` writes them.
$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtualenv: on Debian, run 'apt-get install python3-venv'."; exit 1; }
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Compile the hand-edited requirements*.in into the lock files requirements*.txt. Keeps the
# locked versions that still satisfy the .in files; LOCK_FLAGS=--upgrade takes the newest.
lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/pip install --quiet "$$(grep -E '^uv==' requirements-dev.in)"
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in --constraint requirements.txt -o requirements-dev.txt

# Debian packages the browser and PostgreSQL tests use (chromium, postgresql). Installed when
# running as root; otherwise those tests skip and say why.
system-deps:
	@sh scripts/system-deps.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l fr -l nl --ignore=.venv --ignore=tests
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

check-deploy: install
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=reuse.example.org \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: install
	DEBUG=1 $(PY) bench/catalogue_queries.py

# The OpenAPI response examples, regenerated from the demo catalogue (after a serializer change).
api-examples: install
	rm -f .api-examples.sqlite3
	DEBUG=1 DATABASE_URL=sqlite:///.api-examples.sqlite3 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 DATABASE_URL=sqlite:///.api-examples.sqlite3 $(PY) manage.py load_demo
	DEBUG=1 DATABASE_URL=sqlite:///.api-examples.sqlite3 $(PY) manage.py api_examples
	rm -f .api-examples.sqlite3

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
