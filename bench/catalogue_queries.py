"""Benchmark: catalogue search, facets and pages at growing catalogue sizes.

Prints timings and query counts; never fails on timing. Run with `make bench`.
Uses a throw-away SQLite database in a temporary directory.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="reuse-bench-")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "reuse.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "AXES_ENABLED": "0",
        "ALLOWED_HOSTS": "testserver",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from catalogue.models import Category, Component, Institution, Technology  # noqa: E402

REQUESTS = [
    ("listing", "/components/"),
    ("search", "/components/?q=service+archivage"),
    ("facets", "/components/?owner=owner-1&kind=service&category=category-2"),
    ("most reused", "/components/?sort=most-reused&page=3"),
    ("API list", "/api/components/?q=service&page_size=100"),
    ("detail", None),
]


KINDS = ["service", "system", "component", "knowledge", "process"]


def grow(total):
    """Add components until the catalogue holds `total`; returns a component's slug."""
    if not Institution.objects.exists():
        for i in range(20):
            Institution.objects.create(name=f"Owner {i}", slug=f"owner-{i}")
        for i in range(12):
            Category.objects.create(name=f"Category {i}", slug=f"category-{i}")
        for i in range(60):
            Technology.objects.create(name=f"Tech {i}", slug=f"tech-{i}")
    owners = list(Institution.objects.order_by("pk"))
    categories = list(Category.objects.order_by("pk"))
    technologies = list(Technology.objects.order_by("pk"))
    for index in range(Component.objects.count(), total):
        component = Component.objects.create(
            name=f"Component {index}",
            slug=f"component-{index}",
            kind=KINDS[index % 5],
            owner=owners[index % len(owners)],
            short_description=f"Service numéro {index} pour l'archivage et les formulaires.",
            long_description="Une description un peu plus longue. " * 5,
            lifecycle="production",
            publication="published",
        )
        component.categories.set(categories[index % 12 : index % 12 + 2])
        component.technologies.set(technologies[index % 60 : index % 60 + 3])
    return Component.objects.order_by("pk").first().slug


def measure(client, url, repeat=7):
    timings = []
    executed = []

    def count(execute, sql, params, many, context):
        # Counted at the cursor: the request_started signal resets connection.queries.
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(executed)


def main():
    call_command("migrate", verbosity=0)
    client = Client()
    print(f"{'components':>10}  {'request':<12} {'median ms':>10} {'queries':>8}")
    for size in (100, 1000, 5000):
        slug = grow(size)
        for label, url in REQUESTS:
            median, queries = measure(client, url or f"/components/{slug}/")
            print(f"{size:>10}  {label:<12} {median:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
