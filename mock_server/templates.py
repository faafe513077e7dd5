"""The Jinja environment every API renders its mails and pages with."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment, Template


class TemplateFolder:
    """A folder's templates. The environment is built, and Jinja imported, by the first
    template asked for (issue 15: cold start: Jinja's import is ~30 ms no start needs)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cached_property
    def environment(self) -> Environment:
        """HTML escaped, a missing variable an error (not an empty string in a mail), trailing
        newlines kept (text mails)."""
        from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

        return Environment(
            loader=FileSystemLoader(self.folder),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )

    def get_template(self, name: str) -> Template:
        return self.environment.get_template(name)


def templates_beside(module_file: str) -> TemplateFolder:
    """Templates from the ``templates`` folder next to ``module_file``."""
    return TemplateFolder(Path(module_file).parent / "templates")
