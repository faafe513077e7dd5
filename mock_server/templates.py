"""The Jinja environment every API renders its mails and pages with."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


def templates_beside(module_file: str) -> Environment:
    """Templates from the ``templates`` folder next to ``module_file``: HTML escaped, a missing
    variable an error (not an empty string in a mail), trailing newlines kept (text mails)."""
    return Environment(
        loader=FileSystemLoader(Path(module_file).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
