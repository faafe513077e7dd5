"""``mock-server play``: run a scenario's steps against any base URL, the mock or a real service.

Prints a transcript, can write it as Markdown, and exits 1 on the first mismatch.
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
    parser.add_argument("--namespace", help="X-Mock-Namespace to send (default: a fresh play-<scenario>-<hex>)")
    parser.add_argument("--activate", action="store_true",
                        help="first put the namespace into this scenario (PUT /_mock/scenario; the mock only)")
    parser.add_argument("--markdown", type=Path, help="also write the transcript as Markdown to this file")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")


def run(args: argparse.Namespace) -> int:
    import httpx

    from ..scenarios.loader import ScenarioError, load_scenario
    from ..scenarios.play import play
    from ..scenarios.transcript import as_markdown, as_text

    try:
        scenario = load_scenario(args.scenario)
    except (ScenarioError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 2
    namespace = args.namespace or f"play-{scenario.name}-{secrets.token_hex(3)}"
    with httpx.Client(base_url=args.url, timeout=args.timeout) as client:
        if args.activate:
            switched = client.put("/_mock/scenario", json={"name": scenario.name}, headers={"X-Mock-Namespace": namespace})
            if switched.status_code != 200:
                print(f"could not activate {scenario.name}: {switched.status_code} {switched.text}", file=sys.stderr)
                return 2
        result = play(scenario, client, namespace)
    print(as_text(result))
    if args.markdown:
        args.markdown.write_text(as_markdown(result), encoding="utf-8")
    return 0 if result.passed else 1
