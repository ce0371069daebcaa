"""Production serving: gunicorn's configuration, and two instances sharing one database."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_config(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_workers_are_sized_to_the_machine(monkeypatch):
    config = load_config(monkeypatch)
    assert config["workers"] == (os.cpu_count() or 1) * 2 + 1
    assert config["bind"] == "127.0.0.1:8000"
    assert config["preload_app"] is True and config["control_socket_disable"] is True


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    config = load_config(
        monkeypatch, WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:9000", GUNICORN_MAX_REQUESTS="0"
    )
    assert (config["workers"], config["bind"], config["max_requests"]) == (3, "0.0.0.0:9000", 0)


def test_gunicorn_is_a_pinned_requirement():
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("gunicorn==") for line in requirements)


@pytest.mark.slow
def test_two_instances_serve_the_same_catalogue():
    result = subprocess.run(
        [sys.executable, "scripts/two_instances.py", "--sqlite"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout.count("\nok ") == 3, result.stdout
