"""The production database: a real PostgreSQL server, started for this module.

The catalogue's tests of what depends on the database (search with unaccent, facets, the admin's
scoped querysets, pages, API, demo data) run again against it, and the demo set-up (migrate,
load_demo, roi_report) runs on it as a user runs it.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres_server import environment, running_postgres

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def postgres_url():
    with running_postgres() as url:
        yield url


def _env(url):
    return environment(url)


# What can differ on PostgreSQL, run again on it: search (lower(unaccent()) instead of the
# SQLite function; LIKE is case-sensitive there), facet counts and filters (DISTINCT, joins),
# the demo catalogue and its figures (Decimal arithmetic in the database), the querysets of the
# admin and its role scoping (DISTINCT with ordering, unions), the ROI pages and API, and the
# public pages. Not again: what does not touch the database differently (the pure ROI model,
# publiccode.yml, Markdown, settings, translations, exports' serialisation, the browser) and
# the 1,000-entry query-count runs (the counts do not depend on the database; 10 entries run).
ON_POSTGRESQL = [
    "tests/test_search.py",
    "tests/test_filters.py",
    "tests/test_demo_data.py",
    "tests/test_admin.py",
    "tests/test_permissions.py",
    "tests/test_roi_pages.py",
    "tests/test_api_roi.py",
    "tests/test_pages.py",
    "tests/test_api.py",
    "--deselect=tests/test_pages.py::test_listing_query_count_does_not_grow_with_the_catalogue[1000]",
    "--deselect=tests/test_pages.py::test_detail_query_count_does_not_grow_with_the_catalogue[1000]",
    "--deselect=tests/test_api.py::test_api_query_counts_stay_constant[300]",
]


def test_the_test_suite_passes_on_postgresql(postgres_url):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--create-db",
         *ON_POSTGRESQL],
        cwd=ROOT, env=_env(postgres_url), capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert re.search(r"\d+ passed", summary), summary
    assert not re.search(r"\d+ (failed|skipped|errors?)\b", summary), summary


def test_content_in_three_languages_on_postgresql(postgres_url):
    # Its own run (and time budget): the migration of existing texts included.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--create-db",
         "tests/test_multilingual.py"],
        cwd=ROOT, env=_env(postgres_url), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_demo_setup_and_report_on_postgresql(postgres_url):
    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=_env(postgres_url),
            capture_output=True, text=True, timeout=300, check=True,
        ).stdout  # fmt: skip

    manage("migrate", "--noinput")
    manage("load_demo")  # loading twice is test_demo_data's, run above on PostgreSQL too
    report = json.loads(manage("roi_report", "--year", "2020", "--format", "json"))
    assert report["project_count"] == 27
    assert round(report["reuse_share"], 2) == 0.64
    assert round(report["roi"], 2) == 0.46
