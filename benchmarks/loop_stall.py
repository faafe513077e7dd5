"""How long does each heavy state call hold the server's event loop?

Every request of every namespace is served on one event loop, so a call that keeps the loop
busy for a second makes every other client wait a second. This fills a server with many
seeded namespaces (the largest state a soak run reaches), then makes the heavy calls one
after another: ``GET /_mock/state`` (export), ``PUT /_mock/state`` with that document
(import), the same document with one record broken deep inside (a refused import), and
``POST /_mock/state/save`` (the state file). Meanwhile a probe on the server's loop wakes
every 5 ms and records how late it woke: the longest delay during a call is how long that
call stalled everybody else.

Run: ``.venv/bin/python benchmarks/loop_stall.py [--namespaces 40]``. In process (the server
runs on a thread), 127.0.0.1 only; prints a table and writes benchmarks/results/loop-stall.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mock_server.app import build_app  # noqa: E402
from mock_server.persistence import StateFile  # noqa: E402
from mock_server.settings import Settings  # noqa: E402

TICK = 0.005


class LagProbe:
    """Wakes every ``TICK`` seconds on the loop it runs on; ``worst`` is the latest wake-up
    since the last :meth:`restart`."""

    def __init__(self) -> None:
        self.worst = 0.0

    def restart(self) -> None:
        self.worst = 0.0

    async def run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, time.perf_counter() - started - TICK)


class ProbedApp:
    """The mock's ASGI app, starting the probe on the server's loop with the first request."""

    def __init__(self, app, probe: LagProbe) -> None:
        self.app = app
        self.probe = probe
        self.task: asyncio.Task | None = None

    async def __call__(self, scope, receive, send) -> None:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self.probe.run())
        await self.app(scope, receive, send)


def measure(namespaces: int) -> list[tuple[str, float, float, int]]:
    """(call, seconds it took, longest loop stall during it, bytes) for each heavy call."""
    settings = Settings(seed=1, max_namespaces=max(namespaces, 1), quiet=True)
    app = build_app(settings)
    probe = LagProbe()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(ProbedApp(app, probe), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        app.runtime.state_file = StateFile(Path(directory) / "state.json", app.runtime.worlds, save_interval=0)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        base = f"http://127.0.0.1:{listener.getsockname()[1]}"
        try:
            with httpx.Client(base_url=base, timeout=300) as client:
                for number in range(namespaces):
                    client.get("/_mock/clock", headers={"X-Mock-Namespace": f"stall-{number}"}).raise_for_status()
                exported = client.get("/_mock/state").content
                broken = json.loads(exported)
                last = sorted(broken["namespaces"])[-1]
                broken["namespaces"][last]["outbox"]["messages"] = [{"id": 12345}]
                calls = [
                    ("GET /_mock/state (export)", "GET", "/_mock/state", None),
                    ("PUT /_mock/state (import)", "PUT", "/_mock/state", exported),
                    ("PUT /_mock/state (refused: last record broken)", "PUT", "/_mock/state", json.dumps(broken).encode()),
                    ("POST /_mock/state/save (state file)", "POST", "/_mock/state/save", None),
                ]
                for label, method, path, content in calls:
                    time.sleep(0.2)
                    probe.restart()
                    started = time.perf_counter()
                    response = client.request(method, path, content=content,
                                              headers={"Content-Type": "application/json"} if content else {})
                    took = time.perf_counter() - started
                    time.sleep(0.05)  # the probe's wake-up after a stall at the very end
                    expected = 400 if "refused" in label else 200
                    assert response.status_code == expected, (label, response.status_code, response.text[:300])
                    rows.append((label, took, probe.worst, len(content or response.content)))
        finally:
            server.should_exit = True
            thread.join(timeout=30)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--namespaces", type=int, default=40, help="seeded namespaces (default %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "loop-stall.md")
    args = parser.parse_args(argv)
    rows = measure(args.namespaces)
    lines = [
        f"{args.namespaces} seeded namespaces; longest event-loop stall (probe every {TICK * 1000:g} ms) during each call:",
        "",
        "| call | bytes | took s | longest loop stall ms |",
        "|---|---|---|---|",
        *(f"| {label} | {size:,} | {took:.2f} | {worst * 1000:.0f} |" for label, took, worst, size in rows),
    ]
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
