"""Soak run: many clients in many namespaces for minutes, mixing valid calls, fuzzed input,
state export/import and resets, against a mock server of its own on 127.0.0.1.

What a long-lived shared mock in CI lives through. It reports what must hold:
- not one 5xx (the mock answers every malformed request with a 4xx in the API's shape);
- resident memory (RSS) that levels off: namespaces are bounded, idle ones evicted;
- p99 latency per minute that does not grow: the second half's p99 is compared with the
  first half's (the first minute, while namespaces are first seeded, left out);
- how long the event loop stalls: a probe client asks ``GET /_mock/health`` (which does no
  work) every ``--probe-every`` seconds, so its slowest answer per minute is the longest any
  client was kept waiting by another's request (a state export or import, say).

Bounded in time (``--seconds``) and in requests (``--max-requests``); talks only to the
server it starts. Writes benchmarks/results/soak.md (``--out``) and exits 1 when a 5xx was
seen or memory kept growing.

    .venv/bin/python benchmarks/soak.py --seconds 600
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mock_server.registry import mounts_in_routing_order  # noqa: E402
from mock_server.specs import load_document, operations  # noqa: E402

RETARUS = "/email/continuity/v2"
OVERKIZ = "/enduser-mobile-web/enduserAPI"
NASTY_SEGMENTS = ["x1", "", "%00", "..%2F..", "0" * 24, "z" * 300, "%F0%9F%98%80", "1e309", "-1", "%ff"]
NASTY_BODIES = [
    b"[" * 100_000, b"{", b"\xff\xfe\xfd", b"null", b"[]", b'{"a":' * 2000, b"0" * 10_000,
    b'{"username": 12345, "password": null}', json.dumps({"x": "y" * 200_000}).encode(),
]


UNHANDLED = ("Unhandled error", "Error renderer", "Exception in ASGI application")
"""Log lines that mean a request was not handled as designed (the mock logs, and answers
400 to, a JSON body nested too deeply; that traceback is expected and not counted)."""


@dataclass
class Figures:
    started: float
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    latencies: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    """Minute the request was sent in -> seconds each request took."""
    probe: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    """Minute -> seconds each health probe took (kept apart from the traffic's latencies)."""
    state_rounds: list[tuple[float, str, int, float]] = field(default_factory=list)
    """(seconds since start, call, bytes, seconds it took) of every state export and import."""
    server_errors: list[str] = field(default_factory=list)
    rss: list[tuple[float, int]] = field(default_factory=list)
    """(seconds since start, RSS in KiB)."""
    requests: int = 0

    def minute(self, at: float) -> int:
        return int((at - self.started) // 60)

    def record(self, label: str, response: httpx.Response | None, sent: float) -> None:
        took = time.monotonic() - sent
        self.requests += 1
        status = response.status_code if response is not None else 0
        self.statuses[status] += 1
        self.latencies[self.minute(sent)].append(took)
        if (status >= 500 or response is None) and len(self.server_errors) < 50:
            self.server_errors.append(f"{status} {label}: {response.text[:200] if response is not None else ''!r}")


class Soak:
    def __init__(self, base: str, args: argparse.Namespace, figures: Figures) -> None:
        self.base = base
        self.args = args
        self.figures = figures
        self.deadline = time.monotonic() + args.seconds
        self.rng = random.Random(args.seed)
        self.namespaces = [f"soak-{i}" for i in range(args.namespaces)]
        self.fuzz_targets = [
            (method, mount.base_path + path)
            for _api, mount in mounts_in_routing_order()
            for path, method, _operation in operations(load_document(mount.file))
        ]

    def running(self) -> bool:
        return time.monotonic() < self.deadline and self.figures.requests < self.args.max_requests

    async def call(self, client: httpx.AsyncClient, method: str, path: str, **kwargs) -> httpx.Response | None:
        sent = time.monotonic()
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as error:  # a dropped connection counts as a failure (status 0)
            self.figures.record(f"{method} {path} {type(error).__name__}", None, sent)
            return None
        self.figures.record(f"{method} {path}", response, sent)
        return response

    async def client_loop(self, number: int) -> None:
        rng = random.Random(self.args.seed * 1000 + number)
        async with httpx.AsyncClient(base_url=self.base, timeout=60) as client:
            while self.running():
                namespace = rng.choice(self.namespaces)
                action = rng.choices(
                    [self.valid, self.fuzz, self.reset_one, self.clock], weights=[60, 30, 3, 7]
                )[0]
                await action(client, rng, {"X-Mock-Namespace": namespace})

    async def valid(self, client: httpx.AsyncClient, rng: random.Random, headers: dict[str, str]) -> None:
        choice = rng.randrange(6)
        if choice == 0:
            fixtures = await self.call(client, "GET", "/_mock/fixtures/send-email", headers=headers)
            tokens = [t["accessToken"] for tenant in (fixtures.json()["tenants"] if fixtures and fixtures.status_code == 200 else [])
                      for user in tenant["users"] if user["exists"] for t in user["tokens"]][:1]
            if tokens:
                await self.call(client, "POST", "/auth/realms/demo/mail/test", json={"mailType": "TEST"},
                                headers={**headers, "Authorization": f"Bearer {tokens[0]}"})
        elif choice == 1:
            name = f"u{rng.randrange(10**9)}"
            created = await self.call(client, "POST", "/users", json={"username": name, "password": "pw-" + name, "name": "Zoë"}, headers=headers)
            if created is not None and created.status_code == 200:
                user = created.json()["id"]
                await self.call(client, "GET", f"/users/{user}", headers=headers)
                await self.call(client, "GET", f"/users/{user}/mailboxes", headers=headers)
        elif choice == 2:
            await self.call(client, "GET", "/users?limit=20", headers=headers)
        elif choice == 3:
            user = f"soak{rng.randrange(10**9)}@example.com"
            body = {"endUser": {"userId": user, "email": user, "firstName": "A", "lastName": "B"}, "password": "Tr0ub4dor&3-horse",
                    "location": {"city": "Paris", "country": "FR"}}
            await self.call(client, "POST", f"{OVERKIZ}/enduser/mainAccount", json=body, headers=headers)
        elif choice == 4:
            await self.call(client, "GET", "/_mock/outbox?limit=5", headers=headers)
        else:
            await self.call(client, "GET", "/_mock/health")

    async def fuzz(self, client: httpx.AsyncClient, rng: random.Random, headers: dict[str, str]) -> None:
        method, template = rng.choice(self.fuzz_targets)
        path = re.sub(r"\{[^}]+\}", lambda _m: rng.choice(NASTY_SEGMENTS), template)
        query = rng.choice(["", "?limit=-1", "?limit=x", "?page=%ff", "?" + "a=b&" * 200, "?all=maybe"])
        content = rng.choice(NASTY_BODIES) if method in ("POST", "PUT", "PATCH") else None
        odd = rng.choice([{}, {"Content-Type": "application/json"}, {"Content-Type": "text/plain; charset=klingon"},
                          {"X-Mock-Namespace": "bad name/.."}, {"Cookie": 'a="x; ;=;'}])
        await self.call(client, method, path + query, content=content, headers={**headers, **odd})

    async def reset_one(self, client: httpx.AsyncClient, rng: random.Random, headers: dict[str, str]) -> None:
        await self.call(client, "POST", "/_mock/reset", headers=headers)

    async def clock(self, client: httpx.AsyncClient, rng: random.Random, headers: dict[str, str]) -> None:
        body = rng.choice([{"advanceSeconds": rng.randrange(-86400, 86400 * 30)}, {"frozen": False},
                           {"now": "9939-04-17T00:56:42Z", "advanceSeconds": 3009041226}, {"advanceSeconds": 3.1e9}])
        await self.call(client, "PUT", "/_mock/clock", json=body, headers=headers)

    async def state_loop(self) -> None:
        """Export and import the whole state now and then; rarely reset everything."""
        async with httpx.AsyncClient(base_url=self.base, timeout=120) as client:
            rounds = 0
            while self.running():
                await asyncio.sleep(self.args.state_every)
                sent = time.monotonic()
                exported = await self.call(client, "GET", "/_mock/state")
                if exported is not None and exported.status_code == 200:
                    self.note_state_round(sent, "export", len(exported.content))
                    sent = time.monotonic()
                    imported = await self.call(client, "PUT", "/_mock/state", content=exported.content,
                                               headers={"Content-Type": "application/json"})
                    if imported is not None:
                        self.note_state_round(sent, f"import ({imported.status_code})", len(exported.content))
                rounds += 1
                if rounds % 8 == 0:
                    await self.call(client, "POST", "/_mock/reset?all=true")

    def note_state_round(self, sent: float, call: str, size: int) -> None:
        self.figures.state_rounds.append((sent - self.figures.started, call, size, time.monotonic() - sent))

    async def probe_loop(self) -> None:
        """Ask for the health check, which does no work, on a connection of its own: how long
        it waits is how long the server's event loop was busy with other requests."""
        async with httpx.AsyncClient(base_url=self.base, timeout=120) as client:
            while self.running():
                sent = time.monotonic()
                try:
                    response = await client.get("/_mock/health")
                except httpx.HTTPError:
                    response = None
                if response is None or response.status_code != 200:
                    self.figures.record("GET /_mock/health (probe)", response, sent)
                self.figures.probe[self.figures.minute(sent)].append(time.monotonic() - sent)
                await asyncio.sleep(self.args.probe_every)

    async def memory_loop(self, pid: int) -> None:
        while self.running():
            self.figures.rss.append((time.monotonic() - self.figures.started, _rss_kib(pid)))
            await asyncio.sleep(self.args.sample_every)

    async def run(self, pid: int) -> None:
        await asyncio.gather(self.memory_loop(pid), self.state_loop(), self.probe_loop(),
                             *(self.client_loop(number) for number in range(self.args.clients)))


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"soak: the server at {url} did not start")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def p99_trend(figures: Figures, seconds: float) -> tuple[str, bool]:
    """Whether p99 grows: the p99 of the second half's full minutes against the first half's,
    leaving out the first minute (every namespace is being seeded then). Grows means more
    than 1.5 times plus 50 ms, so that one busy minute of a shared machine is not a trend."""
    full = [minute for minute in sorted(figures.latencies) if (minute + 1) * 60 <= seconds + 1][1:]
    if len(full) < 4:
        return "run too short to tell (it needs five full minutes)", True
    first, second = full[: len(full) // 2], full[len(full) // 2:]
    before = _percentile([v for m in first for v in figures.latencies[m]], 0.99)
    after = _percentile([v for m in second for v in figures.latencies[m]], 0.99)
    grows = after > 1.5 * before + 0.05
    return (f"minutes {first[0] + 1}-{first[-1] + 1}: {before * 1000:.0f} ms, minutes {second[0] + 1}-{second[-1] + 1}: "
            f"{after * 1000:.0f} ms -> {'GROWS' if grows else 'does not grow'}"), not grows


def report(figures: Figures, args: argparse.Namespace, seconds: float, machine: str) -> tuple[str, bool]:
    server_errors = sum(count for status, count in figures.statuses.items() if status >= 500)
    dropped = figures.statuses.get(0, 0)
    rss_mib = [(at, kib / 1024) for at, kib in figures.rss]
    half = [mib for at, mib in rss_mib if at >= seconds / 2]
    first_half_peak = max((mib for at, mib in rss_mib if at < seconds / 2), default=0.0)
    growth = (max(half) - first_half_peak) if half else 0.0
    levels_off = growth <= max(10.0, 0.10 * first_half_peak)
    trend, steady = p99_trend(figures, seconds)
    probes = [took for minute in figures.probe.values() for took in minute]
    lines = [
        f"# Soak run ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"{seconds:.0f} s, {args.clients} clients over {args.namespaces} namespaces (limit {args.max_namespaces}, "
        f"idle eviction after {args.idle_seconds:g} s), state export+import every {args.state_every:g} s, "
        f"reset of everything every 8th of those. {machine}",
        "",
        f"- requests: {figures.requests} ({figures.requests / max(seconds, 1):.0f}/s)",
        f"- 5xx answers: **{server_errors}**; dropped connections: {dropped}",
        f"- statuses: {', '.join(f'{s}x{c}' for s, c in sorted(figures.statuses.items()))}",
        f"- RSS: first {rss_mib[0][1]:.0f} MiB, peak of first half {first_half_peak:.0f} MiB, "
        f"peak of second half {max(half, default=0):.0f} MiB -> {'levels off' if levels_off else 'KEEPS GROWING'}"
        if rss_mib else "- RSS: not sampled",
        f"- p99: {trend}",
        f"- event loop: the health probe (every {args.probe_every:g} s) took {statistics.median(probes) * 1000:.0f} ms "
        f"as a rule, {max(probes) * 1000:.0f} ms at worst" if probes else "- event loop: not probed",
        "",
        "| minute | requests | p50 ms | p99 ms | slowest ms | probe slowest ms | state calls | RSS at end (MiB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for minute in sorted(figures.latencies):
        values = figures.latencies[minute]
        at_end = [mib for at, mib in rss_mib if at < (minute + 1) * 60]
        calls = [call.split(" ")[0] for at, call, _size, _took in figures.state_rounds if int(at // 60) == minute]
        lines.append(f"| {minute + 1} | {len(values)} | {statistics.median(values) * 1000:.1f} | "
                     f"{_percentile(values, 0.99) * 1000:.1f} | {max(values) * 1000:.0f} | "
                     f"{max(figures.probe.get(minute, [0])) * 1000:.0f} | {', '.join(calls) or '-'} | "
                     f"{at_end[-1] if at_end else 0:.0f} |")
    if figures.state_rounds:
        lines += ["", "| state call at s | call | MB | took s |", "|---|---|---|---|"]
        lines += [f"| {at:.0f} | {call} | {size / 1e6:.1f} | {took:.1f} |" for at, call, size, took in figures.state_rounds]
    if figures.server_errors:
        lines += ["", "5xx and dropped connections seen:"] + [f"- {line}" for line in figures.server_errors]
    return "\n".join(lines) + "\n\n", server_errors == 0 and levels_off and steady


def machine_load() -> str:
    """What else the machine was doing: the soak shares it, and its latencies show that."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="how long to run (default %(default)s)")
    parser.add_argument("--max-requests", type=int, default=2_000_000, help="stop after this many (default %(default)s)")
    parser.add_argument("--clients", type=int, default=24, help="concurrent clients (default %(default)s)")
    parser.add_argument("--namespaces", type=int, default=60, help="namespaces the clients pick from (default %(default)s)")
    parser.add_argument("--max-namespaces", type=int, default=40, help="the server's MOCK_MAX_NAMESPACES (default %(default)s)")
    parser.add_argument("--idle-seconds", type=float, default=20, help="the server's MOCK_NAMESPACE_IDLE_SECONDS (default %(default)s)")
    parser.add_argument("--state-every", type=float, default=60, help="seconds between state export+import (default %(default)s)")
    parser.add_argument("--sample-every", type=float, default=5, help="seconds between RSS samples (default %(default)s)")
    parser.add_argument("--probe-every", type=float, default=0.25, help="seconds between health probes (default %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "soak.md")
    args = parser.parse_args(argv)

    port = _free_port()
    load_before = machine_load()
    environment = {**os.environ, "MOCK_MAX_NAMESPACES": str(args.max_namespaces),
                   "MOCK_NAMESPACE_IDLE_SECONDS": str(args.idle_seconds)}
    # The server's log goes to a file: a pipe read only at the end would fill up and block the
    # server's writes, and with them its event loop.
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mock-server"), "serve", "--host", "127.0.0.1", "--port", str(port), "--seed", "1"],
        env=environment, stdout=subprocess.DEVNULL, stderr=log, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/_mock/health")
        print(f"soak: server pid {server.pid} at {base}, running {args.seconds:g} s", flush=True)
        figures = Figures(started=time.monotonic())
        asyncio.run(Soak(base, args, figures).run(server.pid))
        seconds = time.monotonic() - figures.started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        errors = log.read()
        log.close()
    command = " ".join(["benchmarks/soak.py", *(argv if argv is not None else sys.argv[1:])])
    machine = (f"`{command}` at niceness {os.nice(0)}, on a machine shared with other work: "
               f"{load_before} at the start, {machine_load()} at the end.")
    text, passed = report(figures, args, seconds, machine)
    unhandled = [line for line in (errors or "").splitlines() if line.startswith(UNHANDLED)]
    text += f"- server log: {len(unhandled)} unhandled errors or failed error renderers\n"
    text += "".join(f"  - {line[:200]}\n" for line in unhandled[:10])
    passed = passed and not unhandled
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
