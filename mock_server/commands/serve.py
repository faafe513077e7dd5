"""``mock-server serve``: every API in specs/ on one port."""

from __future__ import annotations

import argparse

from ..settings import Settings, parse_instant

HELP = "serve every API in specs/ on one port"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1, env MOCK_HOST)")
    parser.add_argument("--port", type=int, help="port (default 8080, env MOCK_PORT)")
    parser.add_argument("--seed", type=int, help="seed for all fake data, ids and tokens (default: random, printed)")
    parser.add_argument("--clock", type=parse_instant, help="freeze every namespace's clock at this ISO-8601 instant")
    parser.add_argument("--scenario", help="name of a scenario in scenarios/ that every namespace starts in")
    parser.add_argument(
        "--validate-responses", action="store_true", default=None, help="check every response against the spec"
    )


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..app import build_app

    settings = Settings.from_env(
        host=args.host,
        port=args.port,
        seed=args.seed,
        clock=args.clock,
        scenario=args.scenario,
        validate_responses=args.validate_responses,
    )
    app = build_app(settings)
    clock = settings.clock.isoformat() if settings.clock else "running (wall time)"
    scenario = settings.scenario or "none"
    print(f"mock-server: http://{settings.host}:{settings.port}/  seed={settings.seed}  clock={clock}  scenario={scenario}",
          flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, date_header=False, server_header=False, log_level="warning")
    return 0
