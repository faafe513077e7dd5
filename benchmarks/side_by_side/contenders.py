"""The three servers measured, each started on a free loopback port and stopped afterwards.

- the mock (`mock-server serve`, every API, seed 1);
- Prism 5, one process per document (it serves one document at a time), installed from the
  npm registry into a scratch folder on first use;
- the ceiling: a bare Starlette app on the same uvicorn answering, on the same paths, the very
  bytes the mock answered, so the difference is what the mock spends of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .workload import Request

ROOT = Path(__file__).resolve().parents[2]
PRISM_VERSION = "5"
MOCK_COLD_STARTS = 5
"""The mock's cold start is the median of this many starts: one start moves by a tenth of a
second with what else the machine does at that moment."""
PRISM_HOME = Path(os.environ.get("BENCH_PRISM_HOME", Path(tempfile.gettempdir()) / "mock-server-bench-prism"))


@dataclass
class Server:
    name: str
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    """Document (or "*" for all) -> the process serving it."""
    ports: dict[str, int] = field(default_factory=dict)
    cold_start: float | None = None
    """Seconds from spawn to the first 200 (the mock's: the median of its starts)."""
    cold_starts: list[float] = field(default_factory=list)
    """Every start measured, in order."""

    def base_for(self, document: str) -> str:
        return f"http://127.0.0.1:{self.ports.get(document) or self.ports['*']}"

    def pid_for(self, document: str) -> int:
        return (self.processes.get(document) or self.processes["*"]).pid

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_mock(max_namespaces: int = 1000, starts: int = MOCK_COLD_STARTS) -> Server:
    """Started ``starts`` times, each stopped but the last, which is the one measured after."""
    cold_starts: list[float] = []
    for attempt in range(starts):
        server, seconds = _start_mock_once(max_namespaces)
        cold_starts.append(seconds)
        if attempt < starts - 1:
            server.stop()
    server.cold_starts = cold_starts
    server.cold_start = statistics.median(cold_starts)
    return server


def _start_mock_once(max_namespaces: int) -> tuple[Server, float]:
    port = free_port()
    env = {**os.environ, "MOCK_MAX_NAMESPACES": str(max_namespaces)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "mock-server"), "serve", "--port", str(port), "--seed", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    server = Server("mock", {"*": process}, {"*": port})
    try:
        return server, first_200(f"http://127.0.0.1:{port}/_mock/health", started, process)
    except BaseException:
        server.stop()
        raise


def start_prism(probes: dict[str, Request]) -> Server:
    """One Prism per document; ``probes``: document -> a request it answers with a 2xx once ready."""
    prism = _install_prism()
    server = Server("prism")
    for document, probe in probes.items():
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(prism), "mock", "-h", "127.0.0.1", "-p", str(port), "-v", "warn", str(ROOT / "specs" / document)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        server.processes[document], server.ports[document] = process, port
        cold = first_200(f"http://127.0.0.1:{port}{probe.path_on('prism')}", started, process, probe)
        if document == "wildduck.yaml":
            server.cold_start = cold
    return server


def start_ceiling(recorded: list[dict]) -> Server:
    port = free_port()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as answers:
        json.dump(recorded, answers)
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "python"), str(Path(__file__).with_name("ceiling.py")), answers.name, str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = Server("ceiling", {"*": process}, {"*": port})
    server.cold_start = first_200(f"http://127.0.0.1:{port}/_ready", started, process)
    return server


def first_200(url: str, started: float, process: subprocess.Popen, probe: Request | None = None) -> float:
    """Seconds from ``started`` to the first 2xx for ``probe`` (a GET without one)."""
    deadline = started + 120
    request = urllib.request.Request(
        url, method=probe.method if probe else "GET", headers=probe.headers if probe else {},
        data=probe.bodies[0].encode() if probe and probe.bodies else None,
    )
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if 200 <= response.status < 300:
                    return time.perf_counter() - started
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.01)
    raise RuntimeError(f"{url} did not answer 200 within 120 s")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no RSS for {pid}")


def _install_prism() -> Path:
    binary = PRISM_HOME / "node_modules" / ".bin" / "prism"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to install Prism for the side-by-side benchmark (apt-get install npm)")
    PRISM_HOME.mkdir(parents=True, exist_ok=True)
    print(f"installing @stoplight/prism-cli@{PRISM_VERSION} into {PRISM_HOME}", file=sys.stderr)
    subprocess.run(
        [npm, "install", "--prefix", str(PRISM_HOME), "--no-audit", "--no-fund", "--loglevel=error",
         f"@stoplight/prism-cli@{PRISM_VERSION}"],
        check=True, stdout=subprocess.DEVNULL,
    )
    return binary
