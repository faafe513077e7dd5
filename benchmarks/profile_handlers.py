"""Where the time of the requests of `make bench` goes, in-process.

    .venv/bin/python benchmarks/profile_handlers.py --request send-email [--requests 2000] [--top 25] [--sort tottime]
    .venv/bin/python benchmarks/profile_handlers.py --request retarus-list --time-only
    .venv/bin/python benchmarks/profile_handlers.py --request all --time-only

The same requests as `benchmarks/side_by_side/workload.py`: WildDuck ``GET /users/{id}``, a
page of 20 INBOX messages and a message's ``flagged`` write (alternately true and false), Send
Email ``POST`` (SHIFT form, ``{"mailType": "TEST"}``, a seeded user's Bearer token) and
Retarus ``GET /{customer}`` with the admin's Basic credentials. The whole ASGI app is called
directly (no socket, no client), as in ``profile_request.py``; the cost per request is printed,
then the profile. Unlike a read, Send Email's answer changes state (the outbox ring fills), so
both measured runs start from the same full ring: the cost is the steady one a long benchmark sees.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import json
import pstats
import statistics
import sys
import time
from dataclasses import dataclass
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


async def call(app: Any, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
    """One HTTP/1.1 request through the app, as uvicorn would hand it over (``target``: path and query)."""
    path, _, query = target.partition("?")
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
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query.encode(),
        "headers": raw_headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8080),
    }
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@dataclass(frozen=True)
class Probe:
    """One measured request; ``bodies`` are sent in turn (a write alternates two to change something)."""

    method: str
    target: str
    headers: dict[str, str]
    bodies: tuple[bytes, ...] = (b"",)


async def send_email_request(app: Any) -> Probe:
    """A live token of an existing user of the ``demo`` tenant, as the benchmark picks it."""
    state = app.runtime.worlds.get("default").state("send-email")
    tenant = state.tenants["demo"]
    user = next(user for user in tenant.users.values() if user.exists)
    token = next(token.value for token in state.tokens.values() if token.user_id == user.id)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    return Probe("POST", "/auth/realms/demo/mail/test", headers, (SEND_EMAIL_BODY,))


async def retarus_request(_app: Any) -> Probe:
    return Probe("GET", "/email/continuity/v2/44444", {"Authorization": RETARUS_ADMIN})


async def wildduck_user_request(app: Any) -> Probe:
    """The first seeded user, as ``profile_request.py`` and the benchmark pick it."""
    return Probe("GET", f"/users/{next(iter(app.runtime.worlds.get('default').state('wildduck').users))}", {})


async def wildduck_page_request(app: Any) -> Probe:
    return Probe("GET", await _inbox_messages(app) + "?limit=20", {})


async def wildduck_flag_request(app: Any) -> Probe:
    """The newest INBOX message of the first page flagged and unflagged in turn, as the benchmark does."""
    messages = await _inbox_messages(app)
    uid = (await _json(app, messages + "?limit=20"))["results"][0]["id"]
    return Probe("PUT", f"{messages}/{uid}", {"Content-Type": "application/json"},
                 (b'{"flagged": true}', b'{"flagged": false}'))


async def _inbox_messages(app: Any) -> str:
    """The messages path of the first seeded user's INBOX."""
    user = (await wildduck_user_request(app)).target
    inbox = next(box["id"] for box in (await _json(app, user + "/mailboxes"))["results"] if box["path"] == "INBOX")
    return f"{user}/mailboxes/{inbox}/messages"


async def _json(app: Any, target: str) -> dict:
    status, answer = await call(app, "GET", target, {})
    assert status == 200, (target, status, answer[:300])
    return json.loads(answer)


REQUESTS = {"send-email": send_email_request, "retarus-list": retarus_request,
            "wildduck-user": wildduck_user_request, "wildduck-page": wildduck_page_request,
            "wildduck-flag": wildduck_flag_request}


async def measure(app: Any, name: str, options: argparse.Namespace) -> None:
    """Warm up, print the best batch's CPU time per request, then (unless ``--time-only``) the profile."""
    probe = await REQUESTS[name](app)
    bodies = itertools.cycle(probe.bodies)

    async def once() -> None:
        status, answer = await call(app, probe.method, probe.target, probe.headers, next(bodies))
        assert status == 200, (status, answer[:300])

    for _ in range(max(200, app.runtime.settings.outbox_size)):  # warm caches, fill the outbox ring
        await once()
    batches = []
    for _ in range(BATCHES):
        started = time.process_time()
        for _ in range(options.requests // BATCHES):
            await once()
        batches.append((time.process_time() - started) * 1000 / (options.requests // BATCHES))
    print(f"{name}: {probe.method} {probe.target}: {min(batches):.3f} ms per request in-process, best of "
          f"{BATCHES} batches (median {statistics.median(batches):.3f} ms; CPU time, {options.requests} requests, "
          "no profiler)")
    if options.time_only:
        return
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(options.requests):
        await once()
    profiler.disable()
    print()
    pstats.Stats(profiler).strip_dirs().sort_stats(options.sort).print_stats(options.top)


async def main(options: argparse.Namespace) -> None:
    app = build_app(Settings(seed=1, fast_path=options.fast_path))
    await call(app, "GET", "/_mock/health", {})
    for name in sorted(REQUESTS) if options.request == "all" else [options.request]:
        await measure(app, name, options)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--request", choices=[*sorted(REQUESTS), "all"], default="send-email")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-fast-path", dest="fast_path", action="store_false",
                        help="every request through Connexion's whole middleware")
    parser.add_argument("--time-only", action="store_true", help="the cost per request, no profile")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    asyncio.run(main(parser.parse_args()))
