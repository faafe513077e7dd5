"""Figures that only the mock has: memory idle and after many namespaces, and how long a new
namespace takes to give its first answer (it is seeded on first use)."""

from __future__ import annotations

import statistics
import time
import urllib.request

from .contenders import Server, rss_mib
from .workload import Request


def record_answers(base: str, requests: list[Request]) -> list[dict]:
    """What the mock answers to each request, for the ceiling to send back byte for byte."""
    recorded = []
    for request in requests:
        with urllib.request.urlopen(_http(base, request), timeout=10) as response:
            recorded.append({
                "method": request.method, "path": request.path.split("?")[0], "status": response.status,
                "content_type": response.headers.get("Content-Type"), "body": response.read().decode(),
            })
    return recorded


def new_namespace_ms(base: str, request: Request, count: int) -> tuple[float, float]:
    """Median and worst time of ``request`` as the first call in ``count`` new namespaces."""
    times = []
    for number in range(count):
        http = _http(base, request, {"X-Mock-Namespace": f"bench-new-{number}"})
        started = time.perf_counter()
        with urllib.request.urlopen(http, timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def rss_after_namespaces(mock: Server, request: Request, count: int) -> float:
    for number in range(count):
        with urllib.request.urlopen(_http(mock.base_for("*"), request, {"X-Mock-Namespace": f"bench-many-{number}"})) as r:
            r.read()
    return rss_mib(mock.pid_for("*"))


def _http(base: str, request: Request, extra: dict[str, str] | None = None) -> urllib.request.Request:
    return urllib.request.Request(
        base + request.path, method=request.method, headers={**request.headers, **(extra or {})},
        data=request.bodies[0].encode() if request.bodies else None,
    )
