"""Load test: concurrent clients against a production-like server (gunicorn, DEBUG off, the
default SQLite database in WAL mode, the database cache), mixed public reads and admin writes.

    python bench/load_mixed.py [--clients 50] [--writers 10] [--seconds 30] [--workers 4]

Readers browse pages and the API (and post to the calculator), each with its own address as a
proxy would forward it (TRUSTED_PROXY_COUNT=1), so throttling counts per client as in
production. Writers are editors saving their own published entry through the admin's real form,
and submitters proposing changes to their institution's entry (pending changes). Prints
throughput, latencies and every error; like every benchmark here it never fails a build.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.admin_client import AdminSession
from bench.server import ProductionServer

PASSWORD = "load-test-password"  # noqa: S105 (accounts of a throwaway database)
SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from catalogue.models import Component, Membership, Project
from catalogue.review.groups import ensure_role_groups
ensure_role_groups()
editors = Group.objects.get(name="Catalogue editors")
submitters = Group.objects.get(name="Institution submitters")
entries = list(Component.objects.published().order_by("slug"))
plan = {"editors": [], "submitters": [], "slugs": [c.slug for c in entries],
        "projects": list(Project.objects.values_list("slug", flat=True))}
used = set()
for n in range(WRITERS):
    user = get_user_model().objects.create_user(f"writer{n}", "", PASSWORD, is_staff=True)
    if n % 5 == 4:  # one writer in five is a submitter proposing changes
        # An entry no editor writes (editors take the first ones), of an owner of its own.
        entry = next(c for c in entries[WRITERS:] if c.owner_id not in used)
        used.add(entry.owner_id)
        user.groups.add(submitters)
        Membership.objects.create(user=user, institution_id=entry.owner_id)
        plan["submitters"].append([user.username, entry.pk])
    else:
        entry = entries[n]
        user.groups.add(editors)
        plan["editors"].append([user.username, entry.pk])
print(json.dumps(plan))
"""


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = defaultdict(Counter)
        self.errors = []

    def record(self, kind, status, seconds, detail=""):
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1
            if status >= 500 or status == 0:
                self.errors.append(f"{kind} {status} {detail}"[:300])


def read_paths(plan, rng):
    slug = rng.choice(plan["slugs"])
    project = rng.choice(plan["projects"])
    return rng.choice([
        "/", "/components/", f"/components/?q={rng.choice(['securite', 'archiv', 'flux'])}",
        "/components/?kind=service&sort=name", f"/components/{slug}/", "/institutions/",
        f"/projects/{project}/", "/roi/", "/api/components/", f"/api/components/{slug}/",
        "/api/components/?q=security", "/api/roi/2020/", f"/api/projects/{project}/",
        "/case-studies/", "CALCULATE",
    ])  # fmt: skip


def reader(server, plan, results, stop, number):
    rng = random.Random(number)
    headers = {"X-Forwarded-For": f"198.51.{number // 250}.{number % 250 + 1}"}
    while not stop.is_set():
        path = read_paths(plan, rng)
        data = None
        kind = "read"
        if path == "CALCULATE":
            path, kind = "/api/roi/calculate/", "calculate"
            data = json.dumps({"unit_cost_eur": 1000, "projects": [
                {"new_fp": rng.randint(100, 900), "reuse": [{"fp": 50}]}]}).encode()  # fmt: skip
        request = urllib.request.Request(  # noqa: S310 (the local server)
            server.url + path, data=data,
            headers={**headers, **({"Content-Type": "application/json"} if data else {})},
        )  # fmt: skip
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status, path = 0, f"{path}: {error}"
        results.record(kind, status, time.perf_counter() - start, path)


def writer(server, username, entry_id, submitter, results, stop, ready):
    session = AdminSession(server.url)
    ok = session.login(username, PASSWORD)
    ready.wait()
    if not ok:
        results.record("login", 0, 0, username)
        return
    path = f"/admin/catalogue/component/{entry_id}/change/"
    round_ = 0
    kind = "propose" if submitter else "save"
    while not stop.is_set():
        round_ += 1
        start = time.perf_counter()
        try:
            status, page = session.save(path, long_description=f"Load test {username} {round_}.")
        except OSError as error:
            status, page = 0, str(error)
        if status == 200 and "errornote" in page:
            status = 409  # the form again, with an error (a stale version): counted apart
        results.record(kind, status, time.perf_counter() - start, page[-200:])


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))] if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        server = ProductionServer(
            Path(scratch), workers=args.workers, threads=args.threads,
            database_url=args.database_url, env={"TRUSTED_PROXY_COUNT": "1"},
        )  # fmt: skip
        print("Preparing a production-like server with the demo catalogue...", flush=True)
        server.prepare()
        server.manage("load_demo")
        plan = json.loads(
            server.manage(
                "shell",
                "--no-imports",
                "-c",
                SETUP.replace("WRITERS", str(args.writers)).replace("PASSWORD", repr(PASSWORD)),
            )
        )
        server.start()
        try:
            run(server, plan, args)
        finally:
            server.stop()
        log = server.log()
        if "Traceback" in log or "database is locked" in log:
            print("\nServer log:\n" + log[-4000:])


def run(server, plan, args):
    results, stop = Results(), threading.Event()
    writers = [(name, pk, False) for name, pk in plan["editors"]]
    writers += [(name, pk, True) for name, pk in plan["submitters"]]
    ready = threading.Barrier(len(writers) + 1)
    threads = [
        threading.Thread(target=writer, args=(server, name, pk, sub, results, stop, ready))
        for name, pk, sub in writers
    ]
    for thread in threads:
        thread.start()
    ready.wait()  # every writer logged in
    readers = [
        threading.Thread(target=reader, args=(server, plan, results, stop, n))
        for n in range(args.clients - len(writers))
    ]
    started = time.perf_counter()
    for thread in readers:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads + readers:
        thread.join()
    elapsed = time.perf_counter() - started
    report(results, elapsed, args, len(readers), len(writers))


def report(results, elapsed, args, readers, writers):
    total = sum(sum(counter.values()) for counter in results.statuses.values())
    print(f"\n{args.clients} clients ({readers} readers, {writers} admin writers), "
          f"{elapsed:.1f} s, gunicorn {args.workers} workers x {args.threads} threads")  # fmt: skip
    print(f"requests: {total}, throughput: {total / elapsed:.1f} requests/s")
    print(f"{'kind':<10} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    for kind, values in sorted(results.latencies.items()):
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(results.statuses[kind].items()))
        print(
            f"{kind:<10} {len(values):>7} {statistics.median(values) * 1000:>8.0f} "
            f"{percentile(values, 0.95) * 1000:>8.0f} {percentile(values, 0.99) * 1000:>8.0f}"
            f"  {statuses}"
        )
    print("(409: a save refused with the form's error, such as a stale version; not an error)")
    print(f"errors (5xx or no answer): {len(results.errors)}")
    for error in results.errors[:20]:
        print("  " + error)


if __name__ == "__main__":
    main()
