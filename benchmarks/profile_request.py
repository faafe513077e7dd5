"""Where one request's time goes inside the mock: the whole ASGI app called in-process (no
socket, no client), the same request many times, under cProfile.

    .venv/bin/python benchmarks/profile_request.py [--requests 2000] [--top 25] [--sort tottime] [--no-fast-path]

The request is WildDuck `GET /users/{id}` of a seeded user, as in `make bench`. Prints the
mean cost per request and the functions that take the most of it; docs/performance.md keeps
what these profiles showed and what changed because of them.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mock_server.app import build_app  # noqa: E402
from mock_server.settings import Settings  # noqa: E402


async def call(app, path: str) -> tuple[int, bytes]:
    """One HTTP/1.1 GET through the app, as uvicorn would hand it over."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8080"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8080),
    }
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


async def main(options: argparse.Namespace) -> None:
    app = build_app(Settings(seed=1, fast_path=options.fast_path))
    status, _ = await call(app, "/users")
    user = app.runtime.worlds.get("default").state("wildduck").users
    path = f"/users/{next(iter(user))}"
    status, body = await call(app, path)
    assert status == 200, (status, body[:200])
    for _ in range(200):  # warm caches before measuring
        await call(app, path)
    started = time.perf_counter()
    for _ in range(options.requests):
        await call(app, path)
    mean_ms = (time.perf_counter() - started) * 1000 / options.requests
    print(f"GET {path}: {mean_ms:.3f} ms per request in-process ({options.requests} requests, no profiler)\n")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(options.requests):
        await call(app, path)
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats(options.sort).print_stats(options.top)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-fast-path", dest="fast_path", action="store_false",
                        help="every request through Connexion's whole middleware, as before issue 15")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    asyncio.run(main(parser.parse_args()))
