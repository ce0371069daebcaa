"""The production database: a real PostgreSQL server, started for this module.

The catalogue's own tests (search with unaccent, facets, pages, API, demo data) run again
against it, and the demo set-up (migrate, load_demo, roi_report) runs on it.
"""

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _pg_bin():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="reuse-pg-"))
    run_as = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        os.chmod(base, 0o755)  # noqa: S103 (the postgres user must reach its data directory)
        shutil.chown(base, user="postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()
    subprocess.run(
        [*run_as, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
         "-E", "UTF8", "--locale=C.UTF-8"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w",
         "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        url = f"postgres://postgres@127.0.0.1:{port}/reuse"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            created = subprocess.run(
                [
                    str(bin_dir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "postgres",
                    "reuse",
                ],
                capture_output=True,
            )
            if created.returncode == 0:
                break
            time.sleep(0.5)
        yield url
    finally:
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def _env(url):
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "tests-only", "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0"}  # fmt: skip


def test_the_test_suite_passes_on_postgresql(postgres_url):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--create-db",
         "tests/test_filters.py", "tests/test_pages.py", "tests/test_demo_data.py",
         "tests/test_api_roi.py", "tests/test_roi_pages.py", "tests/test_admin.py",
         "tests/test_api.py", "tests/test_permissions.py", "tests/test_security.py",
         # Integrity: row locks, transactions, the database cache, restore with sequences.
         "tests/test_review_projects.py", "tests/test_visibility.py", "tests/test_locking.py",
         "tests/test_import_review.py", "tests/test_conditional_get.py", "tests/test_backup.py",
         "tests/test_notifications.py", "tests/test_throttling.py"],
        cwd=ROOT, env=_env(postgres_url), capture_output=True, text=True, timeout=900,
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
    manage("load_demo")
    manage("load_demo")  # idempotent
    report = json.loads(manage("roi_report", "--year", "2020", "--format", "json"))
    assert report["project_count"] == 27
    assert round(report["reuse_share"], 2) == 0.64
    assert round(report["roi"], 2) == 0.46
