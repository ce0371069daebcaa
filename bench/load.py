"""A small HTTP load generator written for the benchmark: plain http.client, one new connection
per request (gunicorn's sync workers close each connection), loopback only, bounded in time
and in number of requests.

- ``single_client``: one client, requests one after another: the latency a visitor sees.
- ``concurrent``: several client processes for a fixed time: the throughput the server gives.
"""

from __future__ import annotations

import http.client
import multiprocessing
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Sample:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    size: int = 0
    error: str = ""

    @property
    def p50(self) -> float | None:
        return statistics.median(self.latencies_ms) if self.latencies_ms else None

    @property
    def p95(self) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fetch(port: int, path: str, timeout: float) -> tuple[int, int, float]:
    """One GET on 127.0.0.1:port: (status, body size, milliseconds)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
        return response.status, size, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def single_client(
    port: int, path: str, *, duration: float, max_requests: int, timeout: float
) -> Sample:
    """Sequential requests for ``duration`` seconds (at least 3, at most ``max_requests``)."""
    sample = Sample()
    deadline = time.monotonic() + duration
    while len(sample.latencies_ms) < max_requests:
        try:
            status, size, elapsed = fetch(port, path, timeout)
        except (OSError, http.client.HTTPException) as exc:
            sample.error = type(exc).__name__ if "timed out" not in str(exc) else "timeout"
            break
        sample.statuses[status] = sample.statuses.get(status, 0) + 1
        sample.size = size
        sample.latencies_ms.append(elapsed)
        if time.monotonic() > deadline and len(sample.latencies_ms) >= 3:
            break
    return sample


def _worker(args) -> tuple[int, int]:
    port, path, stop_at, timeout = args
    done = failed = 0
    while time.time() < stop_at:
        try:
            status, _, _ = fetch(port, path, timeout)
            if status == 200:
                done += 1
            else:
                failed += 1
        except (OSError, http.client.HTTPException):
            failed += 1
    return done, failed


def concurrent(port: int, path: str, *, clients: int, duration: float, timeout: float):
    """Requests per second completed by ``clients`` processes in ``duration`` seconds, and
    how many failed."""
    stop_at = time.time() + duration
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(_worker, [(port, path, stop_at, timeout)] * clients)
    elapsed = time.perf_counter() - started
    done = sum(result[0] for result in results)
    failed = sum(result[1] for result in results)
    return done / elapsed, failed
