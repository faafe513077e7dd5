"""``mock-server compare``: how faithful is the mock to a real service?

Generates positive and negative requests from the API's documents (seeded: a rerun sends the
same ones), sends each to the mock (a fresh namespace) and to ``--url`` in the same order,
follows the documents' links on each side with that side's own ids, and reports per
operation where the two disagree: status class, exact status, error code, body shape.
``--operation`` / ``--operation-regex`` limit the run to some operations. Exits 1 when they
disagree anywhere, 2 on a usage error (a selection that names no operation, say).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "send the same generated requests to the mock and a real backend; report where they disagree"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("api", help="API name (e.g. wildduck)")
    parser.add_argument("--url", required=True, help="the real backend's origin; the real base paths are added")
    parser.add_argument("--mock-url", default="http://127.0.0.1:8080", help="the running mock (default %(default)s)")
    parser.add_argument("--auth", action="append", default=[], metavar="SCHEME=VALUE", help="credential for the real backend (repeatable; env CONFORM_<API>_<SCHEME>)")
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE", help="extra header for the real backend (repeatable)")
    parser.add_argument("--max-examples", type=int, default=10, help="positive and negative cases per operation (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="generation seed (default %(default)s)")
    parser.add_argument("--report", type=Path, metavar="FILE", help="write every disagreement as JSON here")
    parser.add_argument("--operation", action="append", default=[], metavar="OP", help="compare only this operation: 'METHOD /path' as documented or an operationId (repeatable; links out of it are still followed)")
    parser.add_argument("--operation-regex", action="append", default=[], metavar="REGEX", help="compare only operations whose 'METHOD /path' or operationId this regex matches (repeatable)")
    parser.add_argument("--details", type=int, default=3, help="example disagreements printed per operation (default %(default)s)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from ..contract.compare import CompareRequest, compare
    from ..contract.selection import OperationSelection
    from ..contract.targets import TargetError

    try:
        selection = OperationSelection.parse(args.operation, args.operation_regex)
    except ValueError as error:
        print(f"mock-server compare: {error}", file=sys.stderr)
        return 2
    request = CompareRequest(
        api=args.api, url=args.url, mock_url=args.mock_url, auth=tuple(args.auth), headers=tuple(args.header),
        max_examples=args.max_examples, seed=args.seed, report=args.report, details=args.details, selection=selection,
    )  # fmt: skip
    try:
        return compare(request)
    except TargetError as error:
        print(f"mock-server compare: {error}", file=sys.stderr)
        return 2
