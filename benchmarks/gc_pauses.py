"""Full (generation 2) garbage collections while many namespaces take writes, in-process.

Every request of every namespace is served on one event loop, so a full collection stops
every client for as long as it walks the heap. This builds the app as ``serve`` does (start-up
set aside by ``collector_paused``), seeds ``--namespaces`` namespaces, then sends Send Email
``POST`` (a write that keeps a mail in the outbox) round-robin over them, timing every
collection with ``gc.callbacks``.

    .venv/bin/python benchmarks/gc_pauses.py [--namespaces 40] [--writes 4000] [--as-before]

``--as-before`` leaves the namespaces in the collector's generations, as before the third round
(issue 15); by default they are set aside as ``serve`` does (``collector.keep_namespaces_aside``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mock_server.collector import collector_paused, keep_namespaces_aside  # noqa: E402


async def call(app, method: str, path: str, namespace: str, body: bytes = b"",
               headers: tuple[tuple[bytes, bytes], ...] = ()) -> tuple[int, bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"127.0.0.1"), (b"x-mock-namespace", namespace.encode()), *headers],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8080)}
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


class Pauses:
    """Each collection's duration, by generation."""

    def __init__(self) -> None:
        self.by_generation: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.by_generation[info["generation"]].append(time.perf_counter() - self._started)

    def line(self, label: str, seconds: float) -> str:
        full = self.by_generation[2]
        line = (f"{label}: {seconds:.1f} s; {len(full)} full collections, longest {max(full, default=0) * 1000:.0f} ms, "
                f"together {sum(full) * 1000:.0f} ms; longest gen-1 {max(self.by_generation[1], default=0) * 1000:.1f} ms")
        for durations in self.by_generation.values():
            durations.clear()
        return line


async def run(app, namespaces: int, writes: int) -> None:
    pauses = Pauses()
    started = time.perf_counter()
    tokens = []
    for number in range(namespaces):
        namespace = f"gc-{number}"
        _status, fixtures = await call(app, "GET", "/_mock/fixtures/send-email", namespace)
        tenant = next(t for t in json.loads(fixtures)["tenants"] if t["id"] == "demo")
        tokens.append((namespace, next(u for u in tenant["users"] if u["exists"])["tokens"][0]["accessToken"]))
    print(pauses.line(f"seeding {namespaces} namespaces", time.perf_counter() - started))
    body = json.dumps({"mailType": "TEST"}).encode()
    started = time.perf_counter()
    for number in range(writes):
        namespace, token = tokens[number % namespaces]
        status, answer = await call(app, "POST", "/auth/realms/demo/mail/test", namespace, body, (
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"authorization", f"Bearer {token}".encode())))
        assert status < 300, (status, answer[:300])
    print(pauses.line(f"{writes} writes", time.perf_counter() - started))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--namespaces", type=int, default=40)
    parser.add_argument("--writes", type=int, default=4000)
    parser.add_argument("--as-before", action="store_true", help="namespaces not set aside")
    options = parser.parse_args()
    with collector_paused():
        from mock_server.app import build_app
        from mock_server.settings import Settings

        app = build_app(Settings(seed=1, max_namespaces=options.namespaces + 1, quiet=True))
        if not options.as_before:
            keep_namespaces_aside(options.namespaces + 1)
    asyncio.run(run(app, options.namespaces, options.writes))


if __name__ == "__main__":
    main()
