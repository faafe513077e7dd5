"""``mock-server``: serve every API, or check the documents."""

from __future__ import annotations

import argparse
import sys

from .settings import Settings, parse_instant


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mock-server", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve every API in specs/ on one port")
    serve.add_argument("--host", help="interface to listen on (default 127.0.0.1, env MOCK_HOST)")
    serve.add_argument("--port", type=int, help="port (default 8080, env MOCK_PORT)")
    serve.add_argument("--seed", type=int, help="seed for all fake data, ids and tokens (default: random, printed)")
    serve.add_argument("--clock", type=parse_instant, help="freeze every namespace's clock at this ISO-8601 instant")
    serve.add_argument("--validate-responses", action="store_true", default=None, help="check every response against the spec")

    commands.add_parser("validate", help="check every document and that each operation has a handler")

    args = parser.parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    return _validate()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import build_app

    settings = Settings.from_env(
        host=args.host, port=args.port, seed=args.seed, clock=args.clock, validate_responses=args.validate_responses
    )
    app = build_app(settings)
    clock = settings.clock.isoformat() if settings.clock else "running (wall time)"
    print(f"mock-server: http://{settings.host}:{settings.port}/  seed={settings.seed}  clock={clock}", flush=True)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        date_header=False,
        server_header=False,
        log_level="warning",
    )
    return 0


def _validate() -> int:
    from .validate import find_problems

    problems = find_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("all documents valid, every operation has a handler")
    return 0


if __name__ == "__main__":
    sys.exit(main())
