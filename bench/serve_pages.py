"""Benchmark: the catalogue's pages served by the production server, at growing sizes.

Builds synthetic catalogues (manage.py generate_catalogue) on SQLite and on a throw-away
PostgreSQL server, serves each with gunicorn (DEBUG off, workers sized to the machine, as
`make serve`), and prints side by side, in one run:

- p50 / p95 latency of each page for one client (requests one after another),
- throughput with several clients, and as a share of a static file served by the same server,
- SQL queries per page and response size,
- resident memory of each gunicorn worker after the run;

each catalogue twice: with the page cache cold (``PAGE_CACHE_SECONDS=0``: every request
renders, facet counts included) and warm (the anonymous page cache on and primed by one
request; the streamed exports, never cached, are measured cold only).

The load generator is bench/load.py (Python, http.client, one connection per request);
loopback only, every loop bounded in time. It prints figures and never fails a build: a page
that errs or times out is reported as such.

    python bench/serve_pages.py [--sizes 1000 10000 100000] [--databases sqlite postgresql]
                                [--duration 4] [--clients 8] [--timeout 60] [--markdown FILE]
                                [--caches cold warm]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load
import servers

STATIC = "/static/favicon.svg"
COMMON_WORD = "signature"  # in the French and English vocabularies of the generator
RARE_PAIR = "quasar tessellation"  # two of the generator's rare words
# Streamed, never cached: measured with the cache cold only.
EXPORTS = {"/code.json", "/catalogue.ttl"}


def pages(targets: dict) -> list[tuple[str, str]]:
    """(label, path) of every page measured; the issue's table first."""
    facets = f"kind=component&lifecycle=production&category={targets['category']}"
    return [
        ("static file", STATIC),
        ("/components/", "/components/"),
        ("search + 3 facets", f"/components/?q={COMMON_WORD}&{facets}"),
        ("two rare words", "/components/?q=" + RARE_PAIR.replace(" ", "+")),
        ("component page", f"/components/{targets['component']}/"),
        ("/api/components/?q=", f"/api/components/?q={COMMON_WORD}"),
        ("/roi/ (measured year)", "/roi/?year=2025"),
        ("institution page", f"/institutions/{targets['institution']}/"),
        ("/api/components/ last page", "/api/components/?page=last"),
        ("/api/technologies/", "/api/technologies/"),
        ("/roi/calculator/", "/roi/calculator/"),
        ("/sitemap.xml", "/sitemap.xml"),
        ("/code.json", "/code.json"),
        ("/catalogue.ttl", "/catalogue.ttl"),
    ]


@dataclass
class PageResult:
    label: str
    path: str
    p50: float | None = None
    p95: float | None = None
    requests: int = 0
    throughput: float | None = None
    failed: int = 0
    queries: int | None = None
    size: int = 0
    note: str = ""


@dataclass
class Run:
    database: str
    size: int
    cache: str = "cold"
    build_seconds: float = 0
    pages: list[PageResult] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def name(self) -> str:
        return f"{self.size:,} {self.database} ({self.cache})"


def count_queries(env, path: str, timeout: float) -> dict | None:
    try:
        result = subprocess.run(
            [servers.PYTHON, str(Path(__file__).parent / "inspect_catalogue.py"), "queries", path],
            cwd=servers.ROOT, env=env, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, json.JSONDecodeError, IndexError):
        return None


def measure_page(server, env, label, path, args, warm=False) -> PageResult:
    page = PageResult(label, path)
    if warm:  # one request fills the cache
        load.single_client(server.port, path, duration=0, max_requests=1, timeout=args.timeout)
    sample = load.single_client(
        server.port, path, duration=args.duration, max_requests=200, timeout=args.timeout
    )
    page.requests = len(sample.latencies_ms)
    page.p50, page.p95, page.size = sample.p50, sample.p95, sample.size
    bad = {status: n for status, n in sample.statuses.items() if status != 200}
    if sample.error:
        page.note = f"{sample.error} after {args.timeout:.0f} s"
    elif bad:
        page.note = "status " + ", ".join(map(str, bad))
    # Throughput only where a request is quick enough to take several in the time given.
    if not sample.error and not bad and page.p50 is not None and page.p50 < 2000:
        page.throughput, page.failed = load.concurrent(
            server.port, path, clients=args.clients, duration=args.duration, timeout=args.timeout
        )
    if path != STATIC and not sample.error:
        counted = count_queries(env, path, args.timeout)
        page.queries = counted["queries"] if counted else None
    return page


def build(env, size: int, seed: int) -> float:
    started = time.monotonic()
    servers.manage(env, "migrate", "--noinput")
    servers.manage(env, "createcachetable")
    servers.manage(env, "generate_catalogue", "--components", str(size), "--seed", str(seed))
    return time.monotonic() - started


