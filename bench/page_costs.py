"""Benchmark: what each public page costs to render, in process, on the catalogue of DATABASE_URL.

Renders every page of the serving benchmark (and any path given) with Django's test client, no
network and no page cache (``PAGE_CACHE_SECONDS=0``: every request computes, facet counts
included), and prints per page: status, median and slowest of N renders, SQL queries and
response size. It finds the page that does not scale before the server benchmark does, and
says why (queries, size). Run it on a generated catalogue, never the demo's:

    export DATABASE_URL=sqlite:///synthetic.sqlite3
    python manage.py migrate && python manage.py generate_catalogue --components 100000
    python bench/page_costs.py [--runs 3] [/extra/path/ ...]

It prints figures and never fails a build.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reuse.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # every render computes

import django

django.setup()

import inspect_catalogue  # noqa: E402
import serve_pages  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

# Besides the serving benchmark's pages: other listings and a deep sitemap page.
EXTRA = ["/", "/institutions/", "/projects/", "/api/components/", "/api/categories/",
         "/sitemap-components.xml?p=2"]  # fmt: skip


def measure(client: Client, path: str, runs: int) -> dict:
    times, queries, status, size = [], 0, None, 0
    for _ in range(runs):
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append((time.perf_counter() - started) * 1000)
        queries, status, size = len(executed), response.status_code, len(body)
    return {"p50": statistics.median(times), "max": max(times), "queries": queries,
            "status": status, "size": size}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--exports", action="store_true", help="also the streamed exports")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    targets = inspect_catalogue.targets()
    pages = [path for _label, path in serve_pages.pages(targets)]
    pages = [path for path in pages if args.exports or path not in serve_pages.EXPORTS]
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':<62} {'status':>6} {'p50':>9} {'max':>9} {'queries':>7} {'size':>9}")
    for path in [*pages, *EXTRA, *args.paths]:
        result = measure(client, path, args.runs)
        print(
            f"{path[:62]:<62} {result['status']:>6} {result['p50']:>7.0f}ms {result['max']:>7.0f}ms"
            f" {result['queries']:>7} {result['size'] / 1000:>7.0f}KB",
            flush=True,
        )


if __name__ == "__main__":
    main()
