"""`make bench`: the mock beside Prism and a bare Starlette ceiling, in one run (see side_by_side/).

    .venv/bin/python benchmarks/run.py [--rounds 3] [--seconds 5]

Starts every server itself on free loopback ports (a running `make serve` is never touched),
installs wrk (Debian) and Prism (npm, into a scratch folder) on first use, and writes the
figures to benchmarks/results/side-by-side.md (`scripts/update_readme.py` copies them into the
README).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from side_by_side import contenders, measure, report, wrk  # noqa: E402
from side_by_side.workload import FIRST_CALL, requests_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "side-by-side.md"
NAMESPACES = 100


def main() -> int:
    options = _options()
    wrk_binary = wrk.ensure_wrk()
    mock = contenders.start_mock()
    servers = [mock]
    try:
        requests = requests_for(mock.base_for("*"))
        recorded = measure.record_answers(mock.base_for("*"), requests)
        idle_rss = contenders.rss_mib(mock.pid_for("*"))
        new_namespace = measure.new_namespace_ms(mock.base_for("*"), FIRST_CALL, 20)
        servers.append(contenders.start_prism({r.document: r for r in reversed(requests)}))
        servers.append(contenders.start_ceiling(recorded))
        results: dict = {}
        for round_number in range(options.rounds):
            order = servers[round_number % 3:] + servers[:round_number % 3]
            for server in order:
                for request in requests:
                    for connections in (1, 32):
                        url = server.base_for(request.document) + request.path_on(server.name)
                        figures = wrk.run(wrk_binary, url, request, connections, options.seconds)
                        results.setdefault((server.name, request.key, connections), []).append(figures)
                        print(f"round {round_number + 1} {server.name:8} {request.key:14} c{connections:<3}"
                              f" {figures.rps:10,.0f} req/s  p99 {figures.p99_ms:8.2f} ms", file=sys.stderr)
        many_rss = measure.rss_after_namespaces(mock, FIRST_CALL, NAMESPACES)
        extras = report.Extras(
            cold_start={server.name: server.cold_start for server in servers}, idle_rss=idle_rss,
            many_namespaces_rss=many_rss, namespaces=NAMESPACES, new_namespace_ms=new_namespace,
        )
    finally:
        for server in servers:
            server.stop()
    medians = {key: report.median_figures(runs) for key, runs in results.items()}
    text = report.render(requests, medians, extras, options.rounds, options.seconds)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text)
    print(f"written to {RESULTS.relative_to(ROOT)}; scripts/update_readme.py puts it in the README", file=sys.stderr)
    return 0


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--seconds", type=float, default=5, help="seconds per wrk run (default 5)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
