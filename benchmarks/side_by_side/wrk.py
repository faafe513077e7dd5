"""One wrk run: a request at a given concurrency, for a given time; req/s, p50, p99, errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from .workload import Request


@dataclass(frozen=True)
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    failures: int
    """Non-2xx answers and socket errors."""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
    if found is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    return found


def run(wrk: str, url: str, request: Request, connections: int, seconds: float) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_script(request))
    try:
        output = subprocess.run(
            [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s", "--latency", "-s", script.name,
             url],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    return Figures(
        rps=float(_find(r"Requests/sec:\s+([\d.]+)", output)),
        p50_ms=_ms(_find(r"^\s+50%\s+(\S+)", output)),
        p99_ms=_ms(_find(r"^\s+99%\s+(\S+)", output)),
        failures=sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|errors: connect|read|write|timeout)\s*:?\s*(\d+)", output)),
    )


def _script(request: Request) -> str:
    """Each wrk thread sends the request's bodies in turn, so a write changes something every time."""
    headers = "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in request.headers.items())
    bodies = "{" + ", ".join(json.dumps(body) for body in request.bodies) + "}"
    return (
        f"wrk.method = {json.dumps(request.method)}\n{headers}"
        f"local bodies = {bodies}\nlocal turn = 0\n"
        "request = function()\n"
        "  turn = turn + 1\n"
        "  local body = nil\n"
        "  if #bodies > 0 then body = bodies[(turn - 1) % #bodies + 1] end\n"
        "  return wrk.format(nil, nil, nil, body)\n"
        "end\n"
    )


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.M)
    if match is None:
        raise RuntimeError(f"wrk printed no {pattern!r}:\n{text}")
    return match.group(1)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
