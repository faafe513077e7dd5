"""Cold start of ``mock-server serve`` (issue 15): from spawning the process to its first 200.

Each round starts ``mock-server serve --seed 1`` on a free loopback port, as ``make bench``
does, and polls ``GET /_mock/health`` until it answers 200; it reports the wall time and the
CPU time the server process had used by then (user + system, from /proc: less thrown about
by other work on the machine than the wall time), then the first WildDuck answer (which
seeds the default namespace). ``--instructions`` instead counts the instructions the process
executes until it listens, under valgrind's callgrind (when installed): the same count on a
busy machine as on a quiet one, so two versions compare exactly, about a minute a run.

    .venv/bin/python benchmarks/cold_start.py [--rounds 10] [--instructions]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
MOCK_SERVER = ROOT / ".venv" / "bin" / "mock-server"
STOP_WHEN_LISTENING = """
import os, sys
from mock_server import uvicorn_import
uvicorn_import.install()  # as serve does before importing uvicorn
from mock_server import hosting
started = hosting.Host.startup
async def startup(self, sockets=None):
    await started(self, sockets)
    os._exit(0)
hosting.Host.startup = startup
from mock_server.cli import main
main(["serve", "--port", "0", "--seed", "1", "--quiet"])
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind instead")
    args = parser.parse_args()
    if args.instructions:
        print(f"instructions until listening: {instructions():,}")
        return 0
    rounds = [one_round() for _ in range(args.rounds)]
    for label, index in (("first 200 (/_mock/health), wall", 0), ("  CPU used by the server by then", 1),
                         ("first WildDuck answer (GET /users), wall", 2)):
        values = [round_[index] for round_ in rounds]
        print(f"{label}: median {statistics.median(values):.3f} s, min {min(values):.3f} s, max {max(values):.3f} s")
    return 0


def one_round() -> tuple[float, float, float]:
    port = _free_port()
    started = time.perf_counter()
    process = subprocess.Popen([str(MOCK_SERVER), "serve", "--port", str(port), "--seed", "1", "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _poll(f"http://127.0.0.1:{port}/_mock/health", process)
        healthy, cpu = time.perf_counter() - started, _cpu_seconds(process.pid)
        _poll(f"http://127.0.0.1:{port}/users", process)
        return healthy, cpu, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=10)


def instructions() -> int:
    if shutil.which("valgrind") is None:
        sys.exit("cold_start.py: --instructions needs valgrind (apt-get install valgrind)")
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(PYTHON), "-c", STOP_WHEN_LISTENING],
        capture_output=True, text=True, timeout=900,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if found is None:
        sys.exit(f"cold_start.py: no instruction count from callgrind:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def _poll(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"cold_start.py: the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.005)
    sys.exit(f"cold_start.py: no 200 from {url} within 60 s")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
