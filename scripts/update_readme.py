"""Regenerate the README's generated parts: the scenario table, a walk-through transcript, the
latest benchmark figures (from benchmarks/results/side-by-side.md, written by ``make bench``)
and the last soak run's summary (from benchmarks/results/soak.md, written by
``benchmarks/soak.py``).

Run ``.venv/bin/python scripts/update_readme.py`` after changing scenarios, benchmarking or soaking.
The transcript comes from a real run: a server with a fixed seed and clock, played with
``mock-server play``.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WALKTHROUGH = "overkiz-sign-up"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from mock_server.scenarios.loader import shipped_scenarios

    table = ["| scenario | what it sets up | steps |", "|---|---|---|"] + [
        f"| `{s.name}` | {' '.join(s.description.split())} | {len(s.steps)} |" for s in shipped_scenarios().values()
    ]
    text = README.read_text()
    text = _replace(text, "scenario-table", "\n".join(table))
    text = _replace(text, "transcript", "```text\n" + _transcript() + "```")
    text = _replace(text, "benchmarks", (ROOT / "benchmarks/results/side-by-side.md").read_text().strip())
    text = _replace(text, "soak", _soak_summary((ROOT / "benchmarks/results/soak.md").read_text()))
    README.write_text(text)
    return 0


def _replace(text: str, name: str, content: str) -> str:
    pattern = re.compile(rf"(<!-- generated:{name} -->\n).*?(<!-- end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README has no generated:{name} block")
    return pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)


def _soak_summary(report: str) -> str:
    """The soak report's setting and verdicts: what comes before its first table."""
    summary = report.split("\n| ", 1)[0].strip().splitlines()
    return "\n".join(line for line in summary if not line.startswith("# ")).strip()


def _transcript() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = ROOT / ".venv/bin/mock-server"
    server = subprocess.Popen([str(binary), "serve", "--port", str(port), "--seed", "1",
                               "--clock", "2026-01-01T09:00:00Z", "--scenario", WALKTHROUGH],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_mock/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        result = subprocess.run([str(binary), "play", f"scenarios/{WALKTHROUGH}.yaml", "--url", f"http://127.0.0.1:{port}",
                                 "--namespace", "readme"], capture_output=True, text=True, cwd=ROOT)
    finally:
        server.terminate()
        server.wait(timeout=10)
    stable = re.sub(r" \(\d+(\.\d+)? ms\)", "", result.stdout)  # timings vary from run to run
    return stable.replace(f"127.0.0.1:{port}", "127.0.0.1:8080")


if __name__ == "__main__":
    sys.exit(main())
