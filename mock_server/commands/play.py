"""``mock-server play``: run a scenario's steps against any base URL, the mock or a real service.

Prints a transcript, can write it as Markdown, and exits 1 on the first mismatch. Against the
mock it plays in a fresh namespace, first switched into the scenario (its seed records and
rules; ``--no-activate`` leaves it as the server made it), and removes that namespace
afterwards unless ``--keep-namespace`` (or ``--namespace``) says otherwise.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

HELP = "run a scenario's steps against a base URL and print a transcript"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=Path, help="a scenario file, e.g. scenarios/send-email-mail-types.yaml")
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="base URL of the target (default: the local mock)")
    parser.add_argument("--namespace", help="X-Mock-Namespace to send (default: a fresh play-<scenario>-<hex>); kept afterwards")
    parser.add_argument("--activate", action=argparse.BooleanOptionalAction, default=None,
                        help="first put the namespace into this scenario (PUT /_mock/scenario); "
                             "default: yes when the target is the mock")
    parser.add_argument("--keep-namespace", action="store_true", help="keep the fresh namespace for inspection")
    parser.add_argument("--markdown", type=Path, help="also write the transcript as Markdown to this file")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")


def run(args: argparse.Namespace) -> int:
    import httpx

    from ..contract.targets import MockBackend
    from ..scenarios.loader import ScenarioError, load_scenario
    from ..scenarios.play import play
    from ..scenarios.transcript import as_markdown, as_text

    try:
        scenario = load_scenario(args.scenario)
    except (ScenarioError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 2
    is_mock = MockBackend.detect(args.url) is not None
    activate = is_mock if args.activate is None else args.activate
    namespace = args.namespace or f"play-{scenario.name}-{secrets.token_hex(3)}"
    headers = {"X-Mock-Namespace": namespace}
    try:
        with httpx.Client(base_url=args.url, timeout=args.timeout) as client:
            if activate:
                switched = client.put("/_mock/scenario", json={"name": scenario.name}, headers=headers)
                if switched.status_code != 200:
                    print(f"could not activate {scenario.name}: {switched.status_code} {switched.text}", file=sys.stderr)
                    return 2
            try:
                result = play(scenario, client, namespace)
            finally:
                if is_mock and not (args.namespace or args.keep_namespace):
                    client.post("/_mock/reset", headers=headers)
    except httpx.TransportError as error:
        print(f"mock-server play: {args.url} cannot be reached ({error})", file=sys.stderr)
        return 2
    print(as_text(result))
    if not result.passed and not activate and (scenario.seed or scenario.rules):
        print(f"(the namespace was not switched into {scenario.name}, whose seed records and rules the steps may "
              "expect: run with --activate, or serve with --scenario)", file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(as_markdown(result), encoding="utf-8")
    return 0 if result.passed else 1
