"""A production-like ReUse server, for the load benchmark and the tests that need real
processes: DEBUG off, gunicorn with several worker processes, collected static files, and a
database of its own (a SQLite file in a scratch directory unless ``database_url`` is given).

    with ProductionServer(workdir) as server:
        server.manage("load_demo")
        urllib.request.urlopen(server.url + "/api/components/")
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProductionServer:
    def __init__(self, workdir: Path, *, workers=3, threads=4, database_url=None, env=None):
        self.workdir = Path(workdir)
        self.workers, self.threads = workers, threads
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "reuse.settings",
            "DEBUG": "0",
            "SECRET_KEY": "production-like-server-for-tests-and-benchmarks",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url or f"sqlite:///{self.workdir / 'reuse.sqlite3'}",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        self.process = None

    def manage(self, *args, stdin: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def prepare(self):
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable")
        # Always: a manifest left by an older checkout lacks new files (a 500 on their pages).
        self.manage("collectstatic", "--noinput", "-v0")

    def start(self):
        command = [
            sys.executable, "-m", "gunicorn", "reuse.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--threads", str(self.threads), "--timeout", "60",
            "--error-logfile", str(self.workdir / "gunicorn.log"), "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/admin/login/", timeout=2)  # noqa: S310 (http://127.0.0.1; not /api/: no throttle count)
                return self
            except urllib.error.HTTPError:
                return self  # it answers
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not start; see {self.workdir / 'gunicorn.log'}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def log(self) -> str:
        path = self.workdir / "gunicorn.log"
        return path.read_text() if path.exists() else ""

    def __enter__(self):
        self.prepare()
        return self.start()

    def __exit__(self, *exc):
        self.stop()
