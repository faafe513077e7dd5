"""``mock-server wait``: return once a mock server answers, for a CI step that started
``serve`` in the background; exit 1 if it does not within the timeout."""

from __future__ import annotations

import argparse
import sys

HELP = "wait until a mock server answers (for scripts that start serve in the background)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="base URL of the server (default: the local mock)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait at most (default 30)")


def run(args: argparse.Namespace) -> int:
    from ..readiness import NotReady, wait_until_up

    try:
        health = wait_until_up(args.url, args.timeout)
    except NotReady as exc:
        print(f"mock-server: {exc}", file=sys.stderr)
        return 1
    print(f"mock-server: {args.url} is up (seed={health.get('seed')}, namespaces={health.get('namespaces')})")
    return 0
