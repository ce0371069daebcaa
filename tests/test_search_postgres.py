"""The search tests again, on PostgreSQL: same tests, the other back end (tsvector, pg_trgm).

Self-contained: starts its own throw-away PostgreSQL server (initdb as the postgres user when
run as root), runs the search modules against it in a subprocess, and checks with EXPLAIN that
the search and the typo lookup use their GIN indexes.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres_server import environment, running_postgres

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SEARCH_MODULES = [
    "tests/test_search.py",
    "tests/test_search_relevance.py",
    "tests/test_filters.py",
    "tests/test_facets.py",
]


@pytest.fixture(scope="module")
def search_postgres_url():
    with running_postgres("reuse-search-pg-") as url:
        yield url


def _env(url):
    return environment(url)


def test_the_search_tests_pass_on_postgresql(search_postgres_url):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--create-db",
         *SEARCH_MODULES],
        cwd=ROOT, env=_env(search_postgres_url), capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout


EXPLAIN_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from catalogue.models import SearchTerm
from catalogue.search.backends import PostgresBackend, tsquery_expression
from catalogue.search.engine import plan_search

call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0)
plan = plan_search("authentification forte", PostgresBackend())
plans = {}
with connection.cursor() as cursor:
    # A 100-row table is read whole; ask whether the index can serve the query at all.
    cursor.execute("SET enable_seqscan = off")
    cursor.execute(
        "EXPLAIN SELECT component_id FROM catalogue_searchdocument "
        "WHERE vector @@ to_tsquery('simple', %s)",
        [tsquery_expression(plan.clauses)],
    )
    plans["search"] = "\\n".join(row[0] for row in cursor.fetchall())
    # A vocabulary of a large catalogue's size, so the planner weighs its choices for real.
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=f"synthetic{i}word{i * 7919 % 100003}", documents=1)
         for i in range(50000)], batch_size=5000,
    )
    cursor.execute("ANALYZE catalogue_searchterm")
    cursor.execute(
        "EXPLAIN SELECT term FROM catalogue_searchterm WHERE term %% %s", ["autentification"]
    )
    plans["typo"] = "\\n".join(row[0] for row in cursor.fetchall())
print(json.dumps(plans))
"""


def test_search_and_typo_lookup_use_their_gin_indexes(search_postgres_url):
    import json

    result = subprocess.run(
        [sys.executable, "-c", EXPLAIN_SCRIPT],
        cwd=ROOT, env={**_env(search_postgres_url), "DJANGO_SETTINGS_MODULE": "reuse.settings"},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    plans = json.loads(result.stdout.strip().splitlines()[-1])
    assert "catalogue_searchdocument_vector_gin" in plans["search"], plans["search"]
    assert "catalogue_searchterm_term_trgm" in plans["typo"], plans["typo"]
