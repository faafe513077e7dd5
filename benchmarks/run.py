"""Throughput, latency, cold start and idle memory of the mock, measured with wrk.

Run with ``make bench`` (installs wrk from Debian's packages when it is missing and you are
root). Starts its own server on a free port, so it never touches a running ``make serve``.
Writes the figures to benchmarks/results/latest.md and prints them.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "latest.md"
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = (1, 32)


@dataclass
class Target:
    name: str
    method: str
    path: str
    body: dict | None = None
    headers: dict[str, str] | None = None
    bearer: bool = False
    """Send the seeded Send Email token as a Bearer token."""


RETARUS_ADMIN = "Basic " + base64.b64encode(b"continuity-admin:Continuity2024!").decode()
TARGETS = [
    Target("GET Retarus user list (Basic auth, 8 users)", "GET", "/email/continuity/v2/44444", headers={"Authorization": RETARUS_ADMIN}),
    Target("POST send-email (SHIFT, TEST mail)", "POST", "/auth/realms/demo/mail/test", {"mailType": "TEST"}, bearer=True),
]


def main() -> int:
    wrk = _ensure_wrk()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "mock-server"), "serve", "--port", str(port), "--seed", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cold_start = _first_200(base + "/_mock/health", started)
        token = _demo_token(base)
        time.sleep(1)
        idle_rss = _rss_mib(server.pid)
        rows = [_run_wrk(wrk, base, target, connections, token) for target in TARGETS for connections in CONNECTIONS]
        loaded_rss = _rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    report = _report(cold_start, idle_rss, loaded_rss, rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report)
    print(report)
    return 0


def _ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL)
        if shutil.which("wrk"):
            return shutil.which("wrk")  # type: ignore[return-value]
    sys.exit("wrk is not installed: apt-get install wrk")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _first_200(url: str, started: float) -> float:
    """Seconds from process start to the first 200, all documents loaded and routed."""
    deadline = started + 60
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("the server did not answer within 60 s")


def _demo_token(base: str) -> str:
    with urllib.request.urlopen(base + "/_mock/fixtures/send-email") as response:
        fixtures = json.load(response)
    tenant = next(t for t in fixtures["tenants"] if t["id"] == "demo")
    return next(u for u in tenant["users"] if u["exists"])["tokens"][0]["accessToken"]


def _rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]


def _run_wrk(wrk: str, base: str, target: Target, connections: int, token: str) -> dict:
    headers = {"Content-Type": "application/json"} if target.body is not None else {}
    headers.update(target.headers or {})
    if target.bearer:
        headers["Authorization"] = f"Bearer {token}"
    script = "wrk.method = %s\nwrk.body = %s\n%s" % (
        json.dumps(target.method),
        json.dumps(json.dumps(target.body) if target.body is not None else ""),
        "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in headers.items()),
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    threads = min(2, connections)
    result = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{DURATION}", "--latency", "-s", lua.name, base + target.path],
        capture_output=True, text=True, check=True,
    )
    os.unlink(lua.name)
    output = result.stdout
    return {
        "target": target.name,
        "connections": connections,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": _latency(output, "50%"),
        "p99": _latency(output, "99%"),
        "errors": "Non-2xx" in output or "Socket errors" in output,
    }


def _latency(output: str, percentile: str) -> str:
    match = re.search(rf"^\s+{re.escape(percentile)}\s+(\S+)", output, re.M)
    return match.group(1) if match else "?"


def _report(cold_start: float, idle_rss: float, loaded_rss: float, rows: list[dict]) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, one uvicorn worker, wrk -d{DURATION}.",
        "",
        f"- cold start to first 200 (all documents loaded): {cold_start:.2f} s",
        f"- idle memory (RSS after start): {idle_rss:.0f} MiB; after the runs: {loaded_rss:.0f} MiB",
        "",
        "| request | connections | requests/s | p50 | p99 |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        flag = " (errors!)" if row["errors"] else ""
        lines.append(f"| {row['target']}{flag} | {row['connections']} | {row['rps']:.0f} | {row['p50']} | {row['p99']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
