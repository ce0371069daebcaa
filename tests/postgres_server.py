"""A throw-away PostgreSQL server for the tests that run against the production database
(tests/test_postgres.py, tests/test_search_postgres.py)."""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def pg_bin():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_postgres(prefix: str = "reuse-pg-"):
    """A throw-away PostgreSQL server (initdb as the postgres user when run as root) with a
    database "reuse"; yields its URL, stops and removes it after. Skips when not installed."""
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix=prefix))
    run_as = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        os.chmod(base, 0o755)  # noqa: S103 (the postgres user must reach its data directory)
        shutil.chown(base, user="postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", free_port()
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


def environment(url):
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "tests-only", "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0"}  # fmt: skip
