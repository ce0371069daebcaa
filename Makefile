# The commands of the README: `make run`, `make serve` and `make test`. Everything else is set-up
# they need.
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

.PHONY: api-examples run serve test test-fast install lock system-deps lint format messages check-deploy bench bench-search bench-load clean

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py create_demo_accounts
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Production serving: DEBUG off, static files collected (whitenoise serves them), migrations,
# the cache table, then gunicorn with workers sized to the machine (gunicorn.conf.py). Uses
# SECRET_KEY, or a key generated for this run (sessions then end when it stops). Plain HTTP on
# 127.0.0.1:8000 unless the environment says otherwise; behind a TLS proxy set
# BEHIND_TLS_PROXY=1 SECURE_SSL_REDIRECT=1 SESSION_COOKIE_SECURE=1 CSRF_COOKIE_SECURE=1.
SERVE_ENV = DEBUG=0 \
	SECRET_KEY="$${SECRET_KEY:-$$(head -c 48 /dev/urandom | base64)}" \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
	SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-0} \
	CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-0}

serve: install
	@test -n "$$SECRET_KEY" || echo "SECRET_KEY is not set: using a key generated for this run."
	@export $(SERVE_ENV); \
	  $(PY) manage.py collectstatic --noinput --verbosity 0 && \
	  $(PY) manage.py migrate --noinput && \
	  $(PY) manage.py createcachetable && \
	  exec $(BIN)/gunicorn --config gunicorn.conf.py reuse.wsgi:application

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The shared cache's table (the test databases get theirs from migrate).
	DEBUG=1 $(PY) manage.py createcachetable
	# Two lanes at once (the machine's two cores): the PostgreSQL runs (their own servers and
	# databases) in the background, everything else in front; both must pass.
	@echo "PostgreSQL tests running in the background (log: .pytest-postgres.log)"
	@$(PYTEST) -m postgres > .pytest-postgres.log 2>&1 & postgres=$$!; \
	  $(PYTEST) -m "not postgres"; others=$$?; \
	  wait $$postgres; postgres=$$?; \
	  echo "--- PostgreSQL tests ---"; tail -n 30 .pytest-postgres.log; \
	  exit $$(( others || postgres ))

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

# Pages served by gunicorn at 1,000, 10,000 and 100,000 components on SQLite and PostgreSQL
# (PostgreSQL when installed: `make system-deps`). Prints figures; never fails the build.
# Choose with BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 1000 10000 --databases sqlite".
bench: install
	-$(PY) bench/serve_pages.py $(BENCH_ARGS)

# The OpenAPI response examples, regenerated from the demo catalogue (after a serializer change).
api-examples: install
	rm -f .api-examples.sqlite3
	DEBUG=1 DATABASE_URL=sqlite:///.api-examples.sqlite3 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 DATABASE_URL=sqlite:///.api-examples.sqlite3 $(PY) manage.py load_demo
	DEBUG=1 DATABASE_URL=sqlite:///.api-examples.sqlite3 $(PY) manage.py api_examples
	rm -f .api-examples.sqlite3

# The search at 10,000 and 100,000 components (SQLite; DATABASE_URL=postgres://... for PostgreSQL).
bench-search: install
	$(PY) bench/search_scale.py $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# 50 concurrent clients for 30 s against gunicorn (mixed reads and admin writes).
bench-load: install
	$(PY) bench/load_mixed.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
