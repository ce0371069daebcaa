# The two commands of the README: `make run` and `make test`. Everything else is set-up they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install system-deps lint format messages check-deploy bench bench-load clean

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py create_demo_accounts
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The shared cache's table (the test databases get theirs from migrate).
	DEBUG=1 $(PY) manage.py createcachetable
	SECRET_KEY=tests-only-not-a-secret $(PY) -m pytest

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtualenv: on Debian, run 'apt-get install python3-venv'."; exit 1; }
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

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

# 50 concurrent clients for 30 s against gunicorn (mixed reads and admin writes).
bench-load: install
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
