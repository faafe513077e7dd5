"""``mock-server conform``: does a backend honour an API's documents?

Runs Schemathesis with the project's strict profile (``schemathesis.toml``: every check,
positive and negative data, no 5xx accepted) through every phase, the stateful one following
the documents' OpenAPI links, against the mock or a real service. Against the mock each API
runs in a fresh namespace of its own with the mock's seeded credentials; against anything else
credentials come from ``--auth SCHEME=VALUE``, ``CONFORM_<API>_<SCHEME>`` or ``--header``.
Per operation it reports whether any case reached a 2xx; an operation whose success path was
never reached fails the run unless ``--allow-unreached 'OP=why'`` accepts it. Exits non-zero
on any failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "run the strict contract tests of an API (or --all) against a backend"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("api", nargs="?", help="API name, as listed by GET /_mock/apis (e.g. send-email)")
    parser.add_argument("--all", action="store_true", help="every API of the running mock at --url")
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="backend origin; the real base paths are added (default %(default)s)")
    parser.add_argument("--auth", action="append", default=[], metavar="SCHEME=VALUE", help="credential for a security scheme of the spec (repeatable; env CONFORM_<API>_<SCHEME>)")
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE", help="extra header on every request (repeatable)")
    parser.add_argument("--seed", type=int, help="Schemathesis seed")
    parser.add_argument("--max-examples", type=int, help="generated cases per operation and phase (profile default 25)")
    parser.add_argument("--report", type=Path, metavar="DIR", help="write <api>-<spec>.junit.xml, .har and .ndjson here")
    parser.add_argument("--workers", type=int, default=1, help="concurrent Schemathesis workers (default 1: reproducible)")
    parser.add_argument("--include-server-wide", action="store_true", help="on the mock, also run control operations that touch every namespace (import, reset, clearing the journal)")
    parser.add_argument("--allow-unreached", action="append", default=[], metavar="OP=WHY", help="accept that operation OP ('METHOD /path' or operationId) got no 2xx, for the reason given (repeatable); any other such operation fails the run")
    parser.add_argument("--keep-namespace", action="store_true", help="on the mock, keep each run's namespace for inspection")
    parser.add_argument("--config-file", type=Path, help="Schemathesis profile (default: the project's schemathesis.toml)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from ..contract.conform import ConformRequest, conform_all, conform_api
    from ..contract.runner import PROFILE, RunOptions
    from ..contract.targets import TargetError

    if bool(args.api) == bool(args.all):
        print("mock-server conform: give one API name or --all", file=sys.stderr)
        return 2
    options = RunOptions(
        max_examples=args.max_examples, seed=args.seed, report_dir=args.report,
        config_file=args.config_file or PROFILE, workers=args.workers,
    )  # fmt: skip
    request = ConformRequest(
        url=args.url, options=options, auth=tuple(args.auth), headers=tuple(args.header),
        include_server_wide=args.include_server_wide, keep_namespace=args.keep_namespace,
        allow_unreached=tuple(args.allow_unreached),
    )  # fmt: skip
    try:
        return conform_all(request) if args.all else conform_api(args.api, request)
    except TargetError as error:
        print(f"mock-server conform: {error}", file=sys.stderr)
        return 2
