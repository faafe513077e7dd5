"""``mock-server proxy``: a validating reverse proxy in front of a real backend.

Forwards every request to ``--target`` unchanged and returns the answer unchanged, checking
both against the API's documents. Each violation is reported in an ``X-Contract-Violation``
response header (with ``X-Contract-Violations: <count>``) and as a note in the proxy's request
journal, ``GET /_mock/journal``. Point a frontend or a test suite at the proxy to learn where
the real service and the spec part ways.
"""

from __future__ import annotations

import argparse

HELP = "forward to a real backend, reporting every request and response that breaks the spec"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("api", help="API name whose documents judge the traffic (e.g. wildduck)")
    parser.add_argument("--target", required=True, help="backend origin, e.g. http://127.0.0.1:8090")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=8081, help="port (default %(default)s)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..contract.proxy_app import ContractProxy
    from ..contract.targets import TargetError, registry_api

    try:
        api = registry_api(args.api)
    except TargetError as error:
        print(f"mock-server proxy: {error}")
        return 2
    print(f"mock-server proxy: http://{args.host}:{args.port}/ -> {args.target}  ({api.name}; journal at /_mock/journal)")
    uvicorn.run(
        ContractProxy(api, args.target), host=args.host, port=args.port,
        date_header=False, server_header=False, log_level="warning",
    )  # fmt: skip
    return 0
