"""Benchmark: the whole-catalogue exports at scale — time to first byte, total time, size, and
the peak resident memory of the worker that served it.

Serves an existing catalogue (DATABASE_URL; build one with ``manage.py generate_catalogue``)
with gunicorn, one fresh worker per export so each peak is the export's own, and prints one
row per export. Prints figures; never fails a build.

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python bench/exports.py [--paths /code.json ...]
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers

EXPORTS = [
    "/sitemap.xml",
    "/sitemap-components.xml?p=2",
    "/code.json",
    "/catalogue.ttl",
    "/catalogue.jsonld",
]


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def fetch(port: int, path: str, timeout: float, read_seconds: float | None = None):
    """(status, seconds to the first body byte, seconds in all, bytes, whether complete); stops
    reading after ``read_seconds`` when given (memory is then the peak so far)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path)
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.monotonic() - started
    size = len(first)
    complete = True
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if read_seconds is not None and time.monotonic() - started > read_seconds:
            complete = False
            break
    connection.close()
    return response.status, first_byte, time.monotonic() - started, size, complete


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paths", nargs="+", default=EXPORTS)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--read-seconds", type=float, help="stop reading an export after this")
    args = parser.parse_args()
    env = servers.production_env(os.environ["DATABASE_URL"], MAX_REQUESTS="0")
    print("| export | status | first byte | total | size | worker peak RSS |")
    print("|---|---|---|---|---|---|")
    for path in args.paths:
        with servers.Gunicorn(env, workers=1) as server:
            pids = server.worker_pids()
            baseline = peak_rss_mb(pids[0]) if pids else None
            try:
                status, first, total, size, complete = fetch(
                    server.port, path, args.timeout, args.read_seconds
                )
            except OSError as exc:
                print(f"| {path} | {exc} | — | — | — | — |", flush=True)
                continue
            peak = peak_rss_mb(pids[0]) if pids else None
            memory = f"{peak:.0f} MB (idle {baseline:.0f} MB)" if peak and baseline else "—"
            print(
                f"| {path} | {status} | {first * 1000:.0f} ms "
                f"| {total:.1f} s{'' if complete else ' (stopped)'} "
                f"| {size / 1e6:.1f} MB | {memory} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
