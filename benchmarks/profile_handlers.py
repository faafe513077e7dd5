"""Where the time of the two handler-heavy requests of `make bench` goes, in-process.

    .venv/bin/python benchmarks/profile_handlers.py --request send-email [--requests 2000] [--top 25] [--sort tottime]
    .venv/bin/python benchmarks/profile_handlers.py --request retarus-list --time-only

The same requests as `benchmarks/side_by_side/workload.py`: Send Email ``POST`` (SHIFT form,
``{"mailType": "TEST"}``, a seeded user's Bearer token) and Retarus ``GET /{customer}`` with
the admin's Basic credentials. The whole ASGI app is called directly (no socket, no client),
as in ``profile_request.py``; the cost per request is printed, then the profile. Unlike
a read, Send Email's answer changes state (the outbox ring fills), so both measured runs
start from the same full ring: the cost is the steady one a long benchmark sees.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mock_server.app import build_app  # noqa: E402
from mock_server.settings import Settings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from side_by_side.workload import RETARUS_ADMIN  # noqa: E402

BATCHES = 10
"""The requests are timed in batches, and the best batch counts: on a shared machine the
others' load only ever adds time. CPU time of this process, not wall time, for the same reason."""
SEND_EMAIL_BODY = json.dumps({"mailType": "TEST"}).encode()


async def call(app: Any, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
    """One HTTP/1.1 request through the app, as uvicorn would hand it over."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    raw_headers = [(b"host", b"127.0.0.1:8080"), (b"accept", b"*/*")]
    raw_headers += [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    if body:
        raw_headers.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
        "headers": raw_headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8080),
    }
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def send_email_request(app: Any) -> tuple[str, str, dict[str, str], bytes]:
    """A live token of an existing user of the ``demo`` tenant, as the benchmark picks it."""
    state = app.runtime.worlds.get("default").state("send-email")
    tenant = state.tenants["demo"]
    user = next(user for user in tenant.users.values() if user.exists)
    token = next(token.value for token in state.tokens.values() if token.user_id == user.id)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    return "POST", "/auth/realms/demo/mail/test", headers, SEND_EMAIL_BODY


def retarus_request(_app: Any) -> tuple[str, str, dict[str, str], bytes]:
    return "GET", "/email/continuity/v2/44444", {"Authorization": RETARUS_ADMIN}, b""


REQUESTS = {"send-email": send_email_request, "retarus-list": retarus_request}


async def main(options: argparse.Namespace) -> None:
    app = build_app(Settings(seed=1, fast_path=options.fast_path))
    await call(app, "GET", "/_mock/health", {})
    method, path, headers, body = REQUESTS[options.request](app)
    status, answer = await call(app, method, path, headers, body)
    assert status == 200, (status, answer[:300])
    for _ in range(max(200, app.runtime.settings.outbox_size)):  # warm caches, fill the outbox ring
        await call(app, method, path, headers, body)
    batches = []
    for _ in range(BATCHES):
        started = time.process_time()
        for _ in range(options.requests // BATCHES):
            await call(app, method, path, headers, body)
        batches.append((time.process_time() - started) * 1000 / (options.requests // BATCHES))
    print(f"{method} {path}: {min(batches):.3f} ms per request in-process, best of {BATCHES} batches "
          f"(median {statistics.median(batches):.3f} ms; CPU time, {options.requests} requests, no profiler)\n")
    if options.time_only:
        return
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(options.requests):
        await call(app, method, path, headers, body)
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats(options.sort).print_stats(options.top)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--request", choices=sorted(REQUESTS), default="send-email")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-fast-path", dest="fast_path", action="store_false",
                        help="every request through Connexion's whole middleware")
    parser.add_argument("--time-only", action="store_true", help="the cost per request, no profile")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    asyncio.run(main(parser.parse_args()))
