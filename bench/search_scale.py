"""Benchmark: the search on its indexes at 10,000 and 100,000 components.

Builds a quick synthetic catalogue (words drawn from the demo descriptions and from invented
words, Zipf-distributed; 50 owners, 15 categories, 200 technologies; 5 % drafts), indexes it,
and prints the median and 95th percentile of the search alone (count + first page, ranked) and
of whole requests (page and API, facets included), with their query counts. Prints EXPLAIN of
the search on PostgreSQL. Never fails on timing.

    python bench/search_scale.py                        # SQLite, throw-away file
    python bench/search_scale.py --database-url postgres://user@host:port/db --sizes 10000

The official synthetic-catalogue generator is ``manage.py generate_catalogue`` (scale issue);
this one stays small and local to the search.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--sizes", default="10000,100000")
parser.add_argument("--database-url", default="")
parser.add_argument("--repeat", type=int, default=15)
parser.add_argument(
    "--what",
    default="search only,API,page",
    help="what to time: 'search only' (count + ranked first page), API, page (with facets)",
)
args = parser.parse_args()

workdir = tempfile.mkdtemp(prefix="reuse-search-bench-")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "reuse.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir}/bench.sqlite3",
        "AXES_ENABLED": "0",
        "ALLOWED_HOSTS": "testserver",
        "API_ANON_RATE": "1000000/minute",
    }
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Production settings, without the collectstatic manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

import yaml  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402

from catalogue.models import (  # noqa: E402
    Category,
    Component,
    Institution,
    SearchDocument,
    Technology,
)
from catalogue.search import analysis, index  # noqa: E402
from catalogue.search.filters import ComponentFilterSet  # noqa: E402

KINDS = ["service", "system", "component", "knowledge", "process"]
LIFECYCLES = ["pilot", "production", "development"]


def word_pool(rng):
    """The demo's words plus invented ones: a vocabulary of a real catalogue's size."""
    words = set()
    for path in sorted((ROOT / "fixtures" / "demo").glob("components_*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            for field in ("name", "short", "long"):
                words.update(
                    w for w in str(entry.get(field, "")).split() if w.isalpha() and len(w) > 2
                )
    consonants, vowels = "bcdfglmnprstvz", "aeiou"
    invented = {
        "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 5)))
        for _ in range(20000)
    }
    pool = sorted(words) + sorted(invented)
    rng.shuffle(pool)
    return pool


def zipf_words(rng, pool, count):
    return " ".join(pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)] for _ in range(count))


def grow(total, rng, pool):
    if not Institution.objects.exists():
        Institution.objects.bulk_create(
            Institution(name=f"Owner {i} {pool[i]}", acronym=f"O{i}", slug=f"owner-{i}")
            for i in range(50)
        )
        Category.objects.bulk_create(
            Category(name=f"Category {i} {pool[100 + i]}", slug=f"category-{i}") for i in range(15)
        )
        Technology.objects.bulk_create(
            Technology(name=f"Tech{i}", slug=f"tech-{i}") for i in range(200)
        )
    owners = list(Institution.objects.values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    technologies = list(Technology.objects.values_list("pk", flat=True))
    start = Component.objects.count()
    for first in range(start, total, 2000):
        batch = [
            Component(
                name=f"{zipf_words(rng, pool, rng.randint(2, 4)).title()} {n}",
                slug=f"component-{n}",
                kind=rng.choice(KINDS),
                lifecycle=rng.choice(LIFECYCLES),
                owner_id=rng.choice(owners),
                short_description=zipf_words(rng, pool, rng.randint(12, 25))[:200],
                long_description=zipf_words(rng, pool, rng.randint(50, 300)),
                publication="draft" if rng.random() < 0.05 else "published",
            )
            for n in range(first, min(first + 2000, total))
        ]
        created = Component.objects.bulk_create(batch)
        Component.categories.through.objects.bulk_create(
            Component.categories.through(component_id=c.pk, category_id=pk)
            for c in created
            for pk in rng.sample(categories, rng.randint(1, 3))
        )
        Component.technologies.through.objects.bulk_create(
            Component.technologies.through(component_id=c.pk, technology_id=pk)
            for c in created
            for pk in rng.sample(technologies, rng.randint(2, 5))
        )


def timed(action, repeat):
    action()  # warm
    timings = []
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def count_queries(action):
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    return len(executed)


def search_only(query):
    def run():
        filterset = ComponentFilterSet(QueryDict(query), queryset=Component.objects.published())
        results = filterset.qs
        results.count()
        list(results[:20])

    return run


def request(client, url):
    def run():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return run


def queries(pool):
    common = analysis.fold(pool[0])
    rare_a, rare_b = analysis.fold(pool[400]), analysis.fold(pool[450])
    typo = common[:-1] + ("x" if common[-1] != "x" else "y") + common[-1]
    return [
        ("one common word", f"q={common}"),
        ("two rare words", f"q={rare_a}+{rare_b}"),
        ("word + 3 facets", f"q={common}&kind=service&owner=owner-3&category=category-2"),
        ("a typo", f"q={typo}"),
        ("no result", "q=zzqqxxw"),
    ]


def main():
    call_command("migrate", verbosity=0)
    rng = random.Random(20201)
    pool = word_pool(rng)
    client = Client()
    vendor = connection.vendor
    print(f"database: {vendor}")
    for size in [int(s) for s in args.sizes.split(",")]:
        start = time.perf_counter()
        grow(size, rng, pool)
        built = time.perf_counter() - start
        start = time.perf_counter()
        published = Component.objects.published().count()
        # A catalogue kept from an earlier run (--database-url) keeps its index.
        indexed = published if SearchDocument.objects.count() == published else index.rebuild()
        indexing = time.perf_counter() - start
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"\n{size} components ({indexed} published): built in {built:.0f} s, "
            f"indexed in {indexing:.0f} s ({SearchDocument.objects.count()} documents)"
        )
        print(f"{'query':<18} {'what':<14} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, query in queries(pool):
            for what, action in (
                ("search only", search_only(query)),
                ("API", request(client, f"/api/components/?{query}")),
                ("page", request(client, f"/components/?{query}")),
            ):
                if what not in args.what.split(","):
                    continue
                median, p95 = timed(action, args.repeat)
                print(
                    f"{label:<18} {what:<14} {median:>10.1f} {p95:>8.1f} {count_queries(action):>8}"
                )
        if vendor == "postgresql":
            filterset = ComponentFilterSet(
                QueryDict(queries(pool)[1][1]), queryset=Component.objects.published()
            )
            print("\nEXPLAIN (two rare words, first page):")
            print(filterset.qs[:20].explain())


if __name__ == "__main__":
    main()