def run_one(database: str, url: str, size: int, args, log) -> list[Run]:
    runs = []
    env = servers.production_env(url, MAX_REQUESTS="0")
    name = f"{size:,} {database}"
    print(f"[{name}] building the catalogue ...", flush=True)
    build_seconds = build(env, size, args.seed)
    inspected = subprocess.run(
        [servers.PYTHON, str(Path(__file__).parent / "inspect_catalogue.py"), "targets"],
        cwd=servers.ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    targets = json.loads(inspected.stdout)
    print(f"[{name}] built in {build_seconds:.0f} s; serving ...", flush=True)
    for cache in args.caches:
        run = Run(database, size, cache, build_seconds)
        warm = cache == "warm"
        cache_env = {**env, "PAGE_CACHE_SECONDS": "600" if warm else "0"}
        with servers.Gunicorn(cache_env, workers=args.workers, log=log) as server:
            for label, path in pages(targets):
                if warm and path in EXPORTS:
                    run.pages.append(PageResult(label, path, note="streamed: as cold"))
                    continue
                page = measure_page(server, cache_env, label, path, args, warm=warm)
                run.pages.append(page)
                print(f"[{run.name}] {label:<24} {_ms(page.p50):>9} {_rate(page):>10} {page.note}")
            run.rss_mb = server.worker_rss_mb()
        runs.append(run)
    return runs


def _ms(value) -> str:
    if value is None:
        return "—"
    return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"


def _rate(page: PageResult) -> str:
    return "—" if page.throughput is None else f"{page.throughput:.0f}/s"


def _share(page: PageResult, static: PageResult | None) -> str:
    if page.throughput is None or not static or not static.throughput:
        return "—"
    share = 100 * page.throughput / static.throughput
    return f"{share:.1f} %" if share < 10 else f"{share:.0f} %"


def _size(page: PageResult) -> str:
    if not page.size:
        return "—"
    return f"{page.size / 1e6:.1f} MB" if page.size >= 1e6 else f"{page.size / 1e3:.0f} KB"


def tables(runs: list[Run], args) -> str:
    """Markdown tables: pages as rows, one column per catalogue."""
    labels = [page.label for page in runs[0].pages] if runs else []
    header = "| page | " + " | ".join(run.name for run in runs) + " |"
    rule = "|---|" + "---|" * len(runs)

    def table(title, cell):
        rows = [f"**{title}**", "", header, rule]
        for index, label in enumerate(labels):
            cells = []
            for run in runs:
                page = run.pages[index] if index < len(run.pages) else None
                cells.append(cell(run, page) if page else "—")
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def latency(run, page):
        text = f"{_ms(page.p50)} / {_ms(page.p95)}"
        return f"{text} ({page.note})" if page.note else text

    def throughput(run, page):
        return f"{_rate(page)} ({_share(page, run.pages[0])})"

    def queries(run, page):
        return f"{page.queries if page.queries is not None else '—'} q, {_size(page)}"

    workers = f"{args.workers} gunicorn workers, {args.clients} clients"
    parts = [
        table("p50 / p95, one client", latency),
        table(f"Throughput ({workers}) and share of the static file", throughput),
        table("SQL queries per request, response size", queries),
        "**Resident memory per worker after the run (MB)**\n\n"
        + "\n".join(
            f"- {run.name}: " + ", ".join(f"{mb:.0f}" for mb in run.rss_mb) for run in runs
        ),
        "**Catalogue build (migrate + generate_catalogue)**\n\n"
        + "\n".join(f"- {run.name}: {run.build_seconds:.0f} s" for run in runs),
    ]
    return "\n\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--duration", type=float, default=4, help="seconds per measurement")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request at most")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", help="also write the tables to this file")
    parser.add_argument("--caches", nargs="+", choices=["cold", "warm"], default=["cold", "warm"])
    args = parser.parse_args()

    servers.manage(servers.production_env("sqlite://:memory:"), "collectstatic", "--noinput")
    runs: list[Run] = []
    workdir = Path(tempfile.mkdtemp(prefix="reuse-bench-"))
    log = open(workdir / "gunicorn.log", "ab")  # noqa: SIM115 (open for the whole run)
    try:
        for database in args.databases:
            if database == "sqlite":
                for size in args.sizes:
                    url = f"sqlite:///{workdir}/catalogue-{size}.sqlite3"
                    runs.extend(_guarded(run_one, database, url, size, args, log))
            else:
                try:
                    with servers.temporary_postgres("reuse") as base_url:
                        for size in args.sizes:
                            url = servers.create_database(base_url, f"catalogue_{size}")
                            runs.extend(_guarded(run_one, database, url, size, args, log))
                except (RuntimeError, subprocess.CalledProcessError) as exc:
                    print(f"PostgreSQL skipped: {exc}", flush=True)
    finally:
        log.close()
    runs = [run for run in runs if run.pages]
    output = tables(runs, args)
    print("\n" + output)
    if args.markdown:
        Path(args.markdown).write_text(output + "\n", encoding="utf-8")
    subprocess.run(["rm", "-rf", str(workdir)], check=False)


def _guarded(function, database, url, size, args, log) -> list[Run]:
    # A benchmark never fails the build: a catalogue that cannot be built or served is noted.
    try:
        return function(database, url, size, args, log)
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        print(f"[{size:,} {database}] skipped: {exc}", flush=True)
        return [Run(database, size, note=str(exc))]


if __name__ == "__main__":
    main()
