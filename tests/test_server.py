"""Findings 6 and 8 against real processes (gunicorn, several workers, a SQLite file): ten
concurrent admin writers get no error; API throttling counts across workers (database cache by
default, Redis when REDIS_URL is set) and ignores X-Forwarded-For unless proxies are trusted."""

import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.admin_client import AdminSession
from bench.server import ProductionServer, free_port

pytestmark = pytest.mark.slow

SETUP = """
from django.contrib.auth import get_user_model
from catalogue.models import Component, Institution
from catalogue.review.groups import ensure_role_groups
from django.contrib.auth.models import Group
ensure_role_groups()
editors = Group.objects.get(name="Catalogue editors")
owner = Institution.objects.create(name="Owner", slug="owner")
for n in range(WRITERS + 1):  # one entry each, and a last one everybody writes
    if n < WRITERS:
        user = get_user_model().objects.create_user(f"editor{n}", "", "pw-for-tests", is_staff=True)
        user.groups.add(editors)
    Component.objects.create(name=f"Entry {n}", slug=f"entry-{n}", kind="service", owner=owner,
        short_description="Start.", lifecycle="production", publication="published")
"""


def setup_writers(server, writers):
    server.manage("shell", "--no-imports", "-c", SETUP.replace("WRITERS", str(writers)))
    ids = server.manage(
        "shell",
        "--no-imports",
        "-c",
        "from catalogue.models import Component; "
        "print(' '.join(str(pk) for pk in Component.objects.order_by('pk').values_list('pk', flat=True)))",
    )
    return [int(pk) for pk in ids.split()]


def test_ten_concurrent_admin_writers_on_sqlite_get_no_error(tmp_path):
    writers, saves = 10, 6
    with ProductionServer(tmp_path, workers=3, threads=4) as server:
        ids = setup_writers(server, writers)
        start = threading.Barrier(writers)

        def write(n):
            session = AdminSession(server.url)
            assert session.login(f"editor{n}", "pw-for-tests")
            start.wait()
            codes = []
            for round_ in range(saves):
                # Everyone writes its own entry, and every writer also the last, shared one:
                # a refused stale save is a form (200), never a 500.
                status, _ = session.save(
                    f"/admin/catalogue/component/{ids[n]}/change/",
                    short_description=f"Saved by {n}, round {round_}.",
                )
                codes.append(status)
                status, _ = session.save(
                    f"/admin/catalogue/component/{ids[-1]}/change/",
                    long_description=f"{n}/{round_}",
                )
                codes.append(status)
            return codes

        with ThreadPoolExecutor(writers) as pool:
            results = list(pool.map(write, range(writers)))
        log = server.log()
    codes = [code for codes in results for code in codes]
    assert 500 not in codes and "database is locked" not in log, (codes, log[-3000:])
    assert all(code in (200, 302) for code in codes), codes
    own_saves = [codes[0::2] for codes in results]
    assert all(code == 302 for codes in own_saves for code in codes), own_saves


CONCURRENCY = 4


def throttled(server, *, forwarded=None, requests=40):
    def get(n):
        headers = {"X-Forwarded-For": forwarded(n)} if forwarded else {}
        request = urllib.request.Request(server.url + "/api/categories/", headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return list(pool.map(get, range(requests)))


def within_limit(codes, limit=10, slack=0):
    """At most ``limit`` answers (plus ``slack``), every other one a 429."""
    allowed = codes.count(200)
    return allowed <= limit + slack and codes.count(429) == len(codes) - allowed


def test_api_throttling_counts_across_workers_and_ignores_forwarded_for(tmp_path):
    env = {"API_ANON_RATE": "10/minute"}
    with ProductionServer(tmp_path, workers=4, threads=2, env=env) as server:
        codes = throttled(server, forwarded=lambda n: f"198.51.100.{n}")
    # Exact with the database cache on SQLite.
    assert within_limit(codes) and codes.count(200) == 10, codes


def test_behind_a_trusted_proxy_the_client_address_counts(tmp_path):
    env = {"API_ANON_RATE": "10/minute", "TRUSTED_PROXY_COUNT": "1"}
    with ProductionServer(tmp_path, workers=2, threads=2, env=env) as server:
        # A client writes addresses of its own; the proxy appends the one it saw.
        spoofing = throttled(server, forwarded=lambda n: f"10.9.9.{n}, 203.0.113.7")
        other = throttled(server, forwarded=lambda n: "198.51.100.1", requests=5)
    assert within_limit(spoofing) and spoofing.count(200) == 10, spoofing
    assert other == [200] * 5


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_throttling_with_redis(tmp_path):
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        env = {"API_ANON_RATE": "10/minute", "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        with ProductionServer(tmp_path, workers=3, threads=2, env=env) as server:
            codes = throttled(server)
    finally:
        redis.terminate()
        redis.wait(timeout=10)
    # Redis: DRF reads then writes the count, so simultaneous requests may pass together.
    assert within_limit(codes, slack=CONCURRENCY), codes
