"""``mock-server validate``: every document is valid and every operation has a handler."""

from __future__ import annotations

import argparse
import sys

HELP = "check every document in specs/ and that each operation has a handler"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    from ..validate import find_problems

    problems = find_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("all documents valid, every operation has a handler")
    return 0
