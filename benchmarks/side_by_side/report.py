"""The side-by-side table and the issue's targets, as Markdown for benchmarks/results and the README."""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass

from .contenders import MOCK_COLD_STARTS
from .workload import Request
from .wrk import Figures

SERVERS = ("mock", "prism", "ceiling")


@dataclass
class Extras:
    cold_start: dict[str, float]
    idle_rss: float
    many_namespaces_rss: float
    namespaces: int
    new_namespace_ms: tuple[float, float]


def median_figures(runs: list[Figures]) -> Figures:
    return Figures(
        rps=statistics.median(r.rps for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        failures=sum(r.failures for r in runs),
    )


def render(requests: list[Request], results: dict[tuple[str, str, int], Figures], extras: Extras,
           rounds: int, seconds: float) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores: one uvicorn worker"
        f" for the mock and the ceiling, one Prism 5 process per document; wrk, {rounds} alternating rounds of"
        f" {seconds:g} s per request and concurrency, medians shown. Ratios are the mock's figure over the other's.",
        "",
        "| request | c | mock req/s | Prism req/s | ceiling req/s | mock/ceiling | mock/Prism | mock p50 / p99 | ceiling p99 | Prism p99 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for request in requests:
        for connections in (1, 32):
            mock, prism, ceiling = (results[(server, request.key, connections)] for server in SERVERS)
            failed = [f"{name} {figures.failures}" for name, figures in zip(SERVERS, (mock, prism, ceiling)) if figures.failures]
            warn = f" (non-2xx or socket errors: {', '.join(failed)})" if failed else ""
            lines.append(
                f"| {request.title}{warn} | {connections} | {mock.rps:,.0f} | {prism.rps:,.0f} | {ceiling.rps:,.0f}"
                f" | {mock.rps / ceiling.rps:.2f} | {mock.rps / prism.rps:.1f} | {mock.p50_ms:.2f} / {mock.p99_ms:.2f} ms"
                f" | {ceiling.p99_ms:.2f} ms | {prism.p99_ms:.2f} ms |"
            )
    lines += [
        "",
        f"- cold start to the first 200: mock (every API) {extras.cold_start['mock']:.2f} s"
        f" (median of {MOCK_COLD_STARTS} starts);"
        f" Prism (WildDuck document) {extras.cold_start['prism']:.2f} s; ceiling {extras.cold_start['ceiling']:.2f} s",
        f"- a new namespace's first answer (WildDuck `GET /users`): median {extras.new_namespace_ms[0]:.1f} ms,"
        f" worst {extras.new_namespace_ms[1]:.1f} ms",
        f"- mock memory: {extras.idle_rss:.0f} MiB idle; {extras.many_namespaces_rss:.0f} MiB with {extras.namespaces}"
        " namespaces in use",
        "",
        "Targets (issue 15):",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for target, measured, met in targets(requests, results, extras):
        lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
    return "\n".join(lines) + "\n"


def targets(requests: list[Request], results: dict[tuple[str, str, int], Figures], extras: Extras):
    def ratio(key: str, connections: int, other: str) -> float:
        return results[("mock", key, connections)].rps / results[(other, key, connections)].rps

    for connections in (1, 32):
        value = ratio("wildduck-user", connections, "ceiling")
        yield f"WildDuck GET /users/{{id}} at c{connections}: >= 0.5 of the ceiling's req/s", f"{value:.2f}", value >= 0.5
    for connections in (1, 32):
        value = ratio("wildduck-flag", connections, "ceiling")
        yield f"the WildDuck write at c{connections}: >= 0.3 of the ceiling's req/s", f"{value:.2f}", value >= 0.3
    worst_p99 = max(
        results[("mock", r.key, 32)].p99_ms / results[("ceiling", r.key, 32)].p99_ms for r in requests
    )
    yield "p99 at c32 within 10x the ceiling's, every request", f"worst {worst_p99:.1f}x", worst_p99 <= 10
    yield ("cold start, every API loaded: < 0.6 s", f"{extras.cold_start['mock']:.2f} s (median of {MOCK_COLD_STARTS} starts)",
           extras.cold_start["mock"] < 0.6)
    yield "a new namespace's first answer: < 20 ms", f"{extras.new_namespace_ms[0]:.1f} ms (median)", extras.new_namespace_ms[0] < 20
    worst_prism = min(ratio(r.key, c, "prism") for r in requests for c in (1, 32))
    yield "every request >= 5x Prism's req/s", f"worst {worst_prism:.1f}x", worst_prism >= 5
