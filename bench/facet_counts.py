"""Benchmark: the component listing's facet counts, in process, on the catalogue of DATABASE_URL.

Times whole pages of /components/ (Django's test client, no network) and the facet counts
alone (catalogue.search.facets.build_facets), median and p95 of N runs each, with the SQL
queries of one page. Generate a catalogue into a database of its own first, never the demo's:

    export DATABASE_URL=sqlite:///synthetic.sqlite3
    python manage.py migrate && python manage.py generate_catalogue --components 10000
    python bench/facet_counts.py [--runs 20]

It prints figures and never fails a build.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reuse.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from inspect_catalogue import targets  # noqa: E402

COMMON_WORD = "signature"  # in the generator's French and English vocabularies


def cases(found: dict) -> list[tuple[str, str]]:
    owner, category = found["institution"], found["category"]
    return [
        ("/components/", ""),
        (
            "search + 3 facets",
            f"q={COMMON_WORD}&kind=component&lifecycle=production&category={category}",
        ),
        (
            "3 facets, 2 values in one",
            f"kind=component&kind=service&category={category}&owner={owner}",
        ),
        ("a word", f"q={COMMON_WORD}"),
    ]


def timed(function, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from catalogue.models import Component
    from catalogue.search.facets import build_facets
    from catalogue.search.filters import ComponentFilterSet

    client = Client(HTTP_HOST="127.0.0.1")
    size = Component.objects.count()
    print(f"{size} components ({connection.vendor}), {args.runs} runs each, median / p95 ms")
    print("| case | page | facet counts alone | queries per page |")
    print("|---|---|---|---|")
    for label, query in cases(targets()):
        path = f"/components/?{query}" if query else "/components/"
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = client.get(path, secure=True).status_code
        page = timed(lambda path=path: client.get(path, secure=True), args.runs)

        def facets(query=query):
            data = QueryDict(query)
            filterset = ComponentFilterSet(data or None, queryset=Component.objects.published())
            build_facets(filterset, data)

        alone = timed(facets, args.runs)
        print(
            f"| {label} | {page[0]:.0f} / {page[1]:.0f} | {alone[0]:.0f} / {alone[1]:.0f} "
            f"| {len(executed)} (HTTP {status}) |"
        )


if __name__ == "__main__":
    main()
