"""``mock-server``: serve the mocked APIs and work with their documents.

Each subcommand is a module in ``mock_server.commands`` (see its docstring).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import commands
from .collector import collector_paused
from .compiled_once import compiled_once


def main(argv: list[str] | None = None) -> int:
    # the commands' modules import Connexion (serve's flags name its log formats)
    with collector_paused(), compiled_once():
        parser = argparse.ArgumentParser(prog="mock-server", description=__doc__.splitlines()[0])
        subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
        for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda info: info.name):
            module = importlib.import_module(f"{commands.__name__}.{info.name}")
            command = subparsers.add_parser(info.name, help=module.HELP, description=module.__doc__)
            module.add_arguments(command)
            command.set_defaults(run=module.run)
        args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
